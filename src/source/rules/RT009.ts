import type { Node } from 'web-tree-sitter';
import {
  argsOf,
  calleeOf,
  callsIn,
  type DefinitionKind,
  definitionsIn,
  enclosingFunction,
  importNames,
  outerFunction,
  unparen,
} from '../analysis/calls.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

/** Names of calls that may end the process; found in the text before any tree walk. */
const EXIT_NAME =
  /(?<!\b(?:t|b|tb|f)\.)\b(?:Exit|Exec|Fatal|Fatalf|Fatalln|FatalDepth|Exitf|Exitln|ExitDepth)\s*\(/g;
const LOG_FATAL = ['Fatal', 'Fatalf', 'Fatalln'];
/** Logging packages whose package-level Fatal and Exit functions call os.Exit. */
const EXITING_LOGGERS: Record<string, string[]> = {
  log: LOG_FATAL,
  'github.com/sirupsen/logrus': [...LOG_FATAL, 'Exit'],
  'github.com/golang/glog': [...LOG_FATAL, 'FatalDepth', 'Exit', 'Exitf', 'Exitln', 'ExitDepth'],
  'k8s.io/klog': [...LOG_FATAL, 'FatalDepth', 'Exit', 'Exitf', 'Exitln', 'ExitDepth'],
  'k8s.io/klog/v2': [...LOG_FATAL, 'FatalDepth', 'Exit', 'Exitf', 'Exitln', 'ExitDepth'],
};
const BUILTINS = new Set([
  'close',
  'recover',
  'print',
  'println',
  'panic',
  'delete',
  'append',
  'len',
  'copy',
  'clear',
]);
/** Methods whose deferred call the end of the process makes moot. */
const MOOT_METHODS = new Set([
  'Unlock',
  'RUnlock',
  'Done',
  'Wait',
  'End',
  'Finish',
  'Cancel',
  'Reset',
  'Release',
  'Put',
  'Set',
  'Store',
  'Add',
]);

interface Ctx {
  file: GoFile;
  files: GoFile[];
  /** TestMain: every deferred call that is not known to be moot counts. */
  relaxed: boolean;
  depth: number;
  seen: Set<string>;
}

type Verdict = { kind: 'work'; what: string } | { kind: 'moot' } | { kind: 'unknown' };

const MOOT: Verdict = { kind: 'moot' };
const UNKNOWN: Verdict = { kind: 'unknown' };
const work = (what: string): Verdict => ({ kind: 'work', what });

function isStdPath(path: string): boolean {
  return !path.split('/')[0].includes('.');
}

/** What a receiver or argument can have been given: short vars, `=`, vars, parameters. */
const VALUE_DEFINITIONS: readonly DefinitionKind[] = [
  'short_var_declaration',
  'assignment_statement',
  'var_spec',
  'parameter_declaration',
];

/** Definitions of `name` in its function, else at package level. */
function definitions(ctx: Ctx, at: Node, name: string): { values: Node[]; types: string[] } {
  const local = definitionsIn(outerFunction(at), name, VALUE_DEFINITIONS);
  if (local.values.length || local.types.length) return local;
  const values: Node[] = [];
  const types: string[] = [];
  for (const f of ctx.files) {
    if (!f.text.includes(name)) continue;
    for (const d of f.root.namedChildren) {
      if (d?.type !== 'var_declaration') continue;
      const r = definitionsIn(d, name, VALUE_DEFINITIONS);
      values.push(...r.values);
      types.push(...r.types);
    }
  }
  return { values, types };
}

const WRITE_FLAGS = /O_WRONLY|O_RDWR|O_APPEND|O_CREATE|O_TRUNC/;

/** Is the value a writer whose Close does work: compressors, archive writers, files opened for writing. */
function writerValue(ctx: Ctx, v: Node): string | null {
  const e = unparen(v);
  if (e.type !== 'call_expression') return null;
  const c = calleeOf(ctx.file, e);
  if (!c) return null;
  if (/^New\w*Writer\w*$/.test(c.name)) return `a writer from ${c.name}`;
  if (c.pkg === 'os' && (c.name === 'Create' || c.name === 'CreateTemp'))
    return `a file created with os.${c.name}`;
  if (c.pkg === 'io/ioutil' && c.name === 'TempFile') return 'a file created with ioutil.TempFile';
  if (c.pkg === 'os' && c.name === 'OpenFile' && WRITE_FLAGS.test(argsOf(e)[1]?.text ?? '')) {
    return 'a file opened for writing';
  }
  return null;
}

/** What `recv.Close()` closes, when it is known to be a writer. */
function writerReceiver(ctx: Ctx, recv: Node): string | null {
  const r = unparen(recv);
  if (r.type === 'call_expression') return writerValue(ctx, r);
  if (r.type !== 'identifier') return null;
  const defs = definitions(ctx, r, r.text);
  for (const v of defs.values) {
    const w = writerValue(ctx, v);
    if (w) return w;
  }
  for (const t of defs.types) {
    if (/Writer|WriteCloser/.test(t)) return `a ${t}`;
  }
  return null;
}

/** The callee of the value a receiver identifier was assigned from (`t := time.NewTicker(d)` → NewTicker). */
function receiverOrigins(ctx: Ctx, recv: Node): { pkg?: string; name: string }[] {
  const r = unparen(recv);
  if (r.type === 'call_expression') {
    const c = calleeOf(ctx.file, r);
    return c ? [c] : [];
  }
  if (r.type !== 'identifier') return [];
  const out: { pkg?: string; name: string }[] = [];
  for (const v of definitions(ctx, r, r.text).values) {
    const e = unparen(v);
    if (e.type !== 'call_expression') continue;
    const c = calleeOf(ctx.file, e);
    if (c) out.push(c);
  }
  return out;
}

const STOPPABLE =
  /srv|server|tracer|trace|profil|provider|recorder|exporter|agent|collector|pipeline|reporter/i;

function stopVerdict(ctx: Ctx, recv: Node, text: string): Verdict {
  const origins = receiverOrigins(ctx, recv);
  if (origins.some((o) => o.pkg === 'time' || o.pkg === 'os/signal')) return MOOT;
  const base = unparen(recv);
  const name =
    base.type === 'identifier'
      ? base.text
      : base.type === 'selector_expression'
        ? (base.childForFieldName('field')?.text ?? '')
        : '';
  if (/tick|timer/i.test(name)) return MOOT;
  if (
    origins.some((o) => /Start|Server|Tracer|Profil|Provider|Recorder|Exporter/.test(o.name)) ||
    STOPPABLE.test(name)
  ) {
    return work(`${text} (pending work of the server, tracer or profiler is dropped)`);
  }
  return UNKNOWN;
}

/** A deferred call's verdict: work the OS will not do at exit, moot, or unknown. */
function callVerdict(ctx: Ctx, call: Node): Verdict {
  const c = calleeOf(ctx.file, call);
  if (!c) return UNKNOWN;
  const text = call.text.length > 60 ? `${call.text.slice(0, 57)}...` : call.text;
  const args = argsOf(call);
  if (c.pkg) {
    const p = c.pkg;
    if (p === 'os' && (c.name === 'Remove' || c.name === 'RemoveAll'))
      return work(`${text} (the files stay behind)`);
    if (p === 'runtime/pprof' && (c.name === 'StopCPUProfile' || c.name.startsWith('Write'))) {
      return work(`${text} (the profile is left truncated or unwritten)`);
    }
    if (p === 'runtime/trace' && c.name === 'Stop') return work(`${text} (the trace is left truncated)`);
    if (/(^|\/)(term|terminal)$/.test(p) && c.name === 'Restore')
      return work(`${text} (the terminal stays in raw mode)`);
    if (
      (p === 'syscall' || p === 'golang.org/x/sys/unix') &&
      c.name === 'Flock' &&
      /LOCK_UN/.test(args[1]?.text ?? '')
    ) {
      return work(`${text} (the file lock is not released by this code)`);
    }
    if (p === 'golang.org/x/sys/unix' && /^IoctlSetTermios?$/.test(c.name))
      return work(`${text} (the terminal settings are not restored)`);
    if (['Flush', 'Sync', 'Shutdown', 'ForceFlush'].includes(c.name))
      return work(`${text} (buffered data is dropped)`);
    if (c.pkg === 'C') return UNKNOWN;
    return isStdPath(p) ? MOOT : UNKNOWN;
  }
  if (c.recv) {
    switch (c.name) {
      case 'Flush':
      case 'Sync':
      case 'ForceFlush':
        return work(`${text} (buffered data is never written)`);
      case 'Shutdown':
        return work(`${text} (the graceful shutdown never happens)`);
      case 'Close': {
        const w = writerReceiver(ctx, c.recv);
        if (!w) return MOOT;
        // An *os.File has no user-space buffer: its writes already reached the kernel, so what
        // the exit loses is the Close error (a failed delayed write on NFS, a full quota).
        if (/file (created with|opened for writing)/.test(w)) {
          return work(`${text} (${w}: its Close, and any write error only Close reports, never happen)`);
        }
        return work(`${text} (${w}: its buffered or trailing data is never written)`);
      }
      case 'Stop':
        return stopVerdict(ctx, c.recv, text);
      case 'Unlock':
      case 'Release': {
        if (
          receiverOrigins(ctx, c.recv).some((o) => o.pkg && /lock/i.test(o.pkg) && !o.pkg.startsWith('sync'))
        ) {
          return work(`${text} (the lock file is not released)`);
        }
        return MOOT;
      }
    }
    return MOOT_METHODS.has(c.name) ? MOOT : UNKNOWN;
  }
  // A plain identifier: a builtin, a cancel func, a local closure or a package function.
  if (BUILTINS.has(c.name)) return MOOT;
  return identVerdict(ctx, call, c.name, text);
}

function identVerdict(ctx: Ctx, call: Node, name: string, text: string): Verdict {
  if (ctx.depth > 3 || ctx.seen.has(name)) return UNKNOWN;
  const local = definitionsIn(outerFunction(call), name, VALUE_DEFINITIONS).values;
  const inner: Ctx = { ...ctx, depth: ctx.depth + 1, seen: new Set([...ctx.seen, name]) };
  for (const v of local) {
    const e = unparen(v);
    if (e.type === 'func_literal') {
      const body = e.childForFieldName('body');
      if (body) return named(bodyVerdict(inner, body), text);
    }
    if (e.type === 'call_expression') {
      const c = calleeOf(ctx.file, e);
      // ctx, cancel := context.WithTimeout(...); stop := signal.NotifyContext(...)
      if (c?.pkg === 'context' || c?.pkg === 'os/signal') return MOOT;
    }
  }
  if (local.length) return UNKNOWN;
  for (const f of ctx.files) {
    if (!f.text.includes(`func ${name}(`) && !f.text.includes(`func ${name}[`)) continue;
    for (const d of f.root.namedChildren) {
      if (d?.type !== 'function_declaration' || d.childForFieldName('name')?.text !== name) continue;
      const body = d.childForFieldName('body');
      if (!body) return UNKNOWN;
      return named(bodyVerdict({ ...inner, file: f }, body), text);
    }
  }
  return UNKNOWN;
}

function named(v: Verdict, text: string): Verdict {
  return v.kind === 'work' ? work(`${text}, which calls ${v.what}`) : v;
}

/** Verdict of a function body: work if any call does work, else unknown if any call is unknown. */
function bodyVerdict(ctx: Ctx, body: Node): Verdict {
  let unknown = false;
  for (const call of callsIn(body)) {
    // A call that is only the function of another call (f()()) is judged with it.
    const v = callVerdict(ctx, call);
    if (v.kind === 'work') return v;
    if (v.kind === 'unknown') unknown = true;
  }
  return unknown ? UNKNOWN : MOOT;
}

function deferVerdict(ctx: Ctx, stmt: Node): Verdict {
  const call = stmt.namedChildren.find((n) => n?.type === 'call_expression');
  if (!call) return UNKNOWN;
  const fn = unparen(call.childForFieldName('function') ?? call);
  if (fn.type === 'func_literal') {
    const body = fn.childForFieldName('body');
    return body ? bodyVerdict(ctx, body) : MOOT;
  }
  return callVerdict(ctx, call);
}

/** Is `call` an exit that skips deferred calls? Returns its label. */
function exitLabel(file: GoFile, files: GoFile[], call: Node): string | null {
  const c = calleeOf(file, call);
  if (!c) return null;
  if (c.pkg) {
    if (c.pkg === 'os' && c.name === 'Exit') return 'os.Exit';
    if (c.pkg === 'syscall' && (c.name === 'Exit' || c.name === 'Exec')) return `syscall.${c.name}`;
    if (c.pkg === 'golang.org/x/sys/unix' && (c.name === 'Exit' || c.name === 'Exec'))
      return `unix.${c.name}`;
    const names = EXITING_LOGGERS[c.pkg];
    if (names?.includes(c.name))
      return `${
        c.pkg === 'log'
          ? 'log'
          : c.pkg
              .split('/')
              .filter((s) => !/^v\d+$/.test(s))
              .pop()
      }.${c.name}`;
    return null;
  }
  if (!c.recv || !(LOG_FATAL.includes(c.name) || c.name === 'Exit')) return null;
  const kind = loggerReceiver(file, files, c.recv);
  return kind ? `${kind === 'logrus' ? 'logrus' : '(*log.Logger)'}.${c.name}` : null;
}

/** A receiver known to be a *log.Logger (or a logrus entry chain, whose Fatal exits too). */
function loggerReceiver(file: GoFile, files: GoFile[], recv: Node): 'log' | 'logrus' | null {
  const names = importNames(file);
  const r = unparen(recv);
  if (r.type === 'call_expression') {
    const c = calleeOf(file, r);
    if (c?.pkg === 'log' && (c.name === 'Default' || c.name === 'New')) return 'log';
    // logrus.WithError(err).Fatal(...), log.WithField(...).WithField(...).Fatal(...)
    for (let cur: Node | null = r; cur?.type === 'call_expression'; ) {
      const cc = calleeOf(file, cur);
      if (cc?.pkg === 'github.com/sirupsen/logrus') return 'logrus';
      if (!cc?.recv) break;
      cur = unparen(cc.recv);
    }
    return null;
  }
  const logNames = [...names].filter(([, p]) => p === 'log').map(([n]) => n);
  const typeRe = logNames.length ? new RegExp(`^\\*?(${logNames.join('|')})\\.Logger$`) : null;
  let ident: string | null = null;
  let field: string | null = null;
  if (r.type === 'identifier') ident = r.text;
  else if (r.type === 'selector_expression') field = r.childForFieldName('field')?.text ?? null;
  if (ident) {
    const ctx: Ctx = { file, files, relaxed: false, depth: 0, seen: new Set() };
    const defs = definitions(ctx, r, ident);
    for (const v of defs.values) {
      const e = unparen(v);
      if (e.type === 'call_expression') {
        const c = calleeOf(file, e);
        if (c?.pkg === 'log' && (c.name === 'New' || c.name === 'Default')) return 'log';
        if (c?.pkg === 'github.com/sirupsen/logrus') return 'logrus';
      }
    }
    return typeRe && defs.types.some((t) => typeRe.test(t.replace(/\s+/g, ''))) ? 'log' : null;
  }
  if (field && typeRe) {
    // A struct field declared as *log.Logger in this file.
    for (const fd of file.root.descendantsOfType('field_declaration')) {
      if (!fd?.childrenForFieldName('name').some((n) => n?.text === field)) continue;
      const t = fd.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '';
      if (typeRe.test(t)) return 'log';
    }
  }
  return null;
}

/** The statement list a node sits directly in, walking up to (not past) `stop`. */
function ancestors(n: Node, stop: Node): Node[] {
  const out: Node[] = [];
  for (let p = n.parent; p && p.id !== stop.id; p = p.parent) out.push(p);
  out.push(stop);
  return out;
}

/** Can control reach `exit` with the defer `d` already registered (both in function `fn`)? */
function deferPendingAt(d: Node, exit: Node, fn: Node): boolean {
  if (exit.startIndex < d.endIndex) return false;
  const dAnc = ancestors(d, fn);
  const ids = new Set(dAnc.map((n) => n.id));
  let lca: Node | null = null;
  let exitChild: Node | null = exit;
  for (let p = exit.parent; p; p = p.parent) {
    if (ids.has(p.id)) {
      lca = p;
      break;
    }
    exitChild = p;
  }
  if (!lca) return false;
  const deferChild = [d, ...dAnc].find((n) => n.parent?.id === lca!.id) ?? null;
  // Different branches of one if/switch/select.
  if (
    ['if_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement'].includes(
      lca.type,
    )
  ) {
    if (deferChild && exitChild && deferChild.id !== exitChild.id) return false;
  }
  // The defer sits in a nested block that always returns before reaching the exit.
  for (const a of dAnc) {
    if (a.id === lca.id) break;
    if (a.type === 'statement_list' || a.type === 'block') {
      const stmts = (
        a.type === 'block' ? (a.namedChildren.find((n) => n?.type === 'statement_list') ?? a) : a
      ).namedChildren;
      const last = stmts[stmts.length - 1];
      if (last?.type === 'return_statement') return false;
    }
  }
  return true;
}

/** The deferred statement's work was also done explicitly between the defer and `exit`. */
function doneExplicitly(
  stmt: Node,
  fnCalls: { text: string; start: number; deferred: boolean }[],
  exit: Node,
): boolean {
  const call = stmt.namedChildren.find((n) => n?.type === 'call_expression');
  if (!call) return false;
  const fnExpr = unparen(call.childForFieldName('function') ?? call);
  const wanted =
    fnExpr.type === 'func_literal'
      ? callsIn(fnExpr).filter((c) =>
          /\.(Close|Flush|Sync|Shutdown|Stop)$/.test(c.childForFieldName('function')?.text ?? ''),
        )
      : [call];
  if (wanted.length === 0) return false;
  const texts = new Set(wanted.map((c) => c.text));
  const seen = new Set<string>();
  for (const c of fnCalls) {
    if (c.start <= stmt.endIndex || c.start >= exit.startIndex || c.deferred) continue;
    if (texts.has(c.text)) seen.add(c.text);
  }
  return seen.size === texts.size;
}

/** An exit-like call in the text: os.Exit, log.Fatal, logger.Fatalf, syscall.Exec... (not t.Fatal). */
const EXIT_TEXT = /\.Exit(?:f|ln|Depth)?\(|(?<!\b(?:t|b|tb|f|base|v)\.)Fatal(?:f|ln|Depth)?\(|\.Exec\(/g;

/**
 * Cheap text test before any parse: some exit-like call with a `defer` earlier in the same
 * top-level function (approximated by the text since the last line starting with `func`).
 * `t.Fatal`, which runs the deferred calls, is the commonest `Fatal` and does not count.
 */
function mayExit(text: string): boolean {
  if (!text.includes('defer')) return false;
  for (const m of text.matchAll(EXIT_TEXT)) {
    if (m[0] === '.Exec(' && !/"syscall"|x\/sys\/unix"/.test(text)) continue;
    const fnStart = text.lastIndexOf('\nfunc ', m.index);
    if (fnStart >= 0 && text.slice(fnStart, m.index).includes('defer')) return true;
  }
  return false;
}

export const RT009: PackageRule = {
  id: 'RT009',
  name: 'exit-skips-defers',
  severity: 'warning',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'os.Exit, log.Fatal or Exec after a defer that does real work',
  prefilter: /Exit\(|Fatal|Exec\(/,
  trainer: { difficulty: 2, essential: ['writeReport', 'Flush'] },
  docs: {
    symptom:
      'Output files end early or are empty (the last buffered kilobytes never reach the file, a `.gz` ' +
      'file fails with `unexpected EOF`, a zip has no central directory), ' +
      'temporary directories pile up in /tmp, a CPU profile is truncated, spans and metrics of the last ' +
      'seconds never reach the collector, or the terminal stays in raw mode — but only on the path ' +
      'that exits through `os.Exit` or `log.Fatal`.',
    why:
      '`os.Exit` ends the process immediately: it does not unwind the stack, so the deferred calls of ' +
      'every active function are skipped. `log.Fatal*` is `Print` followed by `os.Exit(1)`, and ' +
      '`syscall.Exec` replaces the process image. The kernel closes descriptors and frees memory at ' +
      'exit, but it knows nothing about user-space buffers (bufio, gzip, csv, archive writers, logger ' +
      'buffers), temporary files that should be removed, profiles and traces that still need their ' +
      'trailer, or terminal modes to restore.',
    fix:
      'Keep the exit out of the function that owns the defers: move the work into `func run() error` ' +
      '(or `int`) and call `os.Exit` in `main` after `run` returns, so every defer has run. In ' +
      '`TestMain`, run the tests and the cleanup in a helper and pass its result to `os.Exit` ' +
      '(since Go 1.15 `TestMain` may also simply return). Otherwise flush or close explicitly before ' +
      'exiting.',
    versions: 'Every Go release.',
    references: [
      'os.Exit documentation ("deferred functions are not run")',
      'log.Fatal documentation',
      'testing package documentation, section "Main"',
    ],
    bad: [
      {
        title: 'log.Fatal skips the deferred Flush',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"log"\n\t"os"\n)\n\n' +
              'func writeReport(rows []string) {\n' +
              '\tout := bufio.NewWriter(os.Stdout)\n\tdefer out.Flush()\n' +
              '\tfor i, r := range rows {\n\t\tif r == "" {\n\t\t\tlog.Fatalf("row %d is empty", i)\n\t\t}\n' +
              '\t\tfmt.Fprintln(out, r)\n\t}\n}\n\n' +
              'func main() { writeReport(os.Args[1:]) }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Return an error and exit in main after the defers ran',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"log"\n\t"os"\n)\n\n' +
              'func writeReport(rows []string) error {\n' +
              '\tout := bufio.NewWriter(os.Stdout)\n\tdefer out.Flush()\n' +
              '\tfor i, r := range rows {\n\t\tif r == "" {\n\t\t\treturn fmt.Errorf("row %d is empty", i)\n\t\t}\n' +
              '\t\tfmt.Fprintln(out, r)\n\t}\n\treturn nil\n}\n\n' +
              'func main() {\n\tif err := writeReport(os.Args[1:]); err != nil {\n\t\tlog.Fatal(err)\n\t}\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const files = ctx.pkg.files;
    for (const file of files) {
      if (!mayExit(file.text)) continue;
      // Find the exit calls by their names in the text, then look only at their functions.
      const byFn = new Map<number, { fn: Node; calls: Node[] }>();
      for (const m of file.text.matchAll(EXIT_NAME)) {
        const name = file.root.descendantForIndex(m.index);
        let call = name?.parent ?? null;
        if (call?.type === 'selector_expression') call = call.parent;
        if (call?.type !== 'call_expression') continue;
        if (call.parent?.type === 'defer_statement' || call.parent?.type === 'go_statement') continue;
        const fn = enclosingFunction(call);
        if (!fn?.text.includes('defer')) continue;
        const g = byFn.get(fn.id) ?? { fn, calls: [] };
        g.calls.push(call);
        byFn.set(fn.id, g);
      }
      for (const { fn, calls } of byFn.values()) {
        const ds = fn
          .descendantsOfType('defer_statement')
          .filter((d): d is Node => d !== null && enclosingFunction(d)?.id === fn.id);
        if (ds.length === 0) continue;
        const firstDefer = Math.min(...ds.map((d) => d.endIndex));
        const exits: { call: Node; label: string }[] = [];
        for (const call of calls) {
          if (call.startIndex < firstDefer) continue;
          const label = exitLabel(file, files, call);
          if (label) exits.push({ call, label });
        }
        if (exits.length === 0) continue;
        const fnName = fn.type === 'function_declaration' ? (fn.childForFieldName('name')?.text ?? '') : '';
        const relaxed = fnName === 'TestMain';
        const ectx: Ctx = { file, files, relaxed, depth: 0, seen: new Set() };
        const counted: { stmt: Node; what: string }[] = [];
        for (const d of ds) {
          const v = deferVerdict(ectx, d);
          const inner = d.namedChildren.find((n) => n?.type === 'call_expression');
          if (v.kind === 'work') counted.push({ stmt: d, what: v.what });
          else if (relaxed && v.kind === 'unknown') {
            const t = inner?.text ?? d.text;
            counted.push({
              stmt: d,
              what: `${t.length > 60 ? `${t.slice(0, 57)}...` : t} (the test cleanup never runs)`,
            });
          }
        }
        if (counted.length === 0) continue;
        const fnCalls = callsIn(fn).map((c) => ({
          text: c.text,
          start: c.startIndex,
          deferred: c.parent?.type === 'defer_statement',
        }));
        for (const { call, label } of exits) {
          const skipped = counted.filter(
            (c) => deferPendingAt(c.stmt, call, fn) && !doneExplicitly(c.stmt, fnCalls, call),
          );
          if (skipped.length === 0) continue;
          const first = skipped[0];
          const line = first.stmt.startPosition.row + 1;
          const more = skipped.length > 1 ? ` and ${skipped.length - 1} more deferred call(s)` : '';
          const how =
            label.startsWith('syscall.Exec') || label.startsWith('unix.Exec')
              ? 'replaces the process'
              : 'ends the process';
          const advice = relaxed
            ? 'run the tests and the cleanup in a helper and pass its result to os.Exit (or just return from TestMain, Go 1.15+)'
            : 'return an error or exit code to a caller that exits after the defers have run, or do the work explicitly before exiting';
          ctx.report({
            file,
            at: call,
            message: `${label} ${how} without running the deferred ${first.what} from line ${line}${more}; ${advice}`,
            related: skipped.map((s) => ({
              file: file.path,
              line: s.stmt.startPosition.row + 1,
              message: `deferred call skipped by ${label}`,
            })),
            fix: { description: advice },
          });
        }
      }
    }
  },
};
