import type { Node } from 'web-tree-sitter';
import {
  argsOf,
  type Callee,
  calleeOf as calleeOfUncached,
  enclosingFunction,
  importNames,
  unparen,
} from '../analysis/calls.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

const calleeCache = new WeakMap<GoFile, Map<number, Callee | null>>();

/** calleeOf, memoised per call node: the taint passes ask about the same calls many times. */
function calleeOf(file: GoFile, call: Node): Callee | null {
  let m = calleeCache.get(file);
  if (!m) {
    m = new Map();
    calleeCache.set(file, m);
  }
  if (!m.has(call.id)) m.set(call.id, calleeOfUncached(file, call));
  return m.get(call.id) ?? null;
}

const RAND_PKGS = ['math/rand', 'math/rand/v2'];
/** math/rand functions that produce no random value (or produce a generator, judged separately). */
const NOT_VALUES = new Set(['Seed', 'Shuffle', 'New', 'NewSource', 'NewPCG', 'NewChaCha8', 'NewZipf']);
const GENERATOR_CTORS = new Set(['New', 'NewSource', 'NewPCG', 'NewChaCha8', 'NewZipf']);
const GENERATOR_TYPES = /^(Rand|Source|Source64|ChaCha8|PCG|Zipf)$/;
const LINKNAMED = /^runtime\.(fastrand|cheaprand)/;

// ---------------------------------------------------------------------------------------------
// Names that say "secret".

const STRONG = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'nonce',
  'salt',
  'session',
  'otp',
  'csrf',
  'xsrf',
  'apikey',
]);
/** Lower-case compounds written as one word: sessionid, authtoken, privkey... */
const COMPOUND =
  /^(api|auth|access|refresh|session|csrf|xsrf|secret|client|reset|bearer|signing|private|priv|master|encryption|enc|hmac|aes|jwt|crypto|otp)(token|secret|key|password|pass|passwd|nonce|salt|id|code)s?$/;
/** Parts that make a bare `key` a key for cryptography or authentication. */
const KEY_QUALIFIERS = new Set([
  'api',
  'secret',
  'private',
  'priv',
  'signing',
  'sign',
  'hmac',
  'mac',
  'aes',
  'enc',
  'encryption',
  'crypt',
  'crypto',
  'cipher',
  'master',
  'access',
  'auth',
  'jwt',
  'ssh',
  'shared',
  'psk',
  'license',
  'gpg',
  'pgp',
  'rsa',
  'ecdsa',
  'client',
]);
/** A last part that names something about the secret, not the secret itself. */
const NOT_THE_VALUE = new Set([
  'idx',
  'index',
  'indices',
  'count',
  'cnt',
  'len',
  'length',
  'size',
  'num',
  'n',
  'pos',
  'offset',
  'delay',
  'timeout',
  'interval',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'duration',
  'lifetime',
  'age',
  'bits',
  'kind',
  'type',
  'name',
  'names',
  'label',
  'header',
  'field',
  'param',
  'column',
  'col',
  'path',
  'file',
  'dir',
  'url',
  'prefix',
  'suffix',
  'rate',
  'bucket',
  'burst',
  'limit',
  'limiter',
  'cost',
  'budget',
  'max',
  'min',
  'manager',
  'mgr',
  'store',
  'cache',
  'gen',
  'generator',
  'fn',
  'func',
  'format',
  'pattern',
  'regex',
  'chars',
  'charset',
  'alphabet',
  'letters',
  'space',
  'range',
  'mode',
  'version',
]);

function nameParts(name: string): string[] {
  const out: string[] = [];
  for (const piece of name.split('_')) {
    for (const m of piece.matchAll(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g)) out.push(m[0].toLowerCase());
  }
  return out;
}

/** 'strong' for names that say secret, 'key' for a bare key (needs byte-shaped output), else null. */
export function secretKind(name: string): 'strong' | 'key' | null {
  const parts = nameParts(name).filter((p) => !/^\d+$/.test(p));
  if (parts.length === 0) return null;
  if (NOT_THE_VALUE.has(parts[parts.length - 1])) return null;
  let key = false;
  for (const p of parts) {
    const single = p.endsWith('s') ? p.slice(0, -1) : p;
    if (STRONG.has(p) || STRONG.has(single) || COMPOUND.test(p)) return 'strong';
    if (p === 'key' || p === 'keys') key = true;
  }
  if (!key) return null;
  return parts.some((p) => KEY_QUALIFIERS.has(p)) ? 'strong' : 'key';
}

function secretInLiteral(text: string): 'strong' | 'key' | null {
  const body = text.replace(/^["`]|["`]$/g, '');
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,40}$/.test(body)) return null;
  return secretKind(body.replace(/[.-]/g, '_'));
}

// ---------------------------------------------------------------------------------------------
// Taint: which random calls a value came from.

interface Origin {
  file: GoFile;
  node: Node;
  label: string;
}
type Taint = Map<string, Origin>;

const keyOf = (o: Origin): string => `${o.file.path}:${o.node.startIndex}`;

function union(...ts: (Taint | undefined)[]): Taint {
  const out: Taint = new Map();
  for (const t of ts) if (t) for (const [k, v] of t) out.set(k, v);
  return out;
}

interface Sink {
  origins: Taint;
  what: string;
  kind: 'strong' | 'key';
}

interface PkgState {
  files: GoFile[];
  /** Locals declared with `//go:linkname x runtime.fastrand...`. */
  linknamed: Map<string, string>;
  /** Package vars and struct fields that hold a math/rand generator. */
  genNames: Set<string>;
  /** Package functions (and methods, by name) whose result carries random output. */
  summaries: Map<string, Taint>;
  /** Random calls whose output was turned into bytes or characters (rand.Read, alphabet indexing). */
  shaped: Set<string>;
  /** Names of the types the package declares (conversions `Token(x)` carry taint). */
  typeNames: Set<string>;
  /** Parameter names of a package function (`name`) or method (`.name`). */
  paramsOf(key: string): string[] | undefined;
}

/** Propagating packages: formatting, encoding, hashing and byte/string helpers. */
function propagates(pkg: string): boolean {
  return (
    ['fmt', 'strconv', 'strings', 'bytes', 'math/big', 'unicode/utf8', 'encoding/binary'].includes(pkg) ||
    pkg.startsWith('encoding/') ||
    pkg.startsWith('crypto/')
  );
}

const CONVERSIONS = /^(string|byte|rune|u?int(8|16|32|64)?|uintptr|float(32|64))$/;
const METHOD_PROPAGATES = new Set([
  'EncodeToString',
  'Encode',
  'AppendEncode',
  'String',
  'Bytes',
  'Text',
  'Sum',
  'Append',
  'SetBytes',
  'SetInt64',
  'SetUint64',
]);

class Unit {
  vars = new Map<string, Taint>();
  sinks: Sink[] = [];
  returns: Taint = new Map();
  private changed = false;
  private readonly randAliases: Set<string>;

  constructor(
    readonly st: PkgState,
    readonly file: GoFile,
    readonly root: Node,
    /** The function whose returns we summarise (null for package-level var declarations). */
    readonly fn: Node | null,
  ) {
    this.randAliases = new Set(
      [...importNames(file)].filter(([, p]) => RAND_PKGS.includes(p)).map(([n]) => n),
    );
  }

  private taintVar(name: string, t: Taint): void {
    if (t.size === 0 || name === '_') return;
    const cur = this.vars.get(name) ?? new Map();
    const before = cur.size;
    for (const [k, v] of t) cur.set(k, v);
    if (cur.size !== before) this.changed = true;
    this.vars.set(name, cur);
  }

  private isGenType(t: string): boolean {
    const m = /^\*?([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]+)$/.exec(t.replace(/\s+/g, ''));
    return !!m && this.randAliases.has(m[1]) && GENERATOR_TYPES.test(m[2]);
  }

  private genCache = new Map<string, boolean>();

  /** Is the expression a math/rand generator (`*rand.Rand`, a Source, a PCG...)? */
  isGenerator(e0: Node, depth = 0): boolean {
    const e = unparen(e0);
    if (depth > 3) return false;
    if (e.type === 'identifier') {
      const hit = this.genCache.get(e.text);
      if (hit !== undefined) return hit;
      this.genCache.set(e.text, false);
      const r = this.identIsGenerator(e, depth);
      this.genCache.set(e.text, r);
      return r;
    }
    if (e.type === 'call_expression') {
      const c = calleeOf(this.file, e);
      return !!c?.pkg && RAND_PKGS.includes(c.pkg) && GENERATOR_CTORS.has(c.name);
    }
    if (e.type === 'unary_expression') {
      const op = e.childForFieldName('operand');
      return !!op && this.isGenerator(op, depth + 1);
    }
    if (e.type === 'selector_expression')
      return this.st.genNames.has(e.childForFieldName('field')?.text ?? '');
    return false;
  }

  private identIsGenerator(e: Node, depth: number): boolean {
    let declaredHere = false;
    for (const s of this.root.descendantsOfType([
      'short_var_declaration',
      'assignment_statement',
      'var_spec',
      'parameter_declaration',
    ])) {
      if (!s) continue;
      if (s.type === 'var_spec' || s.type === 'parameter_declaration') {
        const names = s.childrenForFieldName('name');
        const i = names.findIndex((n) => n?.text === e.text);
        if (i < 0) continue;
        declaredHere = true;
        const t = s.childForFieldName('type');
        if (t && this.isGenType(t.text)) return true;
        const v = s.childForFieldName('value')?.namedChildren[i];
        if (v && v.id !== e.id && this.isGenerator(v, depth + 1)) return true;
        continue;
      }
      const left = s.childForFieldName('left')?.namedChildren ?? [];
      const i = left.findIndex((n) => n?.text === e.text);
      if (i < 0) continue;
      if (s.type === 'short_var_declaration') declaredHere = true;
      const v = s.childForFieldName('right')?.namedChildren[i];
      if (v && v.id !== e.id && this.isGenerator(v, depth + 1)) return true;
    }
    // A local of another type hides a package-level generator of the same name.
    return !declaredHere && this.st.genNames.has(e.text);
  }

  private origin(call: Node, label: string): Taint {
    const o: Origin = { file: this.file, node: call, label };
    return new Map([[keyOf(o), o]]);
  }

  /** A random call: its value, or the buffer it fills. */
  private source(call: Node): { value?: Taint; fill?: { target: Node; taint: Taint } } | null {
    const c = calleeOf(this.file, call);
    if (!c) return null;
    const args = argsOf(call);
    // Floating-point output (jitter, probabilities) never becomes key material.
    if (/Float/.test(c.name)) return null;
    if (c.pkg && RAND_PKGS.includes(c.pkg)) {
      if (NOT_VALUES.has(c.name)) return null;
      const t = this.origin(call, `${c.pkg}.${c.name}`);
      if (c.name === 'Read') return args[0] ? { fill: { target: args[0], taint: t } } : null;
      return { value: t };
    }
    if (c.recv && this.isGenerator(c.recv)) {
      if (c.name === 'Seed' || c.name === 'Shuffle') return null;
      const t = this.origin(
        call,
        `${c.recv.text.length > 30 ? 'the generator' : c.recv.text}.${c.name} (a math/rand generator)`,
      );
      if (c.name === 'Read') return args[0] ? { fill: { target: args[0], taint: t } } : null;
      return { value: t };
    }
    if (
      c.pkg === 'io' &&
      (c.name === 'ReadFull' || c.name === 'ReadAtLeast') &&
      args[0] &&
      this.isGenerator(args[0])
    ) {
      return args[1]
        ? { fill: { target: args[1], taint: this.origin(call, `io.${c.name} from a math/rand generator`) } }
        : null;
    }
    if (!c.pkg && !c.recv && this.st.linknamed.has(c.name)) {
      return { value: this.origin(call, `${this.st.linknamed.get(c.name)} (linknamed as ${c.name})`) };
    }
    if (!c.pkg && !c.recv) {
      const lit = this.closure(c.name);
      if (lit) {
        const t = this.closureReturns(lit);
        if (t.size) return { value: t };
      }
    }
    if (!c.pkg) {
      const s = this.st.summaries.get(c.recv ? `.${c.name}` : c.name);
      if (s?.size) return { value: s };
    }
    return null;
  }

  private closures: Map<string, Node | null> | null = null;

  /** A function literal bound to a local name (`gen := func() string {...}`). */
  private closure(name: string): Node | null {
    if (!this.closures) {
      this.closures = new Map();
      for (const lit of this.root.descendantsOfType('func_literal')) {
        const list = lit?.parent;
        const stmt = list?.parent;
        if (!lit || list?.type !== 'expression_list' || !stmt) continue;
        if (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement') continue;
        const i = list.namedChildren.findIndex((n) => n?.id === lit.id);
        const lhs = stmt.childForFieldName('left')?.namedChildren[i];
        if (lhs?.type === 'identifier') this.closures.set(lhs.text, lit);
      }
    }
    return this.closures.get(name) ?? null;
  }

  private inClosure = new Set<number>();

  private closureReturns(lit: Node): Taint {
    if (this.inClosure.has(lit.id)) return new Map();
    this.inClosure.add(lit.id);
    const parts: Taint[] = [];
    for (const r of lit.descendantsOfType('return_statement')) {
      if (!r || enclosingFunction(r)?.id !== lit.id) continue;
      const list = r.namedChildren[0];
      const exprs = list?.type === 'expression_list' ? list.namedChildren : list ? [list] : [];
      for (const e of exprs) parts.push(this.taintOf(e));
    }
    this.inClosure.delete(lit.id);
    return union(...parts);
  }

  /** Does the index operand hold characters to build a new string from (an alphabet)? */
  private isAlphabet(e0: Node, depth = 0): boolean {
    const e = unparen(e0);
    if (e.type === 'interpreted_string_literal' || e.type === 'raw_string_literal') return true;
    if (e.type === 'type_conversion_expression') {
      const op = e.childForFieldName('operand');
      return !!op && this.isAlphabet(op, depth + 1);
    }
    if (e.type === 'composite_literal') {
      const elems = e.descendantsOfType(['rune_literal', 'interpreted_string_literal', 'int_literal']);
      return elems.length > 0 && /\[\](byte|rune|string)/.test(e.childForFieldName('type')?.text ?? '');
    }
    if (e.type === 'binary_expression') {
      return [e.childForFieldName('left'), e.childForFieldName('right')].every(
        (x) => x && this.isAlphabet(x, depth + 1),
      );
    }
    const name =
      e.type === 'identifier'
        ? e.text
        : e.type === 'selector_expression'
          ? (e.childForFieldName('field')?.text ?? '')
          : '';
    if (!name) return false;
    if (/char|letter|alpha|digit|alnum|symbol|rune|dict|vowel|consonant|hexdig/i.test(name)) return true;
    if (e.type !== 'identifier' || depth > 3) return false;
    const v = this.valueOf(e.text);
    return !!v && this.isAlphabet(v, depth + 1);
  }

  /** The initializer of a const/var `name` in this unit or at package level. */
  private valueCache = new Map<string, Node | null>();

  private valueOf(name: string): Node | null {
    if (!this.valueCache.has(name)) this.valueCache.set(name, this.findValue(name));
    return this.valueCache.get(name) ?? null;
  }

  private findValue(name: string): Node | null {
    const local = specValue(
      this.root.descendantsOfType(['const_spec', 'var_spec', 'short_var_declaration']),
      name,
    );
    if (local) return local;
    // Package level: only files whose text declares the name (`const name =`, `var name =`, or a
    // line of a const/var block) are parsed.
    const declares = new RegExp(`^(?:(?:const|var)\\s+|\\t)${name}\\b[^\\n]*=`, 'm');
    for (const f of this.st.files) {
      if (!declares.test(f.text)) continue;
      for (const d of f.root.namedChildren) {
        if (d?.type !== 'const_declaration' && d?.type !== 'var_declaration') continue;
        const v = specValue(d.descendantsOfType(['const_spec', 'var_spec']), name);
        if (v) return v;
      }
    }
    return null;
  }

  /** The random origins of an expression's value. */
  taintOf(e0: Node | null | undefined): Taint {
    if (!e0) return new Map();
    const e = unparen(e0);
    switch (e.type) {
      case 'identifier':
        return this.vars.get(e.text) ?? new Map();
      case 'call_expression':
        return this.callTaint(e);
      case 'binary_expression': {
        const op = e.childForFieldName('operator')?.text ?? '';
        if (['==', '!=', '<', '<=', '>', '>=', '&&', '||'].includes(op)) return new Map();
        return union(this.taintOf(e.childForFieldName('left')), this.taintOf(e.childForFieldName('right')));
      }
      case 'unary_expression': {
        if (e.text.startsWith('<-')) return new Map();
        return this.taintOf(e.childForFieldName('operand'));
      }
      case 'index_expression': {
        const operand = e.childForFieldName('operand');
        const index = e.childForFieldName('index');
        const own = this.taintOf(operand);
        const idx = this.taintOf(index);
        if (idx.size && operand && this.isAlphabet(operand)) {
          for (const k of idx.keys()) this.st.shaped.add(k);
          return union(own, idx);
        }
        return own; // picking one of existing values is not producing a secret
      }
      case 'slice_expression':
      case 'type_conversion_expression':
      case 'type_assertion_expression':
        return this.taintOf(e.childForFieldName('operand'));
      case 'selector_expression':
        return this.taintOf(e.childForFieldName('operand'));
      case 'composite_literal': {
        const body = e.childForFieldName('body');
        const parts: Taint[] = [];
        for (const el of body?.namedChildren ?? []) {
          if (!el) continue;
          if (el.type === 'keyed_element') {
            const key = el.childForFieldName('key')?.text ?? el.namedChild(0)?.text ?? '';
            if (NOT_THE_VALUE.has(nameParts(key).pop() ?? '')) continue;
            parts.push(this.taintOf(el.childForFieldName('value') ?? el.namedChild(1)));
          } else parts.push(this.taintOf(el.type === 'literal_element' ? el.namedChild(0) : el));
        }
        return union(...parts);
      }
      case 'literal_element':
        return this.taintOf(e.namedChild(0));
      default:
        return new Map();
    }
  }

  private callTaint(call: Node): Taint {
    const src = this.source(call);
    if (src?.value) return src.value;
    if (src?.fill) return new Map();
    const c = calleeOf(this.file, call);
    const args = argsOf(call);
    if (!c) {
      // (T)(x) conversions
      const fn = call.childForFieldName('function');
      if (fn?.type === 'parenthesized_expression' && args.length === 1) return this.taintOf(args[0]);
      return new Map();
    }
    if (!c.pkg && !c.recv) {
      if (CONVERSIONS.test(c.name) || c.name === 'append' || this.st.typeNames.has(c.name)) {
        return union(...args.map((a) => this.taintOf(a)));
      }
      return new Map(); // make, len, other functions
    }
    if (c.pkg) {
      if (propagates(c.pkg)) return union(...args.map((a) => this.taintOf(a)));
      return new Map();
    }
    // Methods: a tainted receiver (sb.String()), or an encoder applied to a tainted argument.
    const recv = c.recv ? this.taintOf(c.recv) : new Map();
    if (METHOD_PROPAGATES.has(c.name)) return union(recv, ...args.map((a) => this.taintOf(a)));
    return recv;
  }

  /** The variable an lvalue or argument ultimately names (`b[i]`, `b[:]`, `&sb` → b / sb). */
  private rootIdent(e0: Node): string | null {
    let e = unparen(e0);
    while (
      ['index_expression', 'slice_expression', 'unary_expression', 'parenthesized_expression'].includes(
        e.type,
      )
    ) {
      const next = e.childForFieldName('operand') ?? e.namedChild(0);
      if (!next) return null;
      e = next;
    }
    return e.type === 'identifier' ? e.text : null;
  }

  private assign(lhs: Node, t: Taint): void {
    if (t.size === 0) return;
    const l = unparen(lhs);
    if (l.type === 'identifier') {
      this.taintVar(l.text, t);
      return;
    }
    if (l.type === 'selector_expression') {
      const field = l.childForFieldName('field')?.text ?? '';
      const kind = secretKind(field);
      if (kind) this.sinks.push({ origins: t, what: `field ${field}`, kind });
      return;
    }
    if (l.type === 'index_expression') {
      const idx = l.childForFieldName('index');
      if (idx && /string_literal$/.test(idx.type)) {
        const kind = secretInLiteral(idx.text);
        if (kind) this.sinks.push({ origins: t, what: `map entry ${idx.text}`, kind });
      }
      const root = this.rootIdent(l);
      if (root) this.taintVar(root, t);
    }
  }

  private statement(s: Node): void {
    switch (s.type) {
      case 'short_var_declaration':
      case 'assignment_statement': {
        const left = s.childForFieldName('left')?.namedChildren.filter((n): n is Node => !!n) ?? [];
        const right = s.childForFieldName('right')?.namedChildren.filter((n): n is Node => !!n) ?? [];
        if (left.length === right.length) {
          for (let i = 0; i < left.length; i++) this.assign(left[i], this.taintOf(right[i]));
        } else if (right.length === 1) {
          const t = this.taintOf(right[0]);
          for (const l of left) this.assign(l, t);
        }
        return;
      }
      case 'var_spec': {
        const names = s.childrenForFieldName('name').filter((n): n is Node => !!n);
        const values = s.childForFieldName('value')?.namedChildren.filter((n): n is Node => !!n) ?? [];
        if (names.length === values.length) {
          for (let i = 0; i < names.length; i++) this.assign(names[i], this.taintOf(values[i]));
        } else if (values.length === 1) {
          const t = this.taintOf(values[0]);
          for (const n of names) this.assign(n, t);
        }
        return;
      }
      case 'call_expression':
        this.callEffects(s);
        return;
      case 'return_statement': {
        if (!this.fn || enclosingFunction(s)?.id !== this.fn.id) return;
        const list = s.namedChildren[0];
        const exprs = list?.type === 'expression_list' ? list.namedChildren : list ? [list] : [];
        for (const e of exprs) {
          const t = this.taintOf(e);
          for (const [k, v] of t) {
            if (!this.returns.has(k)) {
              this.returns.set(k, v);
              this.changed = true;
            }
          }
        }
        return;
      }
      case 'keyed_element': {
        const key = s.childForFieldName('key') ?? s.namedChild(0);
        const value = s.childForFieldName('value') ?? s.namedChild(1);
        const keyText = key?.text ?? '';
        const t = this.taintOf(value);
        if (t.size === 0) return;
        const kind = /^\w+$/.test(keyText) ? secretKind(keyText) : secretInLiteral(keyText);
        if (kind) {
          this.sinks.push({ origins: t, what: `field ${keyText}`, kind });
          return;
        }
        // http.Cookie{Name: "session_id", Value: v}
        if (/^Value$/i.test(keyText)) {
          for (const sib of s.parent?.namedChildren ?? []) {
            if (sib?.type !== 'keyed_element' || sib.id === s.id) continue;
            const lit = (sib.childForFieldName('value') ?? sib.namedChild(1))?.text ?? '';
            const k = /^["`]/.test(lit) ? secretInLiteral(lit) : null;
            if (k) this.sinks.push({ origins: t, what: `the value of ${lit}`, kind: k });
          }
        }
        return;
      }
    }
  }

  /** Calls that fill or extend their operands: rand.Read(b), sb.WriteString(x), copy(dst, src), hex.Encode(dst, src). */
  private callEffects(call: Node): void {
    const src = this.source(call);
    if (src?.fill) {
      for (const k of src.fill.taint.keys()) this.st.shaped.add(k);
      const root = this.rootIdent(src.fill.target);
      if (root) this.taintVar(root, src.fill.taint);
      return;
    }
    const c = calleeOf(this.file, call);
    if (!c) return;
    const args = argsOf(call);
    if (c.recv && /^(Write|WriteString|WriteByte|WriteRune|AppendByte)$/.test(c.name)) {
      const root = this.rootIdent(c.recv);
      if (root) this.taintVar(root, union(...args.map((a) => this.taintOf(a))));
      return;
    }
    if (
      (!c.pkg && !c.recv && c.name === 'copy') ||
      (/^(Put|Encode|Fprint)/.test(c.name) && this.encoderCall(c))
    ) {
      if (!args[0]) return;
      const root = this.rootIdent(args[0]);
      if (root) this.taintVar(root, union(...args.slice(1).map((a) => this.taintOf(a))));
    }
    // q.Set("nonce", v), header.Add("X-Csrf-Token", v)
    if (c.recv && /^(Set|Add|Store|Put|SetValue|WithValue)$/.test(c.name) && args.length >= 2) {
      const lit = args.find((a) => /string_literal$/.test(a.type));
      const kind = lit ? secretInLiteral(lit.text) : null;
      if (kind) {
        const t = union(...args.filter((a) => a !== lit).map((a) => this.taintOf(a)));
        if (t.size) this.sinks.push({ origins: t, what: `the value of ${lit!.text}`, kind });
      }
    }
    // A package function or method whose parameter is named like a secret: issue(token string).
    if (!c.pkg && args.some((a) => this.taintOf(a).size > 0)) {
      const params = this.st.paramsOf(c.recv ? `.${c.name}` : c.name);
      if (params) {
        args.forEach((a, i) => {
          const p = params[i];
          const kind = p ? secretKind(p) : null;
          if (!kind) return;
          const t = this.taintOf(a);
          if (t.size) this.sinks.push({ origins: t, what: `parameter ${p} of ${c.name}`, kind });
        });
      }
    }
  }

  /** hex.Encode, fmt.Fprintf, binary.BigEndian.PutUint64, base64.StdEncoding.Encode: the first argument receives the rest. */
  private encoderCall(c: { pkg?: string; recv?: Node }): boolean {
    if (c.pkg) return propagates(c.pkg);
    const r = c.recv ? unparen(c.recv) : null;
    if (r?.type !== 'selector_expression') return false;
    const op = r.childForFieldName('operand');
    const path = op?.type === 'identifier' ? importNames(this.file).get(op.text) : undefined;
    return !!path && propagates(path);
  }

  run(): void {
    const stmts = this.root.descendantsOfType([
      'short_var_declaration',
      'assignment_statement',
      'var_spec',
      'call_expression',
      'return_statement',
    ]);
    if (this.root.type === 'var_spec') stmts.unshift(this.root);
    const nodes = stmts.filter((n): n is Node => !!n);
    for (let round = 0; round < 8; round++) {
      this.changed = false;
      for (const s of nodes) this.statement(s);
      if (!this.changed) break;
    }
    // Sinks are collected in a last pass, once taint is stable.
    this.sinks = [];
    for (const s of nodes) if (s.type !== 'return_statement' && s.type !== 'var_spec') this.statement(s);
    for (const k of this.root.descendantsOfType('keyed_element')) if (k) this.statement(k);
    for (const [name, t] of this.vars) {
      const kind = secretKind(name);
      if (kind) this.sinks.push({ origins: t, what: `${name}`, kind });
    }
    this.secretTypeSinks();
    const fnName = this.fn?.childForFieldName('name')?.text;
    if (fnName && this.returns.size) {
      const kind = secretKind(fnName) ?? this.receiverSaysSecret(fnName);
      if (kind) this.sinks.push({ origins: this.returns, what: `the result of ${fnName}`, kind });
    }
  }

  /** `func (g *TokenGenerator) Generate() string`: the receiver's type names what is produced. */
  private receiverSaysSecret(method: string): 'strong' | 'key' | null {
    if (this.fn?.type !== 'method_declaration' || !PRODUCER_METHOD.test(method)) return null;
    const recvType =
      this.fn.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0]?.text ?? '';
    const parts = nameParts(recvType);
    while (parts.length > 1 && PRODUCER_SUFFIX.has(parts[parts.length - 1])) parts.pop();
    return secretKind(parts.join('_'));
  }

  /** `Session{ID: v}` and `APIKey(v)`: a value of a type whose name says secret. */
  private secretTypeSinks(): void {
    if (!this.root.text.includes('{') && !this.root.text.includes('(')) return;
    for (const lit of this.root.descendantsOfType('composite_literal')) {
      const t = lit?.childForFieldName('type');
      const typeName = t
        ? t.type === 'type_identifier'
          ? t.text
          : (t.childForFieldName('name')?.text ?? '')
        : '';
      if (!lit || !typeName || secretKind(typeName) !== 'strong') continue;
      for (const el of lit.childForFieldName('body')?.namedChildren ?? []) {
        if (el?.type !== 'keyed_element') continue;
        const key = (el.childForFieldName('key') ?? el.namedChild(0))?.text ?? '';
        if (!VALUE_FIELD.test(key)) continue;
        const taint = this.taintOf(el.childForFieldName('value') ?? el.namedChild(1));
        if (taint.size) this.sinks.push({ origins: taint, what: `${typeName}.${key}`, kind: 'strong' });
      }
    }
    for (const call of this.root.descendantsOfType('call_expression')) {
      const fn = call?.childForFieldName('function');
      if (!call || fn?.type !== 'identifier' || !this.st.typeNames.has(fn.text)) continue;
      const kind = secretKind(fn.text);
      if (!kind) continue;
      const taint = union(...argsOf(call).map((a) => this.taintOf(a)));
      if (taint.size) this.sinks.push({ origins: taint, what: `a value of type ${fn.text}`, kind });
    }
  }
}

/** The value bound to `name` by one of the specs or short variable declarations. */
function specValue(specs: (Node | null)[], name: string): Node | null {
  for (const s of specs) {
    if (!s) continue;
    if (s.type === 'short_var_declaration') {
      const left = s.childForFieldName('left')?.namedChildren ?? [];
      const i = left.findIndex((n) => n?.text === name);
      const v = i >= 0 ? s.childForFieldName('right')?.namedChildren[i] : null;
      if (v) return v;
      continue;
    }
    const i = s.childrenForFieldName('name').findIndex((n) => n?.text === name);
    const v = i >= 0 ? s.childForFieldName('value')?.namedChildren[i] : null;
    if (v) return v;
  }
  return null;
}

const TOP_DECLS = new Set(['function_declaration', 'method_declaration', 'var_declaration']);
const PRODUCER_METHOD = /^(Generate|Gen|New|Next|Make|Create|Issue|Mint|Random|Rand)/;
const PRODUCER_SUFFIX = new Set([
  'generator',
  'gen',
  'maker',
  'factory',
  'source',
  'provider',
  'issuer',
  'service',
  'minter',
]);
/** Fields of a secret-named struct that hold the secret itself (Session.ID, Token.Value). */
const VALUE_FIELD = /^(ID|Id|Value|Key|Code|Secret|Token|Raw|Data|Bytes|Hash|Nonce|Salt|Password|Str|Text)$/;

/** Type names declared in the package, from the text (`type T ...` and `type ( T ... )` blocks). */
function declaredTypes(files: GoFile[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    if (!f.text.includes('type')) continue;
    for (const m of f.text.matchAll(/^type\s+([A-Za-z_]\w*)/gm)) out.add(m[1]);
    for (const m of f.text.matchAll(/^type\s*\(([\s\S]*?)^\)/gm)) {
      for (const n of m[1].matchAll(/^\t([A-Za-z_]\w*)\b/gm)) out.add(n[1]);
    }
  }
  return out;
}

function isTopFunction(n: Node | null): n is Node {
  return n?.type === 'function_declaration' || n?.type === 'method_declaration';
}

function summaryKey(fn: Node): string {
  const name = fn.childForFieldName('name')?.text ?? '';
  return fn.type === 'method_declaration' ? `.${name}` : name;
}

export const RT010: PackageRule = {
  id: 'RT010',
  name: 'weak-random-secret',
  severity: 'warning',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'A token, key, password or nonce made from math/rand output',
  prefilter: /math\/rand|runtime\.fastrand|runtime\.cheaprand/,
  trainer: { difficulty: 1, essential: ['newResetToken'] },
  docs: {
    symptom:
      'Nothing fails: the values look random and the tests pass. But an attacker who sees a few tokens ' +
      '(or knows roughly when the process started) can compute the next ones and take over sessions, ' +
      "reset other users' passwords or forge CSRF tokens.",
    why:
      '`math/rand` and `math/rand/v2` are fast statistical generators, not cryptographic ones: ' +
      "math/rand's Source is an additive lagged Fibonacci generator whose next output follows from " +
      'the previous 607, `rand.New(rand.NewSource(time.Now().UnixNano()))` has only as much ' +
      'entropy as the clock, PCG is predictable from its outputs, and a generator with a fixed seed repeats ' +
      'across restarts (before Go 1.20 the top-level functions were seeded with 1 unless `rand.Seed` was ' +
      'called). Even where Go now seeds from the runtime, the package documentation says not to use ' +
      "it for security-sensitive work. The runtime's `fastrand`/`cheaprand` reached by " +
      '`//go:linkname` are fast hash-style generators, not cryptographic ones either. Only `crypto/rand` ' +
      "reads the operating system's CSPRNG.",
    fix:
      'Generate the value with `crypto/rand`: `b := make([]byte, 32); if _, err := rand.Read(b); err != nil ' +
      '{ ... }; token := base64.RawURLEncoding.EncodeToString(b)`, `rand.Int(rand.Reader, max)` for ' +
      'numbers such as OTP codes, or `rand.Text()` (Go 1.24+). Keep math/rand for jitter, sampling and ' +
      'shuffling, where predictability does not matter. Watch for the shared local name: `crypto/rand` ' +
      'and `math/rand` are both imported as `rand`.',
    versions:
      'Every Go release. Go 1.20 seeds the top-level math/rand functions randomly and Go 1.22 moved them ' +
      'to ChaCha8, which does not make them a supported source of secrets; a seeded `rand.New` generator ' +
      'is as predictable as its seed in every release.',
    references: [
      'math/rand and math/rand/v2 package documentation (security note)',
      'crypto/rand package documentation',
      'gosec G404 (flags every math/rand use; this rule only flags secrets)',
    ],
    bad: [
      {
        title: 'A password-reset token built from math/rand',
        files: [
          {
            name: 'reset.go',
            text:
              'package account\n\nimport (\n\t"encoding/hex"\n\t"math/rand"\n)\n\n' +
              'func newResetToken() string {\n\tbuf := make([]byte, 20)\n\trand.Read(buf)\n' +
              '\treturn hex.EncodeToString(buf)\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The same token from crypto/rand',
        files: [
          {
            name: 'reset.go',
            text:
              'package account\n\nimport (\n\t"crypto/rand"\n\t"encoding/hex"\n)\n\n' +
              'func newResetToken() (string, error) {\n\tbuf := make([]byte, 20)\n' +
              '\tif _, err := rand.Read(buf); err != nil {\n\t\treturn "", err\n\t}\n' +
              '\treturn hex.EncodeToString(buf), nil\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const files = ctx.pkg.files.filter((f) => !f.isTest);
    const randFiles = files.filter((f) => /math\/rand|fastrand|cheaprand/.test(f.text));
    if (randFiles.length === 0) return;
    const st: PkgState = {
      files,
      linknamed: new Map(),
      genNames: new Set(),
      summaries: new Map(),
      shaped: new Set(),
      typeNames: declaredTypes(files),
      paramsOf: () => undefined,
    };
    // Linknamed runtime generators, generator-typed fields and package vars.
    for (const f of randFiles) {
      if (/fastrand|cheaprand/.test(f.text)) {
        for (const d of f.directives) {
          if (d.name === 'linkname' && !d.spaced && d.args.length === 2 && LINKNAMED.test(d.args[1])) {
            st.linknamed.set(d.args[0], d.args[1]);
          }
        }
      }
      if (!/math\/rand/.test(f.text)) continue;
      const aliases = [...importNames(f)].filter(([, p]) => RAND_PKGS.includes(p)).map(([n]) => n);
      if (aliases.length === 0) continue;
      const genType = new RegExp(`^\\*?(${aliases.join('|')})\\.(Rand|Source|Source64|ChaCha8|PCG|Zipf)$`);
      for (const fd of f.root.descendantsOfType(['field_declaration', 'var_spec'])) {
        if (!fd) continue;
        if (fd.type === 'var_spec' && enclosingFunction(fd)) continue;
        const t = fd.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '';
        const values = fd.childForFieldName('value')?.namedChildren ?? [];
        fd.childrenForFieldName('name').forEach((n, i) => {
          if (!n) return;
          const v = values[i];
          let ctor = false;
          if (v) {
            const e = unparen(v);
            const c = e.type === 'call_expression' ? calleeOf(f, e) : null;
            ctor = !!c?.pkg && RAND_PKGS.includes(c.pkg) && GENERATOR_CTORS.has(c.name);
          }
          if (genType.test(t) || ctor) st.genNames.add(n.text);
        });
      }
    }
    // Parameter names of package functions and methods (for `issue(token)` sinks), looked up
    // lazily: only calls that pass a random value need them.
    const paramCache = new Map<string, string[] | undefined>();
    st.paramsOf = (key: string): string[] | undefined => {
      if (paramCache.has(key)) return paramCache.get(key);
      const name = key.replace(/^\./, '');
      let found: string[] | undefined;
      for (const f of files) {
        if (found || !f.text.includes(`${name}(`)) continue;
        for (const d of f.root.namedChildren) {
          if (!isTopFunction(d) || summaryKey(d) !== key) continue;
          found = [];
          for (const p of d.childForFieldName('parameters')?.namedChildren ?? []) {
            if (!p) continue;
            const ns = p.childrenForFieldName('name');
            if (ns.length === 0) found.push('');
            for (const n of ns) found.push(n?.text ?? '');
          }
          break;
        }
      }
      paramCache.set(key, found);
      return found;
    };
    // Only files and functions that mention a random source, a generator, a linknamed runtime
    // generator or a function already known to return random output can carry taint.
    const aliasRes = new Map<GoFile, RegExp | null>();
    const aliasRe = (f: GoFile): RegExp | null => {
      if (!aliasRes.has(f)) {
        const names = /math\/rand/.test(f.text)
          ? [...importNames(f)].filter(([, p]) => RAND_PKGS.includes(p)).map(([n]) => n)
          : [];
        aliasRes.set(f, names.length ? new RegExp(`\\b(?:${names.join('|')})\\.`) : null);
      }
      return aliasRes.get(f) ?? null;
    };
    // Top-level functions and var declarations whose text mentions one of the words: found from
    // the text, so big files are not walked declaration by declaration.
    const declsMentioning = (f: GoFile, re: RegExp): Node[] => {
      const out = new Map<number, Node>();
      for (const m of f.text.matchAll(re)) {
        let n: Node | null = f.root.descendantForIndex(m.index);
        while (n?.parent && n.parent.type !== 'source_file') n = n.parent;
        if (n && TOP_DECLS.has(n.type)) out.set(n.id, n);
      }
      return [...out.values()];
    };
    const wordsRe = (words: string[]): RegExp | null =>
      words.length ? new RegExp(`\\b(?:${words.join('|')})\\b`, 'g') : null;
    const unitsByDecl = new Map<number, Unit[]>();
    const runDecl = (file: GoFile, d: Node): Set<string> => {
      const grown = new Set<string>();
      if (d.type === 'var_declaration') {
        const us: Unit[] = [];
        for (const spec of d.descendantsOfType('var_spec')) {
          if (!spec) continue;
          const u = new Unit(st, file, spec, null);
          u.run();
          us.push(u);
        }
        unitsByDecl.set(d.id, us);
        return grown;
      }
      if (!d.childForFieldName('body')) return grown;
      const u = new Unit(st, file, d, d);
      u.run();
      unitsByDecl.set(d.id, [u]);
      if (u.returns.size) {
        const k = summaryKey(d);
        const before = st.summaries.get(k)?.size ?? 0;
        const merged = union(st.summaries.get(k), u.returns);
        if (merged.size !== before) grown.add(k.replace(/^\./, ''));
        st.summaries.set(k, merged);
      }
      return grown;
    };
    // Round 0: declarations that use math/rand, a generator or a linknamed runtime generator.
    let pending: { file: GoFile; decls: Node[] }[] = [];
    const seedWords = [...st.genNames, ...st.linknamed.keys()];
    for (const f of files) {
      const alias = randFiles.includes(f) ? aliasRe(f) : null;
      const decls = new Map<number, Node>();
      if (alias) for (const d of declsMentioning(f, new RegExp(alias.source, 'g'))) decls.set(d.id, d);
      const seed = wordsRe(seedWords.filter((w) => f.text.includes(w)));
      if (seed) for (const d of declsMentioning(f, seed)) decls.set(d.id, d);
      if (decls.size) pending.push({ file: f, decls: [...decls.values()] });
    }
    // Later rounds: declarations that call a function whose summary just grew.
    for (let round = 0; round < 5 && pending.length; round++) {
      const grown = new Set<string>();
      for (const { file, decls } of pending)
        for (const d of decls) for (const k of runDecl(file, d)) grown.add(k);
      pending = [];
      if (grown.size === 0) break;
      const words = [...grown];
      for (const f of files) {
        const present = words.filter((w) => f.text.includes(w));
        const re = wordsRe(present);
        if (re) pending.push({ file: f, decls: declsMentioning(f, re) });
      }
    }
    const units = [...unitsByDecl.values()].flat();
    const reported = new Set<string>();
    for (const u of units) {
      for (const sink of u.sinks) {
        for (const [k, o] of sink.origins) {
          if (reported.has(k)) continue;
          if (sink.kind === 'key' && !st.shaped.has(k)) continue;
          reported.add(k);
          ctx.report({
            file: o.file,
            at: o.node,
            message:
              `${o.label} is not a cryptographic generator, and its output becomes ${sink.what}; ` +
              'anyone who observes a few values or guesses ' +
              'the seed can predict it — generate it with crypto/rand (rand.Read, rand.Int(rand.Reader, max), or rand.Text in Go 1.24+)',
            related:
              u.file === o.file
                ? undefined
                : [{ file: u.file.path, message: `the value becomes ${sink.what} in ${u.file.name}` }],
            fix: { description: 'use crypto/rand for secrets' },
          });
        }
      }
    }
  },
};
