// The functions of a package and how they reach each other, without type information.
//
// Two tiers, so that rules only parse the files they need (parsing is the expensive part of a
// scan; see the performance notes in the rule brief):
//
// - the text tier works on `file.text` alone: `declaredFuncNames` (which names a file declares
//   as functions or methods), `textFuncsOf` (each top-level function's body offsets),
//   `funcBodyAt`/`matchBrace`/`skipLiteral`/`codeOnly` (lexing helpers that skip comments and
//   literals), `textMayCall` (can this file call pkg.Name at all?). Use it to decide whether a
//   package or file is worth parsing.
// - the tree tier parses files on demand: `callsNamed` (the calls of one name in a file, found
//   from the text), and `packageFuncs(pkg)` → `PackageFuncs`: every function declaration,
//   method and func literal with its body; the calls each makes synchronously (with the
//   same-package functions they resolve to); its `go` and `defer` statements; `init`s and
//   `main`; `reachableFrom(roots)`; `onlyFromMain(fn)`. A file is parsed the first time one of
//   its functions is asked for; name look-ups parse only the files whose text declares the name.
// - helpers on syntax: `resolveLocal` (the local declaration an identifier refers to),
//   `localInitializer`, `constInt` (integer constant folding with package constants),
//   `baseTypeName`.
//
// Resolution is syntactic: `f()` is the package function `f` unless a local declaration
// shadows it (a local variable initialized with a literal, function or method value resolves to
// that); `x.m()` is the package method `m` when the receiver's declared type names one of the
// package's types that has it, or, when the type is unknown, when every method named `m` in the
// package belongs to the same type. Calls through other function values are not followed.

import type { Node } from 'web-tree-sitter';
import type { GoFile, Package } from '../model.js';
import { importNames, unparen } from './calls.js';

// ---------------------------------------------------------------------------------------------
// Text tier

/** A top-level function or method found from the text alone. Offsets index `file.text`. */
export interface TextFunc {
  file: GoFile;
  name: string;
  /** Methods: the receiver's base type name (`(l *List[T])` → `List`). */
  recv?: string;
  /** Offset of the `func` keyword. */
  start: number;
  /** Offset of the body's `{`; -1 for a declaration without a body. */
  bodyStart: number;
  /** Offset just past the body's `}`; -1 without a body. */
  bodyEnd: number;
}

const DECL_LINE = /^[ \t]*func[ \t]*(\([^)]*\)[ \t]*)?([A-Za-z_][A-Za-z0-9_]*)/gm;
const SIGNATURE = /^func\s*(?:\(\s*(?:[A-Za-z_]\w*\s+)?\*?\s*([A-Za-z_]\w*)[^)]*\)\s*)?([A-Za-z_]\w*)/;

export interface NameIndex {
  funcs: Set<string>;
  methods: Set<string>;
}

const nameCache = new WeakMap<GoFile, NameIndex>();

/**
 * Names a file declares at the start of a line as functions (`func f(`) and methods
 * (`func (r T) m(`), from a regular expression over the text: cheap, never parses. It may
 * over-report (a `func` line inside a raw string), never under-reports gofmt'd code.
 */
export function declaredFuncNames(file: GoFile): NameIndex {
  let idx = nameCache.get(file);
  if (idx) return idx;
  idx = { funcs: new Set(), methods: new Set() };
  if (file.text.includes('func')) {
    for (const m of file.text.matchAll(DECL_LINE)) (m[1] ? idx.methods : idx.funcs).add(m[2]);
  }
  nameCache.set(file, idx);
  return idx;
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/**
 * If a comment, string, raw string or rune literal starts at `i`, the offset just past it;
 * otherwise -1.
 */
export function skipLiteral(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 47) {
    const d = t.charCodeAt(i + 1);
    if (d === 47) {
      const e = t.indexOf('\n', i + 2);
      return e < 0 ? t.length : e;
    }
    if (d === 42) {
      const e = t.indexOf('*/', i + 2);
      return e < 0 ? t.length : e + 2;
    }
    return -1;
  }
  if (c === 96) {
    const e = t.indexOf('`', i + 1);
    return e < 0 ? t.length : e + 1;
  }
  if (c === 34 || c === 39) {
    for (let j = i + 1; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === 92) j++;
      else if (d === c || d === 10) return j + 1;
    }
    return t.length;
  }
  return -1;
}

/** Offset just past the `}` matching the `{` at `open`, skipping comments and literals. */
export function matchBrace(t: string, open: number): number {
  let depth = 0;
  for (let i = open; i < t.length; ) {
    const c = t.charCodeAt(i);
    if (c === 47 || c === 96 || c === 34 || c === 39) {
      const e = skipLiteral(t, i);
      if (e >= 0) {
        i = e;
        continue;
      }
    }
    if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return t.length;
}

/**
 * `text` with comments and the contents of string, raw string and rune literals replaced by
 * spaces (line breaks kept), so that word searches only see code. Quotes stay in place.
 */
export function codeOnly(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 47 || c === 96 || c === 34 || c === 39) {
      const e = skipLiteral(text, i);
      if (e >= 0) {
        parts.push(text.slice(last, i));
        const lit = text.slice(i, e);
        parts.push(lit.includes('\n') ? lit.replace(/[^\n]/g, ' ') : ' '.repeat(lit.length));
        last = i = e;
        continue;
      }
    }
    i++;
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

const textFuncCache = new WeakMap<GoFile, TextFunc[]>();

/**
 * The top-level functions and methods of a file with their body offsets, from one lexical pass
 * over the text (comments, strings and runes skipped; no parse). Cached per file.
 */
export function textFuncsOf(file: GoFile): TextFunc[] {
  let out = textFuncCache.get(file);
  if (out) return out;
  out = [];
  const t = file.text;
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < t.length; ) {
    const c = t.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 47 || c === 96 || c === 34 || c === 39) {
      const e = skipLiteral(t, i);
      if (e >= 0) {
        // A comment keeps the line's "nothing but blanks so far" state.
        if (c !== 47) lineStart = false;
        i = e;
        continue;
      }
    }
    if (
      depth === 0 &&
      lineStart &&
      c === 102 &&
      t.startsWith('func', i) &&
      !isIdentChar(t.charCodeAt(i + 4))
    ) {
      const f = scanDecl(file, i);
      out.push(f.decl);
      i = f.end;
      lineStart = false;
      continue;
    }
    if (c === 123 || c === 40 || c === 91) depth++;
    else if ((c === 125 || c === 41 || c === 93) && depth > 0) depth--;
    lineStart = false;
    if (isIdentChar(c)) while (i < t.length && isIdentChar(t.charCodeAt(i))) i++;
    else i++;
  }
  textFuncCache.set(file, out);
  return out;
}

/**
 * The body of the function whose `func` keyword is at `start` (a declaration or a literal),
 * from the text: `bodyStart` is the `{` (-1 when the signature ends at a line break first: a
 * declaration without a body), `bodyEnd` is just past the matching `}`, `sigEnd` where the
 * signature stops. Braces of `struct{...}`/`interface{...}` types in the signature are skipped.
 */
export function funcBodyAt(t: string, start: number): { bodyStart: number; bodyEnd: number; sigEnd: number } {
  let depth = 0;
  let lastWord = '';
  let i = start + 4;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === 47 || c === 96 || c === 34 || c === 39) {
      const e = skipLiteral(t, i);
      if (e >= 0) {
        i = e;
        continue;
      }
    }
    if (isIdentChar(c)) {
      const s = i;
      while (i < t.length && isIdentChar(t.charCodeAt(i))) i++;
      lastWord = t.slice(s, i);
      continue;
    }
    if (c === 123) {
      if (lastWord === 'struct' || lastWord === 'interface') {
        i = matchBrace(t, i);
        lastWord = '';
        continue;
      }
      if (depth <= 0) return { bodyStart: i, bodyEnd: matchBrace(t, i), sigEnd: i };
    }
    if (c === 40 || c === 91) depth++;
    else if (c === 41 || c === 93) depth--;
    else if (c === 10 && depth <= 0) return { bodyStart: -1, bodyEnd: -1, sigEnd: i };
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) lastWord = '';
    i++;
  }
  return { bodyStart: -1, bodyEnd: -1, sigEnd: t.length };
}

/** Reads one top-level `func` declaration starting at `start`. */
function scanDecl(file: GoFile, start: number): { decl: TextFunc; end: number } {
  const t = file.text;
  const { bodyStart, bodyEnd, sigEnd } = funcBodyAt(t, start);
  const m = SIGNATURE.exec(t.slice(start, sigEnd));
  const decl: TextFunc = { file, name: m?.[2] ?? '', start, bodyStart, bodyEnd };
  if (m?.[1]) decl.recv = m[1];
  return { decl, end: bodyEnd >= 0 ? bodyEnd : sigEnd };
}

/**
 * Text-only test (no parse): can `file` call `pkg.name(...)`? It must import `pkg` and contain
 * `.name(` (any alias), or import it with a dot and contain `name(`. Use it before `callsNamed`.
 */
export function textMayCall(file: GoFile, pkg: string, name: string): boolean {
  const t = file.text;
  if (!t.includes(name) || !t.includes(`"${pkg}"`)) return false;
  const re = qualifiedCache.get(name) ?? new RegExp(`\\.\\s*${name}\\s*\\(`);
  qualifiedCache.set(name, re);
  if (re.test(t)) return true;
  return new RegExp(`\\.\\s+"${pkg}"`).test(t) && new RegExp(`\\b${name}\\s*\\(`).test(t);
}

const qualifiedCache = new Map<string, RegExp>();

/**
 * Call expressions of `file` whose called name is `name` (`name(...)`, `x.name(...)`,
 * `(x.name)(...)`), found from the occurrences of the word in the text instead of a walk over
 * the whole tree. Returns [] without parsing when the text does not contain the word; parses
 * the file otherwise. Check the callee's package with `isPkgCall`/`calleeOf`.
 */
export function callsNamed(file: GoFile, name: string): Node[] {
  const out: Node[] = [];
  const t = file.text;
  let i = t.indexOf(name);
  if (i < 0) return out;
  const root = file.root;
  for (; i >= 0; i = t.indexOf(name, i + name.length)) {
    if ((i > 0 && isIdentChar(t.charCodeAt(i - 1))) || isIdentChar(t.charCodeAt(i + name.length))) continue;
    const n = root.descendantForIndex(i, i + name.length);
    if (!n || n.text !== name || (n.type !== 'identifier' && n.type !== 'field_identifier')) continue;
    let fn: Node = n;
    const sel = fn.parent;
    if (sel?.type === 'selector_expression' && sel.childForFieldName('field')?.startIndex === fn.startIndex)
      fn = sel;
    while (fn.parent?.type === 'parenthesized_expression') fn = fn.parent;
    const call = fn.parent;
    const callee = call?.childForFieldName('function');
    if (
      call?.type === 'call_expression' &&
      callee?.startIndex === fn.startIndex &&
      callee.endIndex === fn.endIndex
    )
      out.push(call);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tree tier

export type FuncKind = 'func' | 'method' | 'literal' | 'varinit';

/** A call the function evaluates on its own goroutine, in the order written. */
export interface CallSite {
  call: Node;
  /**
   * The same-package functions it may call: one declaration (or several when build-tagged
   * files each declare it), the literal of `func(){...}()`, what a local variable was
   * initialized with (`run := func(){...}; run()`), or none (another package, a builtin, another
   * function value, an ambiguous method). Resolved on first access.
   */
  readonly targets: FuncInfo[];
}

/** `go f(x)`: the call is started on a new goroutine; its arguments are evaluated by the owner. */
export interface GoStmt {
  node: Node;
  call: Node;
  owner: FuncInfo;
  /** The function the goroutine runs: a literal, a package function or method; empty if unknown. */
  readonly targets: FuncInfo[];
}

/** `defer f(x)`: runs on the owner's goroutine when the owner returns. */
export interface DeferStmt {
  node: Node;
  call: Node;
  owner: FuncInfo;
  readonly targets: FuncInfo[];
}

export interface FuncInfo {
  /**
   * `func` (package-level function, including `init` and `main`), `method`, `literal`, or
   * `varinit`: one per file, the code of package-level `var` initializers outside any literal.
   */
  kind: FuncKind;
  /** Declared name; '' for literals and varinit. */
  name: string;
  /** Methods: the receiver's base type name. */
  recv?: string;
  file: GoFile;
  /** function_declaration, method_declaration, func_literal; source_file for varinit. */
  node: Node;
  /** The body block (source_file for varinit); null for a declaration without a body. */
  body: Node | null;
  /** Literals: the function whose code contains it (a varinit for package-level literals). */
  parent: FuncInfo | null;
  /** Func literals directly inside this function (not inside a nested literal). */
  literals: FuncInfo[];
  /**
   * Every call this function evaluates synchronously, in source order: not the started call of
   * a `go` statement (its arguments are listed), not the deferred call of a `defer` (see
   * `defers`), nothing inside nested literals (an immediately called `func(){...}()` is listed
   * as a call whose target is that literal).
   */
  calls: CallSite[];
  goStmts: GoStmt[];
  defers: DeferStmt[];
}

export interface ReachOptions {
  /** Follow `go` statements to the functions they start. */
  go?: boolean;
  /** Count the literals a function contains as reachable (they may run later or elsewhere). */
  literals?: boolean;
  /** Follow functions used as values (`http.HandleFunc("/", h)`, `t := time.AfterFunc(d, s.m)`). */
  refs?: boolean;
}

const FUNC_NODES = ['function_declaration', 'method_declaration', 'func_literal'];
const INDEX_TYPES = [...FUNC_NODES, 'call_expression', 'go_statement', 'defer_statement'];

/** The base type name of a receiver or type text: `*pkg.List[T]` → `pkg.List`, `(*T)` → `T`. */
export function baseTypeName(type: string): string {
  return type
    .replace(/^[\s(*&]+/, '')
    .replace(/\[.*$/s, '')
    .replace(/[\s)]+$/, '');
}

class LazyTargets {
  private cached: FuncInfo[] | null = null;
  constructor(private readonly resolve: () => FuncInfo[]) {}
  get targets(): FuncInfo[] {
    this.cached ??= this.resolve();
    return this.cached;
  }
}

/**
 * The functions of one package (see the module comment). Get it with `packageFuncs(pkg)`;
 * methods parse files only when they need them, as documented on each.
 */
export class PackageFuncs {
  private readonly byFile = new Map<GoFile, FuncInfo[]>();
  private readonly byNode = new Map<GoFile, Map<number, FuncInfo>>();
  private readonly varinits = new Map<GoFile, FuncInfo>();
  private readonly refCache = new Map<FuncInfo, FuncInfo[]>();
  private refsIndexed = false;

  /** Files sorted the way the go command hands them to the compiler (by name). */
  readonly files: GoFile[];

  constructor(readonly pkg: Package) {
    this.files = [...pkg.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  // --- look-ups ------------------------------------------------------------------------------

  /** Every function, method, literal and varinit of one file, in source order. Parses the file. */
  fileFuncs(file: GoFile): FuncInfo[] {
    let fns = this.byFile.get(file);
    if (!fns) fns = this.index(file);
    return fns;
  }

  /** Every function of the package. Parses every file. */
  all(): FuncInfo[] {
    return this.files.flatMap((f) => this.fileFuncs(f));
  }

  /** Package-level functions named `name` (several with build tags). Parses only declaring files. */
  named(name: string): FuncInfo[] {
    const out: FuncInfo[] = [];
    for (const f of this.files) {
      if (!declaredFuncNames(f).funcs.has(name)) continue;
      for (const fn of this.fileFuncs(f)) if (fn.kind === 'func' && fn.name === name) out.push(fn);
    }
    return out;
  }

  /** Methods named `name`, on any type (optionally only `recv`). Parses only declaring files. */
  methods(name: string, recv?: string): FuncInfo[] {
    const out: FuncInfo[] = [];
    for (const f of this.files) {
      if (!declaredFuncNames(f).methods.has(name)) continue;
      for (const fn of this.fileFuncs(f)) {
        if (fn.kind === 'method' && fn.name === name && (recv === undefined || fn.recv === recv))
          out.push(fn);
      }
    }
    return out;
  }

  /** The `go` statements of one file, in source order. Parses the file. */
  goStatements(file: GoFile): GoStmt[] {
    return this.fileFuncs(file)
      .flatMap((f) => f.goStmts)
      .sort((a, b) => a.node.startIndex - b.node.startIndex);
  }

  /** The package's `init` functions in initialization order (file name, then source order). */
  inits(): FuncInfo[] {
    return this.named('init');
  }

  /** `main` of a main package, or null. */
  main(): FuncInfo | null {
    if (this.pkg.name !== 'main') return null;
    return this.named('main').find((f) => !f.file.isTest) ?? null;
  }

  /** The package-level initializer pseudo-function of a file. Parses the file. */
  varinit(file: GoFile): FuncInfo {
    this.fileFuncs(file);
    return this.varinits.get(file)!;
  }

  /** The FuncInfo of a function_declaration, method_declaration or func_literal node. */
  funcOf(file: GoFile, node: Node): FuncInfo | undefined {
    this.fileFuncs(file);
    return this.byNode.get(file)?.get(node.startIndex);
  }

  /** The innermost function whose code contains `node` (the file's varinit at top level). */
  enclosing(file: GoFile, node: Node): FuncInfo {
    for (let p: Node | null = node.parent; p; p = p.parent) {
      if (FUNC_NODES.includes(p.type)) {
        const fn = this.funcOf(file, p);
        if (fn) return fn;
      }
    }
    return this.varinit(file);
  }

  // --- edges ---------------------------------------------------------------------------------

  /** Same-package functions `fn` runs on its own goroutine: its calls' and defers' targets. */
  callees(fn: FuncInfo): FuncInfo[] {
    const out = new Set<FuncInfo>();
    for (const c of fn.calls) for (const t of c.targets) out.add(t);
    for (const d of fn.defers) for (const t of d.targets) out.add(t);
    return [...out];
  }

  /**
   * Package functions, methods and literals `fn` uses as values without calling them (passed as
   * callbacks, stored, method values). Parses every file the first time.
   */
  refs(fn: FuncInfo): FuncInfo[] {
    if (!this.refsIndexed) this.indexRefs();
    return this.refCache.get(fn) ?? [];
  }

  /**
   * Every function reachable from `roots` (roots included) through synchronous calls and
   * defers, plus the edges `opts` turns on.
   */
  reachableFrom(roots: Iterable<FuncInfo>, opts: ReachOptions = {}): Set<FuncInfo> {
    const seen = new Set<FuncInfo>();
    const work = [...roots];
    while (work.length > 0) {
      const fn = work.pop()!;
      if (seen.has(fn)) continue;
      seen.add(fn);
      work.push(...this.callees(fn));
      if (opts.go) for (const g of fn.goStmts) work.push(...g.targets);
      if (opts.literals) work.push(...fn.literals);
      if (opts.refs) work.push(...this.refs(fn));
    }
    return seen;
  }

  private mainOnly: Set<FuncInfo> | null = null;

  /**
   * True when `fn` can run only after `main` started: reachable from `main` (through calls,
   * goroutines, literals and function values) and not from any `init`, package-level variable
   * initializer or test-file function. Always false outside package main. Parses every file.
   */
  onlyFromMain(fn: FuncInfo): boolean {
    if (!this.mainOnly) {
      const main = this.main();
      this.mainOnly = new Set();
      if (main) {
        const all = { go: true, literals: true, refs: true };
        const fromMain = this.reachableFrom([main], all);
        const others = this.all().filter(
          (f) =>
            f.kind === 'varinit' || (f.kind === 'func' && f.name === 'init') || (f.file.isTest && !f.parent),
        );
        const fromOthers = this.reachableFrom(others, all);
        for (const f of fromMain) if (!fromOthers.has(f)) this.mainOnly.add(f);
      }
    }
    return this.mainOnly.has(fn);
  }

  // --- resolution ----------------------------------------------------------------------------

  /** Same-package functions a call expression calls (see CallSite.targets). */
  resolveCall(file: GoFile, call: Node): FuncInfo[] {
    let fn = call.childForFieldName('function');
    while (
      fn &&
      (fn.type === 'parenthesized_expression' || fn.type === 'generic_type' || fn.type === 'index_expression')
    ) {
      fn =
        fn.type === 'parenthesized_expression'
          ? fn.namedChild(0)
          : fn.type === 'generic_type'
            ? fn.childForFieldName('type')
            : fn.childForFieldName('operand');
    }
    if (!fn) return [];
    return this.resolveFuncExpr(file, fn);
  }

  /**
   * The same-package functions an expression used as a function denotes: a literal, a package
   * function, a method (`s.run`, also as a method value), or a local variable whose initializer
   * is one of those (`work := func() {...}`, `h := s.handle`).
   */
  resolveFuncExpr(file: GoFile, expr: Node, depth = 0): FuncInfo[] {
    const fn = unparen(expr);
    if (fn.type === 'func_literal') {
      const lit = this.funcOf(file, fn);
      return lit ? [lit] : [];
    }
    if (fn.type === 'identifier' || fn.type === 'type_identifier') {
      if (fn.text === 'init' || fn.text === '_') return [];
      const local = resolveLocal(fn);
      if (!local) return this.named(fn.text);
      const init = depth < 4 ? localInitializer(local) : null;
      return init ? this.resolveFuncExpr(file, init, depth + 1) : [];
    }
    if (fn.type === 'selector_expression') {
      const operand = fn.childForFieldName('operand');
      const field = fn.childForFieldName('field');
      if (!operand || !field) return [];
      if (operand.type === 'identifier' && importNames(file).has(operand.text) && !resolveLocal(operand))
        return [];
      return this.methodTargets(file, operand, field.text);
    }
    return [];
  }

  /** `x.name(...)`: the package methods it may call. */
  private methodTargets(file: GoFile, operand: Node, name: string): FuncInfo[] {
    const cands = this.methods(name);
    if (cands.length === 0) return [];
    const hint = this.typeHint(file, operand);
    if (hint?.includes('.')) return [];
    if (hint) {
      const exact = cands.filter((c) => c.recv === hint);
      if (exact.length > 0) return exact;
    }
    const recvs = new Set(cands.map((c) => c.recv));
    return recvs.size === 1 ? cands : [];
  }

  /**
   * The base name of an expression's declared type when the syntax says it: a parameter or
   * variable with a written type, `T{}`, `&T{}`, `new(T)`, a package function's first result.
   * Qualified names (`sync.WaitGroup`) come back with their dot. Undefined when unknown.
   */
  typeHint(file: GoFile, expr: Node): string | undefined {
    const e = unparen(expr);
    if (e.type !== 'identifier') return this.exprType(file, e);
    const decl = resolveLocal(e);
    if (decl) return this.declType(file, decl);
    const v = this.packageVar(e.text);
    return v ? this.declType(v.file, v.name) : undefined;
  }

  private readonly varCache = new Map<string, { file: GoFile; name: Node } | null>();

  /**
   * The declaration of a package-level variable: the name node in its `var` spec. Parses only
   * files with a line that may declare it (`var name`, or an indented `name` in a var block).
   */
  packageVar(name: string): { file: GoFile; name: Node } | null {
    let v = this.varCache.get(name);
    if (v !== undefined) return v;
    v = null;
    const line = new RegExp(
      `^(?:var[ \\t]+(?:\\(\\s*)?|[ \\t]+)(?:[A-Za-z_]\\w*[ \\t]*,[ \\t]*)*${name}\\b`,
      'm',
    );
    for (const f of this.files) {
      if (!f.text.includes(name) || !f.text.includes('var') || !line.test(f.text)) continue;
      const d = f.decls.find((x) => x.kind === 'var' && x.name === name);
      const n = d?.node.childrenForFieldName('name').find((x) => x?.text === name);
      if (n) {
        v = { file: f, name: n };
        break;
      }
    }
    this.varCache.set(name, v);
    return v;
  }

  /** Type of a declared name (the identifier in its declaration). */
  private declType(file: GoFile, nameNode: Node): string | undefined {
    const d = nameNode.parent;
    if (!d) return undefined;
    const type = d.childForFieldName('type');
    if (
      type &&
      (d.type === 'parameter_declaration' ||
        d.type === 'var_spec' ||
        d.type === 'variadic_parameter_declaration')
    )
      return baseTypeName(type.text);
    let value: Node | null = null;
    if (d.type === 'var_spec') value = valueAt(d, 'name', nameNode, d.childForFieldName('value'));
    else if (d.type === 'expression_list' && d.parent?.type === 'short_var_declaration') {
      const idx = d.namedChildren.findIndex((n) => n?.startIndex === nameNode.startIndex);
      const right = d.parent.childForFieldName('right');
      if (right && right.namedChildCount === d.namedChildCount) value = right.namedChild(idx);
    }
    return value ? this.exprType(file, value) : undefined;
  }

  private exprType(file: GoFile, value: Node): string | undefined {
    let v = unparen(value);
    if (v.type === 'unary_expression' && v.child(0)?.type === '&')
      v = unparen(v.childForFieldName('operand') ?? v);
    if (v.type === 'composite_literal') {
      const t = v.childForFieldName('type');
      return t ? baseTypeName(t.text) : undefined;
    }
    if (v.type === 'call_expression') {
      const fn = v.childForFieldName('function');
      const args = v.childForFieldName('arguments')?.namedChildren ?? [];
      if (fn?.type === 'identifier' && fn.text === 'new' && args[0]) return baseTypeName(args[0].text);
      if (fn?.type === 'identifier' && !resolveLocal(fn)) {
        const decl = this.named(fn.text)[0];
        const res = decl?.node.childForFieldName('result');
        if (!res) return undefined;
        if (res.type !== 'parameter_list') return baseTypeName(res.text);
        const first = res.namedChild(0)?.childForFieldName('type');
        return first ? baseTypeName(first.text) : undefined;
      }
      if (fn?.type === 'selector_expression') {
        const op = fn.childForFieldName('operand');
        if (op?.type === 'identifier' && importNames(file).has(op.text) && !resolveLocal(op))
          return `${op.text}.${fn.childForFieldName('field')?.text ?? ''}`;
      }
    }
    return undefined;
  }

  // --- indexing ------------------------------------------------------------------------------

  private index(file: GoFile): FuncInfo[] {
    const root = file.root;
    const fns: FuncInfo[] = [];
    const nodes = new Map<number, FuncInfo>();
    const top: FuncInfo = {
      kind: 'varinit',
      name: '',
      file,
      node: root,
      body: root,
      parent: null,
      literals: [],
      calls: [],
      goStmts: [],
      defers: [],
    };
    this.varinits.set(file, top);
    this.byFile.set(file, fns);
    this.byNode.set(file, nodes);
    const stack: { end: number; fn: FuncInfo | null }[] = [];
    const ownerAt = (n: Node): FuncInfo | null => {
      while (stack.length > 0 && n.startIndex >= stack[stack.length - 1].end) stack.pop();
      return stack.length > 0 ? stack[stack.length - 1].fn : top;
    };
    for (const n of root.descendantsOfType(INDEX_TYPES)) {
      if (!n) continue;
      const owner = ownerAt(n);
      if (FUNC_NODES.includes(n.type)) {
        const fn = this.makeFunc(file, n, owner, top);
        stack.push({ end: n.endIndex, fn });
        if (!fn) continue;
        fns.push(fn);
        nodes.set(n.startIndex, fn);
        if (fn.kind === 'literal') fn.parent?.literals.push(fn);
        continue;
      }
      if (!owner) continue;
      if (n.type === 'call_expression') {
        const p = n.parent;
        if (p && (p.type === 'go_statement' || p.type === 'defer_statement')) continue;
        const lazy = new LazyTargets(() => this.resolveCall(file, n));
        owner.calls.push({
          call: n,
          get targets() {
            return lazy.targets;
          },
        });
        continue;
      }
      const call = n.namedChildren.find((c) => c?.type === 'call_expression');
      if (!call) continue;
      const lazy = new LazyTargets(() => this.resolveCall(file, call));
      const stmt = {
        node: n,
        call,
        owner,
        get targets() {
          return lazy.targets;
        },
      };
      if (n.type === 'go_statement') owner.goStmts.push(stmt);
      else owner.defers.push(stmt);
    }
    fns.push(top);
    return fns;
  }

  /** Null for declarations nested where they cannot be (parse-error recovery). */
  private makeFunc(file: GoFile, n: Node, owner: FuncInfo | null, top: FuncInfo): FuncInfo | null {
    const base = {
      file,
      node: n,
      body: n.childForFieldName('body'),
      literals: [],
      calls: [],
      goStmts: [],
      defers: [],
    };
    if (n.type === 'func_literal') return { kind: 'literal', name: '', parent: owner ?? top, ...base };
    if (owner !== top) return null;
    const name = n.childForFieldName('name')?.text ?? '';
    if (n.type === 'function_declaration') return { kind: 'func', name, parent: null, ...base };
    const recvType = n.childForFieldName('receiver')?.namedChild(0)?.childForFieldName('type');
    const fn: FuncInfo = { kind: 'method', name, parent: null, ...base };
    if (recvType) fn.recv = baseTypeName(recvType.text);
    return fn;
  }

  private indexRefs(): void {
    this.refsIndexed = true;
    const funcNames = new Set<string>();
    const methodNames = new Set<string>();
    for (const f of this.files) {
      const idx = declaredFuncNames(f);
      for (const n of idx.funcs) if (n !== 'init') funcNames.add(n);
      for (const n of idx.methods) methodNames.add(n);
    }
    for (const file of this.files) {
      const fns = this.fileFuncs(file);
      const add = (at: Node, targets: FuncInfo[]) => {
        if (targets.length === 0) return;
        const owner = this.enclosing(file, at);
        const list = this.refCache.get(owner) ?? [];
        list.push(...targets);
        this.refCache.set(owner, list);
      };
      // Literals that are not called where they are written are values too.
      for (const fn of fns) {
        if (fn.kind !== 'literal') continue;
        const p = fn.node.parent;
        const called =
          p?.type === 'call_expression' && p.childForFieldName('function')?.startIndex === fn.node.startIndex;
        if (!called && fn.parent) add(fn.node, [fn]);
      }
      if (funcNames.size === 0 && methodNames.size === 0) continue;
      for (const n of file.root.descendantsOfType(['identifier', 'selector_expression'])) {
        if (!n) continue;
        const p = n.parent;
        if (p?.type === 'call_expression' && p.childForFieldName('function')?.startIndex === n.startIndex)
          continue;
        if (n.type === 'identifier') {
          if (!funcNames.has(n.text) || p?.type === 'selector_expression') continue;
          if (p?.type === 'function_declaration' || isLiteralKey(n) || isDeclName(n)) continue;
          if (resolveLocal(n)) continue;
          add(n, this.named(n.text));
        } else {
          const field = n.childForFieldName('field');
          const operand = n.childForFieldName('operand');
          if (!field || !operand || !methodNames.has(field.text)) continue;
          if (operand.type === 'identifier' && importNames(file).has(operand.text) && !resolveLocal(operand))
            continue;
          add(n, this.methodTargets(file, operand, field.text));
        }
      }
    }
  }
}

/** The name being declared in a var/const spec, a parameter or the left of `:=`. */
function isDeclName(n: Node): boolean {
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'var_spec' || p.type === 'const_spec' || p.type.endsWith('parameter_declaration'))
    return p.childrenForFieldName('name').some((x) => x?.startIndex === n.startIndex);
  return (
    p.type === 'expression_list' &&
    p.parent?.type === 'short_var_declaration' &&
    p.parent.childForFieldName('left')?.startIndex === p.startIndex
  );
}

/** `f` in `T{f: v}`: a field name, not a value. */
function isLiteralKey(n: Node): boolean {
  const el = n.parent?.type === 'literal_element' ? n.parent : n;
  const kv = el.parent;
  return kv?.type === 'keyed_element' && kv.namedChild(0)?.startIndex === el.startIndex;
}

const pkgCache = new WeakMap<Package, PackageFuncs>();

/** The function index of a package, cached per Package. */
export function packageFuncs(pkg: Package): PackageFuncs {
  let pf = pkgCache.get(pkg);
  if (!pf) {
    pf = new PackageFuncs(pkg);
    pkgCache.set(pkg, pf);
  }
  return pf;
}

// ---------------------------------------------------------------------------------------------
// Scopes and constants

/**
 * The initial value of a local variable from its declaration (`x := v`, `var x = v`), when
 * names and values pair up one to one. Null for parameters and multi-value calls.
 */
export function localInitializer(decl: Node): Node | null {
  const d = decl.parent;
  if (!d) return null;
  if (d.type === 'var_spec' || d.type === 'const_spec')
    return valueAt(d, 'name', decl, d.childForFieldName('value'));
  if (d.type === 'expression_list' && d.parent?.type === 'short_var_declaration') {
    const right = d.parent.childForFieldName('right');
    const i = d.namedChildren.findIndex((n) => n?.startIndex === decl.startIndex);
    return right && right.namedChildCount === d.namedChildCount && i >= 0 ? right.namedChild(i) : null;
  }
  return null;
}

/** The value expression paired with `nameNode` in a `var`/`const` spec (`a, b = 1, 2`). */
function valueAt(spec: Node, field: string, nameNode: Node, values: Node | null): Node | null {
  if (!values) return null;
  const names = spec.childrenForFieldName(field).filter((n): n is Node => n !== null);
  const idx = names.findIndex((n) => n.startIndex === nameNode.startIndex);
  const list = values.type === 'expression_list' ? values.namedChildren : [values];
  if (idx < 0 || list.length !== names.length) return null;
  return list[idx] ?? null;
}

function hasToken(n: Node, tok: string): boolean {
  for (let i = 0; i < n.childCount; i++) if (n.child(i)?.type === tok) return true;
  return false;
}

function findName(list: Node | null | undefined, name: string): Node | null {
  if (!list) return null;
  for (const c of list.namedChildren) if (c?.type === 'identifier' && c.text === name) return c;
  return null;
}

/** The identifier a statement declares under `name`, if it declares it. */
function declaredIn(stmt: Node, name: string): Node | null {
  switch (stmt.type) {
    case 'short_var_declaration':
      return findName(stmt.childForFieldName('left'), name);
    case 'var_declaration':
    case 'const_declaration': {
      const specType = stmt.type === 'var_declaration' ? 'var_spec' : 'const_spec';
      for (const s of stmt.descendantsOfType(specType)) {
        const n = s?.childrenForFieldName('name').find((x) => x?.text === name);
        if (n) return n;
      }
      return null;
    }
    case 'type_declaration':
      for (const s of stmt.namedChildren) {
        const n = s?.childForFieldName('name');
        if (n?.text === name) return n;
      }
      return null;
    case 'labeled_statement': {
      const inner = stmt.namedChildren.find((c) => c?.type !== 'label_name');
      return inner ? declaredIn(inner, name) : null;
    }
    default:
      return null;
  }
}

function paramNamed(fn: Node, name: string): Node | null {
  for (const field of ['receiver', 'parameters', 'result']) {
    const list = fn.childForFieldName(field);
    if (list?.type !== 'parameter_list') continue;
    for (const p of list.namedChildren) {
      const n = p?.childrenForFieldName('name').find((x) => x?.text === name);
      if (n) return n;
    }
  }
  return null;
}

/**
 * The local declaration an identifier refers to: the identifier node in a parameter list,
 * `:=`, `var`/`const`, range clause, `if`/`switch`/`for` initializer, type-switch alias or
 * `case v := <-ch`, searching enclosing scopes outward (through func literals into the code
 * around them). Null when it is not local: a package-level name, an import, a builtin.
 */
export function resolveLocal(ident: Node): Node | null {
  const name = ident.text;
  let child: Node = ident;
  for (let scope = ident.parent; scope; child = scope, scope = scope.parent) {
    switch (scope.type) {
      case 'statement_list':
      case 'block':
        for (const s of scope.namedChildren) {
          if (!s || s.startIndex >= child.startIndex) break;
          const d = declaredIn(s, name);
          if (d) return d;
        }
        break;
      case 'function_declaration':
      case 'method_declaration':
      case 'func_literal': {
        const p = paramNamed(scope, name);
        if (p) return p;
        if (scope.type !== 'func_literal') return null;
        break;
      }
      case 'for_statement': {
        const clause = scope.namedChildren.find(
          (c) => c?.type === 'for_clause' || c?.type === 'range_clause',
        );
        if (!clause) break;
        if (clause.type === 'range_clause') {
          // Range variables are in scope in the body, not in the range expression.
          if (child.startIndex !== clause.startIndex && hasToken(clause, ':=')) {
            const d = findName(clause.childForFieldName('left'), name);
            if (d) return d;
          }
          break;
        }
        const init = clause.childForFieldName('initializer');
        if (init && !(ident.startIndex >= init.startIndex && ident.endIndex <= init.endIndex)) {
          const d = declaredIn(init, name);
          if (d) return d;
        }
        break;
      }
      case 'if_statement':
      case 'expression_switch_statement':
      case 'type_switch_statement': {
        const init = scope.childForFieldName('initializer');
        if (init && child.startIndex !== init.startIndex) {
          const d = declaredIn(init, name);
          if (d) return d;
        }
        if (scope.type === 'type_switch_statement') {
          const alias = scope.childForFieldName('alias');
          const value = scope.childForFieldName('value');
          if (alias && child.startIndex !== alias.startIndex && child.startIndex !== value?.startIndex) {
            const d = findName(alias, name);
            if (d) return d;
          }
        }
        break;
      }
      case 'communication_case': {
        const comm = scope.childForFieldName('communication');
        if (
          comm &&
          comm.startIndex !== child.startIndex &&
          comm.type === 'receive_statement' &&
          hasToken(comm, ':=')
        ) {
          const d = findName(comm.childForFieldName('left'), name);
          if (d) return d;
        }
        break;
      }
      case 'source_file':
        return null;
    }
  }
  return null;
}

const CONVERSIONS = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'byte',
  'rune',
]);

/** Parses a Go integer literal (`0x1F`, `0o17`, `017`, `1_000`). */
export function parseIntLiteral(text: string): number | null {
  const t = text.replace(/_/g, '').toLowerCase();
  let v: number;
  if (/^0x[0-9a-f]+$/.test(t)) v = Number.parseInt(t.slice(2), 16);
  else if (/^0b[01]+$/.test(t)) v = Number.parseInt(t.slice(2), 2);
  else if (/^0o[0-7]+$/.test(t)) v = Number.parseInt(t.slice(2), 8);
  else if (/^0[0-7]+$/.test(t)) v = Number.parseInt(t.slice(1), 8);
  else if (/^[0-9]+$/.test(t)) v = Number.parseInt(t, 10);
  else return null;
  return Number.isFinite(v) ? v : null;
}

/**
 * The integer value of a constant expression: literals, `-`/`+`/`^`, arithmetic and shifts,
 * integer conversions (`int64(-1)`), and names of local or package-level constants with an
 * explicit value (not `iota` or implicit repetition). Null when not a known constant. Looking a
 * package constant up parses only the files whose text contains its name.
 */
export function constInt(pkg: Package, file: GoFile, node: Node, depth = 0): number | null {
  if (depth > 8) return null;
  const n = unparen(node);
  const sub = (x: Node | null, f: GoFile = file): number | null =>
    x ? constInt(pkg, f, x, depth + 1) : null;
  switch (n.type) {
    case 'int_literal':
      return parseIntLiteral(n.text);
    case 'unary_expression': {
      const v = sub(n.childForFieldName('operand'));
      if (v === null) return null;
      const op = n.child(0)?.type;
      return op === '-' ? -v : op === '+' ? v : op === '^' ? ~v : null;
    }
    case 'binary_expression': {
      const a = sub(n.childForFieldName('left'));
      const b = sub(n.childForFieldName('right'));
      if (a === null || b === null) return null;
      switch (n.childForFieldName('operator')?.type ?? n.child(1)?.type) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : Math.trunc(a / b);
        case '%':
          return b === 0 ? null : a % b;
        case '<<':
          return b < 53 ? a * 2 ** b : null;
        case '>>':
          return Math.floor(a / 2 ** b);
        case '&':
          return a & b;
        case '|':
          return a | b;
        default:
          return null;
      }
    }
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      if (fn?.type === 'identifier' && CONVERSIONS.has(fn.text) && args.length === 1 && !resolveLocal(fn))
        return sub(args[0]);
      return null;
    }
    case 'type_conversion_expression': {
      const t = n.childForFieldName('type');
      return t && CONVERSIONS.has(t.text) ? sub(n.childForFieldName('operand')) : null;
    }
    case 'identifier': {
      if (n.text === 'iota') return null;
      const local = resolveLocal(n);
      if (local) {
        const spec = local.parent;
        return spec?.type === 'const_spec'
          ? sub(valueAt(spec, 'name', local, spec.childForFieldName('value')))
          : null;
      }
      for (const f of pkg.files) {
        if (!f.text.includes(n.text) || !f.text.includes('const')) continue;
        for (const d of f.decls) {
          if (d.kind !== 'const' || d.name !== n.text) continue;
          const nameNode = d.node.childrenForFieldName('name').find((x) => x?.text === n.text);
          return nameNode
            ? sub(valueAt(d.node, 'name', nameNode, d.node.childForFieldName('value')), f)
            : null;
        }
      }
      return null;
    }
    default:
      return null;
  }
}
