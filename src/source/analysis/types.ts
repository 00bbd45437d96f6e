// Syntax-level type knowledge for one package: the named types it declares (structs, arrays,
// aliases, pointers, named slices/maps, generic types best-effort, cgo `C.*` types), the
// questions "does this type hold Go pointers?" and "how large is it on the target?", the type of
// an expression or a local variable as far as the syntax shows it, constant folding for offsets,
// and where a pointer value's memory comes from (Go or C).
//
// There is no type checker here: every answer is best-effort and `null`/`unknown` means "cannot
// tell" — rules must treat that as "do not report". Types declared in other packages are
// unknown except for a small table of standard-library types.
//
// Entry point: `const types = PackageTypes.of(pkg)` (cached per package), then
//   types.typeOf(file, expr)            type of an expression or a local (`var x T`, `x := T{}`,
//                                       `x := &T{}`, `x := make([]T, n)`, params, range vars...)
//   types.declOf(file, ident)           the declaration an identifier refers to (scopes, closures)
//   types.typeOfTypeNode(file, node)    a type expression → GoType
//   types.underlying(t)                 named types resolved (generic arguments substituted)
//   types.containsGoPointers(t)         true / false / null (unknown); `pointerSlots(t)` for detail
//   types.sizeOf(t, targetOf(file))     bytes on the file's target (null when unknown)
//   types.fieldOffset(t, ['f', 'g'])    offset and type of a (nested) field
//   types.constValue(file, expr)        integer constant folding (iota, unsafe.Sizeof, len...)
//   types.memoryOf(file, expr)          'go' | 'c' | 'nil' | 'unknown' for a pointer value
// Everything is lazy: a package-level name is looked up only in the files whose text mentions
// it, and only those are parsed.

import type { Node } from 'web-tree-sitter';
import {
  type BuildConfig,
  type Constraint,
  DEFAULT_CONFIG,
  evaluate,
  fileMatches,
  satisfiableTogether,
} from '../constraint.js';
import type { GoFile, Package } from '../model.js';
import { utf8Length } from '../text.js';
import { calleeOf, importNames, unparen } from './calls.js';

// ---------------------------------------------------------------------------------------------
// Types

export interface StructField {
  /** Field name; for an embedded field, the type's name. */
  name: string;
  type: GoType;
  embedded: boolean;
}

/** A `type` declaration (package-level or inside a function). */
export interface TypeDecl {
  name: string;
  file: GoFile;
  /** The `type_spec` or `type_alias` node. */
  spec: Node;
  alias: boolean;
  /** Type parameter names of a generic type, in order. */
  tparams: string[];
}

export type GoType =
  /** Predeclared types (`int`, `string`, `byte`...), plus `unsafe.Pointer` and `untyped nil`. */
  | { kind: 'basic'; name: string }
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  /** `len` is null when it cannot be folded to a constant. */
  | { kind: 'array'; len: number | null; elem: GoType }
  | { kind: 'map'; key: GoType; value: GoType }
  | { kind: 'chan'; elem: GoType }
  | { kind: 'func'; results: GoType[] }
  | { kind: 'interface' }
  /** `cname` marks a C struct read from a cgo preamble. */
  | { kind: 'struct'; fields: StructField[]; cname?: string }
  /** A type declared in this package (pkg null) or another one (pkg = import path). */
  | { kind: 'named'; name: string; pkg: string | null; args: GoType[]; decl: TypeDecl | null }
  /** A cgo type `C.name` (`C.int`, `C.struct_point`, `C.size_t`, a typedef). */
  | { kind: 'c'; name: string; file: GoFile | null }
  /** A type known only by a few facts (standard-library types from the table below). */
  | { kind: 'opaque'; name: string; goPointers: boolean | null; size: number | null; align: number | null }
  | { kind: 'typeparam'; name: string }
  /** The results of a multi-value call. */
  | { kind: 'tuple'; types: GoType[] }
  | { kind: 'unknown'; text: string };

/** The target a size is computed for. */
export interface Target {
  goos: string;
  goarch: string;
  /** Size of pointers, int, uint, uintptr. */
  ptrSize: 4 | 8;
  /** Size of C `long` / `unsigned long`: 8 on LP64 (Linux, macOS, BSD), 4 on Windows and 32-bit. */
  longSize: 4 | 8;
}

/** linux/amd64, the default configuration. */
export const DEFAULT_TARGET: Target = { goos: 'linux', goarch: 'amd64', ptrSize: 8, longSize: 8 };

const ARCH32 = new Set([
  '386',
  'arm',
  'armbe',
  'mips',
  'mipsle',
  'mips64p32',
  'mips64p32le',
  'amd64p32',
  'ppc',
  'riscv',
  's390',
  'sparc',
]);

function targetFor(goos: string, goarch: string): Target {
  const ptrSize = ARCH32.has(goarch) ? 4 : 8;
  return { goos, goarch, ptrSize, longSize: goos === 'windows' || ptrSize === 4 ? 4 : 8 };
}

/**
 * The target a file is compiled for, judged by its `_GOOS_GOARCH` name suffixes and its build
 * constraint: linux/amd64 unless the file cannot be built there (then windows, darwin, or a
 * 32-bit architecture that its constraint admits).
 */
export function targetOf(file: GoFile): Target {
  let goos = file.nameGoos;
  let goarch = file.nameGoarch;
  const holds = (os: string, arch: string): boolean => {
    const cfg: BuildConfig = { ...DEFAULT_CONFIG, goos: os, goarch: arch };
    return evaluate(file.constraint, cfg);
  };
  if (file.constraint) {
    const arch0 = goarch ?? 'amd64';
    if (!goos && !holds('linux', arch0))
      goos = ['windows', 'darwin', 'freebsd'].find((os) => holds(os, arch0));
    const os0 = goos ?? 'linux';
    if (!goarch && !holds(os0, 'amd64')) goarch = ['arm64', '386', 'arm'].find((a) => holds(os0, a));
  }
  return targetFor(goos ?? 'linux', goarch ?? 'amd64');
}

// ---------------------------------------------------------------------------------------------
// Predeclared, cgo and standard-library types

const PREDECLARED = new Set([
  'bool',
  'string',
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
  'float32',
  'float64',
  'complex64',
  'complex128',
]);

/** Predeclared functions, constants and types other than the basic ones. */
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
  'nil',
  'true',
  'false',
  'iota',
  'error',
  'any',
  'comparable',
  '_',
]);

/** Size of a predeclared type (null: pointer-sized or string). */
const BASIC_SIZE: Record<string, number> = {
  bool: 1,
  int8: 1,
  uint8: 1,
  byte: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  rune: 4,
  float32: 4,
  int64: 8,
  uint64: 8,
  float64: 8,
  complex64: 8,
  complex128: 16,
};

/** cgo's names for C's scalar types, with their size (`ptr`/`long`: depends on the target). */
const C_SCALAR: Record<string, number | 'ptr' | 'long'> = {
  char: 1,
  schar: 1,
  uchar: 1,
  _Bool: 1,
  bool: 1,
  short: 2,
  ushort: 2,
  int: 4,
  uint: 4,
  long: 'long',
  ulong: 'long',
  longlong: 8,
  ulonglong: 8,
  float: 4,
  double: 8,
  complexfloat: 8,
  complexdouble: 16,
  size_t: 'ptr',
  ssize_t: 'ptr',
  uintptr_t: 'ptr',
  intptr_t: 'ptr',
  ptrdiff_t: 'ptr',
  off_t: 8,
  int8_t: 1,
  uint8_t: 1,
  int16_t: 2,
  uint16_t: 2,
  int32_t: 4,
  uint32_t: 4,
  int64_t: 8,
  uint64_t: 8,
  pid_t: 4,
  uid_t: 4,
  gid_t: 4,
  mode_t: 4,
  time_t: 8,
};

/** C spellings (as written in a preamble) of the scalar types above. */
const C_SPELLING: Record<string, string> = {
  char: 'char',
  'signed char': 'schar',
  'unsigned char': 'uchar',
  short: 'short',
  'short int': 'short',
  'unsigned short': 'ushort',
  'unsigned short int': 'ushort',
  int: 'int',
  signed: 'int',
  'signed int': 'int',
  unsigned: 'uint',
  'unsigned int': 'uint',
  long: 'long',
  'long int': 'long',
  'unsigned long': 'ulong',
  'unsigned long int': 'ulong',
  'long long': 'longlong',
  'long long int': 'longlong',
  'unsigned long long': 'ulonglong',
  'unsigned long long int': 'ulonglong',
  float: 'float',
  double: 'double',
  _Bool: '_Bool',
  bool: 'bool',
};

interface OpaqueFacts {
  goPointers: boolean | null;
  size: number | null;
  align: number | null;
  /** When set, the type is this basic type (`time.Duration` is an int64). */
  basic?: string;
}

/** Standard-library types whose pointer content (and sometimes size) rules need. */
const STD_TYPES: Record<string, OpaqueFacts> = {
  'sync.Mutex': { goPointers: false, size: 8, align: 4 },
  'sync.RWMutex': { goPointers: false, size: 24, align: 4 },
  'sync.Once': { goPointers: false, size: 12, align: 4 },
  'sync.WaitGroup': { goPointers: false, size: null, align: null },
  'sync.Cond': { goPointers: true, size: null, align: null },
  'sync.Map': { goPointers: true, size: null, align: null },
  'sync.Pool': { goPointers: true, size: null, align: null },
  'sync/atomic.Int32': { goPointers: false, size: 4, align: 4 },
  'sync/atomic.Uint32': { goPointers: false, size: 4, align: 4 },
  'sync/atomic.Int64': { goPointers: false, size: 8, align: 8 },
  'sync/atomic.Uint64': { goPointers: false, size: 8, align: 8 },
  'sync/atomic.Bool': { goPointers: false, size: 4, align: 4 },
  'sync/atomic.Value': { goPointers: true, size: null, align: null },
  'sync/atomic.Pointer': { goPointers: true, size: null, align: null },
  'time.Time': { goPointers: true, size: null, align: null },
  'time.Duration': { goPointers: false, size: 8, align: 8, basic: 'int64' },
  'time.Month': { goPointers: false, size: null, align: null, basic: 'int' },
  'time.Weekday': { goPointers: false, size: null, align: null, basic: 'int' },
  'os.FileMode': { goPointers: false, size: 4, align: 4, basic: 'uint32' },
  'io/fs.FileMode': { goPointers: false, size: 4, align: 4, basic: 'uint32' },
  'syscall.Errno': { goPointers: false, size: null, align: null, basic: 'uintptr' },
  'syscall.Signal': { goPointers: false, size: null, align: null, basic: 'int' },
  'syscall.Timespec': { goPointers: false, size: null, align: null },
  'syscall.Timeval': { goPointers: false, size: null, align: null },
  'context.Context': { goPointers: true, size: null, align: null },
  'reflect.Value': { goPointers: true, size: null, align: null },
  'reflect.Type': { goPointers: true, size: null, align: null },
  'bytes.Buffer': { goPointers: true, size: null, align: null },
  'strings.Builder': { goPointers: true, size: null, align: null },
  'os.File': { goPointers: true, size: null, align: null },
  'io.Reader': { goPointers: true, size: null, align: null },
  'io.Writer': { goPointers: true, size: null, align: null },
  'runtime.Pinner': { goPointers: true, size: null, align: null },
};

const UNKNOWN: GoType = { kind: 'unknown', text: '?' };
const UNSAFE_POINTER: GoType = { kind: 'basic', name: 'unsafe.Pointer' };
const INT: GoType = { kind: 'basic', name: 'int' };
const STRING: GoType = { kind: 'basic', name: 'string' };

function cType(name: string, file: GoFile | null): GoType {
  return { kind: 'c', name, file };
}

/** Does a file import "C"? (reads the text first: cheap) */
function importsC(file: GoFile): boolean {
  return file.text.includes('"C"') && file.cgo !== null;
}

/** Is `C.name` a type (rather than a function, variable or constant)? */
export function isCTypeName(file: GoFile | null, name: string): boolean {
  if (name in C_SCALAR) return true;
  if (/^(struct|union|enum)_/.test(name)) return true;
  if (/_t$/.test(name)) return true;
  const pre = file?.cgo?.text;
  if (!pre?.includes(name)) return false;
  // A typedef in the preamble: `typedef ... name;` or `} name;`
  const re = new RegExp(`\\btypedef\\b[^;{]*(?:\\{[^}]*\\})?[^;]*\\b${name}\\s*(?:\\[[^\\]]*\\])?\\s*;`);
  return re.test(pre);
}

/** A human-readable spelling of a type, for messages. */
export function typeString(t: GoType): string {
  switch (t.kind) {
    case 'basic':
      return t.name;
    case 'pointer':
      return `*${typeString(t.elem)}`;
    case 'slice':
      return `[]${typeString(t.elem)}`;
    case 'array':
      return `[${t.len ?? '?'}]${typeString(t.elem)}`;
    case 'map':
      return `map[${typeString(t.key)}]${typeString(t.value)}`;
    case 'chan':
      return `chan ${typeString(t.elem)}`;
    case 'func':
      return 'func';
    case 'interface':
      return 'interface';
    case 'struct':
      return `struct{${t.fields.map((f) => `${f.embedded ? '' : `${f.name} `}${typeString(f.type)}`).join('; ')}}`;
    case 'named': {
      const base = t.pkg ? `${t.pkg.slice(t.pkg.lastIndexOf('/') + 1)}.${t.name}` : t.name;
      return t.args.length ? `${base}[${t.args.map(typeString).join(', ')}]` : base;
    }
    case 'c':
      return `C.${t.name}`;
    case 'opaque':
      return t.name;
    case 'typeparam':
      return t.name;
    case 'tuple':
      return `(${t.types.map(typeString).join(', ')})`;
    case 'unknown':
      return t.text;
  }
}

// ---------------------------------------------------------------------------------------------
// Declarations

/** What declares a name at some point of a file. */
export interface Decl {
  kind: 'var' | 'const' | 'param' | 'result' | 'receiver' | 'range' | 'func' | 'type' | 'other';
  name: string;
  file: GoFile;
  /** The identifier that declares the name. */
  ident: Node;
  /** Package-level declaration. */
  global: boolean;
  /** The function (declaration, method or literal) whose scope holds a local declaration. */
  fn: Node | null;
  /** The declared type, when written (`var x T`, parameters). */
  typeNode?: Node;
  /** Variadic parameter (`xs ...T` is a []T). */
  variadic?: boolean;
  /** The initializer: the expression assigned to this name (one-to-one forms). */
  value?: Node;
  /** `a, b := f()`: the single multi-value expression and this name's index in it. */
  tupleValue?: Node;
  tupleIndex?: number;
  /** `for k, v := range X`: X, and whether this is the key (0) or value (1). */
  rangeOf?: Node;
  rangeIndex?: number;
  /** Constants: the value expression (implicitly repeated in a group) and iota. */
  iota?: number;
  /** Function/method/type declarations: the declaration node. */
  node?: Node;
}

function isFuncNode(n: Node): boolean {
  return n.type === 'function_declaration' || n.type === 'method_declaration' || n.type === 'func_literal';
}

function named(children: (Node | null)[]): Node[] {
  return children.filter((n): n is Node => n !== null);
}

/** The identifiers on the left of a `:=` or in a var/const spec. */
function specNames(spec: Node): Node[] {
  return named(spec.childrenForFieldName('name'));
}

function exprList(n: Node | null): Node[] {
  if (!n) return [];
  if (n.type === 'expression_list') return named(n.namedChildren);
  return [n];
}

/** Declarations made by one statement (or clause) for `name`, if any. */
function declInStmt(file: GoFile, stmt: Node, name: string, fn: Node | null): Decl | null {
  switch (stmt.type) {
    case 'short_var_declaration': {
      const left = exprList(stmt.childForFieldName('left'));
      const right = exprList(stmt.childForFieldName('right'));
      const i = left.findIndex((n) => n.type === 'identifier' && n.text === name);
      if (i < 0) return null;
      const d: Decl = { kind: 'var', name, file, ident: left[i], global: false, fn };
      if (right.length === left.length) d.value = right[i];
      else if (right.length === 1) {
        d.tupleValue = right[0];
        d.tupleIndex = i;
      }
      return d;
    }
    case 'var_declaration':
    case 'const_declaration': {
      const kind = stmt.type === 'var_declaration' ? 'var' : 'const';
      let specs = named(stmt.namedChildren);
      if (specs.length === 1 && specs[0].type === 'var_spec_list') specs = named(specs[0].namedChildren);
      let lastValue: Node | null = null;
      let lastType: Node | null = null;
      let iota = 0;
      for (const spec of specs) {
        if (spec.type !== 'var_spec' && spec.type !== 'const_spec') continue;
        const names = specNames(spec);
        const valueList = spec.childForFieldName('value');
        const typeNode = spec.childForFieldName('type');
        if (kind === 'const' && valueList) {
          lastValue = valueList;
          lastType = typeNode;
        }
        const i = names.findIndex((n) => n.text === name);
        if (i >= 0) {
          const d: Decl = { kind, name, file, ident: names[i], global: fn === null, fn };
          const tn = typeNode ?? (kind === 'const' && !valueList ? lastType : null);
          if (tn) d.typeNode = tn;
          const values = exprList(kind === 'const' ? (valueList ?? lastValue) : valueList);
          if (values.length === names.length) d.value = values[i];
          else if (values.length === 1 && kind === 'var') {
            d.tupleValue = values[0];
            d.tupleIndex = i;
          }
          if (kind === 'const') d.iota = iota;
          return d;
        }
        iota++;
      }
      return null;
    }
    case 'type_declaration': {
      for (const spec of named(stmt.namedChildren)) {
        if (
          (spec.type === 'type_spec' || spec.type === 'type_alias') &&
          spec.childForFieldName('name')?.text === name
        ) {
          return {
            kind: 'type',
            name,
            file,
            ident: spec.childForFieldName('name')!,
            global: fn === null,
            fn,
            node: spec,
          };
        }
      }
      return null;
    }
    case 'labeled_statement': {
      const inner = stmt.namedChildren.find((c) => c && c.type !== 'label_name');
      return inner ? declInStmt(file, inner, name, fn) : null;
    }
    default:
      return null;
  }
}

/** Declarations of `name` made by a function's receiver, type parameters, parameters or results. */
function declInSignature(file: GoFile, fnNode: Node, name: string): Decl | null {
  const lists: [Node | null, Decl['kind']][] = [
    [fnNode.childForFieldName('receiver'), 'receiver'],
    [fnNode.childForFieldName('parameters'), 'param'],
    [fnNode.childForFieldName('result'), 'result'],
  ];
  for (const [list, kind] of lists) {
    if (list?.type !== 'parameter_list') continue;
    for (const p of named(list.namedChildren)) {
      if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
      const id = named(p.childrenForFieldName('name')).find((n) => n.text === name);
      if (!id) continue;
      const typeNode = p.childForFieldName('type') ?? undefined;
      return {
        kind,
        name,
        file,
        ident: id,
        global: false,
        fn: fnNode,
        typeNode,
        variadic: p.type === 'variadic_parameter_declaration',
      };
    }
  }
  return null;
}

/** Type parameter names in scope at a function declaration (its own and its receiver's). */
function typeParamsOf(fnNode: Node): string[] {
  const out: string[] = [];
  const tps = fnNode.childForFieldName('type_parameters');
  if (tps) {
    for (const d of tps.descendantsOfType('type_parameter_declaration')) {
      if (d) for (const n of named(d.childrenForFieldName('name'))) out.push(n.text);
    }
  }
  const recv = fnNode.childForFieldName('receiver');
  if (recv) {
    for (const g of recv.descendantsOfType('type_arguments')) {
      if (!g) continue;
      for (const el of named(g.namedChildren)) {
        const id = el.type === 'type_elem' ? el.namedChild(0) : el;
        if (id && (id.type === 'type_identifier' || id.type === 'identifier')) out.push(id.text);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The package index

interface GlobalIndex {
  types: Map<string, TypeDecl>;
  /** Package-level var/const/func names → the file and the top-level declaration node. */
  values: Map<string, { file: GoFile; node: Node }>;
  /** `Recv.Method` → method declaration. */
  methods: Map<string, { file: GoFile; node: Node }>;
}

const instances = new WeakMap<Package, PackageTypes>();

/** A pointer-holding part of a type, found by `pointerSlots`. */
export interface PointerSlot {
  /** Where it sits: `` (the value itself), `.name`, `[]`, `.args[]`... */
  path: string;
  /**
   * `go`: Go pointers by type (pointers to Go types, slices, strings, maps, chans, funcs,
   * interfaces); `c`: pointers of C types (`*C.char`) or a C struct that may hold some;
   * `unsafe`: unsafe.Pointer; `unknown`: a part that could not be resolved.
   */
  kind: 'go' | 'c' | 'unsafe' | 'unknown';
  type: GoType;
}

/** Where a pointer value's memory comes from. */
export type Memory = 'go' | 'c' | 'nil' | 'unknown';

export class PackageTypes {
  private readonly perFile = new Map<GoFile, GlobalIndex>();
  private readonly underlyingCache = new Map<TypeDecl, GoType>();
  private readonly cStructCache = new Map<string, GoType | null>();

  private constructor(readonly pkg: Package) {}

  /** The (cached) type knowledge of a package. */
  static of(pkg: Package): PackageTypes {
    let t = instances.get(pkg);
    if (!t) {
      t = new PackageTypes(pkg);
      instances.set(pkg, t);
    }
    return t;
  }

  // --- package-level names -----------------------------------------------------------------

  /** The top-level declarations of one file (parsed on first use). */
  private fileIndex(file: GoFile): GlobalIndex {
    let idx = this.perFile.get(file);
    if (idx) return idx;
    idx = { types: new Map(), values: new Map(), methods: new Map() };
    for (const d of named(file.root.namedChildren)) {
      if (d.type === 'type_declaration') {
        for (const spec of named(d.namedChildren)) {
          const td = typeDeclOf(file, spec);
          if (td && !idx.types.has(td.name)) idx.types.set(td.name, td);
        }
      } else if (d.type === 'var_declaration' || d.type === 'const_declaration') {
        for (const spec of d.descendantsOfType(['var_spec', 'const_spec'])) {
          if (!spec) continue;
          for (const n of specNames(spec))
            if (!idx.values.has(n.text)) idx.values.set(n.text, { file, node: d });
        }
      } else if (d.type === 'function_declaration') {
        const n = d.childForFieldName('name')?.text;
        if (n && !idx.values.has(n)) idx.values.set(n, { file, node: d });
      } else if (d.type === 'method_declaration') {
        const n = d.childForFieldName('name')?.text;
        const recv = receiverTypeName(d);
        if (n && recv) idx.methods.set(`${recv}.${n}`, { file, node: d });
      }
    }
    this.perFile.set(file, idx);
    return idx;
  }

  /**
   * Looks a package-level name up in the files whose text mentions it, so that a lookup in a
   * large package parses only the few files that can declare the name.
   */
  private lookup<T>(
    name: string,
    get: (idx: GlobalIndex) => T | undefined,
    also?: string,
    from?: GoFile,
  ): T | null {
    // Files split by build constraints may each declare the name (`defs_windows.go` and
    // `pcap_unix.go`). From a use in `from`, prefer the declaration in that file, then one that
    // builds together with it on the default target (linux/amd64), then one that builds with it
    // at all; a use in a file every configuration builds thus sees the default target's version.
    let best: T | null = null;
    let bestRank = 0;
    for (const file of this.pkg.files) {
      if (!file.text.includes(name) || (also !== undefined && !file.text.includes(also))) continue;
      const v = get(this.fileIndex(file));
      if (v === undefined) continue;
      if (!from || file === from) return v;
      const rank = !this.buildsWith(from, file) ? 1 : this.buildsByDefault(file) ? 3 : 2;
      if (rank === 3) return v;
      if (rank > bestRank) {
        best = v;
        bestRank = rank;
      }
    }
    return best;
  }

  /** Is the file built for the default target (linux/amd64, cgo on, no extra tags)? */
  private buildsByDefault(f: GoFile): boolean {
    if (!f.constraint && !f.nameGoos && !f.nameGoarch) return true;
    return fileMatches(
      f.constraint,
      { goos: f.nameGoos, goarch: f.nameGoarch, isTest: f.isTest },
      DEFAULT_CONFIG,
    );
  }

  private readonly together = new Map<string, boolean>();

  /** Can `a` and `b` be built in one configuration (build constraints and file-name suffixes)? */
  buildsWith(a: GoFile, b: GoFile): boolean {
    if (a === b) return true;
    const free = (f: GoFile) => !f.constraint && !f.nameGoos && !f.nameGoarch;
    if (free(a) || free(b)) return true;
    const k = a.path < b.path ? `${a.path}\n${b.path}` : `${b.path}\n${a.path}`;
    let v = this.together.get(k);
    if (v === undefined) {
      const spec = (f: GoFile) => ({
        constraint: f.constraint,
        info: { goos: f.nameGoos, goarch: f.nameGoarch, isTest: f.isTest },
      });
      v = satisfiableTogether([spec(a), spec(b)]);
      this.together.set(k, v);
    }
    return v;
  }

  /**
   * A package-level type declaration by name; with `from`, the one that is built together with
   * that file when the package has several.
   */
  typeDecl(name: string, from?: GoFile): TypeDecl | null {
    return this.lookup(name, (i) => i.types.get(name), undefined, from);
  }

  /** A package-level function declaration by name. */
  funcDecl(name: string): { file: GoFile; node: Node } | null {
    const v = this.lookup(name, (i) => i.values.get(name));
    return v && v.node.type === 'function_declaration' ? v : null;
  }

  /** A method declaration by receiver base type name (`T` for `*T` and `T[K]`) and method name. */
  methodDecl(recvType: string, name: string): { file: GoFile; node: Node } | null {
    // A method declaration reads `func (r *T) Name(`: only files with `) Name(` can hold it.
    return this.lookup(`) ${name}(`, (i) => i.methods.get(`${recvType}.${name}`), recvType);
  }

  /** Every method declaration of the package whose receiver base type is `recvType`. */
  methodsOf(recvType: string): { file: GoFile; node: Node }[] {
    const out: { file: GoFile; node: Node }[] = [];
    for (const file of this.pkg.files) {
      if (!file.text.includes(recvType)) continue;
      for (const [k, v] of this.fileIndex(file).methods) if (k.startsWith(`${recvType}.`)) out.push(v);
    }
    return out;
  }

  /**
   * The declaration `ident` (an identifier used at that point) refers to: locals of the
   * enclosing functions (closures see their outer functions), then package-level names.
   * Null for predeclared names, imports and names declared elsewhere.
   */
  declOf(file: GoFile, ident: Node): Decl | null {
    const name = ident.text;
    if (name === '_') return null;
    let cur: Node = ident;
    for (let p = ident.parent; p; cur = p, p = p.parent) {
      switch (p.type) {
        case 'statement_list':
        case 'block': {
          const kids = named(p.namedChildren);
          for (let i = kids.length - 1; i >= 0; i--) {
            const s = kids[i];
            if (s.startIndex >= cur.startIndex) continue;
            const d = declInStmt(file, s, name, enclosingFn(p));
            if (d) return d;
          }
          break;
        }
        case 'for_statement': {
          const rc = named(p.namedChildren).find((c) => c.type === 'range_clause');
          if (rc && cur.type !== 'range_clause' && rc.text.includes(':=')) {
            const left = exprList(rc.childForFieldName('left'));
            const i = left.findIndex((n) => n.text === name);
            if (i >= 0) {
              return {
                kind: 'range',
                name,
                file,
                ident: left[i],
                global: false,
                fn: enclosingFn(p),
                rangeOf: rc.childForFieldName('right') ?? undefined,
                rangeIndex: i,
              };
            }
          }
          const fc = named(p.namedChildren).find((c) => c.type === 'for_clause');
          const init = fc?.childForFieldName('initializer');
          if (init && cur.id !== init.id) {
            const d = declInStmt(file, init, name, enclosingFn(p));
            if (d) return d;
          }
          break;
        }
        case 'for_clause': {
          const init = p.childForFieldName('initializer');
          if (init && cur.id !== init.id) {
            const d = declInStmt(file, init, name, enclosingFn(p));
            if (d) return d;
          }
          break;
        }
        case 'if_statement':
        case 'expression_switch_statement':
        case 'type_switch_statement': {
          const init = p.childForFieldName('initializer');
          if (init && cur.id !== init.id) {
            const d = declInStmt(file, init, name, enclosingFn(p));
            if (d) return d;
          }
          if (p.type === 'type_switch_statement') {
            const alias = exprList(p.childForFieldName('alias'));
            const id = alias.find((n) => n.text === name);
            if (id && cur.type !== 'expression_list')
              return { kind: 'other', name, file, ident: id, global: false, fn: enclosingFn(p) };
          }
          break;
        }
        case 'communication_case': {
          const comm = p.childForFieldName('communication');
          if (comm?.type === 'receive_statement' && cur.id !== comm.id) {
            const id = exprList(comm.childForFieldName('left')).find((n) => n.text === name);
            if (id) return { kind: 'other', name, file, ident: id, global: false, fn: enclosingFn(p) };
          }
          break;
        }
        case 'function_declaration':
        case 'method_declaration':
        case 'func_literal': {
          const d = declInSignature(file, p, name);
          if (d) return d;
          break;
        }
        case 'source_file':
          // Imported package names and predeclared identifiers are not package-level declarations
          // (shadowing a builtin at package level is legal but rare; not worth parsing every file).
          if (importNames(file).has(name) || BUILTINS.has(name) || PREDECLARED.has(name)) return null;
          return this.globalDecl(name, file);
      }
    }
    return null;
  }

  /** A package-level declaration by name. */
  globalDecl(name: string, from?: GoFile): Decl | null {
    const td = this.typeDecl(name, from);
    if (td)
      return {
        kind: 'type',
        name,
        file: td.file,
        ident: td.spec.childForFieldName('name')!,
        global: true,
        fn: null,
        node: td.spec,
      };
    const v = this.lookup(name, (i) => i.values.get(name), undefined, from);
    if (!v) return null;
    if (v.node.type === 'function_declaration') {
      return {
        kind: 'func',
        name,
        file: v.file,
        ident: v.node.childForFieldName('name')!,
        global: true,
        fn: null,
        node: v.node,
      };
    }
    return declInStmt(v.file, v.node, name, null);
  }

  // --- syntax → types ----------------------------------------------------------------------

  /** The type a type expression (`[]*T`, `C.int`, `map[K]V`, `G[int]`...) denotes at its position. */
  typeOfTypeNode(file: GoFile, node: Node, env?: Map<string, GoType>): GoType {
    switch (node.type) {
      case 'parenthesized_type':
        return node.namedChild(0) ? this.typeOfTypeNode(file, node.namedChild(0)!, env) : UNKNOWN;
      case 'type_identifier':
      case 'identifier':
        return this.typeByName(file, node, node.text, [], env);
      case 'generic_type': {
        const base = node.childForFieldName('type');
        const args = named(node.childForFieldName('type_arguments')?.namedChildren ?? []).map((a) =>
          this.typeOfTypeNode(file, a.type === 'type_elem' && a.namedChild(0) ? a.namedChild(0)! : a, env),
        );
        if (!base) return UNKNOWN;
        if (base.type === 'qualified_type') return this.qualified(file, base, args);
        return this.typeByName(file, base, base.text, args, env);
      }
      case 'qualified_type':
        return this.qualified(file, node, []);
      case 'pointer_type':
        return {
          kind: 'pointer',
          elem: node.namedChild(0) ? this.typeOfTypeNode(file, node.namedChild(0)!, env) : UNKNOWN,
        };
      case 'slice_type':
        return { kind: 'slice', elem: this.elemOf(file, node, env) };
      case 'array_type': {
        const lenNode = node.childForFieldName('length');
        const len = lenNode ? this.constValue(file, lenNode) : null;
        return { kind: 'array', len, elem: this.elemOf(file, node, env) };
      }
      case 'implicit_length_array_type':
        return { kind: 'array', len: null, elem: this.elemOf(file, node, env) };
      case 'map_type': {
        const k = node.childForFieldName('key');
        const v = node.childForFieldName('value');
        return {
          kind: 'map',
          key: k ? this.typeOfTypeNode(file, k, env) : UNKNOWN,
          value: v ? this.typeOfTypeNode(file, v, env) : UNKNOWN,
        };
      }
      case 'channel_type':
        return { kind: 'chan', elem: this.elemOf(file, node, env) };
      case 'function_type': {
        const r = node.childForFieldName('result');
        return { kind: 'func', results: r ? this.resultTypes(file, r, env) : [] };
      }
      case 'interface_type':
        return { kind: 'interface' };
      case 'struct_type': {
        const fields: StructField[] = [];
        for (const fd of node.descendantsOfType('field_declaration')) {
          if (!fd || fd.parent?.parent?.id !== node.id) continue;
          const tn = fd.childForFieldName('type');
          const t = tn ? this.typeOfTypeNode(file, tn, env) : UNKNOWN;
          const names = named(fd.childrenForFieldName('name'));
          if (names.length === 0) {
            const base = tn?.text.replace(/^\*/, '').replace(/\[.*$/, '') ?? '?';
            fields.push({ name: base.slice(base.lastIndexOf('.') + 1), type: t, embedded: true });
          } else for (const n of names) fields.push({ name: n.text, type: t, embedded: false });
        }
        return { kind: 'struct', fields };
      }
      default:
        return { kind: 'unknown', text: node.text };
    }
  }

  private elemOf(file: GoFile, node: Node, env?: Map<string, GoType>): GoType {
    const e =
      node.childForFieldName('element') ??
      node.childForFieldName('value') ??
      node.namedChildren.at(-1) ??
      null;
    return e ? this.typeOfTypeNode(file, e, env) : UNKNOWN;
  }

  private resultTypes(file: GoFile, r: Node, env?: Map<string, GoType>): GoType[] {
    if (r.type !== 'parameter_list') return [this.typeOfTypeNode(file, r, env)];
    const out: GoType[] = [];
    for (const p of named(r.namedChildren)) {
      const tn = p.childForFieldName('type');
      const t = tn ? this.typeOfTypeNode(file, tn, env) : UNKNOWN;
      const n = Math.max(1, p.childrenForFieldName('name').length);
      for (let i = 0; i < n; i++) out.push(t);
    }
    return out;
  }

  private qualified(file: GoFile, node: Node, args: GoType[]): GoType {
    const pkgName = node.childForFieldName('package')?.text ?? '';
    const name = node.childForFieldName('name')?.text ?? '';
    if (pkgName === 'C' && importsC(file)) return cType(name, file);
    const path = importNames(file).get(pkgName) ?? pkgName;
    if (path === 'unsafe' && name === 'Pointer') return UNSAFE_POINTER;
    return { kind: 'named', name, pkg: path, args, decl: null };
  }

  private typeByName(
    file: GoFile,
    at: Node,
    name: string,
    args: GoType[],
    env?: Map<string, GoType>,
  ): GoType {
    const bound = env?.get(name);
    if (bound) return bound;
    // Scopes from the use outwards: type parameters, local type declarations, the package.
    for (let p = at.parent; p; p = p.parent) {
      if (isFuncNode(p) && typeParamsOf(p).includes(name)) return { kind: 'typeparam', name };
      if (p.type === 'type_spec' && p.childForFieldName('type_parameters')) {
        const tps = typeDeclOf(file, p)?.tparams ?? [];
        if (tps.includes(name)) return { kind: 'typeparam', name };
      }
      if ((p.type === 'statement_list' || p.type === 'block') && enclosingFn(p)) {
        for (const s of named(p.namedChildren)) {
          if (s.startIndex >= at.startIndex) break;
          if (s.type !== 'type_declaration') continue;
          for (const spec of named(s.namedChildren)) {
            const td = typeDeclOf(file, spec);
            if (td?.name === name) return { kind: 'named', name, pkg: null, args, decl: td };
          }
        }
      }
    }
    if (PREDECLARED.has(name)) return { kind: 'basic', name };
    if (name === 'error' || name === 'any' || name === 'comparable') return { kind: 'interface' };
    if (BUILTINS.has(name)) return { kind: 'unknown', text: name };
    const td = this.typeDecl(name, file);
    if (td) return { kind: 'named', name, pkg: null, args, decl: td };
    return { kind: 'unknown', text: name };
  }

  /**
   * The underlying type: named types resolved (generic arguments substituted), standard-library
   * table entries and cgo scalar types made concrete. Never returns a `named` type; may return
   * `unknown`.
   */
  underlying(t: GoType, depth = 0): GoType {
    if (depth > 20) return UNKNOWN;
    if (t.kind === 'named') {
      if (t.pkg !== null) {
        const facts = STD_TYPES[`${t.pkg}.${t.name}`];
        if (!facts) return { kind: 'opaque', name: typeString(t), goPointers: null, size: null, align: null };
        if (facts.basic) return { kind: 'basic', name: facts.basic };
        return { kind: 'opaque', name: typeString(t), ...facts };
      }
      const d = t.decl;
      if (!d) return UNKNOWN;
      const tn = d.spec.childForFieldName('type');
      if (!tn) return UNKNOWN;
      if (t.args.length === 0 && d.tparams.length === 0) {
        const cached = this.underlyingCache.get(d);
        if (cached) return cached;
        this.underlyingCache.set(d, UNKNOWN); // cycle guard
        const u = this.underlying(this.typeOfTypeNode(d.file, tn), depth + 1);
        this.underlyingCache.set(d, u);
        return u;
      }
      const env = new Map<string, GoType>();
      d.tparams.forEach((p, i) => {
        env.set(p, t.args[i] ?? { kind: 'typeparam', name: p });
      });
      return this.underlying(this.typeOfTypeNode(d.file, tn, env), depth + 1);
    }
    if (t.kind === 'c') {
      const s = C_SCALAR[t.name];
      if (s !== undefined) return t;
      const st = this.cStruct(t.file, t.name);
      return st ?? t;
    }
    return t;
  }

  // --- pointers ----------------------------------------------------------------------------

  /**
   * The pointer-holding parts of a type (at most `limit`), with their paths. Pointers to C types
   * and unsafe.Pointer are not Go pointers by type: they hold Go pointers only when code stores
   * Go memory in them, which rules check on the values (see `memoryOf`).
   */
  pointerSlots(t: GoType, limit = 32): PointerSlot[] {
    const out: PointerSlot[] = [];
    const walk = (ty: GoType, path: string, depth: number): void => {
      if (out.length >= limit) return;
      if (depth > 12) {
        out.push({ path, kind: 'unknown', type: ty });
        return;
      }
      const u = this.underlying(ty);
      switch (u.kind) {
        case 'basic':
          if (u.name === 'string') out.push({ path, kind: 'go', type: ty });
          else if (u.name === 'unsafe.Pointer') out.push({ path, kind: 'unsafe', type: ty });
          return;
        case 'pointer':
          out.push({ path, kind: this.isCTyped(u.elem) ? 'c' : 'go', type: ty });
          return;
        case 'slice':
        case 'map':
        case 'chan':
        case 'func':
        case 'interface':
          out.push({ path, kind: 'go', type: ty });
          return;
        case 'array':
          if (u.len === 0) return;
          walk(u.elem, `${path}[]`, depth + 1);
          return;
        case 'struct':
          for (const f of u.fields) walk(f.type, `${path}.${f.name}`, depth + 1);
          return;
        case 'c':
          // A C struct or typedef cgo could not resolve here: it may hold C pointers.
          if (!(u.name in C_SCALAR)) out.push({ path, kind: 'c', type: ty });
          return;
        case 'opaque':
          if (u.goPointers === true) out.push({ path, kind: 'go', type: ty });
          else if (u.goPointers === null) out.push({ path, kind: 'unknown', type: ty });
          return;
        default:
          out.push({ path, kind: 'unknown', type: ty });
      }
    };
    walk(t, '', 0);
    return out;
  }

  /**
   * Is this a C type as cgo sees it: `C.name`, a C struct read from the preamble, or pointers
   * and arrays of those (`**C.char`)? Pointers to such types are C pointers by type.
   */
  isCTyped(t: GoType, depth = 0): boolean {
    if (depth > 8) return false;
    if (t.kind === 'c') return true;
    if (t.kind === 'pointer' || t.kind === 'array') return this.isCTyped(t.elem, depth + 1);
    if (t.kind === 'named' && t.pkg === null) {
      const u = this.underlying(t);
      return u.kind === 'c' || (u.kind === 'struct' && !!u.cname);
    }
    return t.kind === 'struct' && !!t.cname;
  }

  /**
   * Does a value of this type hold Go pointers (pointers to Go types, slices, strings, maps,
   * chans, funcs, interfaces, or structs/arrays with any)? C pointer types and unsafe.Pointer
   * count as non-Go here. Null when some part is unknown and no Go pointer was found.
   */
  containsGoPointers(t: GoType): boolean | null {
    const slots = this.pointerSlots(t);
    if (slots.some((s) => s.kind === 'go')) return true;
    if (slots.some((s) => s.kind === 'unknown')) return null;
    return false;
  }

  // --- sizes -------------------------------------------------------------------------------

  /** Size in bytes on the target (default linux/amd64), or null when unknown. */
  sizeOf(t: GoType, target: Target = DEFAULT_TARGET): number | null {
    return this.layout(t, target, 0)?.size ?? null;
  }

  /** Alignment in bytes on the target, or null when unknown. */
  alignOf(t: GoType, target: Target = DEFAULT_TARGET): number | null {
    return this.layout(t, target, 0)?.align ?? null;
  }

  /**
   * The byte offset and type of a field path inside a struct type (`['hdr', 'len']`; embedded
   * fields are found by their type name; promoted fields one level deep). Null when unknown.
   */
  fieldOffset(
    t: GoType,
    path: string[],
    target: Target = DEFAULT_TARGET,
  ): { offset: number; type: GoType } | null {
    let offset = 0;
    let cur = t;
    for (const name of path) {
      const f = this.fieldOf(cur, name, target);
      if (!f) return null;
      offset += f.offset;
      cur = f.type;
    }
    return { offset, type: cur };
  }

  private fieldOf(t: GoType, name: string, target: Target): { offset: number; type: GoType } | null {
    const u = this.underlying(t);
    if (u.kind !== 'struct') return null;
    let off = 0;
    let promoted: { offset: number; type: GoType } | null = null;
    for (const f of u.fields) {
      const l = this.layout(f.type, target, 0);
      if (!l) return null;
      off = alignUp(off, l.align);
      if (f.name === name) return { offset: off, type: f.type };
      if (f.embedded && !promoted && this.underlying(f.type).kind === 'struct') {
        const inner = this.fieldOf(f.type, name, target);
        if (inner) promoted = { offset: off + inner.offset, type: inner.type };
      }
      off += l.size;
    }
    return promoted;
  }

  /** The type of field `name` of a struct (or pointer to struct) type, promoted fields included. */
  fieldType(t: GoType, name: string, depth = 0): GoType | null {
    let u = this.underlying(t);
    if (u.kind === 'pointer') u = this.underlying(u.elem);
    if (u.kind !== 'struct' || depth > 4) return null;
    const direct = u.fields.find((f) => f.name === name);
    if (direct) return direct.type;
    for (const f of u.fields) {
      if (!f.embedded) continue;
      const inner = this.fieldType(f.type, name, depth + 1);
      if (inner) return inner;
    }
    return null;
  }

  private layout(t: GoType, target: Target, depth: number): { size: number; align: number } | null {
    if (depth > 16) return null;
    const P = target.ptrSize;
    const u = this.underlying(t);
    switch (u.kind) {
      case 'basic': {
        if (u.name === 'int' || u.name === 'uint' || u.name === 'uintptr' || u.name === 'unsafe.Pointer')
          return { size: P, align: P };
        if (u.name === 'string') return { size: 2 * P, align: P };
        const s = BASIC_SIZE[u.name];
        if (s === undefined) return null;
        const natural = u.name === 'complex64' ? 4 : u.name === 'complex128' ? 8 : s;
        return { size: s, align: Math.min(natural, P) };
      }
      case 'pointer':
      case 'map':
      case 'chan':
      case 'func':
        return { size: P, align: P };
      case 'slice':
        return { size: 3 * P, align: P };
      case 'interface':
        return { size: 2 * P, align: P };
      case 'array': {
        if (u.len === null) return null;
        const e = this.layout(u.elem, target, depth + 1);
        return e ? { size: e.size * u.len, align: e.align } : null;
      }
      case 'struct': {
        let off = 0;
        let align = 1;
        let lastZero = false;
        for (const f of u.fields) {
          const l = this.layout(f.type, target, depth + 1);
          if (!l) return null;
          off = alignUp(off, l.align) + l.size;
          align = Math.max(align, l.align);
          lastZero = l.size === 0;
        }
        // gc pads a struct whose last field has size zero, so &s.last stays inside s.
        if (lastZero && off > 0) off += 1;
        return { size: alignUp(off, align), align };
      }
      case 'c': {
        const s = C_SCALAR[u.name];
        if (s === undefined) return null;
        const size = s === 'ptr' ? P : s === 'long' ? target.longSize : s;
        const align = u.name === 'complexfloat' ? 4 : u.name === 'complexdouble' ? 8 : Math.min(size, 8);
        return { size, align: P === 4 && size === 8 ? 4 : align };
      }
      case 'opaque':
        return u.size !== null && u.align !== null ? { size: u.size, align: u.align } : null;
      default:
        return null;
    }
  }

  // --- C structs from the preamble ------------------------------------------------------------

  /**
   * A `C.struct_name` (or a typedef of a struct) declared in the file's preamble with plain
   * scalar/pointer/array fields, as a Go struct of C types. Null when absent or not simple.
   */
  private cStruct(file: GoFile | null, name: string): GoType | null {
    const pre = file?.cgo?.text;
    if (!file || !pre) return null;
    const key = `${file.path}\0${name}`;
    if (this.cStructCache.has(key)) return this.cStructCache.get(key)!;
    this.cStructCache.set(key, null);
    let body: string | undefined;
    const tag = /^struct_(\w+)$/.exec(name)?.[1];
    if (tag) body = new RegExp(`\\bstruct\\s+${tag}\\s*\\{([^{}]*)\\}`).exec(pre)?.[1];
    else body = new RegExp(`\\btypedef\\s+struct\\s*\\w*\\s*\\{([^{}]*)\\}\\s*${name}\\s*;`).exec(pre)?.[1];
    if (body === undefined && !tag) {
      // `typedef unsigned int name;`: a scalar under another name.
      const td = new RegExp(`\\btypedef\\s+([A-Za-z_][\\w ]*?)\\s+${name}\\s*;`).exec(pre)?.[1];
      const scalar = td ? (C_SPELLING[td] ?? (C_SCALAR[td] !== undefined ? td : undefined)) : undefined;
      const t = scalar ? cType(scalar, file) : null;
      this.cStructCache.set(key, t);
      return t;
    }
    if (body === undefined) return null;
    const fields: StructField[] = [];
    for (const raw of body.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').split(';')) {
      const decl = raw.trim().replace(/\s+/g, ' ');
      if (!decl) continue;
      if (decl.includes(':') || decl.includes('(')) return null; // bit-fields, function pointers
      // The type is everything before the first declarator's name: `unsigned long long a, *b[3]`.
      const [first, ...others] = decl.split(',');
      const m = /^(.*?)([\s*]*)([A-Za-z_]\w*)\s*((?:\[[^\]]*\]\s*)*)$/.exec(first.trim());
      if (!m?.[1].trim()) return null;
      const baseSpelling = m[1]
        .replace(/\b(const|volatile)\b/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      let base: GoType;
      if (baseSpelling.startsWith('struct ')) base = cType(`struct_${baseSpelling.slice(7)}`, file);
      else base = cType(C_SPELLING[baseSpelling] ?? baseSpelling, file);
      const declarators = [`${m[2]}${m[3]}${m[4]}`, ...others];
      for (const d of declarators) {
        const dm = /^\s*(\**)\s*(?:const\s+)?([A-Za-z_]\w*)\s*((?:\[[^\]]*\]\s*)*)$/.exec(d);
        if (!dm) return null;
        let t: GoType = base;
        for (let i = 0; i < dm[1].length; i++) t = { kind: 'pointer', elem: t };
        const dims = [...dm[3].matchAll(/\[([^\]]*)\]/g)].map((x) => cConst(pre, x[1]));
        for (let i = dims.length - 1; i >= 0; i--) t = { kind: 'array', len: dims[i], elem: t };
        fields.push({ name: dm[2], type: t, embedded: false });
      }
    }
    const st: GoType = { kind: 'struct', fields, cname: name };
    this.cStructCache.set(key, st);
    return st;
  }

  // --- expressions -------------------------------------------------------------------------

  /**
   * If `expr` names a type (in expression position: a conversion's callee such as `(*T)`,
   * `C.long`, `unsafe.Pointer`, `[]byte`, `T`), that type; else null.
   */
  typeOfTypeExpr(file: GoFile, expr: Node): GoType | null {
    const n = expr;
    switch (n.type) {
      case 'parenthesized_expression':
      case 'parenthesized_type':
        return n.namedChild(0) ? this.typeOfTypeExpr(file, n.namedChild(0)!) : null;
      case 'unary_expression': {
        if (n.childForFieldName('operator')?.type !== '*') return null;
        const inner = n.childForFieldName('operand');
        // `(*C.name)(x)` is always a conversion, whatever header declares `name`.
        const cop = inner?.type === 'selector_expression' ? inner.childForFieldName('operand') : null;
        if (inner && cop?.type === 'identifier' && cop.text === 'C' && importsC(file))
          return { kind: 'pointer', elem: cType(inner.childForFieldName('field')?.text ?? '', file) };
        const t = inner ? this.typeOfTypeExpr(file, inner) : null;
        return t ? { kind: 'pointer', elem: t } : null;
      }
      case 'identifier':
      case 'type_identifier': {
        const d = this.declOf(file, n);
        if (d && d.kind !== 'type') return null;
        const t = this.typeByName(file, n, n.text, []);
        return t.kind === 'unknown' ? null : t;
      }
      case 'selector_expression': {
        const op = n.childForFieldName('operand');
        const field = n.childForFieldName('field')?.text ?? '';
        if (op?.type !== 'identifier') return null;
        if (op.text === 'C' && importsC(file)) return isCTypeName(file, field) ? cType(field, file) : null;
        const path = importNames(file).get(op.text);
        if (!path) return null;
        if (path === 'unsafe') return field === 'Pointer' ? UNSAFE_POINTER : null;
        const facts = STD_TYPES[`${path}.${field}`];
        return facts ? { kind: 'named', name: field, pkg: path, args: [], decl: null } : null;
      }
      case 'index_expression':
      case 'generic_type': {
        // G[int](x): a conversion to an instantiated generic type
        const base = n.childForFieldName('operand') ?? n.childForFieldName('type');
        if (!base || (base.type !== 'identifier' && base.type !== 'type_identifier')) return null;
        const td = this.declOf(file, base);
        if (td?.kind !== 'type') return null;
        return this.typeOfTypeNode(file, n.type === 'generic_type' ? n : base);
      }
      case 'pointer_type':
      case 'slice_type':
      case 'array_type':
      case 'map_type':
      case 'channel_type':
      case 'function_type':
      case 'qualified_type':
      case 'interface_type':
      case 'struct_type':
        return this.typeOfTypeNode(file, n);
      default:
        return null;
    }
  }

  /**
   * If `call` is a conversion `T(x)` (including `unsafe.Pointer(x)`, `(*C.char)(p)`,
   * `[]byte(s)`), the target type and the operand; else null.
   */
  conversion(file: GoFile, call: Node): { type: GoType; operand: Node } | null {
    if (call.type === 'type_conversion_expression') {
      const tn = call.childForFieldName('type');
      const op = call.childForFieldName('operand');
      return tn && op ? { type: this.typeOfTypeNode(file, tn), operand: op } : null;
    }
    if (call.type !== 'call_expression') return null;
    const fn = call.childForFieldName('function');
    const args = named(call.childForFieldName('arguments')?.namedChildren ?? []);
    if (!fn || args.length !== 1) return null;
    const t = this.typeOfTypeExpr(file, fn);
    return t ? { type: t, operand: args[0] } : null;
  }

  /** Strips parentheses and conversions: `unsafe.Pointer((*T)(p))` → `p`. */
  stripConversions(file: GoFile, expr: Node): Node {
    let cur = unparen(expr);
    for (let i = 0; i < 16; i++) {
      const c = this.conversion(file, cur);
      if (!c) break;
      cur = unparen(c.operand);
    }
    return cur;
  }

  /** The type of an expression as far as the syntax shows, or null. */
  typeOf(file: GoFile, expr: Node, depth = 0): GoType | null {
    if (depth > 12) return null;
    const e = unparen(expr);
    switch (e.type) {
      case 'identifier': {
        if (e.text === 'nil') return { kind: 'basic', name: 'untyped nil' };
        const d = this.declOf(file, e);
        return d ? this.typeOfDecl(d, depth + 1) : null;
      }
      case 'int_literal':
        return INT;
      case 'float_literal':
        return { kind: 'basic', name: 'float64' };
      case 'rune_literal':
        return { kind: 'basic', name: 'rune' };
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return STRING;
      case 'true':
      case 'false':
        return { kind: 'basic', name: 'bool' };
      case 'nil':
        return { kind: 'basic', name: 'untyped nil' };
      case 'func_literal':
        return { kind: 'func', results: [] };
      case 'composite_literal': {
        const tn = e.childForFieldName('type');
        if (!tn) return null;
        const t = this.typeOfTypeNode(file, tn);
        if (tn.type === 'implicit_length_array_type' && t.kind === 'array') {
          const body = e.childForFieldName('body');
          const els = named(body?.namedChildren ?? []);
          if (els.every((x) => x.type === 'literal_element')) return { ...t, len: els.length };
        }
        return t;
      }
      case 'unary_expression': {
        const op = e.childForFieldName('operator')?.type;
        const operand = e.childForFieldName('operand');
        if (!operand) return null;
        const t = this.typeOf(file, operand, depth + 1);
        if (op === '&') return t ? { kind: 'pointer', elem: t } : { kind: 'pointer', elem: UNKNOWN };
        if (!t) return null;
        if (op === '*') {
          const u = this.underlying(t);
          return u.kind === 'pointer' ? u.elem : null;
        }
        if (op === '<-') {
          const u = this.underlying(t);
          return u.kind === 'chan' ? u.elem : null;
        }
        if (op === '!') return { kind: 'basic', name: 'bool' };
        return t;
      }
      case 'binary_expression': {
        const op = e.childForFieldName('operator')?.type ?? '';
        if (['==', '!=', '<', '<=', '>', '>=', '&&', '||'].includes(op))
          return { kind: 'basic', name: 'bool' };
        const l = e.childForFieldName('left');
        const r = e.childForFieldName('right');
        const lt = l ? this.typeOf(file, l, depth + 1) : null;
        if (lt && !(l && isUntypedConst(l))) return lt;
        return (r ? this.typeOf(file, r, depth + 1) : null) ?? lt;
      }
      case 'selector_expression': {
        const op = e.childForFieldName('operand');
        const field = e.childForFieldName('field')?.text ?? '';
        if (!op) return null;
        if (
          op.type === 'identifier' &&
          (op.text === 'C' || importNames(file).has(op.text)) &&
          !this.declOf(file, op)
        )
          return null;
        const t = this.typeOf(file, op, depth + 1);
        return t ? this.fieldType(t, field) : null;
      }
      case 'index_expression': {
        const op = e.childForFieldName('operand');
        const t = op ? this.typeOf(file, op, depth + 1) : null;
        if (!t) return null;
        let u = this.underlying(t);
        if (u.kind === 'pointer') u = this.underlying(u.elem);
        if (u.kind === 'array' || u.kind === 'slice') return u.elem;
        if (u.kind === 'map') return u.value;
        if (u.kind === 'basic' && u.name === 'string') return { kind: 'basic', name: 'byte' };
        return null;
      }
      case 'slice_expression': {
        const op = e.childForFieldName('operand');
        const t = op ? this.typeOf(file, op, depth + 1) : null;
        if (!t) return null;
        let u = this.underlying(t);
        if (u.kind === 'pointer') u = this.underlying(u.elem);
        if (u.kind === 'array') return { kind: 'slice', elem: u.elem };
        return t;
      }
      case 'type_assertion_expression': {
        const tn = e.childForFieldName('type');
        return tn ? this.typeOfTypeNode(file, tn) : null;
      }
      case 'type_conversion_expression':
        return this.conversion(file, e)?.type ?? null;
      case 'call_expression':
        return this.typeOfCall(file, e, depth);
      default:
        return null;
    }
  }

  private typeOfCall(file: GoFile, call: Node, depth: number): GoType | null {
    const conv = this.conversion(file, call);
    if (conv) return conv.type;
    const fn = call.childForFieldName('function');
    const args = named(call.childForFieldName('arguments')?.namedChildren ?? []);
    if (!fn) return null;
    if (fn.type === 'identifier' && !this.declOf(file, fn)) {
      switch (fn.text) {
        case 'make':
          return args[0] ? this.typeOfTypeNode(file, args[0]) : null;
        case 'new':
          return args[0] ? { kind: 'pointer', elem: this.typeOfTypeNode(file, args[0]) } : null;
        case 'len':
        case 'cap':
        case 'copy':
          return INT;
        case 'append':
          return args[0] ? this.typeOf(file, args[0], depth + 1) : null;
        case 'min':
        case 'max':
          return args[0] ? this.typeOf(file, args[0], depth + 1) : null;
      }
    }
    const c = calleeOf(file, call);
    if (c?.pkg === 'C') {
      switch (c.name) {
        case 'CString':
        case 'strdup':
        case 'strndup':
          return { kind: 'pointer', elem: cType('char', file) };
        case 'CBytes':
        case 'malloc':
        case 'calloc':
        case 'realloc':
          return UNSAFE_POINTER;
        case 'GoString':
        case 'GoStringN':
          return STRING;
        case 'GoBytes':
          return { kind: 'slice', elem: { kind: 'basic', name: 'byte' } };
        default:
          return null;
      }
    }
    if (c?.pkg === 'unsafe') {
      switch (c.name) {
        case 'Pointer':
        case 'Add':
          return UNSAFE_POINTER;
        case 'Sizeof':
        case 'Alignof':
        case 'Offsetof':
          return { kind: 'basic', name: 'uintptr' };
        case 'String':
          return STRING;
        case 'StringData':
          return { kind: 'pointer', elem: { kind: 'basic', name: 'byte' } };
        case 'Slice': {
          const pt = args[0] ? this.typeOf(file, args[0], depth + 1) : null;
          const u = pt ? this.underlying(pt) : null;
          return u?.kind === 'pointer' ? { kind: 'slice', elem: u.elem } : null;
        }
        case 'SliceData': {
          const st = args[0] ? this.typeOf(file, args[0], depth + 1) : null;
          const u = st ? this.underlying(st) : null;
          return u?.kind === 'slice' ? { kind: 'pointer', elem: u.elem } : null;
        }
      }
      return null;
    }
    if (c?.pkg) return null;
    // Functions and methods of this package: their (first) result.
    let decl: { file: GoFile; node: Node } | null = null;
    if (c && !c.recv && fn.type === 'identifier') {
      const d = this.declOf(file, fn);
      if (d?.kind === 'func' && d.node) decl = { file: d.file, node: d.node };
    } else if (c?.recv) {
      const rt = this.typeOf(file, c.recv, depth + 1);
      const base = rt ? baseNamed(rt) : null;
      if (base) decl = this.methodDecl(base, c.name);
    }
    if (!decl) return null;
    const r = decl.node.childForFieldName('result');
    if (!r) return null;
    const results = this.resultTypes(decl.file, r);
    return results.length === 1 ? results[0] : { kind: 'tuple', types: results };
  }

  /** The type of a declared name. */
  typeOfDecl(d: Decl, depth = 0): GoType | null {
    if (depth > 12) return null;
    if (d.typeNode) {
      const t = this.typeOfTypeNode(d.file, d.typeNode);
      return d.variadic ? { kind: 'slice', elem: t } : t;
    }
    if (d.value) return this.typeOf(d.file, d.value, depth + 1);
    if (d.tupleValue !== undefined && d.tupleIndex !== undefined) {
      const t = this.typeOf(d.file, d.tupleValue, depth + 1);
      if (t?.kind === 'tuple') return t.types[d.tupleIndex] ?? null;
      // `v, ok := m[k]`, `v, ok := x.(T)`, `v, ok := <-ch`, `r, err := C.f()`
      if (t && d.tupleIndex === 0) return t;
      if (t && d.tupleIndex === 1) {
        const inner = unparen(d.tupleValue);
        if (inner.type === 'call_expression' && calleeOf(d.file, inner)?.pkg === 'C')
          return { kind: 'interface' };
        return { kind: 'basic', name: 'bool' };
      }
      return null;
    }
    if (d.rangeOf && d.rangeIndex !== undefined) {
      const t = this.typeOf(d.file, d.rangeOf, depth + 1);
      if (!t) return null;
      let u = this.underlying(t);
      if (u.kind === 'pointer') u = this.underlying(u.elem);
      if (u.kind === 'slice' || u.kind === 'array') return d.rangeIndex === 0 ? INT : u.elem;
      if (u.kind === 'map') return d.rangeIndex === 0 ? u.key : u.value;
      if (u.kind === 'chan') return d.rangeIndex === 0 ? u.elem : null;
      if (u.kind === 'basic' && u.name === 'string')
        return d.rangeIndex === 0 ? INT : { kind: 'basic', name: 'rune' };
      if (u.kind === 'basic') return d.rangeIndex === 0 ? u : null; // range over int
      return null;
    }
    return null;
  }

  // --- constants ---------------------------------------------------------------------------

  /**
   * Folds an integer constant expression: literals, named constants (local and package-level,
   * with iota), `unsafe.Sizeof/Alignof/Offsetof`, `len` of arrays and string literals,
   * conversions to integer types, `#define NAME <int>` constants of the preamble as `C.NAME`,
   * and + - * / % << >> & | ^ &^. Null when not constant or not known.
   */
  constValue(
    file: GoFile,
    expr: Node,
    target: Target = DEFAULT_TARGET,
    iota?: number,
    depth = 0,
  ): number | null {
    if (depth > 24) return null;
    const e = unparen(expr);
    switch (e.type) {
      case 'int_literal':
        return parseIntLiteral(e.text);
      case 'rune_literal': {
        const body = e.text.slice(1, -1);
        return body.length === 1 ? body.charCodeAt(0) : null;
      }
      case 'iota':
        return iota ?? null;
      case 'identifier': {
        if (e.text === 'iota') return iota ?? null;
        const d = this.declOf(file, e);
        if (d?.kind !== 'const' || !d.value) return null;
        return this.constValue(d.file, d.value, target, d.iota, depth + 1);
      }
      case 'unary_expression': {
        const op = e.childForFieldName('operator')?.type;
        const x = e.childForFieldName('operand');
        const v = x ? this.constValue(file, x, target, iota, depth + 1) : null;
        if (v === null) return null;
        return op === '-' ? -v : op === '+' ? v : op === '^' ? ~v : null;
      }
      case 'binary_expression': {
        const l = e.childForFieldName('left');
        const r = e.childForFieldName('right');
        const a = l ? this.constValue(file, l, target, iota, depth + 1) : null;
        const b = r ? this.constValue(file, r, target, iota, depth + 1) : null;
        if (a === null || b === null) return null;
        const v = binop(e.childForFieldName('operator')?.type ?? '', a, b);
        return v !== null && Number.isSafeInteger(v) ? v : null;
      }
      case 'selector_expression': {
        const op = e.childForFieldName('operand');
        const name = e.childForFieldName('field')?.text ?? '';
        if (op?.text === 'C' && importsC(file) && file.cgo) return cConst(file.cgo.text, name);
        return null;
      }
      case 'call_expression': {
        const c = calleeOf(file, e);
        const args = named(e.childForFieldName('arguments')?.namedChildren ?? []);
        if (c?.pkg === 'unsafe' && args.length === 1) {
          if (c.name === 'Sizeof' || c.name === 'Alignof') {
            const t = this.typeOf(file, args[0]);
            if (!t) return null;
            return c.name === 'Sizeof' ? this.sizeOf(t, target) : this.alignOf(t, target);
          }
          if (c.name === 'Offsetof') {
            const sel = unparen(args[0]);
            if (sel.type !== 'selector_expression') return null;
            const op = sel.childForFieldName('operand');
            const t = op ? this.typeOf(file, op) : null;
            const field = sel.childForFieldName('field')?.text;
            if (!t || !field) return null;
            let base = t;
            const u = this.underlying(t);
            if (u.kind === 'pointer') base = u.elem;
            return this.fieldOffset(base, [field], target)?.offset ?? null;
          }
          return null;
        }
        const fn = e.childForFieldName('function');
        if (fn?.type === 'identifier' && fn.text === 'len' && args.length === 1 && !this.declOf(file, fn)) {
          const a = unparen(args[0]);
          if (a.type === 'interpreted_string_literal' || a.type === 'raw_string_literal') {
            const body = a.text.slice(1, -1);
            return a.type === 'raw_string_literal' || !body.includes('\\') ? utf8Length(body) : null;
          }
          const t = this.typeOf(file, a);
          let u = t ? this.underlying(t) : null;
          if (u?.kind === 'pointer') u = this.underlying(u.elem);
          return u?.kind === 'array' ? u.len : null;
        }
        const conv = this.conversion(file, e);
        if (conv) {
          const u = this.underlying(conv.type);
          const integer =
            (u.kind === 'basic' &&
              (BASIC_SIZE[u.name] !== undefined || ['int', 'uint', 'uintptr'].includes(u.name))) ||
            (u.kind === 'c' && C_SCALAR[u.name] !== undefined);
          return integer ? this.constValue(file, conv.operand, target, iota, depth + 1) : null;
        }
        return null;
      }
      default:
        return null;
    }
  }

  // --- memory ------------------------------------------------------------------------------

  /**
   * Where the memory a pointer-valued expression points to comes from: `go` (address of a Go
   * variable, `new`, `make`, composite literals, Go strings/slices), `c` (results of C calls such
   * as `C.malloc`/`C.CString`, C globals), `nil`, or `unknown` (parameters, values from other
   * functions, variables assigned in more than one way). Conversions, `unsafe.Add` and slicing
   * keep the origin of their operand.
   */
  memoryOf(file: GoFile, expr: Node, depth = 0): Memory {
    if (depth > 10) return 'unknown';
    const e = this.stripConversions(file, expr);
    switch (e.type) {
      case 'nil':
        return 'nil';
      case 'identifier': {
        if (e.text === 'nil') return 'nil';
        const d = this.declOf(file, e);
        return d ? this.memoryOfDecl(d, depth + 1) : 'unknown';
      }
      case 'unary_expression': {
        const op = e.childForFieldName('operator')?.type;
        const operand = e.childForFieldName('operand');
        if (op !== '&' || !operand) return 'unknown';
        return this.addressMemory(file, operand, depth);
      }
      case 'composite_literal':
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return 'go';
      case 'slice_expression': {
        const op = e.childForFieldName('operand');
        if (!op) return 'unknown';
        const t = this.typeOf(file, op);
        const u = t ? this.underlying(t) : null;
        if (u?.kind === 'array') return this.addressMemory(file, op, depth);
        return this.memoryOf(file, op, depth + 1);
      }
      case 'selector_expression': {
        const op = e.childForFieldName('operand');
        if (op?.type === 'identifier' && op.text === 'C' && importsC(file)) return 'c';
        return 'unknown';
      }
      case 'call_expression': {
        const c = calleeOf(file, e);
        const args = named(e.childForFieldName('arguments')?.namedChildren ?? []);
        if (c?.pkg === 'C') {
          if (c.name === 'GoString' || c.name === 'GoStringN' || c.name === 'GoBytes') return 'go';
          return 'c';
        }
        if (c?.pkg === 'unsafe') {
          if (
            (c.name === 'Add' ||
              c.name === 'Slice' ||
              c.name === 'String' ||
              c.name === 'SliceData' ||
              c.name === 'StringData') &&
            args[0]
          )
            return this.memoryOf(file, args[0], depth + 1);
          return 'unknown';
        }
        const fn = e.childForFieldName('function');
        if (fn?.type === 'identifier' && !this.declOf(file, fn)) {
          if (fn.text === 'new' || fn.text === 'make') return 'go';
          if (fn.text === 'append' && args[0]) {
            // Appending allocates in the Go heap unless it fits in C memory the slice already views.
            return this.memoryOf(file, args[0], depth + 1) === 'c' ? 'c' : 'go';
          }
        }
        return 'unknown';
      }
      default:
        return 'unknown';
    }
  }

  /**
   * Where the memory a local pointer variable points to comes from, judging by its initializer
   * and every plain assignment to it in its function (`unknown` for parameters, globals,
   * variables whose address is taken, or mixed origins; `nil` when only nil is ever assigned).
   */
  memoryOfDecl(d: Decl, depth = 0): Memory {
    if (depth > 10 || d.kind !== 'var' || d.global) return 'unknown';
    const file = d.file;
    const values: Node[] = [];
    if (d.value) values.push(d.value);
    else if (d.tupleValue) {
      const inner = unparen(d.tupleValue);
      if (inner.type === 'call_expression' && calleeOf(file, inner)?.pkg === 'C' && d.tupleIndex === 0)
        values.push(inner);
      else return 'unknown';
    } else if (!d.typeNode) return 'unknown';
    if (d.fn) {
      for (const a of assignmentsTo(d.fn, d)) {
        if (!a) return 'unknown';
        values.push(a);
      }
    }
    if (values.length === 0) return 'nil';
    const kinds = new Set(values.map((v) => this.memoryOf(file, v, depth + 1)));
    kinds.delete('nil');
    if (kinds.size === 0) return 'nil';
    return kinds.size === 1 ? [...kinds][0] : 'unknown';
  }

  /** Memory of `&x`, `&x[i]`, `&x.f` (the operand of `&`). */
  private addressMemory(file: GoFile, operand: Node, depth: number): Memory {
    const x = unparen(operand);
    if (x.type === 'composite_literal') return 'go';
    if (x.type === 'identifier') {
      const d = this.declOf(file, x);
      // A Go variable (local, global or parameter): Go memory; `C.x` globals are selectors.
      return d ? 'go' : 'unknown';
    }
    if (x.type === 'index_expression' || x.type === 'selector_expression') {
      const op = x.childForFieldName('operand');
      if (!op) return 'unknown';
      if (x.type === 'selector_expression' && op.type === 'identifier' && op.text === 'C' && importsC(file))
        return 'c';
      const t = this.typeOf(file, op);
      const u = t ? this.underlying(t) : null;
      // Into a pointer or slice: wherever that points. Into an array or struct value: that value.
      if (u?.kind === 'pointer' || u?.kind === 'slice') return this.memoryOf(file, op, depth + 1);
      if (u?.kind === 'array' || u?.kind === 'struct' || u?.kind === 'c')
        return this.addressMemory(file, op, depth + 1);
      return 'unknown';
    }
    if (x.type === 'unary_expression' && x.childForFieldName('operator')?.type === '*') {
      const inner = x.childForFieldName('operand');
      return inner ? this.memoryOf(file, inner, depth + 1) : 'unknown';
    }
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * The values assigned to a local variable with plain `=` assignments (not its declaration)
 * inside function `fn`; an entry is null when the value cannot be isolated (`x += 1`,
 * `x, y = f()`, `x++`, `&x` taken).
 */
export function assignmentsTo(fn: Node, d: Decl): (Node | null)[] {
  const out: (Node | null)[] = [];
  const body = fn.childForFieldName('body');
  if (!body?.text.includes(d.name)) return out;
  for (const st of body.descendantsOfType([
    'assignment_statement',
    'inc_statement',
    'dec_statement',
    'unary_expression',
  ])) {
    if (!st) continue;
    if (st.type === 'unary_expression') {
      const operand = st.childForFieldName('operand');
      if (
        st.childForFieldName('operator')?.type === '&' &&
        operand?.type === 'identifier' &&
        operand.text === d.name
      )
        out.push(null);
      continue;
    }
    if (st.type !== 'assignment_statement') {
      if (st.namedChild(0)?.type === 'identifier' && st.namedChild(0)?.text === d.name) out.push(null);
      continue;
    }
    const left = exprList(st.childForFieldName('left'));
    const right = exprList(st.childForFieldName('right'));
    const i = left.findIndex((n) => n.type === 'identifier' && n.text === d.name);
    if (i < 0) continue;
    const op = st.childForFieldName('operator')?.type ?? '=';
    if (op !== '=' || right.length !== left.length) out.push(null);
    else out.push(right[i]);
  }
  return out;
}

/** The innermost function containing `n` (or null at package level). */
function enclosingFn(n: Node): Node | null {
  for (let p: Node | null = n; p; p = p.parent) if (isFuncNode(p)) return p;
  return null;
}

/** `T` for receivers `T`, `*T`, `T[K]`, `*T[K]`. */
export function receiverTypeName(method: Node): string | null {
  const recv = method.childForFieldName('receiver');
  const p = named(recv?.namedChildren ?? []).find((c) => c.type === 'parameter_declaration');
  let t = p?.childForFieldName('type') ?? null;
  while (t && (t.type === 'pointer_type' || t.type === 'parenthesized_type')) t = t.namedChild(0);
  if (t?.type === 'generic_type') t = t.childForFieldName('type');
  return t?.type === 'type_identifier' ? t.text : null;
}

/** The name of the package-local named type behind `T`, `*T`, `G[int]`. */
export function baseNamed(t: GoType): string | null {
  if (t.kind === 'pointer') return baseNamed(t.elem);
  return t.kind === 'named' && t.pkg === null ? t.name : null;
}

function typeDeclOf(file: GoFile, spec: Node): TypeDecl | null {
  if (spec.type !== 'type_spec' && spec.type !== 'type_alias') return null;
  const name = spec.childForFieldName('name')?.text;
  if (!name) return null;
  const tparams: string[] = [];
  const tps = spec.childForFieldName('type_parameters');
  if (tps) {
    for (const d of tps.descendantsOfType('type_parameter_declaration')) {
      if (d) for (const n of named(d.childrenForFieldName('name'))) tparams.push(n.text);
    }
  }
  return { name, file, spec, alias: spec.type === 'type_alias', tparams };
}

function isUntypedConst(n: Node): boolean {
  const e = unparen(n);
  return e.type === 'int_literal' || e.type === 'float_literal' || e.type === 'rune_literal';
}

function alignUp(n: number, a: number): number {
  return a <= 1 ? n : Math.ceil(n / a) * a;
}

function parseIntLiteral(text: string): number | null {
  const t = text.replace(/_/g, '');
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) v = Number.parseInt(t.slice(2), 16);
  else if (/^0[bB][01]+$/.test(t)) v = Number.parseInt(t.slice(2), 2);
  else if (/^0[oO]?[0-7]+$/.test(t)) v = Number.parseInt(t.replace(/^0[oO]?/, ''), 8);
  else if (/^\d+$/.test(t)) v = Number.parseInt(t, 10);
  else return null;
  return Number.isSafeInteger(v) ? v : null;
}

function binop(op: string, a: number, b: number): number | null {
  switch (op) {
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
      return b < 0 || b > 52 ? null : a * 2 ** b;
    case '>>':
      return b < 0 ? null : Math.floor(a / 2 ** b);
    case '&':
      return Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31 ? a & b : null;
    case '|':
      return Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31 ? a | b : null;
    case '^':
      return Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31 ? a ^ b : null;
    case '&^':
      return Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31 ? a & ~b : null;
    default:
      return null;
  }
}

/** `#define NAME 16` (or a plain integer array dimension) in C text. */
function cConst(pre: string, expr: string): number | null {
  const t = expr.trim();
  const lit = /^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.exec(t);
  if (lit) return parseIntLiteral(lit[1]);
  if (!/^[A-Za-z_]\w*$/.test(t)) return null;
  const m = new RegExp(
    `^[ \\t]*#[ \\t]*define[ \\t]+${t}[ \\t]+\\(?(0[xX][0-9a-fA-F]+|\\d+)[uUlL]*\\)?[ \\t]*(?:/[/*].*)?$`,
    'm',
  ).exec(pre);
  return m ? parseIntLiteral(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// Value flow helpers

/**
 * Climbs from an expression to the outermost expression that still denotes the same pointer
 * value: through parentheses, conversions (`unsafe.Pointer(x)`, `(*C.char)(x)`), and — when
 * `derived` is set — through `unsafe.Add/Slice/String/SliceData/StringData(x, ...)`, slicing
 * `x[a:b]` and `&x[i]`. Returns that expression; its parent tells how the value is used.
 */
export function climbValue(types: PackageTypes, file: GoFile, expr: Node, derived = true): Node {
  let cur = expr;
  for (let i = 0; i < 32; i++) {
    const p = cur.parent;
    if (!p) break;
    if (p.type === 'parenthesized_expression') {
      cur = p;
      continue;
    }
    if (p.type === 'type_conversion_expression' && p.childForFieldName('operand')?.id === cur.id) {
      cur = p;
      continue;
    }
    if (p.type === 'argument_list') {
      const call = p.parent;
      if (call?.type === 'call_expression') {
        const conv = types.conversion(file, call);
        if (conv && conv.operand.id === cur.id) {
          cur = call;
          continue;
        }
        if (derived && p.namedChild(0)?.id === cur.id) {
          const c = calleeOf(file, call);
          if (c?.pkg === 'unsafe' && ['Add', 'Slice', 'String', 'SliceData', 'StringData'].includes(c.name)) {
            cur = call;
            continue;
          }
        }
      }
      break;
    }
    if (derived && p.type === 'slice_expression' && p.childForFieldName('operand')?.id === cur.id) {
      cur = p;
      continue;
    }
    if (
      derived &&
      p.type === 'index_expression' &&
      p.childForFieldName('operand')?.id === cur.id &&
      p.parent?.type === 'unary_expression' &&
      p.parent.childForFieldName('operator')?.type === '&'
    ) {
      cur = p.parent;
      continue;
    }
    break;
  }
  return cur;
}

/**
 * The identifiers under `scope` that refer to the declaration `d` (same name, resolving to the
 * same declaring identifier), excluding the declaring identifier itself, struct-literal keys and
 * selector fields.
 */
export function usesOf(types: PackageTypes, file: GoFile, scope: Node, d: Decl): Node[] {
  if (!scope.text.includes(d.name)) return [];
  const out: Node[] = [];
  for (const id of scope.descendantsOfType('identifier')) {
    if (!id || id.text !== d.name || id.id === d.ident.id) continue;
    const p = id.parent;
    if (
      p?.type === 'literal_element' &&
      p.parent?.type === 'keyed_element' &&
      p.parent.namedChild(0)?.id === p.id
    ) {
      // `T{name: v}` struct keys are field names; map keys are rare enough to ignore.
      continue;
    }
    const decl = types.declOf(file, id);
    if (decl && decl.ident.id === d.ident.id) out.push(id);
  }
  return out;
}

/** Is `id` the whole left-hand side of an assignment (`x = ...`, not `x[i] = ...`)? */
export function isAssignedTo(id: Node): boolean {
  const list = id.parent;
  if (list?.type !== 'expression_list') return false;
  const st = list.parent;
  return (
    (st?.type === 'assignment_statement' || st?.type === 'short_var_declaration') &&
    st.childForFieldName('left')?.id === list.id
  );
}

/**
 * The calls `x.name(...)` under `root` where `x` is this file's name for the import `path`
 * (`C` for cgo), optionally only for some names. Filters on syntax before asking `calleeOf`
 * (which also rules out a local variable shadowing the package name), so it is cheap on large
 * files. Dot imports are not seen.
 */
export function pkgCalls(
  file: GoFile,
  root: Node,
  path: string,
  names?: ReadonlySet<string>,
): { call: Node; name: string }[] {
  const whole = root.id === file.root.id;
  let perFile = whole ? pkgCallCache.get(file) : undefined;
  let all = perFile?.get(path);
  if (!all) {
    all = scanPkgCalls(file, root, path);
    if (whole) {
      if (!perFile) {
        perFile = new Map();
        pkgCallCache.set(file, perFile);
      }
      perFile.set(path, all);
    }
  }
  return names ? all.filter((c) => names.has(c.name)) : all;
}

const pkgCallCache = new WeakMap<GoFile, Map<string, { call: Node; name: string }[]>>();

function scanPkgCalls(file: GoFile, root: Node, path: string): { call: Node; name: string }[] {
  const locals = new Set<string>();
  for (const [local, p] of importNames(file)) if (p === path && !local.startsWith('.')) locals.add(local);
  if (locals.size === 0) return [];
  const out: { call: Node; name: string }[] = [];
  for (const call of root.descendantsOfType('call_expression')) {
    let fn = call?.childForFieldName('function') ?? null;
    // `(C.CString)("x")` calls the same function as `C.CString("x")`.
    while (fn?.type === 'parenthesized_expression') fn = fn.namedChild(0);
    if (!call || fn?.type !== 'selector_expression') continue;
    const op = fn.childForFieldName('operand');
    const field = fn.childForFieldName('field')?.text;
    if (op?.type !== 'identifier' || !locals.has(op.text) || !field) continue;
    if (calleeOf(file, call)?.pkg !== path) continue;
    out.push({ call, name: field });
  }
  return out;
}

/** Is the file excluded from every build by a `//go:build ignore`-style constraint? */
export function ignoredFile(file: GoFile): boolean {
  const requires = (c: Constraint | null): boolean => {
    if (!c) return false;
    if (c.kind === 'tag') return c.tag === 'ignore';
    if (c.kind === 'and') return requires(c.x) || requires(c.y);
    if (c.kind === 'or') return requires(c.x) && requires(c.y);
    return false;
  };
  return requires(file.constraint);
}

/** A cheap text test for `import "C"` (alone or in an import group), before any parse. */
export function mayImportC(text: string): boolean {
  return text.includes('"C"') && /^[ \t]*(?:import[ \t]+)?"C"[ \t]*(?:\/\/.*)?$/m.test(text);
}
