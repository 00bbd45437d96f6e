import type { Node } from 'web-tree-sitter';
import { argsOf, calleeOf, isPkgCall, unparen } from '../analysis/calls.js';
import { constInt, type FuncInfo, type PackageFuncs, packageFuncs, resolveLocal } from '../analysis/funcs.js';
import { isCTypeName } from '../analysis/types.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

/** `C.GoString` and friends run in Go; they never enter C. */
const GO_SIDE_HELPERS = new Set(['GoString', 'GoStringN', 'GoBytes']);

/** A constant loop count below this is a fixed number of goroutines, not an unbounded fan-out. */
const FIXED_COUNT_LIMIT = 1000;

/** Loop bounds whose names say they count workers, not work items. */
const WORKER_COUNT_NAME = /worker|parallel|concurren|procs|cpus?\b|threads|pool|limit|slots|maxgo/i;

const GO_TEXT = /\bgo\s+[A-Za-z_(]|\.Go\(/;

export const CGO010: PackageRule = {
  id: 'CGO010',
  name: 'unbounded-cgo-goroutines',
  severity: 'info',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'a goroutine per loop iteration makes cgo calls with nothing bounding how many run at once',
  prefilter: /"C"[ \t]*(?:\r?\n|\/\/|\/\*|;)/,
  trainer: { difficulty: 2, essential: ['ResizeAll', 'resize'] },
  docs: {
    symptom:
      'Under a burst of work the process dies:\n\n```\nruntime: program exceeds 10000-thread limit\n' +
      'fatal error: thread exhaustion\n```\n\nor, earlier, when the system or container thread limit is lower:\n\n' +
      '```\nruntime/cgo: pthread_create failed: Resource temporarily unavailable\nSIGABRT: abort\n```\n\n' +
      'Before that, memory grows by a thread stack (often 8 MB of reserved address space) per blocked call.',
    why:
      'A goroutine that is inside a C function keeps its OS thread for the whole call: the scheduler cannot ' +
      'run other goroutines on it. When a loop starts one goroutine per item and each calls into C, the ' +
      'runtime creates a new thread for every goroutine that is blocked in C at the same time. Goroutines ' +
      'are cheap; threads are not, and the runtime stops the program at `debug.SetMaxThreads` (10000 by ' +
      'default).',
    fix:
      'Bound the number of goroutines that can be in C at once: a buffered channel used as a semaphore, ' +
      '`errgroup.Group.SetLimit`, or a fixed pool of workers reading from a channel:\n\n```go\n' +
      'sem := make(chan struct{}, runtime.GOMAXPROCS(0))\nfor _, img := range images {\n' +
      '\tsem <- struct{}{}\n\tgo func(img string) {\n\t\tdefer func() { <-sem }()\n\t\tresize(img)\n\t}(img)\n}\n```\n\n' +
      'A `sync.WaitGroup` with one `Add(1)` per item only waits for the goroutines; it does not limit them.',
    versions: 'Every Go release with cgo. `debug.SetMaxThreads` exists since Go 1.2.',
    references: [
      'runtime/debug.SetMaxThreads',
      "cmd/cgo documentation: a C call blocks the calling goroutine's thread",
      'golang.org/x/sync/errgroup: Group.SetLimit',
    ],
    bad: [
      {
        title: 'One goroutine per file, each blocking in a C image library',
        files: [
          {
            name: 'thumbs.go',
            text:
              'package thumbs\n\n/*\n#include <unistd.h>\nstatic void resize_file(int id) { usleep(100000); }\n*/\n' +
              'import "C"\n\nimport "sync"\n\nfunc resize(id int) { C.resize_file(C.int(id)) }\n\n' +
              'func ResizeAll(ids []int) {\n\tvar wg sync.WaitGroup\n\tfor _, id := range ids {\n\t\twg.Add(1)\n' +
              '\t\tgo func(id int) {\n\t\t\tdefer wg.Done()\n\t\t\tresize(id)\n\t\t}(id)\n\t}\n\twg.Wait()\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'A semaphore channel caps the goroutines in C at GOMAXPROCS',
        files: [
          {
            name: 'thumbs.go',
            text:
              'package thumbs\n\n/*\n#include <unistd.h>\nstatic void resize_file(int id) { usleep(100000); }\n*/\n' +
              'import "C"\n\nimport (\n\t"runtime"\n\t"sync"\n)\n\nfunc resize(id int) { C.resize_file(C.int(id)) }\n\n' +
              'func ResizeAll(ids []int) {\n\tvar wg sync.WaitGroup\n\tsem := make(chan struct{}, runtime.GOMAXPROCS(0))\n' +
              '\tfor _, id := range ids {\n\t\twg.Add(1)\n\t\tsem <- struct{}{}\n\t\tgo func(id int) {\n' +
              '\t\t\tdefer func() { <-sem; wg.Done() }()\n\t\t\tresize(id)\n\t\t}(id)\n\t}\n\twg.Wait()\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const pkg = ctx.pkg;
    // Some file must call into C, and some file must start goroutines.
    if (!pkg.files.some((f) => f.text.includes('"C"') && /\bC\.[A-Za-z_]\w*\s*\(/.test(f.text))) return;
    const starters = pkg.files.filter((f) => GO_TEXT.test(f.text));
    if (starters.length === 0) return;
    const pf = packageFuncs(pkg);
    const cgo = new CgoReach(pf);
    for (const file of starters) {
      for (const fn of pf.fileFuncs(file)) {
        for (const g of fn.goStmts) {
          checkSpawn(ctx, pf, cgo, fn, g.node, g.call, () => g.targets, 'go');
        }
        if (!file.text.includes('.Go(')) continue;
        for (const c of fn.calls) {
          const spawned = groupGoTargets(pf, file, c.call);
          if (spawned) checkSpawn(ctx, pf, cgo, fn, c.call, c.call, () => spawned, 'group');
        }
      }
    }
  },
};

type Ctx = Parameters<PackageRule['check']>[0];

function checkSpawn(
  ctx: Ctx,
  pf: PackageFuncs,
  cgo: CgoReach,
  owner: FuncInfo,
  at: Node,
  call: Node,
  targetsOf: () => FuncInfo[],
  kind: 'go' | 'group',
): void {
  const file = owner.file;
  const loop = enclosingLoop(at, owner);
  if (!loop) return;
  // `go C.f(x)` starts the C call itself.
  const direct = kind === 'go' ? cCallName(file, call) : null;
  const targets = targetsOf();
  if (targets.length === 0 && !direct) return;
  const first = direct ? { name: direct } : cgo.firstCall(targets);
  if (!first) return;
  if (kind === 'group' && groupLimited(file, owner)) return;
  if (semaphoreInLoop(pf, loop, at, call, targets)) return;
  if (joinedInIteration(loop, at, call, targets)) return;
  if (fixedCount(pf, file, loop, targets)) return;
  if (targets.length > 0 && targets.every((t) => acquiresBeforeC(cgo, t))) return;
  const via = 'via' in first && first.via ? ` (through ${first.via})` : '';
  const starter = kind === 'go' ? 'a goroutine' : 'a group goroutine';
  ctx.report({
    file,
    at,
    message:
      `each loop iteration starts ${starter} that calls C.${first.name}${via}, and nothing bounds how many run ` +
      'at once; every goroutine inside a C call holds its own OS thread, so a large batch can hit the 10000-thread ' +
      'limit ("fatal error: thread exhaustion"); bound it with a semaphore channel, errgroup SetLimit or a fixed ' +
      'worker pool',
  });
}

// --- which goroutines reach C ----------------------------------------------------------------

interface FirstC {
  name: string;
  /** The package function the call is reached through, when not direct. */
  via?: string;
}

class CgoReach {
  private direct = new Map<FuncInfo, string | null>();
  constructor(private readonly pf: PackageFuncs) {}

  /** The first C function a function calls itself (not through callees), or null. */
  directC(fn: FuncInfo): string | null {
    let v = this.direct.get(fn);
    if (v !== undefined) return v;
    v = null;
    if (fn.file.text.includes('"C"')) {
      for (const site of [...fn.calls, ...fn.defers]) {
        const name = cCallName(fn.file, site.call);
        if (name) {
          v = name;
          break;
        }
      }
    }
    this.direct.set(fn, v);
    return v;
  }

  /** The first C call reachable from the goroutine's functions (synchronous calls, literals). */
  firstCall(roots: FuncInfo[]): FirstC | null {
    for (const r of roots) {
      const d = this.directC(r);
      if (d) return { name: d };
    }
    for (const fn of this.pf.reachableFrom(roots, { literals: true })) {
      const d = this.directC(fn);
      if (d) return { name: d, via: fn.name ? fn.name : undefined };
    }
    return null;
  }
}

/** `C.name(...)` that enters C: not a conversion to a C type, not a Go-side helper. */
function cCallName(file: GoFile, call: Node): string | null {
  const c = calleeOf(file, call);
  if (c?.pkg !== 'C') return null;
  if (GO_SIDE_HELPERS.has(c.name) || isCTypeName(file, c.name)) return null;
  return c.name;
}

/** `g.Go(func() error {...})` (errgroup, sync.WaitGroup.Go): the functions it starts. */
function groupGoTargets(pf: PackageFuncs, file: GoFile, call: Node): FuncInfo[] | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Go') return null;
  const c = calleeOf(file, call);
  if (c?.pkg) return null;
  const args = argsOf(call);
  if (args.length !== 1) return null;
  const targets = pf.resolveFuncExpr(file, args[0]);
  return targets.length > 0 ? targets : null;
}

/** errgroup's SetLimit (or a conc pool's WithMaxGoroutines) in the function or the file. */
function groupLimited(file: GoFile, owner: FuncInfo): boolean {
  return /\.SetLimit\(|WithMaxGoroutines\(/.test(file.text) || /\.SetLimit\(/.test(owner.node.text);
}

// --- loops and bounds ------------------------------------------------------------------------

/** The innermost `for` statement around `n` inside its own function. */
function enclosingLoop(n: Node, owner: FuncInfo): Node | null {
  for (let p = n.parent; p && p.id !== owner.node.id; p = p.parent) {
    if (p.type === 'func_literal') return null;
    if (p.type === 'for_statement') return p;
  }
  return null;
}

/** Text of every expression the goroutine can see: the go call (arguments included) and its targets' bodies. */
function goroutineText(call: Node, targets: FuncInfo[]): string {
  return [call.text, ...targets.map((t) => t.body?.text ?? '')].join('\n');
}

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text);
}

/** Channel operations and Acquire calls in the loop body outside any func literal, with positions. */
function loopOps(loop: Node): { node: Node; channel: string; kind: 'send' | 'recv' | 'acquire' | 'wait' }[] {
  const body = loop.childForFieldName('body');
  if (!body) return [];
  const out: { node: Node; channel: string; kind: 'send' | 'recv' | 'acquire' | 'wait' }[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'func_literal' || n.type === 'go_statement') return;
    if (n.type === 'send_statement') {
      const ch = n.childForFieldName('channel');
      if (ch) out.push({ node: n, channel: ch.text, kind: 'send' });
    } else if (n.type === 'unary_expression' && n.child(0)?.type === '<-') {
      const ch = n.childForFieldName('operand');
      if (ch) out.push({ node: n, channel: ch.text, kind: 'recv' });
    } else if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'selector_expression') {
        const field = fn.childForFieldName('field')?.text ?? '';
        const recv = fn.childForFieldName('operand')?.text ?? '';
        if (/^(Acquire|TryAcquire)$/.test(field)) out.push({ node: n, channel: recv, kind: 'acquire' });
        else if (field === 'Wait') out.push({ node: n, channel: recv, kind: 'wait' });
      }
    }
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(body);
  return out;
}

/**
 * `sem <- struct{}{}` (or `<-tokens`, `sem.Acquire(ctx, 1)`) in the loop before the goroutine
 * starts, on a channel or semaphore the goroutine also uses (to release it).
 */
function semaphoreInLoop(pf: PackageFuncs, loop: Node, at: Node, call: Node, targets: FuncInfo[]): boolean {
  const seen = goroutineText(call, targets);
  const releasers = pf.reachableFrom(targets, { literals: true });
  const inGoroutine = (name: string) =>
    mentions(seen, name) || [...releasers].some((f) => f.body !== null && mentions(f.body.text, name));
  return loopOps(loop).some(
    (op) => op.node.startIndex < at.startIndex && op.kind !== 'wait' && inGoroutine(op.channel),
  );
}

/** The loop waits for the goroutine in the same iteration: `<-done` or `wg.Wait()` after it. */
function joinedInIteration(loop: Node, at: Node, call: Node, targets: FuncInfo[]): boolean {
  const seen = goroutineText(call, targets);
  return loopOps(loop).some(
    (op) =>
      op.node.startIndex > at.endIndex &&
      (op.kind === 'recv' || op.kind === 'wait') &&
      mentions(seen, op.channel),
  );
}

/**
 * A loop that starts a fixed number of goroutines: `for i := 0; i < N; i++` or `for range N`
 * with N a constant below the limit, `runtime.NumCPU()`/`GOMAXPROCS(0)`, or a name that counts
 * workers; or any counted loop whose goroutine is a worker draining a channel.
 */
function fixedCount(pf: PackageFuncs, file: GoFile, loop: Node, targets: FuncInfo[]): boolean {
  const table = rangedLiteralSize(pf, loop);
  if (table !== null) return table < FIXED_COUNT_LIMIT;
  const bound = loopBound(pf, file, loop);
  if (!bound) return false;
  if (/^(len|cap)\s*\(/.test(bound.text)) return false;
  const k = constInt(pf.pkg, file, bound) ?? fixedLocal(pf, file, bound);
  if (k !== null) return k < FIXED_COUNT_LIMIT;
  if (bound.type === 'call_expression' && isPkgCall(file, bound, 'runtime', ['NumCPU', 'GOMAXPROCS']))
    return true;
  if (/^[\w.]+$/.test(bound.text) && WORKER_COUNT_NAME.test(bound.text.split('.').pop() ?? '')) return true;
  return targets.some((t) => drainsChannel(t));
}

/**
 * A local set once from a constant and never changed (`m := 16`, `var n = 4`): its value. Null
 * for anything else, including a local that is assigned, incremented or has its address taken.
 */
function fixedLocal(pf: PackageFuncs, file: GoFile, bound: Node): number | null {
  const id = unparen(bound);
  if (id.type !== 'identifier') return null;
  const decl = resolveLocal(id);
  if (!decl) return null;
  // `m := 16` (the name sits in an expression list) or `var n = 4` (directly in the var_spec).
  const stmt = decl.parent?.type === 'expression_list' ? decl.parent.parent : decl.parent;
  if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'var_spec')) return null;
  const names =
    stmt.type === 'var_spec'
      ? stmt.childrenForFieldName('name').filter((n): n is Node => n !== null)
      : (stmt.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? []);
  const values = stmt.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
  const i = names.findIndex((n) => n.id === decl.id);
  const value = names.length === values.length ? values[i] : null;
  const k = value ? constInt(pf.pkg, file, value) : null;
  if (k === null) return null;
  // Never written again in the function that declares it.
  let fn: Node | null = stmt.parent;
  while (fn && !['function_declaration', 'method_declaration', 'func_literal'].includes(fn.type))
    fn = fn.parent;
  if (!fn) return null;
  for (const use of fn.descendantsOfType('identifier')) {
    if (!use || use.id === decl.id || use.text !== decl.text || resolveLocal(use)?.id !== decl.id) continue;
    let v: Node = use;
    while (v.parent?.type === 'parenthesized_expression') v = v.parent;
    const p = v.parent;
    if (p?.type === 'inc_statement' || p?.type === 'dec_statement') return null;
    if (p?.type === 'unary_expression' && p.child(0)?.type === '&') return null;
    if (p?.type === 'expression_list' && p.parent?.type === 'assignment_statement') {
      if (p.parent.childForFieldName('left')?.id === p.id) return null;
    }
  }
  return k;
}

/**
 * `for _, tt := range tests` where tests is a composite literal written in the code (a table of
 * cases): the number of its elements. Null when the ranged value is not such a literal.
 */
function rangedLiteralSize(pf: PackageFuncs, loop: Node): number | null {
  const clause = loop.namedChildren.find((c) => c?.type === 'range_clause');
  let right = clause?.childForFieldName('right');
  if (!right) return null;
  right = unparen(right);
  if (right.type === 'composite_literal') return literalSize(right);
  if (right.type !== 'identifier') return null;
  const decl = resolveLocal(right);
  if (decl) {
    const spec = decl.parent;
    const stmt = spec?.type === 'expression_list' ? spec.parent : spec;
    const value = stmt?.childForFieldName(stmt.type === 'var_spec' ? 'value' : 'right');
    const only =
      value?.type === 'expression_list' && value.namedChildCount === 1 ? value.namedChild(0) : value;
    return only?.type === 'composite_literal' ? literalSize(only) : null;
  }
  for (const f of pf.pkg.files) {
    if (!f.text.includes(right.text)) continue;
    for (const d of f.decls) {
      if (d.kind !== 'var' || d.name !== right.text) continue;
      const value = d.node.childForFieldName('value');
      const only =
        value?.type === 'expression_list' && value.namedChildCount === 1 ? value.namedChild(0) : value;
      return only?.type === 'composite_literal' ? literalSize(only) : null;
    }
  }
  return null;
}

function literalSize(lit: Node): number {
  return lit.childForFieldName('body')?.namedChildCount ?? 0;
}

/** N in `for i := 0; i < N; i++`, `for i := N; i > 0; i--` or `for i := range N` (an integer). */
function loopBound(pf: PackageFuncs, file: GoFile, loop: Node): Node | null {
  const clause = loop.namedChildren.find((c) => c?.type === 'for_clause' || c?.type === 'range_clause');
  if (!clause) return null;
  if (clause.type === 'range_clause') {
    const right = clause.childForFieldName('right');
    if (!right) return null;
    if (right.type === 'int_literal') return right;
    if (right.type === 'call_expression' && /NumCPU|GOMAXPROCS/.test(right.text)) return right;
    // `range n` over an int only when n is declared as an integer constant or count nearby.
    if (right.type === 'identifier') {
      if (constInt(pf.pkg, file, right) !== null) return right;
      const decl = resolveLocal(right);
      const spec = decl?.parent;
      if (decl && /\bint\b/.test(spec?.childForFieldName('type')?.text ?? '')) return right;
      if (!decl && WORKER_COUNT_NAME.test(right.text)) return right;
    }
    return null;
  }
  const cond = clause.childForFieldName('condition');
  if (cond?.type !== 'binary_expression') return null;
  const op = cond.childForFieldName('operator')?.text;
  const left = cond.childForFieldName('left');
  const right = cond.childForFieldName('right');
  if (!left || !right) return null;
  if (op === '<' || op === '<=' || op === '!=') return left.type === 'identifier' ? right : null;
  if (op === '>' || op === '>=') return right.type === 'identifier' ? left : null;
  return null;
}

/** The goroutine is a worker: it loops receiving from a channel (`for j := range jobs`, `<-jobs` in a loop). */
function drainsChannel(fn: FuncInfo): boolean {
  const body = fn.body;
  if (!body) return false;
  for (const loop of body.descendantsOfType('for_statement')) {
    if (!loop) continue;
    const clause = loop.namedChildren.find((c) => c?.type === 'range_clause');
    const right = clause?.childForFieldName('right');
    if (right && isChannelExpr(right)) return true;
    const inner = loop.childForFieldName('body');
    if (inner?.descendantsOfType('unary_expression').some((u) => u?.child(0)?.type === '<-')) return true;
  }
  return false;
}

function isChannelExpr(expr: Node): boolean {
  if (expr.type !== 'identifier') return /chan|<-/.test(expr.text);
  const decl = resolveLocal(expr);
  if (!decl) return false;
  const spec = decl.parent;
  const type = spec?.childForFieldName('type')?.text ?? '';
  if (/\bchan\b/.test(type)) return true;
  const stmt = spec?.type === 'expression_list' ? spec.parent : spec;
  return /make\(\s*(<-)?\s*chan\b/.test(stmt?.text ?? '');
}

/** The goroutine acquires a semaphore, a lock or a channel token before its first C call. */
function acquiresBeforeC(cgo: CgoReach, fn: FuncInfo): boolean {
  if (!fn.body) return false;
  // Position of the first call that enters C, directly or through a package function.
  let firstC = -1;
  for (const site of fn.calls) {
    const reaches =
      cCallName(fn.file, site.call) !== null ||
      (site.targets.length > 0 && cgo.firstCall(site.targets) !== null);
    if (reaches) {
      firstC = site.call.startIndex;
      break;
    }
  }
  if (firstC < 0) return false;
  const walk = (n: Node): boolean => {
    if (n.startIndex >= firstC) return false;
    if (n.type === 'func_literal') return false;
    if (n.type === 'send_statement' && n.endIndex <= firstC) return true;
    if (n.type === 'unary_expression' && n.child(0)?.type === '<-' && n.endIndex <= firstC) return true;
    if (n.type === 'call_expression' && n.endIndex <= firstC) {
      const f = n.childForFieldName('function');
      const field = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : undefined;
      if (field && /^(Lock|Acquire)$/.test(field)) return true;
    }
    return n.namedChildren.some((c) => c !== null && walk(c));
  };
  return walk(fn.body);
}
