// Go declarations as text, and the ABI shape of their parameters.
//
// A `//go:linkname` pull is trusted blindly by the linker: if the local declaration passes
// arguments in a different shape than the target expects, the program silently reads garbage.
// This module parses the declaration text of both sides (gofmt'ed std source, or the user's
// declaration as the source model prints it) and compares them by ABI class, never by type
// identity: targets use unexported runtime types (`*g`, `*_type`) that a caller can only copy.

import type { Param } from '../model.js';
import type { Signature } from './kb.js';

// ---------------------------------------------------------------------------------------------
// Tokens

type TokKind = 'ident' | 'num' | 'str' | 'punct' | 'nl' | 'eof';

interface Tok {
  kind: TokKind;
  text: string;
  /** Whitespace (or a comment) comes right before this token. */
  spaced: boolean;
}

const IDENT = /[\p{L}_][\p{L}\p{N}_]*/uy;
const NUMBER = /[0-9][0-9a-zA-Z_.]*/y;
const PUNCT3 = ['...'];
const PUNCT2 = ['<-', '<<', '>>'];

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      toks.push({ kind: 'nl', text: '\n', spaced });
      spaced = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      spaced = true;
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      spaced = true;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      spaced = true;
      continue;
    }
    const tok = readToken(text, i, spaced);
    toks.push(tok);
    i += tok.text.length;
    spaced = false;
  }
  toks.push({ kind: 'eof', text: '', spaced: true });
  return toks;
}

function readToken(text: string, i: number, spaced: boolean): Tok {
  IDENT.lastIndex = i;
  const id = IDENT.exec(text);
  if (id) return { kind: 'ident', text: id[0], spaced };
  NUMBER.lastIndex = i;
  const num = NUMBER.exec(text);
  if (num) return { kind: 'num', text: num[0], spaced };
  const c = text[i];
  if (c === '"' || c === '`') return { kind: 'str', text: readString(text, i), spaced };
  for (const p of [...PUNCT3, ...PUNCT2]) {
    if (text.startsWith(p, i)) return { kind: 'punct', text: p, spaced };
  }
  return { kind: 'punct', text: c, spaced };
}

function readString(text: string, i: number): string {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== quote) {
    if (quote === '"' && text[j] === '\\') j++;
    j++;
  }
  return text.slice(i, Math.min(j + 1, text.length));
}

// ---------------------------------------------------------------------------------------------
// Type expressions

/** A parsed Go type expression. */
export type TypeExpr =
  | { kind: 'name'; name: string; args: TypeExpr[] }
  | { kind: 'pointer'; elem: TypeExpr }
  | { kind: 'slice'; elem: TypeExpr }
  | { kind: 'array'; len: string; elem: TypeExpr }
  | { kind: 'map'; key: TypeExpr; value: TypeExpr }
  | { kind: 'chan'; dir: 'both' | 'send' | 'recv'; elem: TypeExpr }
  | { kind: 'func'; params: ParsedParam[]; results: ParsedParam[] }
  | { kind: 'struct'; fields: StructField[] }
  | { kind: 'interface'; body: string };

interface ParsedParam {
  name: string;
  type: TypeExpr;
  variadic: boolean;
}

interface StructField {
  /** Empty for an embedded field. */
  name: string;
  type: TypeExpr;
}

class ParseError extends Error {}

const TYPE_STARTS = new Set(['*', '[', '(', '<-']);
const TYPE_KEYWORDS = new Set(['map', 'chan', 'func', 'struct', 'interface']);

/**
 * A recursive-descent reader over the tokens of one declaration or type. Newlines matter only
 * between struct fields; everywhere else they are skipped.
 */
class Reader {
  private pos = 0;
  /** One entry per open bracket: true where newlines separate things (struct bodies). */
  private readonly newlineScopes: boolean[] = [];

  constructor(private readonly toks: Tok[]) {}

  peek(): Tok {
    this.skipNewlines();
    return this.toks[this.pos];
  }

  next(): Tok {
    this.skipNewlines();
    const tok = this.toks[this.pos];
    if (tok.kind !== 'eof') this.pos++;
    return tok;
  }

  /** The next token including newlines (for struct bodies). */
  peekRaw(): Tok {
    return this.toks[this.pos];
  }

  at(text: string): boolean {
    const tok = this.peek();
    return tok.kind !== 'str' && tok.text === text;
  }

  accept(text: string): boolean {
    if (!this.at(text)) return false;
    this.next();
    return true;
  }

  expect(text: string): void {
    if (!this.accept(text)) throw new ParseError(`expected ${text}, found ${this.peek().text || 'end'}`);
  }

  ident(): string {
    const tok = this.next();
    if (tok.kind !== 'ident') throw new ParseError(`expected a name, found ${tok.text || 'end'}`);
    return tok.text;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  enter(newlinesMatter: boolean): void {
    this.newlineScopes.push(newlinesMatter);
  }

  leave(): void {
    this.newlineScopes.pop();
  }

  private skipNewlines(): void {
    if (this.newlineScopes[this.newlineScopes.length - 1] === true) return;
    while (this.toks[this.pos].kind === 'nl') this.pos++;
  }

  canStartType(): boolean {
    const tok = this.peek();
    if (tok.kind === 'ident') return true;
    return tok.kind === 'punct' && TYPE_STARTS.has(tok.text);
  }

  // Types --------------------------------------------------------------------------------------

  type(): TypeExpr {
    const tok = this.peek();
    if (tok.kind === 'ident' && TYPE_KEYWORDS.has(tok.text)) return this.keywordType(tok.text);
    if (tok.kind === 'ident') return this.namedType();
    if (this.accept('*')) return { kind: 'pointer', elem: this.type() };
    if (this.at('[')) return this.sliceOrArray();
    if (this.at('<-')) {
      this.next();
      if (this.ident() !== 'chan') throw new ParseError('expected chan after <-');
      return { kind: 'chan', dir: 'recv', elem: this.type() };
    }
    if (this.accept('(')) {
      this.enter(false);
      const inner = this.type();
      this.expect(')');
      this.leave();
      return inner;
    }
    throw new ParseError(`expected a type, found ${tok.text || 'end'}`);
  }

  private keywordType(word: string): TypeExpr {
    this.next();
    switch (word) {
      case 'map': {
        this.expect('[');
        const key = this.type();
        this.expect(']');
        return { kind: 'map', key, value: this.type() };
      }
      case 'chan': {
        const send = this.accept('<-');
        return { kind: 'chan', dir: send ? 'send' : 'both', elem: this.type() };
      }
      case 'func': {
        const { params, results } = this.signature();
        return { kind: 'func', params, results };
      }
      case 'struct':
        return { kind: 'struct', fields: this.structBody() };
      default:
        return { kind: 'interface', body: this.interfaceBody() };
    }
  }

  private namedType(): TypeExpr {
    let name = this.ident();
    if (this.at('.')) {
      this.next();
      name = `${name}.${this.ident()}`;
    }
    const args: TypeExpr[] = [];
    // Type arguments follow the name without a space (`atomic.Pointer[T]`); `a [4]int` is a
    // parameter name followed by an array type.
    const tok = this.peekRaw();
    if (tok.text === '[' && !tok.spaced) {
      this.next();
      this.enter(false);
      do args.push(this.type());
      while (this.accept(','));
      this.expect(']');
      this.leave();
    }
    return { kind: 'name', name, args };
  }

  private sliceOrArray(): TypeExpr {
    this.expect('[');
    if (this.accept(']')) return { kind: 'slice', elem: this.type() };
    const len: string[] = [];
    let depth = 0;
    while (!(depth === 0 && this.at(']'))) {
      const tok = this.next();
      if (tok.kind === 'eof') throw new ParseError('unterminated array length');
      if (tok.text === '[' || tok.text === '(') depth++;
      if (tok.text === ')' || tok.text === ']') depth--;
      len.push(tok.text);
    }
    this.expect(']');
    return { kind: 'array', len: len.join(' '), elem: this.type() };
  }

  private structBody(): StructField[] {
    this.expect('{');
    this.enter(true);
    const fields: StructField[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.peekRaw().text === '}') break;
      if (this.peekRaw().kind === 'eof') throw new ParseError('unterminated struct');
      fields.push(...this.fieldDecl());
    }
    this.leave();
    this.expect('}');
    return fields;
  }

  private skipSeparators(): void {
    for (;;) {
      const tok = this.peekRaw();
      if (tok.kind === 'nl' || (tok.kind === 'punct' && tok.text === ';')) this.pos++;
      else return;
    }
  }

  private fieldDecl(): StructField[] {
    if (this.peekRaw().text === '*') {
      const type = this.type();
      this.skipTag();
      return [{ name: '', type }];
    }
    const names = [this.ident()];
    if (this.peekRaw().text === '.') {
      // An embedded qualified type: `sync.Mutex`.
      this.next();
      const type: TypeExpr = { kind: 'name', name: `${names[0]}.${this.ident()}`, args: [] };
      this.skipTag();
      return [{ name: '', type }];
    }
    while (this.peekRaw().text === ',') {
      this.next();
      this.enter(false);
      this.skipNewlines();
      this.leave();
      names.push(this.ident());
    }
    if (this.fieldEnds()) {
      this.skipTag();
      return [{ name: '', type: { kind: 'name', name: names[0], args: [] } }];
    }
    const type = this.type();
    this.skipTag();
    return names.map((name) => ({ name, type }));
  }

  private fieldEnds(): boolean {
    const tok = this.peekRaw();
    return tok.kind === 'nl' || tok.kind === 'str' || tok.text === ';' || tok.text === '}';
  }

  private skipTag(): void {
    if (this.peekRaw().kind === 'str') this.pos++;
  }

  private interfaceBody(): string {
    this.expect('{');
    const parts: string[] = [];
    let depth = 1;
    for (;;) {
      const tok = this.toks[this.pos];
      if (tok.kind === 'eof') throw new ParseError('unterminated interface');
      this.pos++;
      if (tok.text === '{') depth++;
      if (tok.text === '}' && --depth === 0) break;
      if (tok.kind !== 'nl') parts.push(tok.text);
    }
    return parts.join(' ');
  }

  // Signatures ---------------------------------------------------------------------------------

  signature(): { params: ParsedParam[]; results: ParsedParam[] } {
    const params = this.paramList();
    let results: ParsedParam[] = [];
    if (this.at('(')) results = this.paramList();
    else if (this.canStartResultType()) results = [{ name: '', type: this.type(), variadic: false }];
    return { params, results };
  }

  /** A result type may follow a signature; `{` (a body) and the end of the text may not. */
  private canStartResultType(): boolean {
    const tok = this.peekRaw();
    if (tok.kind === 'nl' && this.newlineScopes[this.newlineScopes.length - 1] === true) return false;
    return this.canStartType();
  }

  paramList(): ParsedParam[] {
    this.expect('(');
    this.enter(false);
    const entries: { name?: string; type?: TypeExpr; variadic: boolean }[] = [];
    while (!this.at(')')) {
      entries.push(this.paramEntry());
      if (!this.accept(',')) break;
    }
    this.expect(')');
    this.leave();
    return groupParams(entries);
  }

  /** `T`, `...T`, `name T` or `name ...T`. */
  private paramEntry(): { name?: string; type?: TypeExpr; variadic: boolean } {
    if (this.accept('...')) return { type: this.type(), variadic: true };
    const first = this.type();
    if (this.at(',') || this.at(')')) return { type: first, variadic: false };
    if (first.kind !== 'name' || first.args.length > 0 || first.name.includes('.')) {
      throw new ParseError('expected , or ) after a parameter type');
    }
    const variadic = this.accept('...');
    return { name: first.name, type: this.type(), variadic };
  }
}

/**
 * Go's parameter-list rule: if any entry is `name Type`, every entry is named and a lone
 * identifier is a name that shares the type of the next typed entry (`a, b int`). Otherwise
 * every entry is a type.
 */
function groupParams(entries: { name?: string; type?: TypeExpr; variadic: boolean }[]): ParsedParam[] {
  const named = entries.some((e) => e.name !== undefined);
  if (!named) return entries.map((e) => ({ name: '', type: e.type!, variadic: e.variadic }));
  const out: ParsedParam[] = [];
  let pending: string[] = [];
  for (const e of entries) {
    if (e.name === undefined) {
      const t = e.type!;
      if (t.kind !== 'name' || t.args.length > 0 || t.name.includes('.') || e.variadic) {
        throw new ParseError('mixed named and unnamed parameters');
      }
      pending.push(t.name);
      continue;
    }
    for (const name of pending) out.push({ name, type: e.type!, variadic: false });
    pending = [];
    out.push({ name: e.name, type: e.type!, variadic: e.variadic });
  }
  if (pending.length > 0) throw new ParseError('mixed named and unnamed parameters');
  return out;
}

/** Parses a Go type expression; null when the text is not one. */
export function parseType(text: string): TypeExpr | null {
  try {
    const r = new Reader(tokenize(text));
    const t = r.type();
    return r.atEnd() ? t : null;
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

/** Prints a type in gofmt's single-line form. */
export function formatType(t: TypeExpr): string {
  switch (t.kind) {
    case 'name':
      return t.args.length ? `${t.name}[${t.args.map(formatType).join(', ')}]` : t.name;
    case 'pointer':
      return `*${formatType(t.elem)}`;
    case 'slice':
      return `[]${formatType(t.elem)}`;
    case 'array':
      return `[${t.len}]${formatType(t.elem)}`;
    case 'map':
      return `map[${formatType(t.key)}]${formatType(t.value)}`;
    case 'chan':
      return formatChan(t.dir, t.elem);
    case 'func':
      return `func${formatSignature(t.params, t.results)}`;
    case 'struct':
      return t.fields.length ? `struct{ ${t.fields.map(formatField).join('; ')} }` : 'struct{}';
    case 'interface':
      return t.body ? `interface{ ${t.body} }` : 'interface{}';
  }
}

function formatChan(dir: 'both' | 'send' | 'recv', elem: TypeExpr): string {
  if (dir === 'send') return `chan<- ${formatType(elem)}`;
  if (dir === 'recv') return `<-chan ${formatType(elem)}`;
  return `chan ${formatType(elem)}`;
}

function formatField(f: StructField): string {
  return f.name ? `${f.name} ${formatType(f.type)}` : formatType(f.type);
}

function formatParam(p: ParsedParam): string {
  const type = (p.variadic ? '...' : '') + formatType(p.type);
  return p.name ? `${p.name} ${type}` : type;
}

function formatSignature(params: ParsedParam[], results: ParsedParam[]): string {
  const head = `(${params.map(formatParam).join(', ')})`;
  if (results.length === 0) return head;
  if (results.length === 1 && !results[0].name) return `${head} ${formatType(results[0].type)}`;
  return `${head} (${results.map(formatParam).join(', ')})`;
}

function toParam(p: ParsedParam): Param {
  return { name: p.name, type: formatType(p.type), variadic: p.variadic };
}

// ---------------------------------------------------------------------------------------------
// Declarations

/**
 * Parses `func name(params) results` (a body, if present, is ignored) or `var name T`.
 * Grouped names (`a, b int`) become one Param each; a variadic parameter keeps its element type
 * in `type` with `variadic: true`. A method's receiver becomes the first parameter, which is
 * where the ABI passes it. Type parameters are skipped. Null when the text is not a
 * declaration of that form (or a `var` without a written type).
 */
export function parseSignature(declText: string): Signature | null {
  try {
    const r = new Reader(tokenize(declText));
    const word = r.ident();
    if (word === 'var') return parseVar(r);
    if (word !== 'func') return null;
    return parseFunc(r);
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

function parseVar(r: Reader): Signature | null {
  const name = r.ident();
  if (r.at('=')) return null;
  const type = r.type();
  return { kind: 'var', params: [], results: [{ name, type: formatType(type), variadic: false }] };
}

function parseFunc(r: Reader): Signature {
  const receiver = r.at('(') ? r.paramList() : [];
  r.ident();
  if (r.at('[')) skipTypeParams(r);
  const { params, results } = r.signature();
  return { kind: 'func', params: [...receiver, ...params].map(toParam), results: results.map(toParam) };
}

function skipTypeParams(r: Reader): void {
  r.expect('[');
  let depth = 1;
  while (depth > 0) {
    const tok = r.next();
    if (tok.kind === 'eof') throw new ParseError('unterminated type parameters');
    if (tok.text === '[') depth++;
    if (tok.text === ']') depth--;
  }
}

// ---------------------------------------------------------------------------------------------
// ABI classes

export type AbiClass =
  | { kind: 'int'; size: number }
  | { kind: 'float'; size: number }
  | { kind: 'complex'; size: number }
  | { kind: 'bool' }
  | { kind: 'string' }
  | { kind: 'slice' }
  | { kind: 'iface' }
  | { kind: 'eface' }
  | { kind: 'ptr'; uintptr?: boolean }
  | { kind: 'struct'; fields: AbiClass[] }
  | { kind: 'array'; len: number; elem: AbiClass }
  | { kind: 'unknown'; type: string };

/** Resolves a named type (as written, e.g. `worldStop`, `abi.Type`) to its underlying type text. */
export type TypeResolver = (name: string) => string | null;

function builtinClass(name: string, ptrSize: number): AbiClass | null {
  switch (name) {
    case 'bool':
      return { kind: 'bool' };
    case 'string':
      return { kind: 'string' };
    case 'int':
    case 'uint':
      return { kind: 'int', size: ptrSize };
    case 'uintptr':
      // Integer-sized, but kept apart from integers so that a uintptr standing in for a pointer
      // (or the reverse) can be reported: the garbage collector does not see it.
      return { kind: 'ptr', uintptr: true };
    case 'int8':
    case 'uint8':
    case 'byte':
      return { kind: 'int', size: 1 };
    case 'int16':
    case 'uint16':
      return { kind: 'int', size: 2 };
    case 'int32':
    case 'uint32':
    case 'rune':
      return { kind: 'int', size: 4 };
    case 'int64':
    case 'uint64':
      return { kind: 'int', size: 8 };
    case 'float32':
      return { kind: 'float', size: 4 };
    case 'float64':
      return { kind: 'float', size: 8 };
    case 'complex64':
      return { kind: 'complex', size: 8 };
    case 'complex128':
      return { kind: 'complex', size: 16 };
    case 'any':
      return { kind: 'eface' };
    case 'error':
      return { kind: 'iface' };
    case 'unsafe.Pointer':
      return { kind: 'ptr' };
    default:
      return null;
  }
}

/**
 * Named non-pointer types that appear in the signatures of the std symbols gotrap knows
 * (pointers to runtime types, `*g` or `*maps.Map`, need no entry: every pointer has one shape).
 * Checked against the runtime source of the releases named; `from`/`to` bound the minor
 * releases where the layout holds.
 */
const STD_TYPES: { name: string; type: string; from?: number; to?: number }[] = [
  // runtime/runtime2.go: `type waitReason uint8` (all releases in the table).
  { name: 'waitReason', type: 'uint8' },
  // runtime/trace.go (1.21+): `type traceBlockReason uint8`.
  { name: 'traceBlockReason', type: 'uint8' },
  // Before 1.21 gopark took `traceEv byte`; the named type was also a byte.
  { name: 'traceEv', type: 'uint8' },
  // runtime/proc.go (1.21+): `type stwReason uint8`.
  { name: 'stwReason', type: 'uint8' },
  // runtime/proc.go: stopTheWorld returns this since 1.22. 1.22 carries the reason and a start
  // time; 1.23 splits the timing into three fields.
  { name: 'worldStop', type: 'struct{ reason uint8; start int64 }', from: 22, to: 22 },
  {
    name: 'worldStop',
    type: 'struct{ reason uint8; startedStopping int64; finishedStopping int64; stoppingCPUTime int64 }',
    from: 23,
  },
  // runtime/slice.go: the header growslice returns.
  { name: 'slice', type: 'struct{ array unsafe.Pointer; len int; cap int }' },
  // internal/unsafeheader: the slice header reflect passes to typedslicecopy.
  { name: 'unsafeheader.Slice', type: 'struct{ Data unsafe.Pointer; Len int; Cap int }' },
  { name: 'unsafeheader.String', type: 'struct{ Data unsafe.Pointer; Len int }' },
  // runtime/runtime2.go: integer-typed pointers the runtime keeps out of the GC's view.
  { name: 'guintptr', type: 'uintptr' },
  { name: 'muintptr', type: 'uintptr' },
  { name: 'puintptr', type: 'uintptr' },
];

/**
 * Exported std types a caller may pass to a linknamed function: both sides may use them, so
 * the local side resolves them too.
 */
const EXPORTED_STD_TYPES: Record<string, string> = {
  'reflect.SliceHeader': 'struct{ Data uintptr; Len int; Cap int }',
  'reflect.StringHeader': 'struct{ Data uintptr; Len int }',
  'time.Duration': 'int64',
};

function exportedStdType(name: string): string | null {
  return EXPORTED_STD_TYPES[name] ?? null;
}

/** Resolves the std named types above for one minor release (default: the newest layout). */
export function stdTypeResolver(minor?: number): TypeResolver {
  return (name) => {
    const m = minor ?? Number.MAX_SAFE_INTEGER;
    const hit = STD_TYPES.find((t) => t.name === name && (t.from ?? 0) <= m && m <= (t.to ?? Infinity));
    return hit ? hit.type : exportedStdType(name);
  };
}

interface ClassifyContext {
  resolvers: TypeResolver[];
  ptrSize: number;
  depth: number;
}

/**
 * The ABI class of a Go type. `resolve` turns a named type into its underlying type text (the
 * caller's own type declarations); the std types above are tried after it. Unresolvable names
 * classify as unknown.
 */
export function classify(typeText: string, resolve?: TypeResolver, ptrSize = 8): AbiClass {
  const resolvers = resolve ? [resolve, stdTypeResolver()] : [stdTypeResolver()];
  return classifyText(typeText, { resolvers, ptrSize, depth: 0 });
}

function classifyText(text: string, ctx: ClassifyContext): AbiClass {
  const t = parseType(text);
  return t ? classifyExpr(t, ctx) : { kind: 'unknown', type: text };
}

const MAX_RESOLVE_DEPTH = 16;

function classifyExpr(t: TypeExpr, ctx: ClassifyContext): AbiClass {
  switch (t.kind) {
    case 'name':
      return classifyName(t, ctx);
    case 'pointer':
    case 'map':
    case 'chan':
    case 'func':
      return { kind: 'ptr' };
    case 'slice':
      return { kind: 'slice' };
    case 'array':
      return classifyArray(t.len, t.elem, ctx);
    case 'struct':
      return { kind: 'struct', fields: t.fields.map((f) => classifyExpr(f.type, ctx)) };
    case 'interface':
      return t.body ? { kind: 'iface' } : { kind: 'eface' };
  }
}

function classifyArray(len: string, elem: TypeExpr, ctx: ClassifyContext): AbiClass {
  const n = /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(len) ? Number(len) : Number.NaN;
  if (!Number.isSafeInteger(n)) return { kind: 'unknown', type: `[${len}]${formatType(elem)}` };
  return { kind: 'array', len: n, elem: classifyExpr(elem, ctx) };
}

function classifyName(t: { name: string; args: TypeExpr[] }, ctx: ClassifyContext): AbiClass {
  const text = formatType({ kind: 'name', name: t.name, args: t.args });
  const builtin = t.args.length === 0 ? builtinClass(t.name, ctx.ptrSize) : null;
  if (builtin) return builtin;
  if (ctx.depth >= MAX_RESOLVE_DEPTH) return { kind: 'unknown', type: text };
  for (const resolve of ctx.resolvers) {
    const underlying = resolve(text);
    if (underlying !== null && underlying !== text) {
      return classifyText(underlying, { ...ctx, depth: ctx.depth + 1 });
    }
  }
  return { kind: 'unknown', type: text };
}

// ---------------------------------------------------------------------------------------------
// Comparison

export interface AbiMismatch {
  severity: 'error' | 'warning';
  message: string;
  /** 0-based position in the parameter or result list. */
  index?: number;
  where?: 'param' | 'result';
}

export interface CompareOptions {
  /** The local package's named types (the target side uses the std table). */
  resolveLocal?: TypeResolver;
  /** Overrides the std table for the target side. */
  resolveTarget?: TypeResolver;
  /** The target's minor release, for std types whose layout changed (`worldStop`). */
  targetMinor?: number;
  /** 8 (default) or 4. */
  ptrSize?: number;
}

/**
 * Compares a local pull declaration with its target by ABI shape. Pairs where either side's
 * class is unknown are skipped: a mismatch is reported only when it is certain.
 */
export function compareAbi(local: Signature, target: Signature, opts: CompareOptions = {}): AbiMismatch[] {
  const ptrSize = opts.ptrSize ?? 8;
  const localResolvers = opts.resolveLocal ? [opts.resolveLocal, exportedStdType] : [exportedStdType];
  const localCtx: ClassifyContext = { resolvers: localResolvers, ptrSize, depth: 0 };
  const targetResolvers = [opts.resolveTarget ?? stdTypeResolver(opts.targetMinor)];
  const targetCtx: ClassifyContext = { resolvers: targetResolvers, ptrSize, depth: 0 };
  const sides = { local: localCtx, target: targetCtx };
  const localKind = local.kind ?? 'func';
  const targetKind = target.kind ?? 'func';
  if (localKind !== targetKind) {
    return [{ severity: 'error', message: `a ${localKind} declaration vs target's ${targetKind}` }];
  }
  if (localKind === 'var') return compareList('variable', local.results, target.results, sides);
  return [
    ...compareList('param', local.params, target.params, sides),
    ...compareList('result', local.results, target.results, sides),
  ];
}

interface Sides {
  local: ClassifyContext;
  target: ClassifyContext;
}

const LIST_WORDS = {
  param: ['parameter', 'parameters'],
  result: ['result', 'results'],
  variable: ['variable', 'variables'],
} as const;

function compareList(
  where: 'param' | 'result' | 'variable',
  local: Param[],
  target: Param[],
  sides: Sides,
): AbiMismatch[] {
  const [one, many] = LIST_WORDS[where];
  const loc = where === 'variable' ? {} : { where };
  if (local.length !== target.length) {
    const message =
      `${local.length} ${local.length === 1 ? one : many} (${typeList(local)}) vs target's ` +
      `${target.length} (${typeList(target)})`;
    return [{ severity: 'error', message, ...loc }];
  }
  const out: AbiMismatch[] = [];
  for (let i = 0; i < local.length; i++) {
    const problem = comparePair(local[i], target[i], sides);
    if (!problem) continue;
    const label = where === 'variable' ? 'variable' : `${one} ${i + 1}`;
    const index = where === 'variable' ? {} : { index: i };
    out.push({ severity: problem.severity, message: `${label}: ${problem.text}`, ...index, ...loc });
  }
  return out;
}

function typeList(params: Param[]): string {
  return params.map((p) => (p.variadic ? `...${p.type}` : p.type)).join(', ');
}

function paramTypeText(p: Param): string {
  if (p.type.startsWith('...')) return `[]${p.type.slice(3)}`;
  return p.variadic ? `[]${p.type}` : p.type;
}

function comparePair(
  local: Param,
  target: Param,
  sides: Sides,
): { severity: 'error' | 'warning'; text: string } | null {
  const lt = paramTypeText(local);
  const tt = paramTypeText(target);
  const lc = classifyText(lt, sides.local);
  const tc = classifyText(tt, sides.target);
  const verdict = compareClasses(lc, tc, sides.local.ptrSize);
  if (verdict === 'same' || verdict === 'unknown') return null;
  const text = `${lt} (${describe(lc, sides.local.ptrSize)}) vs target's ${tt} (${describe(tc, sides.target.ptrSize)})`;
  if (verdict === 'gc')
    return {
      severity: 'warning',
      text: `${text}: the garbage collector cannot see a pointer kept in an integer`,
    };
  if (verdict === 'boolint')
    return { severity: 'warning', text: `${text}: same size, but a bool is only 0 or 1` };
  return { severity: 'error', text: `${text}: ${verdict}` };
}

/**
 * 'same', 'unknown' (cannot tell), 'gc' (a pointer against an integer of pointer size),
 * 'boolint' (bool against a one-byte integer), or the reason they differ.
 */
type Verdict = 'same' | 'unknown' | 'gc' | 'boolint' | string;

/** One register-sized piece of a value, in the order the register ABI assigns them. */
type Leaf =
  | { kind: 'int'; size: number; uintptr?: boolean }
  | { kind: 'float'; size: number }
  | { kind: 'bool' }
  | { kind: 'ptr' }
  | { kind: 'array'; len: number; elem: AbiClass }
  | { kind: 'unknown' };

/**
 * Flattens a class into the leaves the register ABI assigns one by one: strings, slices and
 * interfaces are their header words, structs their fields, complex numbers two floats, and an
 * array of one element that element.
 */
function flatten(c: AbiClass, ptrSize: number): Leaf[] {
  switch (c.kind) {
    case 'int':
    case 'float':
    case 'bool':
      return [c];
    case 'ptr':
      return c.uintptr ? [{ kind: 'int', size: ptrSize, uintptr: true }] : [{ kind: 'ptr' }];
    case 'complex':
      return [
        { kind: 'float', size: c.size / 2 },
        { kind: 'float', size: c.size / 2 },
      ];
    case 'string':
      return [{ kind: 'ptr' }, { kind: 'int', size: ptrSize }];
    case 'slice':
      return [{ kind: 'ptr' }, { kind: 'int', size: ptrSize }, { kind: 'int', size: ptrSize }];
    case 'iface':
    case 'eface':
      return [{ kind: 'ptr' }, { kind: 'ptr' }];
    case 'struct':
      return c.fields.flatMap((f) => flatten(f, ptrSize));
    case 'array':
      if (c.len === 0) return [];
      if (c.len === 1) return flatten(c.elem, ptrSize);
      return [c];
    case 'unknown':
      return [{ kind: 'unknown' }];
  }
}

function compareClasses(local: AbiClass, target: AbiClass, ptrSize: number): Verdict {
  if (local.kind === 'unknown' || target.kind === 'unknown') return 'unknown';
  const a = flatten(local, ptrSize);
  const b = flatten(target, ptrSize);
  if (a.some((l) => l.kind === 'unknown') || b.some((l) => l.kind === 'unknown')) return 'unknown';
  if (a.length !== b.length) return `${a.length} vs ${b.length} machine words or fields`;
  let verdict: Verdict = 'same';
  for (let i = 0; i < a.length; i++) {
    const v = compareLeaves(a[i], b[i], ptrSize);
    if (v === 'unknown') return 'unknown';
    if (v !== 'same' && v !== 'gc' && v !== 'boolint') return v;
    if (v !== 'same') verdict = v;
  }
  return verdict;
}

function compareLeaves(a: Leaf, b: Leaf, ptrSize: number): Verdict {
  if (a.kind === 'ptr' && b.kind === 'ptr') return 'same';
  if (a.kind === 'ptr' || b.kind === 'ptr') return comparePointerWithOther(a.kind === 'ptr' ? b : a, ptrSize);
  if (a.kind === 'bool' && b.kind === 'bool') return 'same';
  if (a.kind === 'bool' || b.kind === 'bool') return compareBoolWithOther(a.kind === 'bool' ? b : a);
  if (a.kind === 'array' || b.kind === 'array') return compareArrays(a, b, ptrSize);
  if (a.kind === 'unknown' || b.kind === 'unknown') return 'unknown';
  if (a.kind !== b.kind) return 'an integer and a floating-point value travel in different registers';
  if (a.size !== b.size) return `sizes differ (${a.size} vs ${b.size} bytes)`;
  return 'same';
}

function comparePointerWithOther(other: Leaf, ptrSize: number): Verdict {
  if (other.kind === 'int' && other.size === ptrSize) return 'gc';
  return 'a pointer vs a value of another shape';
}

function compareBoolWithOther(other: Leaf): Verdict {
  if (other.kind === 'int' && other.size === 1) return 'boolint';
  return 'a bool vs a value of another shape';
}

function compareArrays(a: Leaf, b: Leaf, ptrSize: number): Verdict {
  if (a.kind !== 'array' || b.kind !== 'array') return 'an array vs a value of another shape';
  if (a.len !== b.len) return `arrays of ${a.len} vs ${b.len} elements`;
  return compareClasses(a.elem, b.elem, ptrSize);
}

/** A short description for messages: `4 bytes`, `pointer`, `string, 2 words`. */
export function describe(c: AbiClass, ptrSize = 8): string {
  switch (c.kind) {
    case 'int':
      return `${c.size} ${c.size === 1 ? 'byte' : 'bytes'}`;
    case 'float':
      return `float, ${c.size} bytes`;
    case 'complex':
      return `complex, ${c.size} bytes`;
    case 'bool':
      return 'bool, 1 byte';
    case 'string':
      return 'string, 2 words';
    case 'slice':
      return 'slice, 3 words';
    case 'iface':
    case 'eface':
      return 'interface, 2 words';
    case 'ptr':
      return c.uintptr ? `integer, ${ptrSize} bytes` : 'pointer';
    case 'struct':
      return `struct of ${flatten(c, ptrSize).length} fields`;
    case 'array':
      return `array of ${c.len}`;
    case 'unknown':
      return 'unknown';
  }
}
