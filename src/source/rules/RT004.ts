import type { Node } from 'web-tree-sitter';
import { argsOf, calleeOf, isPkgCall, unparen } from '../analysis/calls.js';
import {
  declaredFuncNames,
  type FuncInfo,
  funcBodyAt,
  type PackageFuncs,
  packageFuncs,
  resolveLocal,
  textFuncsOf,
} from '../analysis/funcs.js';
import type { GoFile, Package } from '../model.js';
import type { PackageRule } from '../rule.js';

/** `go func`, `go name(`, `go x.name(`: where a `go` statement may start, from the text. */
const GO_STMT = /(^|[\s;{}])go[ \t]+(func\b|[A-Za-z_][\w.]*)/gm;

const PANIC_TEXT = /panic\(|Panic(?:f|ln)?\(/;

/** Messages that mark a state the author considers impossible. */
const IMPOSSIBLE =
  /unreachable|not ?reached|can(?:no|')t happen|should(?:n't| not) (?:happen|get here|be reached)|should never|never happens?|impossible/i;

/** Builtin `name(...)` (not shadowed by a local). */
function isBuiltinCall(call: Node, name: string): boolean {
  const fn = unparen(call.childForFieldName('function') ?? call);
  return fn.type === 'identifier' && fn.text === name && resolveLocal(fn) === null;
}

/** `panic(v)`, or `log.Panic*` which logs and then panics. */
function isPanic(file: GoFile, call: Node): boolean {
  return isBuiltinCall(call, 'panic') || isPkgCall(file, call, 'log', ['Panic', 'Panicf', 'Panicln']);
}

/** The string literals an argument is built from (`"a" + x`, `fmt.Sprintf("...")`, `errors.New("...")`). */
function messageText(file: GoFile, arg: Node): string {
  const a = unparen(arg);
  if (a.type === 'interpreted_string_literal' || a.type === 'raw_string_literal') return a.text;
  if (a.type === 'binary_expression')
    return a.namedChildren.map((c) => (c ? messageText(file, c) : '')).join(' ');
  if (
    a.type === 'call_expression' &&
    isPkgCall(file, a, ['fmt', 'errors'], ['Sprintf', 'Sprint', 'Errorf', 'New'])
  ) {
    const first = argsOf(a)[0];
    return first ? messageText(file, first) : '';
  }
  return '';
}

/** The panic calls a function makes itself (not in nested literals), impossible-state ones left out. */
function directPanics(fn: FuncInfo): Node[] {
  return fn.calls
    .map((c) => c.call)
    .filter((call) => {
      if (!isPanic(fn.file, call)) return false;
      // Impossible-state panics are assertions, not failure handling.
      if (argsOf(call).some((a) => IMPOSSIBLE.test(messageText(fn.file, a)))) return false;
      return !IMPOSSIBLE.test(adjacentComments(call));
    });
}

/**
 * The comments that annotate a panic statement: the run of comment lines right above it in its
 * block (`// The runtime should never produce ...` before `panic(...)`) and a comment that ends
 * its line.
 */
function adjacentComments(call: Node): string {
  let stmt: Node = call;
  while (stmt.parent && stmt.parent.type !== 'block' && stmt.parent.type !== 'statement_list')
    stmt = stmt.parent;
  const out: string[] = [];
  let row = stmt.startPosition.row;
  // Comments before the first statement of a block are siblings of its statement list.
  const before = (n: Node): Node | null =>
    n.previousSibling ?? (n.parent?.type === 'statement_list' ? n.parent.previousSibling : null);
  for (let p = before(stmt); p?.type === 'comment' && p.endPosition.row === row - 1; p = before(p)) {
    out.push(p.text);
    row = p.startPosition.row;
  }
  const next = stmt.nextSibling;
  if (next?.type === 'comment' && next.startPosition.row === stmt.endPosition.row) out.push(next.text);
  return out.join('\n');
}

/** A deferred call that stops a panic: a function that calls recover() itself. */
function deferRecovers(file: GoFile, call: Node, targets: FuncInfo[]): boolean {
  // `defer recover()`: recover is not called by a deferred function, it returns nil.
  if (isBuiltinCall(call, 'recover')) return false;
  if (targets.length > 0) return targets.some((t) => t.calls.some((c) => isBuiltinCall(c.call, 'recover')));
  // A helper from another package (or one we cannot resolve): trust a name that says it recovers.
  const name = calleeOf(file, call)?.name ?? '';
  return /recover|panic|rescue|crash/i.test(name);
}

function recovers(fn: FuncInfo): boolean {
  return fn.defers.some((d) => deferRecovers(fn.file, d.call, d.targets));
}

/** Text check: may the function this `go` starts contain a panic? */
function mayPanic(pkg: Package, file: GoFile, start: string, at: number, depth = 0): boolean {
  if (start === 'func') {
    const { bodyStart, bodyEnd } = funcBodyAt(file.text, at);
    return bodyStart >= 0 && PANIC_TEXT.test(file.text.slice(bodyStart, bodyEnd));
  }
  const name = start.slice(start.lastIndexOf('.') + 1);
  const declared = pkg.files.some((f) => {
    const names = declaredFuncNames(f);
    return names.funcs.has(name) || names.methods.has(name);
  });
  if (!declared) {
    // A local function value: `work := func() {...}` or `h := s.handle` in this file.
    if (start.includes('.') || depth > 0) return false;
    for (const m of file.text.matchAll(new RegExp(`\\b${name}\\s*:?=\\s*(func\\b|[A-Za-z_][\\w.]*)`, 'g'))) {
      if (mayPanic(pkg, file, m[1], (m.index ?? 0) + m[0].length - m[1].length, depth + 1)) return true;
    }
    return false;
  }
  for (const f of pkg.files) {
    const names = declaredFuncNames(f);
    if (!names.funcs.has(name) && !names.methods.has(name)) continue;
    for (const tf of textFuncsOf(f)) {
      if (tf.name === name && tf.bodyStart >= 0 && PANIC_TEXT.test(f.text.slice(tf.bodyStart, tf.bodyEnd)))
        return true;
    }
  }
  return false;
}

/** The `go` keyword at `at` is code, not in a line comment (block comments are rare enough). */
function inLineComment(text: string, at: number): boolean {
  return text.slice(text.lastIndexOf('\n', at) + 1, at).includes('//');
}

function describe(fn: FuncInfo): string {
  if (fn.kind === 'literal') return 'the function literal';
  return fn.recv ? `${fn.recv}.${fn.name}` : fn.name;
}

function check(pf: PackageFuncs, file: GoFile, goNode: Node): { target: FuncInfo; panic: Node } | null {
  const call = goNode.namedChildren.find((c) => c?.type === 'call_expression');
  if (!call) return null;
  for (const target of pf.resolveCall(file, call)) {
    if (recovers(target)) continue;
    const panics = directPanics(target);
    if (panics.length > 0) return { target, panic: panics[0] };
  }
  return null;
}

export const RT004: PackageRule = {
  id: 'RT004',
  name: 'goroutine-panic-unrecovered',
  severity: 'warning',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'A goroutine can panic with nothing to recover it',
  prefilter: /panic\(|Panic/,
  trainer: { difficulty: 2, essential: ['Atoi'] },
  docs: {
    symptom:
      'The whole process dies, not just the goroutine: `panic: ...` followed by `goroutine N [running]:` ' +
      'and the stack of the goroutine that panicked, then `exit status 2`. Deferred calls in `main` (flushes, ' +
      'cleanups) do not run, and every other request in flight is lost with it.',
    why:
      "Panics unwind only the goroutine they occur in. If none of that goroutine's deferred functions " +
      'calls `recover()`, the runtime prints the panic and ends the program. A `recover` in the function ' +
      'that started the goroutine (or in `main`) cannot catch it: Go has no parent/child relation between ' +
      'goroutines and no per-goroutine fault isolation. `defer recover()` does not work either: `recover` ' +
      'stops a panic only when a deferred function calls it directly.',
    fix:
      'Turn the failure into a value and send it back (`errCh <- err`, `errgroup.Group`), or, where a ' +
      'crash must be contained (a server handling untrusted input), defer a function that recovers at the ' +
      'top of the goroutine:\n\n```go\ngo func() {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n' +
      '\t\t\tlog.Printf("worker: %v", r)\n\t\t}\n\t}()\n\twork()\n}()\n```',
    versions: 'All releases.',
    references: [
      'The Go Programming Language Specification, "Handling panics"',
      'Effective Go, "Recover"',
      'src/runtime/panic.go (fatalpanic)',
    ],
    bad: [
      {
        title: 'A background loader that panics on a bad record',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"fmt"\n\t"strconv"\n\t"time"\n)\n\n' +
              'func main() {\n\tgo func() {\n\t\tfor _, s := range []string{"1", "x"} {\n\t\t\tn, err := strconv.Atoi(s)\n' +
              '\t\t\tif err != nil {\n\t\t\t\tpanic(err)\n\t\t\t}\n\t\t\tfmt.Println(n)\n\t\t}\n\t}()\n' +
              '\ttime.Sleep(100 * time.Millisecond)\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Errors travel back on a channel',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"fmt"\n\t"strconv"\n)\n\n' +
              'func main() {\n\terrs := make(chan error, 1)\n\tgo func() {\n\t\tdefer close(errs)\n' +
              '\t\tfor _, s := range []string{"1", "x"} {\n\t\t\tn, err := strconv.Atoi(s)\n' +
              '\t\t\tif err != nil {\n\t\t\t\terrs <- err\n\t\t\t\treturn\n\t\t\t}\n\t\t\tfmt.Println(n)\n\t\t}\n\t}()\n' +
              '\tif err := <-errs; err != nil {\n\t\tfmt.Println("load failed:", err)\n\t}\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    let pf: PackageFuncs | null = null;
    for (const file of ctx.pkg.files) {
      if (!file.text.includes('go ') && !file.text.includes('go\t')) continue;
      for (const m of file.text.matchAll(GO_STMT)) {
        const at = (m.index ?? 0) + m[1].length;
        if (inLineComment(file.text, at)) continue;
        const funcAt = file.text.indexOf(m[2], at + 2);
        if (!mayPanic(ctx.pkg, file, m[2], funcAt)) continue;
        const goNode = file.root.descendantForIndex(at, at + 2)?.parent;
        if (goNode?.type !== 'go_statement' || goNode.startIndex !== at) continue;
        pf ??= packageFuncs(ctx.pkg);
        const hit = check(pf, file, goNode);
        if (!hit) continue;
        const p = hit.panic;
        const where =
          hit.target.file === file
            ? `line ${p.startPosition.row + 1}`
            : `${hit.target.file.name}:${p.startPosition.row + 1}`;
        ctx.report({
          file,
          at: goNode,
          message:
            `${describe(hit.target)} run by this goroutine panics (${where}) and no deferred function in it calls ` +
            'recover(): the panic ends the whole process with exit status 2, skipping the deferred calls of main.',
          related: [{ file: hit.target.file.path, line: p.startPosition.row + 1, message: 'the panic' }],
          fix: {
            description:
              'return the error to the caller (a channel, errgroup) or defer a recover at the top of the goroutine',
          },
        });
      }
    }
  },
};
