import type { Node } from 'web-tree-sitter';
import type { Related } from '../../core/finding.js';
import { argsOf, enclosingFunction, importNames, unparen } from '../analysis/calls.js';
import { type CStore, cCallsOf, cPackage, cSpan, mayImportC } from '../analysis/csrc.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

export const CGO003: PackageRule = {
  id: 'CGO003',
  name: 'c-retains-go-pointer',
  severity: 'error',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'A Go pointer passed to C is kept by the C code after the call',
  prefilter: /"C"[ \t]*(?:\r?\n|\/\/)/,
  trainer: { difficulty: 3, essential: ['register_buffer', 'Register'] },
  docs: {
    symptom:
      'Nothing fails at the call. Later, C reads or writes memory that Go has since reused: corrupted Go ' +
      'values, a C crash far from the cause, or Go runtime errors such as `fatal error: found bad pointer in ' +
      'Go heap` during garbage collection. The default run-time check (`GODEBUG=cgocheck=1`) does not catch ' +
      'it, and neither does the thorough one (`GOEXPERIMENT=cgocheck2`, formerly `GODEBUG=cgocheck=2`), which ' +
      'watches Go code writing Go pointers into C memory, not C code keeping them.',
    why:
      'The cgo pointer-passing rules let C use a Go pointer only while the call that received it is running. ' +
      'During the call the memory is kept alive and in place for C; afterwards the Go garbage collector no ' +
      'longer knows that C has a copy: the object can be freed and reused, and a Go stack it lived on can move. ' +
      'C code that stores the pointer (or an address computed from it) in a global or static variable, in a ' +
      'structure that outlives the call, in heap memory it keeps, or hands it to a thread, uses it after those ' +
      'guarantees end. Since Go 1.21 memory pinned with `runtime.Pinner` may be kept until it is unpinned.',
    fix:
      'Give C memory that C owns: allocate it with `C.malloc` (and free it when C is done), copy the Go data ' +
      'into it, and let C keep that. To let C refer to a Go value, pass a `runtime/cgo.Handle` (an integer) ' +
      'and look the value up in a Go callback. On Go 1.21 or later, a `runtime.Pinner` can pin the Go memory ' +
      'for as long as C keeps the pointer:\n\n```go\nvar pin runtime.Pinner\npin.Pin(&buf[0])\n' +
      'C.register_buffer((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))\n// ... pin.Unpin() once C has let go\n```',
    versions:
      'The rules date from Go 1.6 (cgocheck). `runtime.Pinner` is Go 1.21+. `GODEBUG=cgocheck=2` became ' +
      '`GOEXPERIMENT=cgocheck2` in Go 1.21.',
    references: [
      'cmd/cgo documentation: "Passing pointers"',
      'runtime/cgo.Handle and runtime.Pinner documentation',
      'golang/go#46787 (runtime.Pinner proposal)',
    ],
    bad: [
      {
        title: 'C keeps the buffer it was given for later writes',
        files: [
          {
            name: 'sink.go',
            text:
              'package sink\n\n/*\n#include <stddef.h>\n#include <string.h>\n\nstatic char *out_buf;\nstatic size_t out_len;\n\n' +
              'static void register_buffer(char *buf, size_t n) {\n\tout_buf = buf;\n\tout_len = n;\n}\n\n' +
              'static void emit(const char *s) {\n\tif (out_buf) strncpy(out_buf, s, out_len);\n}\n*/\nimport "C"\n\n' +
              'import "unsafe"\n\n// Register makes buf the destination of later Emit calls.\nfunc Register(buf []byte) {\n' +
              '\tC.register_buffer((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'C keeps memory from C.malloc; Go copies the result out',
        files: [
          {
            name: 'sink.go',
            text:
              'package sink\n\n/*\n#include <stddef.h>\n#include <stdlib.h>\n#include <string.h>\n\nstatic char *out_buf;\nstatic size_t out_len;\n\n' +
              'static void register_buffer(char *buf, size_t n) {\n\tout_buf = buf;\n\tout_len = n;\n}\n*/\nimport "C"\n\n' +
              'import "unsafe"\n\nvar native unsafe.Pointer\n\n// Register gives C a buffer of n bytes that C owns.\nfunc Register(n int) {\n' +
              '\tnative = C.malloc(C.size_t(n))\n\tC.register_buffer((*C.char)(native), C.size_t(n))\n}\n\n' +
              '// Contents copies what C wrote.\nfunc Contents(n int) []byte { return C.GoBytes(native, C.int(n)) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    if (!ctx.pkg.files.some((f) => mayImportC(f.text))) return;
    const c = cPackage(ctx);
    for (const file of c.cgoFiles) {
      const from = c.sources.find((s) => s.goFile === file);
      if (!from) continue;
      for (const { call, name } of cCallsOf(file)) {
        // The Go side first: only calls that pass a Go pointer make the C side worth reading.
        const args = argsOf(call);
        const ptrs = args.map((a) => goPointer(file, a, call));
        if (!ptrs.some((p) => p !== null)) continue;
        const fn = c.resolve(name, from);
        if (!fn) continue;
        for (const [i, store] of c.retained(fn)) {
          const ptr = ptrs[i];
          if (!ptr || pinned(file, call, ptr.root)) continue;
          // Kept behind another parameter: only if something is passed there.
          if (store.target.kind === 'param' && /^(nil|0)$/.test(args[store.target.index]?.text ?? 'nil'))
            continue;
          // Kept only on a path that an argument passed as a constant chooses: unknown.
          if (store.guards.some((g) => goConstant(file, args[g]))) continue;
          const param = fn.params[i]?.name || `#${i + 1}`;
          ctx.report({
            file,
            at: call,
            message:
              `C.${name} receives the Go pointer ${ptr.text} as \`${param}\`, and ${storeWords(store)}: C keeps it after ` +
              'the call returns, when Go no longer keeps that memory alive or in place for C; give C memory from ' +
              'C.malloc (or a runtime/cgo.Handle), or pin it with runtime.Pinner (Go 1.21+) until C lets go',
            related: storeRelated(store),
          });
        }
      }
    }
  },
};

function storeWords(s: CStore): string {
  const p = s.fn.params[s.param]?.name ?? 'it';
  if (s.via)
    return `\`${s.fn.name}\` passes \`${p}\` on to \`${s.via.fn.name}\`, which keeps it in ${s.into}`;
  if (s.node.type === 'call_expression') return `\`${s.fn.name}\` hands \`${p}\` to ${s.into}`;
  return `\`${s.fn.name}\` stores \`${p}\` in ${s.into}`;
}

function storeRelated(s: CStore): Related[] {
  const out: Related[] = [];
  for (let cur: CStore | undefined = s; cur && out.length < 4; cur = cur.via) {
    const at = cSpan(cur.fn.source, cur.node);
    out.push({ file: cur.fn.source.path, line: at.line, column: at.column, message: storeWords(cur) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Go pointers

type VarKind = 'goValue' | 'goPtr' | 'goSlice' | 'c' | 'unknown';

interface GoPtr {
  /** The argument as written (shortened). */
  text: string;
  /** The variable the pointer is rooted at (for the Pinner check). */
  root: string;
}

const CONVERSIONS = new Set(['uintptr', 'unsafe.Pointer']);

/** Is the argument certainly a pointer into Go memory? */
function goPointer(file: GoFile, arg: Node, at: Node): GoPtr | null {
  const root = goPointerRoot(file, arg, at, 0);
  if (!root) return null;
  const text = arg.text.length > 60 ? `${arg.text.slice(0, 57)}...` : arg.text;
  return { text: `\`${text}\``, root };
}

function goPointerRoot(file: GoFile, expr: Node, at: Node, depth: number): string | null {
  if (depth > 6) return null;
  const e = unparen(expr);
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '&') {
    const operand = unparen(e.childForFieldName('operand')!);
    if (operand.type === 'composite_literal') return '';
    const chain = accessChain(operand);
    if (!chain) return null;
    if (chain.root === 'C' && chain.steps > 0) return null; // a C global
    if (chain.steps === 0) return isPackageName(file, chain.root) ? null : chain.root;
    const kind = varKind(file, chain.root, at, depth + 1);
    if (kind === 'goValue' || kind === 'goPtr') return chain.root;
    if (kind === 'goSlice' && chain.firstIsIndex) return chain.root;
    return null;
  }
  if (e.type === 'identifier') return varKind(file, e.text, at, depth + 1) === 'goPtr' ? e.text : null;
  if (e.type === 'call_expression') {
    const fn = e.childForFieldName('function');
    const args = argsOf(e);
    if (!fn) return null;
    const callee = pkgCall(file, e);
    if (
      callee?.pkg === 'unsafe' &&
      (callee.name === 'SliceData' || callee.name === 'StringData') &&
      args[0]
    ) {
      const a = unparen(args[0]);
      if (callee.name === 'StringData') return a.type === 'identifier' ? a.text : null;
      return a.type === 'identifier' && varKind(file, a.text, at, depth + 1) === 'goSlice' ? a.text : null;
    }
    if (fn.text === 'new') return '';
    if (args.length !== 1) return null;
    // Conversions keep the pointer: unsafe.Pointer(p), uintptr(p), (*C.char)(p), C.uintptr_t(p).
    const isConversion =
      CONVERSIONS.has(fn.text) ||
      (callee?.pkg === 'unsafe' && callee.name === 'Pointer') ||
      fn.type === 'parenthesized_expression' ||
      (callee?.pkg === 'C' && /^(u?intptr_t|size_t|u?long(long)?|ulong)$/.test(callee.name));
    if (isConversion) return goPointerRoot(file, args[0], at, depth + 1);
  }
  return null;
}

/**
 * `pkg.Name(...)` calls by import path (`u.Pointer` is unsafe.Pointer when unsafe is imported as
 * u). Cheaper than calleeOf: a local variable that hides a package name is not looked for, which
 * for `unsafe` and `C` does not happen in practice.
 */
function pkgCall(file: GoFile, call: Node): { pkg?: string; name: string } | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return null;
  const operand = fn.childForFieldName('operand');
  const field = fn.childForFieldName('field');
  if (operand?.type !== 'identifier' || !field) return null;
  const pkg = importNames(file).get(operand.text);
  return pkg ? { pkg, name: field.text } : null;
}

/** A literal, nil, true/false, or a `C.NAME` constant: a value the call site fixes. */
function goConstant(file: GoFile, arg: Node | undefined): boolean {
  if (!arg) return false;
  let e = unparen(arg);
  // Look through conversions to C types: C.int(C.MODE_COPY), C.size_t(0).
  for (let c = pkgCall(file, e); e.type === 'call_expression' && c?.pkg === 'C' && argsOf(e).length === 1; ) {
    if (!/^(u?(char|short|int|long|longlong)|schar|size_t|u?int\d+_t|float|double)$/.test(c.name)) break;
    e = unparen(argsOf(e)[0]);
    c = e.type === 'call_expression' ? pkgCall(file, e) : null;
  }
  if (/^(int|float|imaginary|rune|interpreted_string|raw_string)_literal$/.test(e.type)) return true;
  if (['nil', 'true', 'false'].includes(e.type) || ['nil', 'true', 'false'].includes(e.text)) return true;
  return e.type === 'selector_expression' && e.childForFieldName('operand')?.text === 'C';
}

function isPackageName(file: GoFile, name: string): boolean {
  return name === 'C' || file.imports.some((i) => (i.name ?? i.path.split('/').pop()) === name);
}

/** `x`, `x.f`, `x[i]`, `x.f[i].g`: the root variable and how many steps lead to it. */
function accessChain(n: Node): { root: string; steps: number; firstIsIndex: boolean } | null {
  let cur = unparen(n);
  let steps = 0;
  let firstIsIndex = false;
  for (;;) {
    if (cur.type === 'identifier') return { root: cur.text, steps, firstIsIndex };
    if (cur.type === 'selector_expression') {
      firstIsIndex = false;
      cur = unparen(cur.childForFieldName('operand')!);
    } else if (cur.type === 'index_expression') {
      firstIsIndex = true;
      cur = unparen(cur.childForFieldName('operand')!);
    } else return null;
    steps++;
  }
}

/** What a variable visible at `at` holds, from its declaration. */
function varKind(file: GoFile, name: string, at: Node, depth: number): VarKind {
  if (depth > 6) return 'unknown';
  const decl = declarationOf(name, at, file);
  if (!decl) return 'unknown';
  if (decl.value) return valueKind(file, decl.value, at, depth + 1);
  if (decl.type) return typeKind(decl.type);
  return 'unknown';
}

function typeKind(t: Node): VarKind {
  const text = t.text.replace(/\s+/g, '');
  if (t.type === 'pointer_type') return /^\*C\./.test(text) ? 'unknown' : 'goPtr';
  if (t.type === 'slice_type') return 'goSlice';
  if (
    t.type === 'array_type' ||
    t.type === 'struct_type' ||
    t.type === 'qualified_type' ||
    t.type === 'type_identifier'
  )
    return text === 'unsafe.Pointer' || text === 'uintptr' ? 'unknown' : 'goValue';
  return 'unknown';
}

function valueKind(file: GoFile, v: Node, at: Node, depth: number): VarKind {
  const e = unparen(v);
  switch (e.type) {
    case 'composite_literal': {
      const t = e.childForFieldName('type');
      return t?.type === 'slice_type' ? 'goSlice' : 'goValue';
    }
    case 'unary_expression':
      if (e.childForFieldName('operator')?.text !== '&') return 'unknown';
      return goPointerRoot(file, e, at, depth) !== null ? 'goPtr' : 'unknown';
    case 'identifier':
      return varKind(file, e.text, at, depth + 1);
    case 'call_expression': {
      const fn = e.childForFieldName('function');
      const callee = pkgCall(file, e);
      if (callee?.pkg === 'C') return 'c';
      if (fn?.text === 'new') return 'goPtr';
      if (fn?.text === 'make' || fn?.text === 'append') return 'goSlice';
      if (fn?.type === 'slice_type') return 'goSlice';
      if (callee?.pkg === 'unsafe' && callee.name === 'Pointer')
        return goPointerRoot(file, e, at, depth) !== null ? 'goPtr' : 'unknown';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

interface Decl {
  type?: Node;
  value?: Node;
}

/** The declaration of `name` that is in scope at `at`: a parameter, a local, or a package variable. */
function declarationOf(name: string, at: Node, file: GoFile): Decl | null {
  for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
    const local = localDecl(file, fn, name, at);
    if (local) return local;
    for (const field of ['receiver', 'parameters']) {
      const list = fn.childForFieldName(field);
      for (const p of list?.namedChildren ?? []) {
        if (!p || (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration'))
          continue;
        if (p.childrenForFieldName('name').some((n) => n?.text === name)) {
          const type = p.childForFieldName('type');
          return p.type === 'variadic_parameter_declaration' ? null : type ? { type } : null;
        }
      }
    }
  }
  for (const d of file.decls) {
    if (d.kind !== 'var' || d.name !== name) continue;
    const type = d.node.childForFieldName('type') ?? undefined;
    const names = d.node.childrenForFieldName('name');
    const values = d.node.childForFieldName('value')?.namedChildren ?? [];
    const idx = names.findIndex((n) => n?.text === name);
    const value = idx >= 0 && values.length === names.length ? (values[idx] ?? undefined) : undefined;
    return { type, value };
  }
  return null;
}

interface LocalDecl extends Decl {
  name: string;
  /** Where the declaration starts (declarations after the use do not count). */
  start: number;
}

/** Per file, per function node id: its local declarations. */
const localsCache = new WeakMap<GoFile, Map<number, LocalDecl[]>>();

/** Every local declaration of a function body (not of nested function literals), in order. */
function localDeclsOf(file: GoFile, fn: Node): LocalDecl[] {
  let byFn = localsCache.get(file);
  if (!byFn) {
    byFn = new Map();
    localsCache.set(file, byFn);
  }
  let list = byFn.get(fn.id);
  if (list) return list;
  list = [];
  const body = fn.childForFieldName('body');
  for (const d of body?.descendantsOfType(['short_var_declaration', 'var_spec', 'range_clause']) ?? []) {
    if (!d || enclosingFunction(d)?.id !== fn.id) continue;
    if (d.type === 'short_var_declaration') {
      const left = d.childForFieldName('left')?.namedChildren ?? [];
      const right = d.childForFieldName('right')?.namedChildren ?? [];
      left.forEach((n, i) => {
        if (n)
          list!.push({
            name: n.text,
            start: d.startIndex,
            value: left.length === right.length ? (right[i] ?? undefined) : undefined,
          });
      });
    } else if (d.type === 'var_spec') {
      const names = d.childrenForFieldName('name');
      const values = d.childForFieldName('value')?.namedChildren ?? [];
      const type = d.childForFieldName('type') ?? undefined;
      names.forEach((n, i) => {
        if (n)
          list!.push({
            name: n.text,
            start: d.startIndex,
            type,
            value: values.length === names.length ? (values[i] ?? undefined) : undefined,
          });
      });
    } else {
      // A range variable: its value is unknown.
      for (const n of d.childForFieldName('left')?.namedChildren ?? [])
        if (n) list.push({ name: n.text, start: d.startIndex });
    }
  }
  byFn.set(fn.id, list);
  return list;
}

/** The last declaration of `name` in `fn`'s body before `at` (short var decls and var specs). */
function localDecl(file: GoFile, fn: Node, name: string, at: Node): Decl | null {
  let found: Decl | null = null;
  for (const d of localDeclsOf(file, fn)) if (d.name === name && d.start <= at.startIndex) found = d;
  return found;
}

/** Is the root variable pinned with a runtime.Pinner in the same function (`pinner.Pin(&x...)`)? */
function pinned(file: GoFile, call: Node, root: string): boolean {
  if (!file.text.includes('.Pin(')) return false;
  const fn = enclosingFunction(call);
  const text = fn?.text ?? file.text;
  if (root === '') return /\.Pin\(/.test(text);
  return new RegExp(`\\.Pin\\(\\s*(?:unsafe\\.Pointer\\()?\\s*&?\\s*${root}\\b`).test(text);
}
