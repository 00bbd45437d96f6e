import type { Node } from 'web-tree-sitter';
import type { Related } from '../../core/finding.js';
import { argsOf, calleeOf, importNames, unparen } from '../analysis/calls.js';
import {
  baseTypeName,
  codeOnly,
  constInt,
  declaredFuncNames,
  type FuncInfo,
  localInitializer,
  type PackageFuncs,
  packageFuncs,
  resolveLocal,
  textFuncsOf,
} from '../analysis/funcs.js';
import type { GoFile, Package } from '../model.js';
import type { PackageRule } from '../rule.js';

// ---------------------------------------------------------------------------------------------
// Text pre-check: can anything init reaches block at all? Most inits only register things.

/** Words that may start a blocking operation (`range` is judged separately: over a channel?). */
const BLOCK_HINT = /<-|\.Wait\(|\bselect\s*\{/;
const RANGE_OVER = /\brange\s+(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*\{/g;
const CALLED = /([A-Za-z_]\w*)\s*\(/g;

const BEFORE_CHAN = /\b([A-Za-z_]\w*)\s*(?:(?::=|=|:)\s*make\(\s*|\s(?:<-\s*)?)$/;

/**
 * Names the package's code declares as channels (`x := make(chan`, `x chan T`, `x: make(chan`),
 * from the text before each `chan` keyword on its line; line comments do not count.
 */
function chanNames(pkg: Package): Set<string> {
  const out = new Set<string>();
  for (const f of pkg.files) {
    const t = f.text;
    for (let i = t.indexOf('chan'); i >= 0; i = t.indexOf('chan', i + 4)) {
      const start = t.lastIndexOf('\n', i) + 1;
      const before = t.slice(Math.max(start, i - 80), i);
      if (before.includes('//')) continue;
      const m = BEFORE_CHAN.exec(before);
      if (m) out.add(m[1]);
    }
  }
  return out;
}

function mayBlock(pkg: Package): boolean {
  if (!pkg.files.some((f) => f.text.includes('func init('))) return false;
  const seen = new Set<string>(['init']);
  let chans: Set<string> | null = null;
  const bodies = (name: string, methods: boolean): string[] => {
    const out: string[] = [];
    for (const f of pkg.files) {
      const names = declaredFuncNames(f);
      if (!names.funcs.has(name) && !(methods && names.methods.has(name))) continue;
      for (const tf of textFuncsOf(f))
        if (tf.name === name && tf.bodyStart >= 0 && (methods || tf.recv === undefined))
          out.push(codeOnly(f.text.slice(tf.bodyStart, tf.bodyEnd)));
    }
    return out;
  };
  const work = bodies('init', false);
  while (work.length > 0) {
    const body = work.pop()!;
    if (BLOCK_HINT.test(body)) return true;
    if (body.includes('range')) {
      for (const m of body.matchAll(RANGE_OVER)) {
        chans ??= chanNames(pkg);
        if (chans.has(m[1])) return true;
      }
    }
    for (const m of body.matchAll(CALLED)) {
      if (seen.has(m[1])) continue;
      seen.add(m[1]);
      work.push(...bodies(m[1], true));
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Keys: which channel / WaitGroup / Cond an expression denotes, as far as syntax tells.
//   g:name     package-level variable         f:name   a struct field (any value of any type)
//   v:file:i   local variable                 p:file:i a parameter (bound to the caller's key
//   x:path.n   another package's variable              when known; otherwise matches anything)

type Binding = Map<string, string>;

function keyOf(file: GoFile, expr: Node, binding: Binding, depth = 0): string | null {
  const e = unparen(expr);
  if (depth > 6) return null;
  if (e.type === 'unary_expression' && (e.child(0)?.type === '&' || e.child(0)?.type === '*')) {
    const op = e.childForFieldName('operand');
    return op ? keyOf(file, op, binding, depth + 1) : null;
  }
  if (e.type === 'selector_expression') {
    const op = e.childForFieldName('operand');
    const field = e.childForFieldName('field')?.text;
    if (!op || !field) return null;
    if (op.type === 'identifier' && importNames(file).has(op.text) && !resolveLocal(op))
      return `x:${importNames(file).get(op.text)}.${field}`;
    return `f:${field}`;
  }
  if (e.type !== 'identifier') return null;
  const decl = resolveLocal(e);
  if (!decl) {
    if (importNames(file).has(e.text) || e.text === '_' || e.text === 'nil') return null;
    return `g:${e.text}`;
  }
  const d = decl.parent;
  if (d?.type === 'parameter_declaration' || d?.type === 'variadic_parameter_declaration') {
    const k = `p:${file.path}:${decl.startIndex}`;
    const bound = binding.get(k);
    // '' marks a parameter whose argument we could not key: unknown, never matched.
    return bound === undefined ? k : bound || null;
  }
  // `c := ch`, `c := s.ready`: a copy denotes the same channel.
  const init = localInitializer(decl);
  if (init) {
    const v = unparen(init);
    if (
      v.type === 'identifier' ||
      v.type === 'selector_expression' ||
      (v.type === 'unary_expression' && v.child(0)?.type === '&')
    ) {
      const k = keyOf(file, v, binding, depth + 1);
      if (k) return k;
    }
  }
  return `v:${file.path}:${decl.startIndex}`;
}

/** What a key's declaration says it is. */
interface KeyInfo {
  kind: 'chan' | 'wg' | 'cond' | 'unknown';
  /** Channels: false when made without capacity (or capacity 0), true with one, null unknown. */
  buffered: boolean | null;
  /**
   * The value is created by this package (`make(chan T)`, a struct field of a package type, a
   * WaitGroup/Cond variable), not handed over by a call whose goroutines we cannot see.
   */
  made: boolean;
}

const UNKNOWN: KeyInfo = { kind: 'unknown', buffered: null, made: false };

function typeInfo(file: GoFile, type: Node | null, value: Node | null, pkg: Package): KeyInfo {
  if (value) {
    const v = unparen(value);
    if (v.type === 'call_expression') {
      const fn = v.childForFieldName('function');
      const args = argsOf(v);
      if (fn?.type === 'identifier' && fn.text === 'make' && args[0]?.type === 'channel_type') {
        if (args.length < 2) return { kind: 'chan', buffered: false, made: true };
        const cap = constInt(pkg, file, args[1]);
        return { kind: 'chan', buffered: cap === null ? null : cap > 0, made: true };
      }
      if (fn?.type === 'identifier' && fn.text === 'new' && args[0])
        return typeInfo(file, args[0], null, pkg);
      const c = calleeOf(file, v);
      if (c?.pkg === 'sync' && c.name === 'NewCond') return { kind: 'cond', buffered: null, made: true };
    }
    if (v.type === 'unary_expression' && v.child(0)?.type === '&') {
      const op = v.childForFieldName('operand');
      if (op?.type === 'composite_literal') return typeInfo(file, op.childForFieldName('type'), null, pkg);
    }
    if (v.type === 'composite_literal') return typeInfo(file, v.childForFieldName('type'), null, pkg);
  }
  if (!type) return UNKNOWN;
  if (type.type === 'channel_type') return { kind: 'chan', buffered: null, made: false };
  const name = baseTypeName(type.text);
  const m = /^([A-Za-z_]\w*)\.(WaitGroup|Cond)$/.exec(name);
  if (m && importNames(file).get(m[1]) === 'sync')
    return { kind: m[2] === 'Cond' ? 'cond' : 'wg', buffered: null, made: true };
  return UNKNOWN;
}

class Keys {
  private readonly cache = new Map<string, KeyInfo>();
  constructor(
    private readonly pkg: Package,
    private readonly pf: PackageFuncs,
  ) {}

  /** What a key denotes, from its declaration (for a bound parameter: the caller's argument). */
  info(file: GoFile, key: string): KeyInfo {
    if (key.startsWith('g:')) return this.global(key.slice(2));
    if (key.startsWith('f:')) return this.field(key.slice(2));
    if (key.startsWith('v:') || key.startsWith('p:')) {
      const cached = this.cache.get(key);
      if (cached) return cached;
      // The key may come from a copy or a binding: find the declaration it names.
      const [, path, idx] = /^[vp]:(.*):(\d+)$/.exec(key) ?? [];
      const f = this.pkg.files.find((x) => x.path === path) ?? file;
      const decl = f.root.descendantForIndex(Number(idx), Number(idx) + 1);
      let info = UNKNOWN;
      if (decl?.type === 'identifier') {
        const d = decl.parent;
        if (d?.type === 'parameter_declaration' || d?.type === 'var_spec')
          info = typeInfo(f, d.childForFieldName('type'), localInitializer(decl), this.pkg);
        else info = typeInfo(f, null, localInitializer(decl), this.pkg);
      }
      this.cache.set(key, info);
      return info;
    }
    return UNKNOWN;
  }

  private global(name: string): KeyInfo {
    const k = `g:${name}`;
    const cached = this.cache.get(k);
    if (cached) return cached;
    let info = UNKNOWN;
    const v = this.pf.packageVar(name);
    if (v)
      info = typeInfo(
        v.file,
        v.name.parent?.childForFieldName('type') ?? null,
        localInitializer(v.name),
        this.pkg,
      );
    this.cache.set(k, info);
    return info;
  }

  /** A field's type, when every struct field of that name in the package agrees. */
  private field(name: string): KeyInfo {
    const k = `f:${name}`;
    const cached = this.cache.get(k);
    if (cached) return cached;
    let info: KeyInfo | null = null;
    // Only files with a line declaring `name` as a channel, WaitGroup or Cond are worth parsing.
    const line = new RegExp(
      `\\b${name}\\b[\\w\\s,]*\\s(?:<-\\s*)?(?:chan\\b|\\*?\\w+\\.(?:WaitGroup|Cond)\\b)`,
    );
    for (const f of this.pkg.files) {
      if (!f.text.includes(name) || !f.text.includes('struct') || !line.test(f.text)) continue;
      for (const fd of f.root.descendantsOfType('field_declaration')) {
        if (!fd?.childrenForFieldName('name').some((n) => n?.text === name)) continue;
        const t = typeInfo(f, fd.childForFieldName('type'), null, this.pkg);
        if (info && info.kind !== t.kind) info = UNKNOWN;
        else info ??= t;
      }
    }
    info ??= UNKNOWN;
    // A field's channel is made wherever the struct is built; its declared type is what we know.
    if (info.kind === 'chan') info = { ...info, made: true };
    this.cache.set(k, info);
    return info;
  }
}

// ---------------------------------------------------------------------------------------------
// Events: what a piece of code does to channels, WaitGroups and Conds.

type EvKind = 'send' | 'recv' | 'close' | 'add' | 'done' | 'signal' | 'escape';

interface Ev {
  kind: EvKind;
  key: string;
  fn: FuncInfo;
}

const OWN_TYPES = [
  'func_literal',
  'call_expression',
  'go_statement',
  'defer_statement',
  'unary_expression',
  'send_statement',
  'for_statement',
  'select_statement',
  'assignment_statement',
  'short_var_declaration',
  'keyed_element',
];

const ownCache = new WeakMap<FuncInfo, Node[]>();

/** The nodes of interest in a function's own code (not inside nested literals), in source order. */
function ownNodes(fn: FuncInfo): Node[] {
  let out = ownCache.get(fn);
  if (out) return out;
  out = [];
  const body = fn.body;
  if (body && fn.kind !== 'varinit') {
    let skipUntil = -1;
    for (const n of body.descendantsOfType(OWN_TYPES)) {
      if (!n || n.startIndex < skipUntil) continue;
      out.push(n);
      if (n.type === 'func_literal') skipUntil = n.endIndex;
    }
  }
  ownCache.set(fn, out);
  return out;
}

function isRecv(n: Node): boolean {
  return n.type === 'unary_expression' && n.child(0)?.type === '<-';
}

function methodCall(file: GoFile, call: Node): { name: string; recv: Node } | null {
  const c = calleeOf(file, call);
  return c && !c.pkg && c.recv ? { name: c.name, recv: c.recv } : null;
}

function isBuiltin(call: Node, name: string): boolean {
  const fn = unparen(call.childForFieldName('function') ?? call);
  return fn.type === 'identifier' && fn.text === name && !resolveLocal(fn);
}

/** The channel operand of a receive, unless it is a timer or a call result (time.After, ctx.Done()). */
function recvOperand(n: Node): Node | null {
  const op = n.childForFieldName('operand');
  if (!op) return null;
  const o = unparen(op);
  if (o.type === 'call_expression') return null;
  if (o.type === 'selector_expression' && o.childForFieldName('field')?.text === 'C') return null;
  return o;
}

/** Events of one function's own code, with parameter keys unbound. Cached. */
class Events {
  private readonly cache = new Map<FuncInfo, Ev[]>();
  constructor(private readonly pf: PackageFuncs) {}

  own(fn: FuncInfo): Ev[] {
    let evs = this.cache.get(fn);
    if (evs) return evs;
    evs = [];
    const file = fn.file;
    const none: Binding = new Map();
    const push = (kind: EvKind, expr: Node | null | undefined) => {
      const k = expr ? keyOf(file, expr, none) : null;
      if (k) evs!.push({ kind, key: k, fn });
    };
    for (const n of ownNodes(fn)) {
      if (n.type === 'send_statement') push('send', n.childForFieldName('channel'));
      else if (isRecv(n)) push('recv', n.childForFieldName('operand'));
      else if (n.type === 'for_statement') {
        const rc = n.namedChildren.find((c) => c?.type === 'range_clause');
        if (rc) push('recv', rc.childForFieldName('right'));
      } else if (n.type === 'call_expression') {
        for (const e of callEvents(file, n)) push(e.kind, e.expr);
      }
    }
    this.cache.set(fn, evs);
    return evs;
  }

  /** Everything code started at `fn` may do, on any goroutine it leads to. */
  private readonly closure = new Map<FuncInfo, Ev[]>();

  reachable(fn: FuncInfo, binding: Binding): Ev[] {
    let all = this.closure.get(fn);
    if (!all) {
      all = [];
      for (const f of this.pf.reachableFrom([fn], { go: true, literals: true })) all.push(...this.own(f));
      this.closure.set(fn, all);
    }
    if (binding.size === 0) return all;
    const out: Ev[] = [];
    for (const e of all) {
      const b = binding.get(e.key);
      // Parameter keys are unique per declaration, so a binding applies wherever they occur.
      if (b === undefined) out.push(e);
      else if (b) out.push({ ...e, key: b });
    }
    return out;
  }
}

/** Events a single call makes: close, Add/Done/Signal/Broadcast, arguments escaping elsewhere. */
function callEvents(file: GoFile, call: Node): { kind: EvKind; expr: Node }[] {
  const out: { kind: EvKind; expr: Node }[] = [];
  const args = argsOf(call);
  if (isBuiltin(call, 'close') && args[0]) return [{ kind: 'close', expr: args[0] }];
  const m = methodCall(file, call);
  if (m) {
    if (m.name === 'Done') out.push({ kind: 'done', expr: m.recv });
    else if (m.name === 'Add') {
      const neg = args[0] && /^-/.test(args[0].text.trim());
      out.push({ kind: neg ? 'done' : 'add', expr: m.recv });
    } else if (m.name === 'Signal' || m.name === 'Broadcast') out.push({ kind: 'signal', expr: m.recv });
  }
  const c = calleeOf(file, call);
  if (c?.pkg) for (const a of args) out.push({ kind: 'escape', expr: a });
  return out;
}

const BUILTINS = new Set([
  'append',
  'cap',
  'clear',
  'close',
  'complex',
  'copy',
  'delete',
  'imag',
  'len',
  'make',
  'max',
  'min',
  'new',
  'panic',
  'print',
  'println',
  'real',
  'recover',
  'string',
  'int',
  'int64',
  'uint',
  'byte',
  'rune',
  'float64',
]);

// ---------------------------------------------------------------------------------------------
// The walk: init's code in order, following same-package calls, remembering what happened.

interface Blocker {
  node: Node;
  file: GoFile;
  /** receive, range, send, select, Wait */
  what: string;
  /** The keys involved; empty for `select {}`. */
  keys: string[];
  /** Event kinds that would unblock it. */
  unblockers: EvKind[];
  chain: FuncInfo[];
  /** Name shown in the message. */
  label: string;
}

class Walk {
  readonly syncEv = new Set<string>();
  readonly asyncEv: Ev[] = [];
  readonly callbacks: FuncInfo[] = [];
  found: Blocker | null = null;
  private steps = 0;

  constructor(
    readonly pkg: Package,
    readonly pf: PackageFuncs,
    readonly keys: Keys,
    readonly events: Events,
  ) {}

  /**
   * A goroutine started earlier (or a callback handed out earlier) may unblock `key`: it does
   * one of `kinds` on it, or on a parameter we could not bind (which may be it), or hands `key`
   * to another package.
   */
  private unblockedAsync(key: string, kinds: EvKind[]): boolean {
    return this.asyncEv.some(
      (e) =>
        (kinds.includes(e.kind) && (e.key === key || e.key.startsWith('p:'))) ||
        (e.kind === 'escape' && e.key === key),
    );
  }

  /** A value of this kind that this package created (not another package's, not unknown). */
  private ours(key: string, kind: KeyInfo['kind']): boolean {
    if (key.startsWith('x:') || key.startsWith('p:')) return false;
    const info = this.keys.info(this.pkg.files[0], key);
    return info.kind === kind && info.made;
  }

  private happened(kind: EvKind, key: string): boolean {
    return this.syncEv.has(`${kind}|${key}`);
  }

  /** Would this operation wait forever given what ran before it? */
  private blocks(kinds: EvKind[], key: string): boolean {
    if (this.happened('escape', key)) return false;
    return !this.unblockedAsync(key, kinds);
  }

  private readonly walked = new Set<string>();

  /** The calls of package-level variable initializers, in order (before any init runs). */
  runVarInit(fn: FuncInfo): void {
    // Only what they start and record matters here; blocking in them is not this rule's trigger.
    this.quiet = true;
    for (const c of fn.calls) this.call(fn, c.call, new Map(), []);
    this.quiet = false;
    this.walked.clear();
  }

  private quiet = false;

  private setFound(b: Blocker): void {
    if (!this.quiet) this.found = b;
  }

  run(fn: FuncInfo, binding: Binding, chain: FuncInfo[]): void {
    if (this.found || chain.includes(fn) || chain.length > 24 || ++this.steps > 2000) return;
    // A second walk of the same code with the same arguments finds nothing new: its events are
    // recorded and its blocking operations were judged the first time, with less known.
    const memo = `${fn.file.path}:${fn.node.startIndex}:${[...binding].map(([k, v]) => `${k}=${v}`).join(',')}`;
    if (this.walked.has(memo)) return;
    this.walked.add(memo);
    const path = [...chain, fn];
    const file = fn.file;
    const deferred: Node[] = [];
    for (const n of ownNodes(fn)) {
      if (this.found) return;
      switch (n.type) {
        case 'func_literal': {
          // A literal used as a value (a callback for time.AfterFunc, a handler...) may run on
          // another goroutine at any time: count what it does as possibly happening.
          const lit = this.pf.funcOf(file, n);
          let up: Node = n;
          while (up.parent?.type === 'parenthesized_expression') up = up.parent;
          const p = up.parent;
          const called =
            p?.type === 'call_expression' && p.childForFieldName('function')?.startIndex === up.startIndex;
          if (lit && !called) this.asyncEv.push(...this.events.reachable(lit, binding));
          break;
        }
        case 'go_statement': {
          const call = n.namedChildren.find((c) => c?.type === 'call_expression');
          if (!call) break;
          const targets = this.pf.resolveCall(file, call);
          for (const t of targets)
            this.asyncEv.push(...this.events.reachable(t, this.bind(file, t, call, binding)));
          if (targets.length === 0) {
            // Another package's function, or a function value: its arguments are out of sight.
            for (const a of argsOf(call)) this.escape(file, a, binding);
            const fnExpr = call.childForFieldName('function');
            if (fnExpr) this.escape(file, fnExpr, binding);
          }
          break;
        }
        case 'defer_statement':
          deferred.push(n);
          break;
        case 'call_expression': {
          const p = n.parent;
          if (p?.type === 'go_statement' || p?.type === 'defer_statement') break;
          this.call(fn, n, binding, path);
          break;
        }
        case 'unary_expression':
          if (isRecv(n) && !inSelectCase(n)) this.recv(file, n, binding, path);
          break;
        case 'send_statement':
          if (!inSelectCase(n)) this.send(file, n, binding, path);
          break;
        case 'for_statement':
          this.range(file, n, binding, path);
          break;
        case 'select_statement':
          this.select(file, n, binding, path);
          break;
        case 'assignment_statement':
        case 'short_var_declaration':
        case 'keyed_element':
          this.alias(file, n, binding);
          break;
      }
    }
    for (const d of deferred.reverse()) {
      if (this.found) return;
      const call = d.namedChildren.find((c) => c?.type === 'call_expression');
      if (!call) continue;
      this.call(fn, call, binding, path);
    }
  }

  /** `s.ready = ch`, `T{ready: ch}`: later uses of the field mean the same channel. */
  private alias(file: GoFile, n: Node, binding: Binding): void {
    let pairs: [Node, Node][] = [];
    if (n.type === 'keyed_element') {
      const k = n.namedChild(0);
      const v = n.namedChild(1);
      const key = k?.type === 'literal_element' ? k.namedChild(0) : k;
      const val = v?.type === 'literal_element' ? v.namedChild(0) : v;
      if (key?.type === 'identifier' || key?.type === 'field_identifier') {
        if (val) this.union(`f:${key.text}`, keyOf(file, val, binding));
      }
      return;
    }
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right || left.namedChildCount !== right.namedChildCount) return;
    pairs = left.namedChildren.map((l, i) => [l!, right.namedChild(i)!]);
    for (const [l, r] of pairs) {
      if (!l || !r) continue;
      const lk = keyOf(file, l, binding);
      const rk = keyOf(file, r, binding);
      if (lk && rk && lk !== rk) this.union(lk, rk);
    }
  }

  private readonly aliases = new Map<string, Set<string>>();

  private union(a: string, b: string | null): void {
    if (!b || a === b) return;
    const sa = this.aliases.get(a) ?? new Set([a]);
    const sb = this.aliases.get(b) ?? new Set([b]);
    for (const x of sb) sa.add(x);
    for (const x of sa) this.aliases.set(x, sa);
  }

  /** The keys that denote the same thing as `key`. */
  private same(key: string): string[] {
    return [...(this.aliases.get(key) ?? [key])];
  }

  private escape(file: GoFile, expr: Node, binding: Binding): void {
    const k = keyOf(file, expr, binding);
    if (k) for (const s of this.same(k)) this.syncEv.add(`escape|${s}`);
    const e = unparen(expr);
    // A function value handed to another package may be called on any goroutine.
    for (const t of this.pf.resolveFuncExpr(file, e))
      this.asyncEv.push(...this.events.reachable(t, new Map()));
  }

  private bind(file: GoFile, target: FuncInfo, call: Node, binding: Binding): Binding {
    // A literal also sees the parameters of the code around it.
    const out: Binding = target.kind === 'literal' ? new Map(binding) : new Map();
    const params = target.node.childForFieldName('parameters');
    const args = argsOf(call);
    let i = 0;
    for (const p of params?.namedChildren ?? []) {
      if (!p) continue;
      const names = p.childrenForFieldName('name').filter((x): x is Node => x !== null);
      if (names.length === 0) i++;
      for (const name of names) {
        const arg = args[i++];
        out.set(`p:${target.file.path}:${name.startIndex}`, (arg && keyOf(file, arg, binding)) || '');
      }
    }
    // The receiver of a method call is bound the same way.
    const recvParam = target.node.childForFieldName('receiver')?.namedChild(0)?.childForFieldName('name');
    const m = methodCall(file, call);
    if (recvParam && m) {
      out.set(`p:${target.file.path}:${recvParam.startIndex}`, keyOf(file, m.recv, binding) ?? '');
    }
    return out;
  }

  private call(fn: FuncInfo, call: Node, binding: Binding, path: FuncInfo[]): void {
    const file = fn.file;
    const args = argsOf(call);
    for (const e of callEvents(file, call)) {
      if (e.kind === 'escape') {
        this.escape(file, e.expr, binding);
        continue;
      }
      const k = keyOf(file, e.expr, binding);
      if (k) for (const s of this.same(k)) this.syncEv.add(`${e.kind}|${s}`);
    }
    const m = methodCall(file, call);
    if (m?.name === 'Wait' && args.length === 0) this.wait(file, call, m.recv, binding, path);
    if (this.found) return;
    const targets = this.pf.resolveCall(file, call);
    if (targets.length === 0) {
      // A function value or a method we cannot resolve: what it gets may go anywhere.
      const c = calleeOf(file, call);
      const builtin = c && !c.pkg && !c.recv && BUILTINS.has(c.name);
      if (!c?.pkg && !builtin) for (const a of args) this.escape(file, a, binding);
      return;
    }
    for (const t of targets) this.run(t, this.bind(file, t, call, binding), path);
  }

  private check(b: Omit<Blocker, 'keys' | 'unblockers'>, key: string, unblockers: EvKind[]): void {
    const keys = this.same(key);
    if (keys.some((k) => !this.blocks(unblockers, k))) return;
    this.setFound({ ...b, keys, unblockers });
  }

  private recv(file: GoFile, n: Node, binding: Binding, path: FuncInfo[]): void {
    const op = recvOperand(n);
    const key = op ? keyOf(file, op, binding) : null;
    if (!key || !this.ours(key, 'chan')) return;
    // A channel that init itself sent on (buffered) or closed earlier has something to receive.
    if (this.same(key).some((k) => this.happened('send', k) || this.happened('close', k))) return;
    this.check({ node: n, file, what: 'receive', chain: path, label: op!.text }, key, ['send', 'close']);
  }

  private send(file: GoFile, n: Node, binding: Binding, path: FuncInfo[]): void {
    const ch = n.childForFieldName('channel');
    const key = ch ? keyOf(file, ch, binding) : null;
    if (!key || !ch) return;
    const info = this.keys.info(file, key);
    if (info.kind === 'chan' && info.made && info.buffered === false) {
      this.check({ node: n, file, what: 'send', chain: path, label: ch.text }, key, ['recv']);
    }
    if (!this.found) for (const s of this.same(key)) this.syncEv.add(`send|${s}`);
  }

  private range(file: GoFile, n: Node, binding: Binding, path: FuncInfo[]): void {
    const rc = n.namedChildren.find((c) => c?.type === 'range_clause');
    const right = rc?.childForFieldName('right');
    if (!right) return;
    const r = unparen(right);
    if (r.type === 'call_expression') return;
    const key = keyOf(file, r, binding);
    if (!key || !this.ours(key, 'chan')) return;
    if (this.same(key).some((k) => this.happened('close', k))) return;
    this.check({ node: n, file, what: 'range', chain: path, label: r.text }, key, ['send', 'close']);
  }

  private wait(file: GoFile, call: Node, recv: Node, binding: Binding, path: FuncInfo[]): void {
    const key = keyOf(file, recv, binding);
    if (!key) return;
    const info = this.keys.info(file, key);
    if (!info.made) return;
    const same = this.same(key);
    if (info.kind === 'wg') {
      // Wait returns at once unless the counter was raised before and not brought down.
      if (!same.some((k) => this.happened('add', k))) return;
      if (same.some((k) => this.happened('done', k))) return;
      this.check({ node: call, file, what: 'WaitGroup.Wait', chain: path, label: recv.text }, key, ['done']);
    } else if (info.kind === 'cond') {
      this.check({ node: call, file, what: 'Cond.Wait', chain: path, label: recv.text }, key, ['signal']);
    }
  }

  private select(file: GoFile, n: Node, binding: Binding, path: FuncInfo[]): void {
    const cases = n.namedChildren.filter((c): c is Node => c !== null);
    if (cases.some((c) => c.type === 'default_case')) return;
    const comm = cases.filter((c) => c.type === 'communication_case');
    if (comm.length === 0) {
      this.setFound({
        node: n,
        file,
        what: 'empty select',
        keys: [],
        unblockers: [],
        chain: path,
        label: 'select {}',
      });
      return;
    }
    const keys: string[] = [];
    for (const c of comm) {
      const op = c.childForFieldName('communication');
      if (!op) return;
      let key: string | null = null;
      let kinds: EvKind[];
      if (op.type === 'send_statement') {
        const ch = op.childForFieldName('channel');
        key = ch ? keyOf(file, ch, binding) : null;
        if (!key || !ch) return;
        const info = this.keys.info(file, key);
        if (info.kind !== 'chan' || !info.made || info.buffered !== false) return;
        kinds = ['recv'];
      } else {
        const recv = op.descendantsOfType('unary_expression').find((u) => u !== null && isRecv(u));
        const operand = recv ? recvOperand(recv) : null;
        key = operand ? keyOf(file, operand, binding) : null;
        if (!key || !this.ours(key, 'chan')) return;
        if (this.same(key).some((k) => this.happened('send', k) || this.happened('close', k))) return;
        kinds = ['send', 'close'];
      }
      if (this.same(key).some((k) => !this.blocks(kinds, k))) return;
      keys.push(key);
    }
    this.setFound({
      node: n,
      file,
      what: 'select',
      keys,
      unblockers: ['send', 'close', 'recv'],
      chain: path,
      label: 'select',
    });
  }
}

function inSelectCase(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'communication_case') {
      const comm = p.childForFieldName('communication');
      return comm !== null && n.startIndex >= comm.startIndex && n.endIndex <= comm.endIndex;
    }
    if (p.type === 'statement_list' || p.type === 'block' || p.type === 'func_literal') return false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

function fnName(fn: FuncInfo): string {
  if (fn.kind === 'literal') return 'func literal';
  return fn.recv ? `(${fn.recv}).${fn.name}` : fn.name;
}

const WHAT: Record<string, string> = {
  receive: 'receives from',
  range: 'ranges over channel',
  send: 'sends on unbuffered channel',
  'WaitGroup.Wait': 'waits on WaitGroup',
  'Cond.Wait': 'waits on sync.Cond',
};

function describe(b: Blocker): string {
  if (b.what === 'select')
    return 'waits in a `select` (no default) whose every case needs a channel operation nobody will serve';
  return `${WHAT[b.what] ?? b.what} \`${b.label}\``;
}

/** Every event that would unblock `b`, anywhere in the package, when its key is package-level. */
function onlyMainUnblocks(pf: PackageFuncs, events: Events, b: Blocker): FuncInfo[] | null {
  const globals = b.keys.filter((k) => k.startsWith('g:'));
  if (globals.length === 0 || globals.length !== b.keys.length) return null;
  const sites: FuncInfo[] = [];
  for (const fn of pf.all()) {
    for (const e of events.own(fn)) {
      if (globals.includes(e.key) && b.unblockers.includes(e.kind)) sites.push(fn);
      else if (globals.includes(e.key) && e.kind === 'escape') return null;
    }
  }
  if (sites.length === 0) return null;
  return sites.every((fn) => pf.onlyFromMain(fn)) ? sites : null;
}

export const RT001: PackageRule = {
  id: 'RT001',
  name: 'init-blocks',
  severity: 'warning',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'A package init blocks on a channel, WaitGroup or Cond',
  prefilter: /func init\(/,
  trainer: { difficulty: 2, essential: ['settings', 'mode'] },
  docs: {
    symptom:
      'The program never reaches `main`. When nothing else can run, the runtime gives up:\n\n' +
      '```\nfatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.init.0()\n' +
      '\t/src/app/main.go:12 +0x...\nexit status 2\n```\n\n' +
      'If some goroutine is still alive (a listener started by another init, a ticker), there is no ' +
      'message at all: the process just hangs at startup.',
    why:
      'Package initialization (variable initializers, then every `init` function, package after package) ' +
      'runs on the main goroutine, one step at a time, before `main.main` is called. An `init` that waits ' +
      'for a channel, a WaitGroup or a Cond can only be released by a goroutine that is already running; ' +
      'code in `main`, or anything `main` starts, has not begun yet and never will.',
    fix:
      'Do not wait in `init`. Move the work that needs to wait into an explicit setup function called from ' +
      '`main` (or into `sync.OnceValue`/`sync.Once` used on first access). If init must wait, make sure the ' +
      'goroutine that finishes the work is started before the wait, as in ' +
      '`go func() { defer wg.Done(); load() }(); wg.Wait()`.',
    versions: 'All releases.',
    references: [
      'The Go Programming Language Specification, "Package initialization" and "Program execution"',
      'src/runtime/proc.go (main, doInit; checkdead reports the deadlock)',
    ],
    bad: [
      {
        title: 'init waits for a value that main provides',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport "fmt"\n\nvar settings = make(chan string)\nvar mode string\n\n' +
              'func init() {\n\tmode = <-settings\n}\n\n' +
              'func main() {\n\tgo func() { settings <- "fast" }()\n\tfmt.Println("mode:", mode)\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The goroutine that fills the channel starts first',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport "fmt"\n\nvar mode string\n\nfunc init() {\n\tsettings := make(chan string)\n' +
              '\tgo func() { settings <- "fast" }()\n\tmode = <-settings\n}\n\n' +
              'func main() {\n\tfmt.Println("mode:", mode)\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    if (!mayBlock(ctx.pkg)) return;
    const pf = packageFuncs(ctx.pkg);
    const events = new Events(pf);
    const keys = new Keys(ctx.pkg, pf);
    const walkInits = (withVars: boolean): Blocker | null => {
      const walk = new Walk(ctx.pkg, pf, keys, events);
      // Package-level variable initializers run before every init (goroutines they start count).
      if (withVars) for (const f of pf.files) walk.runVarInit(pf.varinit(f));
      for (const init of pf.inits()) {
        walk.run(init, new Map(), []);
        if (walk.found) break;
      }
      return walk.found;
    };
    // Cheap first: inits only. Variable initializers need every file parsed, so they are looked
    // at only to confirm a finding.
    if (!walkInits(false)) return;
    const b = walkInits(true);
    if (!b) return;
    const via = b.chain.length > 1 ? `, through ${b.chain.slice(1).map(fnName).join(' → ')},` : '';
    const mainOnly = onlyMainUnblocks(pf, events, b);
    const related: Related[] = (mainOnly ?? []).slice(0, 3).map((fn) => ({
      file: fn.file.path,
      line: fn.node.startPosition.row + 1,
      message: `only code reached from main (${fnName(fn)}) would unblock it`,
    }));
    const stops =
      'package initialization stops here ("fatal error: all goroutines are asleep - deadlock!", exit status 2, ' +
      'or a silent hang while other goroutines run)';
    const message =
      b.what === 'empty select'
        ? `init${via} runs \`select {}\`, which never returns: ${stops}; move it out of init.`
        : mainOnly
          ? `init${via} ${describe(b)}, but only code that runs after main starts would unblock it: init never ` +
            'returns and the runtime stops with "fatal error: all goroutines are asleep - deadlock!" (exit status 2).'
          : `init${via} ${describe(b)}, and no goroutine started before this point can unblock it: ${stops}; ` +
            'move the wait out of init or start the goroutine that ends it first.';
    ctx.report({ file: b.file, at: b.node, message, severity: mainOnly ? 'error' : 'warning', related });
  },
};
