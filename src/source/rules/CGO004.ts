import type { Node } from 'web-tree-sitter';
import { argsOf, calleeOf, callsIn, enclosingFunction, isPkgCall, unparen } from '../analysis/calls.js';
import {
  baseNamed,
  type Decl,
  ignoredFile,
  mayImportC,
  PackageTypes,
  pkgCalls,
  usesOf,
} from '../analysis/types.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

/** A type whose values get a finalizer (or cleanup) that releases C resources held in fields. */
interface Finalized {
  type: string;
  /** Field name → the C function the finalizer hands it to. */
  fields: Map<string, string>;
  /** Where the finalizer is installed. */
  file: GoFile;
  at: Node;
  /** Function nodes that run as (or for) the finalizer: calls inside them are not judged. */
  releasers: Set<string>;
}

interface FnRef {
  file: GoFile;
  node: Node;
}

const MAX_DEPTH = 3;
const FINALIZER_CALLS = new Set(['SetFinalizer', 'AddCleanup']);

/** Functions are keyed by file path and start offset. */
function key(file: GoFile, n: Node): string {
  return `${file.path}:${n.startIndex}`;
}

/**
 * Fields of `param` that the function body passes to C, directly or through methods and
 * functions of the package it calls with them (bounded depth).
 */
function releasedFields(
  types: PackageTypes,
  fn: FnRef,
  param: string,
  depth: number,
  out: Map<string, string>,
  visited: Set<string>,
): void {
  if (depth > MAX_DEPTH || visited.has(key(fn.file, fn.node))) return;
  visited.add(key(fn.file, fn.node));
  const body = fn.node.childForFieldName('body');
  if (!body?.text.includes(param)) return;
  for (const call of callsIn(body)) {
    const c = calleeOf(fn.file, call);
    if (!c) continue;
    if (c.pkg === 'C') {
      for (const arg of argsOf(call)) {
        const f = fieldOfParam(types, fn.file, arg, param);
        if (f && !out.has(f)) out.set(f, `C.${c.name}`);
      }
      continue;
    }
    // p.close(): a method of the same value.
    if (c.recv && unparen(c.recv).type === 'identifier' && unparen(c.recv).text === param) {
      const rt = types.typeOf(fn.file, c.recv);
      const base = rt ? baseNamed(rt) : null;
      const m = base ? types.methodDecl(base, c.name) : null;
      const recvName = m ? receiverName(m.node) : null;
      if (m && recvName) releasedFields(types, m, recvName, depth + 1, out, visited);
      continue;
    }
    // freeHandle(p.h): a package function whose body passes that parameter to C.
    if (!c.pkg && !c.recv) {
      const fields = argsOf(call).map((arg) => fieldOfParam(types, fn.file, arg, param));
      if (!fields.some((f) => f && !out.has(f))) continue;
      const fd = types.funcDecl(c.name);
      if (!fd) continue;
      const params = paramNames(fd.node);
      fields.forEach((f, i) => {
        if (!f || !params[i] || out.has(f)) return;
        if (passesToC(types, fd, params[i])) out.set(f, `${c.name}()`);
      });
    }
  }
}

/** `p.field` (through conversions, or a local set once from it) → field; else null. */
function fieldOfParam(types: PackageTypes, file: GoFile, arg: Node, param: string): string | null {
  const e = types.stripConversions(file, arg);
  if (e.type === 'selector_expression') {
    const op = e.childForFieldName('operand');
    if (op && unparen(op).type === 'identifier' && unparen(op).text === param)
      return e.childForFieldName('field')?.text ?? null;
    return null;
  }
  if (e.type === 'identifier') {
    const d = types.declOf(file, e);
    if (d?.kind === 'var' && d.value) return fieldOfParam(types, file, d.value, param);
  }
  return null;
}

/** Does the function pass its parameter `name` to a C call? */
function passesToC(types: PackageTypes, fn: FnRef, name: string): boolean {
  const body = fn.node.childForFieldName('body');
  if (!body?.text.includes(name)) return false;
  for (const { call } of pkgCalls(fn.file, body, 'C')) {
    for (const arg of argsOf(call)) {
      const e = types.stripConversions(fn.file, arg);
      if (e.type === 'identifier' && e.text === name) return true;
    }
  }
  return false;
}

function paramNames(fn: Node): string[] {
  const out: string[] = [];
  const list = fn.childForFieldName('parameters');
  for (const p of list?.namedChildren ?? []) {
    if (!p) continue;
    const names = p.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (names.length === 0) out.push('');
    for (const n of names) out.push(n.text);
  }
  return out;
}

function receiverName(method: Node): string | null {
  const recv = method.childForFieldName('receiver');
  const p = recv?.namedChildren.find((c) => c?.type === 'parameter_declaration');
  return p?.childForFieldName('name')?.text ?? null;
}

/** The function a finalizer argument denotes, with the name its first parameter has there. */
function finalizerFunction(
  types: PackageTypes,
  file: GoFile,
  fnArg: Node,
): { fn: FnRef; param: string; owner: string | null } | null {
  const e = unparen(fnArg);
  if (e.type === 'func_literal') {
    const params = e.childForFieldName('parameters');
    const first = params?.namedChildren.find((c) => c?.type === 'parameter_declaration');
    const name = first?.childForFieldName('name')?.text;
    const tn = first?.childForFieldName('type');
    const owner = tn ? baseNamed(types.typeOfTypeNode(file, tn)) : null;
    return name ? { fn: { file, node: e }, param: name, owner } : null;
  }
  if (e.type === 'identifier') {
    const d = types.declOf(file, e);
    if (d?.kind !== 'func' || !d.node) return null;
    const params = d.node.childForFieldName('parameters');
    const first = params?.namedChildren.find((c) => c?.type === 'parameter_declaration');
    const name = first?.childForFieldName('name')?.text;
    const tn = first?.childForFieldName('type');
    const owner = tn ? baseNamed(types.typeOfTypeNode(d.file, tn)) : null;
    return name ? { fn: { file: d.file, node: d.node }, param: name, owner } : null;
  }
  if (e.type === 'selector_expression') {
    // (*T).Close — a method expression — or v.close — a method value.
    const op = e.childForFieldName('operand');
    const field = e.childForFieldName('field')?.text;
    if (!op || !field) return null;
    let base: string | null = null;
    const asType = types.typeOfTypeExpr(file, op);
    if (asType) base = baseNamed(asType);
    else {
      const t = types.typeOf(file, op);
      base = t ? baseNamed(t) : null;
    }
    const m = base ? types.methodDecl(base, field) : null;
    const recv = m ? receiverName(m.node) : null;
    return m && recv ? { fn: m, param: recv, owner: base } : null;
  }
  return null;
}

/** Every method or function reachable from a finalizer through calls on its parameter. */
function collectReleasers(types: PackageTypes, fn: FnRef, param: string, out: Set<string>, depth = 0): void {
  if (depth > MAX_DEPTH || out.has(key(fn.file, fn.node))) return;
  out.add(key(fn.file, fn.node));
  const body = fn.node.childForFieldName('body');
  if (!body) return;
  for (const call of callsIn(body)) {
    const c = calleeOf(fn.file, call);
    if (!c || c.pkg) continue;
    if (c.recv && unparen(c.recv).text === param) {
      const rt = types.typeOf(fn.file, c.recv);
      const base = rt ? baseNamed(rt) : null;
      const m = base ? types.methodDecl(base, c.name) : null;
      const r = m ? receiverName(m.node) : null;
      if (m && r) collectReleasers(types, m, r, out, depth + 1);
    }
  }
}

function finalizedTypes(types: PackageTypes, files: GoFile[]): Map<string, Finalized> {
  const out = new Map<string, Finalized>();
  for (const file of files) {
    if (!file.text.includes('SetFinalizer') && !file.text.includes('AddCleanup')) continue;
    if (!file.text.includes('"runtime"')) continue;
    for (const { call } of pkgCalls(file, file.root, 'runtime', FINALIZER_CALLS)) {
      const cleanup = calleeOf(file, call)?.name === 'AddCleanup';
      const [obj, fnArg, extra] = argsOf(call);
      if (!obj || !fnArg || unparen(fnArg).text === 'nil') continue;
      const objType = types.typeOf(file, obj);
      const fields = new Map<string, string>();
      const releasers = new Set<string>();
      const fin = finalizerFunction(types, file, fnArg);
      let owner = objType ? baseNamed(objType) : null;
      if (cleanup) {
        // runtime.AddCleanup(obj, func(h C.handle) { C.release(h) }, obj.h): the field is the argument.
        if (!extra || !fin) continue;
        const ex = types.stripConversions(file, extra);
        const op = ex.type === 'selector_expression' ? ex.childForFieldName('operand') : null;
        const field = ex.type === 'selector_expression' ? ex.childForFieldName('field')?.text : null;
        if (!op || !field || !passesToC(types, fin.fn, fin.param)) continue;
        if (!owner) {
          const t = types.typeOf(file, op);
          owner = t ? baseNamed(t) : null;
        }
        fields.set(field, 'the cleanup function');
        releasers.add(key(fin.fn.file, fin.fn.node));
      } else {
        if (!fin) continue;
        owner ??= fin.owner;
        releasedFields(types, fin.fn, fin.param, 0, fields, new Set());
        collectReleasers(types, fin.fn, fin.param, releasers);
      }
      if (!owner || fields.size === 0) continue;
      const prev = out.get(owner);
      if (prev) {
        for (const [k, v] of fields) if (!prev.fields.has(k)) prev.fields.set(k, v);
        for (const r of releasers) prev.releasers.add(r);
      } else out.set(owner, { type: owner, fields, file, at: call, releasers });
    }
  }
  return out;
}

/** Inside a function that runs for the finalizer? */
function inReleaser(n: Node, fin: Finalized, file: GoFile): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (
      (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') &&
      fin.releasers.has(key(file, p))
    )
      return true;
  }
  return false;
}

/** The owner expression and field of a C argument: `o.f`, or a local set once from `o.f`. */
function ownerField(types: PackageTypes, file: GoFile, arg: Node): { owner: Node; field: string } | null {
  const e = types.stripConversions(file, arg);
  if (e.type === 'selector_expression') {
    const op = e.childForFieldName('operand');
    const field = e.childForFieldName('field')?.text;
    if (op && field && unparen(op).type === 'identifier') return { owner: unparen(op), field };
    return null;
  }
  if (e.type === 'identifier') {
    const d = types.declOf(file, e);
    if (d?.kind === 'var' && d.value && !d.global) {
      const v = types.stripConversions(file, d.value);
      if (v.type === 'selector_expression') return ownerField(types, file, v);
    }
  }
  return null;
}

/** Is the owner still used when (or after) the call returns? */
/** Statements after which nothing else in the block runs. */
function terminates(stmt: Node): boolean {
  if (stmt.type === 'return_statement' || stmt.type === 'goto_statement') return true;
  if (stmt.type === 'expression_statement') {
    const call = stmt.namedChild(0);
    const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
    return fn?.type === 'identifier' && fn.text === 'panic';
  }
  return false;
}

/**
 * Is one of `uses` reachable after `call` returns? Looks at the rest of the call's statement,
 * then at the statements that follow it, block by block outwards, stopping at a return.
 */
function usedLater(call: Node, fn: Node, uses: Node[]): boolean {
  const inside = (n: Node, from: number): boolean =>
    uses.some((u) => u.startIndex >= from && u.endIndex <= n.endIndex);
  let cur: Node = call;
  let first = true;
  while (cur.parent && cur.id !== fn.id) {
    const p: Node = cur.parent;
    if (p.type === 'func_literal')
      return uses.some((u) => u.startIndex >= call.endIndex && u.endIndex <= p.endIndex);
    if (p.type === 'statement_list' || p.type === 'block') {
      // The rest of the call's own statement (other branches of an enclosing if/switch are not "later").
      if (first && inside(cur, call.endIndex)) return true;
      first = false;
      for (const st of p.namedChildren) {
        if (!st || st.startIndex < cur.endIndex) continue;
        if (inside(st, st.startIndex)) return true;
        if (terminates(st)) return false;
      }
      if (terminates(cur)) return false;
    }
    cur = p;
  }
  return false;
}

function keptAlive(types: PackageTypes, file: GoFile, owner: Decl, call: Node, fn: Node): boolean {
  const uses = usesOf(types, file, fn, owner);
  for (const id of uses) {
    // A deferred use runs at return, after the call.
    for (let p = id.parent; p && p.id !== fn.id; p = p.parent) if (p.type === 'defer_statement') return true;
  }
  if (usedLater(call, fn, uses)) return true;
  // In a loop that uses the owner again on the next iteration.
  for (let p = call.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type === 'for_statement' && usesOf(types, file, p, owner).length > 0) return true;
  }
  // Another live value holds the owner, or a package function it was handed to stored it.
  if (heldElsewhere(types, file, owner, call, fn)) return true;
  // The finalizer is cleared first (a Close method): nothing can run it concurrently.
  for (const c of callsIn(fn)) {
    if (c.startIndex >= call.startIndex) break;
    if (!isPkgCall(file, c, 'runtime', ['SetFinalizer'])) continue;
    const [o, f] = argsOf(c);
    if (o && f && unparen(f).text === 'nil' && unparen(o).text === owner.name) return true;
  }
  return false;
}

/** Climbs from an expression through parentheses and `&`. */
function climbRef(n: Node): Node {
  let v = n;
  while (
    v.parent &&
    (v.parent.type === 'parenthesized_expression' ||
      (v.parent.type === 'unary_expression' && v.parent.childForFieldName('operator')?.type === '&'))
  )
    v = v.parent;
  return v;
}

/** The left-hand side paired with `value` in `a, b := x, y` / `a = x` / `var a = x`, if any. */
function pairedLeft(value: Node): Node | null {
  const list = value.parent;
  const st = list?.parent;
  if (list?.type !== 'expression_list' || !st) return null;
  const right = st.childForFieldName('right') ?? st.childForFieldName('value');
  if (right?.id !== list.id) return null;
  const rights = list.namedChildren.filter((n): n is Node => n !== null);
  const lefts =
    st.type === 'var_spec'
      ? st.childrenForFieldName('name').filter((n): n is Node => n !== null)
      : (st.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? []);
  if (st.type !== 'var_spec' && st.type !== 'short_var_declaration' && st.type !== 'assignment_statement')
    return null;
  const i = rights.findIndex((n) => n.id === value.id);
  return rights.length === lefts.length && i >= 0 ? lefts[i] : null;
}

/**
 * The local that takes a reference to the value `v`: `h := &T{f: v}` / `h := T{v}` (the value
 * inside a composite literal bound to h), or `h.f = v`. Returns h's name node on the left.
 */
function holderOf(v: Node): Node | null {
  let cur = v;
  let inLiteral = false;
  while (
    cur.parent &&
    ['literal_element', 'keyed_element', 'literal_value', 'composite_literal'].includes(cur.parent.type)
  ) {
    cur = cur.parent;
    if (cur.type === 'composite_literal') inLiteral = true;
  }
  if (inLiteral) {
    const left = pairedLeft(climbRef(cur));
    return left?.type === 'identifier' && left.text !== '_' ? left : null;
  }
  const left = pairedLeft(v);
  if (left?.type === 'selector_expression') {
    const op = left.childForFieldName('operand');
    return op && unparen(op).type === 'identifier' ? unparen(op) : null;
  }
  return null;
}

/** Does the function store its parameter `name` somewhere that outlives the call? */
function storesParam(fn: FnRef, name: string): boolean {
  const body = fn.node.childForFieldName('body');
  if (!body?.text.includes(name)) return false;
  for (const id of body.descendantsOfType('identifier')) {
    if (!id || id.text !== name) continue;
    const v = climbRef(id);
    const p = v.parent;
    if (!p) continue;
    if (p.type === 'literal_element') return true; // in a composite literal
    if (p.type === 'send_statement' && p.childForFieldName('value')?.id === v.id) return true;
    const left = pairedLeft(v);
    if (left && left.type !== 'identifier') return true; // x.f = p, m[k] = p, *q = p
    if (p.type === 'argument_list' && p.namedChild(0)?.id !== v.id) {
      const call = p.parent;
      const f = call?.childForFieldName('function');
      if (f?.type === 'identifier' && f.text === 'append') return true;
    }
  }
  return false;
}

/**
 * Is the owner reachable through something else while C runs? A local that holds it (`it :=
 * &Iter{cfg: c}`, `it.cfg = c`) and is passed to the call or used after it; or a package
 * function it was handed to before the call (`newHandle(c, cb)`) that stores it in a composite
 * literal, a field, a map or a channel.
 */
function heldElsewhere(types: PackageTypes, file: GoFile, owner: Decl, call: Node, fn: Node): boolean {
  for (const id of usesOf(types, file, fn, owner)) {
    if (id.startIndex >= call.endIndex) continue;
    const v = climbRef(id);
    const holder = holderOf(v);
    if (holder) {
      const hd =
        holder.parent?.parent?.type === 'short_var_declaration' || holder.parent?.type === 'var_spec'
          ? null
          : types.declOf(file, holder);
      const target = hd ? hd.ident.id : holder.id;
      const uses = fn
        .descendantsOfType('identifier')
        .filter((n): n is Node => n !== null && n.text === holder.text && n.id !== holder.id)
        .filter((n) => types.declOf(file, n)?.ident.id === target);
      if (uses.some((u) => u.startIndex >= call.startIndex && u.endIndex <= call.endIndex)) return true;
      if (usedLater(call, fn, uses)) return true;
      continue;
    }
    const list = v.parent;
    if (list?.type !== 'argument_list') continue;
    const c = calleeOf(file, list.parent ?? list);
    if (!c || c.pkg || c.recv) continue;
    const fd = types.funcDecl(c.name);
    const i = list.namedChildren.findIndex((n) => n?.id === v.id);
    const param = fd ? paramNames(fd.node)[i] : undefined;
    if (fd && param && storesParam(fd, param)) return true;
  }
  return false;
}

export const CGO004: PackageRule = {
  id: 'CGO004',
  name: 'finalizer-handle-keepalive',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'C handle used after its finalizer-owning Go value may already be dead',
  prefilter: /SetFinalizer|AddCleanup/,
  trainer: { difficulty: 3, essential: ['runtime.SetFinalizer', 'C.db_query'] },
  docs: {
    symptom:
      'Rare, load-dependent crashes or corrupted results inside C code: use-after-free in the C ' +
      'library (`SIGSEGV` with a `_Cfunc_` frame, glibc `double free or corruption`, garbage ' +
      'strings), usually only under GC pressure or with `GOGC` set low, and never in a debugger.',
    why:
      'A finalizer (or, from Go 1.24, a cleanup) may run as soon as the garbage collector finds ' +
      'the owning value unreachable — and the compiler considers a variable dead right after its ' +
      'last use, not at the end of the function. In `C.db_query(d.handle, q)`, the last use of ' +
      '`d` is loading `d.handle`; while C is still working with the handle, the GC can collect ' +
      '`d` and run the finalizer that closes the handle. cgo keeps the call’s arguments alive ' +
      '(the handle value, memory passed as an argument) but not the Go value the handle was read ' +
      'from.',
    fix:
      'Keep the owner reachable until C is done with the handle:\n\n' +
      '```go\nfunc (d *DB) Query(q string) int {\n\tcq := C.CString(q)\n\tdefer C.free(unsafe.Pointer(cq))\n' +
      '\tn := C.db_query(d.handle, cq)\n\truntime.KeepAlive(d)\n\treturn int(n)\n}\n```\n\n' +
      'Any later use of the owner (or a `defer` that uses it) works too. Clearing the finalizer ' +
      '(`runtime.SetFinalizer(d, nil)`) before an explicit close also avoids the race.',
    versions: 'Every Go release; runtime.KeepAlive exists since Go 1.7, runtime.AddCleanup since Go 1.24.',
    references: [
      'runtime.KeepAlive documentation (the example with a finalizer closing a file descriptor)',
      'runtime.SetFinalizer documentation',
      'golang/go#16864',
    ],
    bad: [
      {
        title: 'The owner’s last use is loading the handle',
        files: [
          {
            name: 'db.go',
            text:
              'package db\n\n/*\n#include <stdlib.h>\ntypedef struct db { int rows; } db;\n' +
              'static db *db_open(void) { return calloc(1, sizeof(db)); }\nstatic void db_close(db *d) { free(d); }\n' +
              'static int db_query(db *d, int q) { return d->rows + q; }\n*/\nimport "C"\n\nimport "runtime"\n\n' +
              'type DB struct{ handle *C.db }\n\nfunc Open() *DB {\n\td := &DB{handle: C.db_open()}\n' +
              '\truntime.SetFinalizer(d, func(d *DB) { C.db_close(d.handle) })\n\treturn d\n}\n\n' +
              'func (d *DB) Query(q int) int {\n\treturn int(C.db_query(d.handle, C.int(q)))\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'runtime.KeepAlive after the call',
        files: [
          {
            name: 'db.go',
            text:
              'package db\n\n/*\n#include <stdlib.h>\ntypedef struct db { int rows; } db;\n' +
              'static db *db_open(void) { return calloc(1, sizeof(db)); }\nstatic void db_close(db *d) { free(d); }\n' +
              'static int db_query(db *d, int q) { return d->rows + q; }\n*/\nimport "C"\n\nimport "runtime"\n\n' +
              'type DB struct{ handle *C.db }\n\nfunc Open() *DB {\n\td := &DB{handle: C.db_open()}\n' +
              '\truntime.SetFinalizer(d, func(d *DB) { C.db_close(d.handle) })\n\treturn d\n}\n\n' +
              'func (d *DB) Query(q int) int {\n\tn := C.db_query(d.handle, C.int(q))\n\truntime.KeepAlive(d)\n\treturn int(n)\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    // Test files cannot use cgo; `file.cgo` parses only the few files whose text looks like cgo.
    const cgoFiles = ctx.pkg.files.filter(
      (f) => !f.isTest && mayImportC(f.text) && !ignoredFile(f) && f.cgo !== null,
    );
    if (cgoFiles.length === 0) return;
    if (!ctx.pkg.files.some((f) => f.text.includes('SetFinalizer') || f.text.includes('AddCleanup'))) return;
    const types = PackageTypes.of(ctx.pkg);
    const finalized = finalizedTypes(types, ctx.pkg.files);
    if (finalized.size === 0) return;
    const fieldNames = new Set<string>();
    for (const f of finalized.values()) for (const k of f.fields.keys()) fieldNames.add(k);
    for (const file of cgoFiles) {
      if (![...fieldNames].some((n) => file.text.includes(n))) continue;
      for (const { call, name } of pkgCalls(file, file.root, 'C')) {
        for (const arg of argsOf(call)) {
          const of = ownerField(types, file, arg);
          if (!of || !fieldNames.has(of.field)) continue;
          const d = types.declOf(file, of.owner);
          if (!d || d.global) continue;
          const t = types.typeOfDecl(d);
          // Only pointers to the finalized type: a copied value is not what the finalizer watches.
          if (!t || types.underlying(t).kind !== 'pointer') continue;
          const base = baseNamed(t);
          const fin = base ? finalized.get(base) : undefined;
          if (!fin?.fields.has(of.field)) continue;
          if (inReleaser(call, fin, file)) continue;
          if (fin.fields.get(of.field) === `C.${name}`) continue; // the release itself (double-free is another bug)
          const fn = enclosingFunction(call);
          if (!fn || !d.fn) continue;
          if (keptAlive(types, file, d, call, fn)) continue;
          // Captured by a closure: it must also be unused after the closure in the declaring function.
          if (d.fn.id !== fn.id) {
            let lit: Node = fn;
            while (lit.parent && enclosingFunction(lit)?.id !== d.fn.id) lit = enclosingFunction(lit) ?? lit;
            if (enclosingFunction(lit)?.id !== d.fn.id || keptAlive(types, file, d, lit, d.fn)) continue;
          }
          const release = fin.fields.get(of.field);
          ctx.report({
            file,
            at: call,
            message:
              `C.${name} gets ${of.owner.text}.${of.field}, but ${of.owner.text} is not used after the call: the GC may collect it ` +
              `and run its finalizer (which hands ${of.field} to ${release}) while C still uses it. ` +
              `Add runtime.KeepAlive(${of.owner.text}) after the call.`,
            related: [
              {
                file: fin.file.path,
                line: fin.at.startPosition.row + 1,
                message: `finalizer for ${fin.type} installed here`,
              },
            ],
          });
        }
      }
    }
  },
};
