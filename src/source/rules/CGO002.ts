import type { Node } from 'web-tree-sitter';
import { argsOf, calleeOf, enclosingFunction, unparen } from '../analysis/calls.js';
import {
  baseNamed,
  climbValue,
  type Decl,
  type GoType,
  ignoredFile,
  mayImportC,
  PackageTypes,
  type PointerSlot,
  pkgCalls,
  typeString,
  usesOf,
} from '../analysis/types.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

/** What a C call argument points to. */
interface Pointee {
  /** The pointed-to type. */
  type: GoType;
  /** The Go variable whose memory is passed (`cfg` in `&cfg`, `argv` in `&argv[0]`), if any. */
  base: Decl | null;
  /** The argument is the address of the whole variable (`&v`), not of a part of it. */
  whole: boolean;
  /** How the argument reads, for the message. */
  text: string;
}

/** The root variable of `v`, `v.f`, `v[i]`, `v.f[i].g`. */
function rootIdent(n: Node): Node | null {
  let cur = unparen(n);
  for (let i = 0; i < 16; i++) {
    if (cur.type === 'identifier') return cur;
    if (cur.type === 'selector_expression' || cur.type === 'index_expression') {
      const op = cur.childForFieldName('operand');
      if (!op) return null;
      cur = unparen(op);
      continue;
    }
    return null;
  }
  return null;
}

/**
 * The variable whose own memory `x` (the operand of `&`) lies in: `v`, `v.f`, `v[i]` for array
 * and struct values, and the backing array of a local slice `s[i]`. Null when the path goes
 * through a pointer or a map (the memory is somewhere else).
 */
function baseVar(types: PackageTypes, file: GoFile, x: Node): Decl | null {
  const root = rootIdent(x);
  if (!root) return null;
  let cur = unparen(x);
  for (let i = 0; i < 16 && cur.type !== 'identifier'; i++) {
    const op = cur.childForFieldName('operand');
    if (!op) return null;
    const t = types.typeOf(file, op);
    const u = t ? types.underlying(t) : null;
    const isRoot = unparen(op).type === 'identifier';
    const ok =
      u &&
      (u.kind === 'array' || u.kind === 'struct' || (u.kind === 'c' && cur.type === 'selector_expression'));
    const slice = u?.kind === 'slice' && isRoot && cur.type === 'index_expression';
    if (!ok && !slice) return null;
    cur = unparen(op);
  }
  return types.declOf(file, root);
}

/** Go memory for the purposes of this rule: known Go memory, or the address of a Go variable or element. */
function isGoMemory(types: PackageTypes, file: GoFile, v: Node): boolean {
  const m = types.memoryOf(file, v);
  if (m === 'go') return true;
  if (m !== 'unknown') return false;
  const e = types.stripConversions(file, v);
  return e.type === 'unary_expression' && e.childForFieldName('operator')?.type === '&' && !isCSelector(e);
}

function isCSelector(e: Node): boolean {
  const root = rootIdent(e.childForFieldName('operand') ?? e);
  return root?.text === 'C';
}

function pointeeOf(types: PackageTypes, file: GoFile, arg: Node, depth = 0): Pointee | null {
  if (depth > 4) return null;
  const e = types.stripConversions(file, arg);
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.type === '&') {
    const x = e.childForFieldName('operand');
    if (!x) return null;
    const inner = unparen(x);
    if (inner.type === 'composite_literal') {
      const t = types.typeOf(file, inner);
      return t ? { type: t, base: null, whole: true, text: e.text } : null;
    }
    const mem = types.memoryOf(file, e);
    if (mem === 'c' || mem === 'nil' || isCSelector(e)) return null;
    const t = types.typeOf(file, inner);
    if (!t) return null;
    return { type: t, base: baseVar(types, file, inner), whole: inner.type === 'identifier', text: e.text };
  }
  if (e.type === 'identifier') {
    const d = types.declOf(file, e);
    if (!d) return null;
    const t = types.typeOfDecl(d);
    const u = t ? types.underlying(t) : null;
    if (!t || !u) return null;
    if (u.kind === 'pointer') {
      const mem = types.memoryOf(file, e);
      if (mem === 'c' || mem === 'nil') return null;
      // Set once from `&v` (or `new`, a literal): follow it to the variable.
      if (d.value && d.kind === 'var') {
        const via = pointeeOf(types, file, d.value, depth + 1);
        if (via) return { ...via, text: e.text };
      }
      return { type: u.elem, base: null, whole: true, text: e.text };
    }
    if (
      u.kind === 'basic' &&
      (u.name === 'unsafe.Pointer' || u.name === 'uintptr') &&
      d.kind === 'var' &&
      d.value
    ) {
      if (types.memoryOf(file, e) !== 'go') return null;
      const via = pointeeOf(types, file, d.value, depth + 1);
      return via ? { ...via, text: e.text } : null;
    }
  }
  return null;
}

/**
 * The first value stored into a C-pointer or unsafe.Pointer slot of `base` that is Go memory:
 * element or field assignments, `append`s, and the variable's composite-literal initializer.
 */
function goMemoryStore(types: PackageTypes, file: GoFile, base: Decl, call: Node): Node | null {
  const scope = base.fn ?? enclosingFunction(base.ident);
  // A store counts when it happens before the call, or in a loop around both.
  const before = (n: Node): boolean => {
    if (n.startIndex < call.startIndex) return true;
    for (let p = call.parent; p && p.id !== scope?.id; p = p.parent)
      if (p.type === 'for_statement' && p.startIndex <= n.startIndex && n.endIndex <= p.endIndex) return true;
    return false;
  };
  const fromLiteral = (lit: Node | undefined): Node | null => {
    const v = lit ? unparen(lit) : null;
    if (v?.type !== 'composite_literal') return null;
    for (const el of v.descendantsOfType('literal_element')) {
      if (!el) continue;
      const kv = el.parent;
      if (kv?.type === 'keyed_element' && kv.namedChild(0)?.id === el.id) continue; // a key
      const x = el.namedChild(0);
      if (!x || x.type === 'literal_value' || unparen(x).type === 'composite_literal') continue;
      if (isPointerish(types, file, x) && isGoMemory(types, file, x)) return x;
    }
    return null;
  };
  const init = fromLiteral(base.value);
  if (init) return init;
  if (!scope) return null;
  for (const id of usesOf(types, file, scope, base)) {
    // `base[i] = v`, `base.f = v`, `base.f[i] = v`
    let lhs: Node = id;
    while (
      lhs.parent &&
      (lhs.parent.type === 'index_expression' || lhs.parent.type === 'selector_expression') &&
      lhs.parent.childForFieldName('operand')?.id === lhs.id
    )
      lhs = lhs.parent;
    const list = lhs.parent;
    const st = list?.parent;
    if (lhs.id !== id.id && list?.type === 'expression_list' && st?.type === 'assignment_statement') {
      if (st.childForFieldName('left')?.id === list.id) {
        const lefts = list.namedChildren.filter((n): n is Node => n !== null);
        const rights =
          st.childForFieldName('right')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
        const i = lefts.findIndex((n) => n.id === lhs.id);
        const v = rights.length === lefts.length ? rights[i] : undefined;
        if (v && !before(v)) continue;
        if (v && isPointerish(types, file, v) && isGoMemory(types, file, v)) return v;
        const lit = fromLiteral(v);
        if (lit) return lit;
      }
    }
    // `base = append(base, v...)`
    const argList = id.parent;
    const app = argList?.type === 'argument_list' ? argList.parent : null;
    if (
      app &&
      before(app) &&
      argList?.namedChild(0)?.id === id.id &&
      calleeOf(file, app)?.name === 'append' &&
      !calleeOf(file, app)?.pkg
    ) {
      for (const v of argsOf(app).slice(1))
        if (isPointerish(types, file, v) && isGoMemory(types, file, v)) return v;
    }
  }
  return null;
}

/** Is the value a pointer (as opposed to a number or a string header being copied)? */
function isPointerish(types: PackageTypes, file: GoFile, v: Node): boolean {
  const t = types.typeOf(file, v);
  if (!t) return true;
  const u = types.underlying(t);
  return (
    u.kind === 'pointer' || (u.kind === 'basic' && (u.name === 'unsafe.Pointer' || u.name === 'uintptr'))
  );
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

function lineOf(n: Node): number {
  return n.startPosition.row + 1;
}

function describe(slot: PointerSlot, whole: boolean): string {
  const t = typeString(slot.type);
  if (!slot.path) {
    const u = whole && slot.type.kind === 'slice' ? ' (pass &v[0] for the elements)' : '';
    return `the ${t} value itself holds a Go pointer${u}`;
  }
  const where = slot.path.startsWith('.')
    ? `field ${slot.path.slice(1).replace(/\[\]/g, '[i]')}`
    : `element${slot.path.slice(2).replace(/\[\]/g, '[i]')}`;
  return `its ${where} (${t}) is a Go pointer`;
}

/** Uses runtime.Pinner in this function: pinned pointers are allowed (Go 1.21+). */
function pins(fn: Node | null): boolean {
  return !!fn && /\bPinner\b|\.Pin\(/.test(fn.text);
}

export const CGO002: PackageRule = {
  id: 'CGO002',
  name: 'go-pointer-to-go-pointer',
  severity: 'error',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'Go memory that holds Go pointers is passed to C',
  prefilter: /import\s+"C"|"C"/,
  trainer: { difficulty: 2, essential: ['C.send_request', 'Send'] },
  docs: {
    symptom:
      'With the default `GODEBUG=cgocheck=1` the call panics:\n\n' +
      '```\npanic: runtime error: cgo argument has Go pointer to Go pointer\n```\n\n' +
      '(Go 1.6–1.20; from Go 1.21 the text is `cgo argument has Go pointer to unpinned Go pointer`). ' +
      'The check only inspects arguments whose C parameter type can itself hold pointers (`void *`, ' +
      '`T **`, a struct with pointer fields) and only fires when the inner pointer points into Go ' +
      'memory; passed as `char *`, or with the inner pointer still nil, the same mistake goes ' +
      'unnoticed until the garbage collector moves or frees what C is looking at.',
    why:
      'The cgo pointer-passing rules let C receive a Go pointer only if the Go memory it points to ' +
      'contains no Go pointers (unless they are pinned). The garbage collector does not scan memory ' +
      'from C’s point of view: a Go pointer stored in memory C reads can go stale when the ' +
      'collector frees or a stack moves the object. A struct with a string, slice, map, func, ' +
      'interface or pointer field, an array of strings, `&slice` (the slice header) instead of ' +
      '`&slice[0]`: all carry Go pointers. `go vet`’s cgocall check only rejects some of these ' +
      '(chan, map, func and slice types), so a struct field holding a pointer passes vet.',
    fix:
      'Copy the data into C memory (`C.malloc` the struct, `C.CString` the strings, and free them ' +
      'after the call), or pass only flat data: `&buf[0]` of a `[]byte`, numbers, C types. An array ' +
      'of `*C.char` filled with `C.CString` values is fine. From Go 1.21 you can pin the inner ' +
      'pointers for the duration of the call:\n\n' +
      '```go\nvar pin runtime.Pinner\ndefer pin.Unpin()\npin.Pin(&payload[0])\nreq.data = unsafe.Pointer(&payload[0])\n' +
      'C.send_request(unsafe.Pointer(&req))\n```',
    versions:
      'The check exists since Go 1.6. Go 1.21 added runtime.Pinner and reworded the panic; the ' +
      'thorough checker (`cgocheck=2`) moved from GODEBUG to `GOEXPERIMENT=cgocheck2` in Go 1.21.',
    references: [
      'cmd/cgo documentation, "Passing pointers"',
      'runtime/cgocall.go (cgoCheckPointer, "cgo argument has Go pointer to ...")',
      'runtime.Pinner documentation (Go 1.21)',
      'golang.org/x/tools/go/analysis/passes/cgocall',
    ],
    bad: [
      {
        title: 'A Go struct with a slice field is passed to C as void*',
        files: [
          {
            name: 'send.go',
            text:
              'package send\n\n/*\nstatic void send_request(void *req) { (void)req; }\n*/\nimport "C"\n\nimport "unsafe"\n\n' +
              'type request struct {\n\tid      int32\n\tpayload []byte\n}\n\nfunc Send(id int32, data []byte) {\n' +
              '\treq := request{id: id, payload: data}\n\tC.send_request(unsafe.Pointer(&req))\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Only flat data crosses: the id and a pointer to the bytes',
        files: [
          {
            name: 'send.go',
            text:
              'package send\n\n/*\n#include <stddef.h>\nstatic void send_request(int id, const void *data, size_t n) { (void)id; (void)data; (void)n; }\n*/\n' +
              'import "C"\n\nimport "unsafe"\n\nfunc Send(id int32, data []byte) {\n\tif len(data) == 0 {\n\t\treturn\n\t}\n' +
              '\tC.send_request(C.int(id), unsafe.Pointer(&data[0]), C.size_t(len(data)))\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const file of ctx.pkg.files) {
      if (!mayImportC(file.text) || ignoredFile(file) || !file.text.includes('C.')) continue;
      if (!file.text.includes('&') && !file.text.includes('unsafe')) continue;
      if (!file.cgo) continue;
      const types = PackageTypes.of(ctx.pkg);
      for (const { call, name } of pkgCalls(file, file.root, 'C')) {
        if (
          ['CString', 'CBytes', 'GoString', 'GoStringN', 'GoBytes', 'free', 'malloc', 'calloc'].includes(name)
        )
          continue;
        if (types.conversion(file, call)) continue; // C.int(x), (C.long)(y)
        const fn = enclosingFunction(call);
        if (pins(fn)) continue;
        for (const arg of argsOf(call)) {
          const p = pointeeOf(types, file, arg);
          if (!p) continue;
          const slots = types.pointerSlots(p.type);
          let go = slots.find((s) => s.kind === 'go');
          // `&p` where p is a nil pointer variable (an out-parameter C fills in) holds no Go pointer yet.
          if (go && go.path === '' && p.whole && p.base) {
            const mem = types.memoryOfDecl(p.base);
            const unset = !p.base.value && !p.base.tupleValue && onlyOutParam(types, file, p.base);
            if (mem === 'nil' || mem === 'c' || unset) go = undefined;
          }
          // `&x.f` where no Go code ever stores into field f: only C fills it in (an out-parameter
          // field such as a pointer into a C library's buffer), so it holds C pointers or nil.
          if (go && go.path === '' && !p.whole) {
            const f = outFieldOf(types, file, arg);
            const peers = ctx.pkg.files.filter((o) => types.buildsWith(file, o));
            if (f && !fieldWrittenByGo(types, peers, f.name, f.owner)) go = undefined;
          }
          let what: string;
          if (!go) {
            // Only C pointers / unsafe.Pointer inside: a problem only when Go memory was stored there.
            if (!p.base || !slots.some((s) => s.kind === 'c' || s.kind === 'unsafe')) continue;
            const store = goMemoryStore(types, file, p.base, call);
            if (!store) continue;
            what = `line ${lineOf(store)} stores Go memory (\`${short(store.text)}\`) in its pointer slots`;
          } else what = describe(go, p.whole);
          ctx.report({
            file,
            at: call,
            message:
              `C.${name} gets \`${short(p.text)}\`, Go memory of type ${typeString(p.type)}, and ${what}. ` +
              'cgocheck panics with "cgo argument has Go pointer to Go pointer" (Go 1.21+: "...unpinned Go pointer") when the C ' +
              'parameter type can hold pointers (void*, T**) and the inner pointer points into Go memory; otherwise the rule is broken ' +
              'silently. Copy the data to C memory, pass flat data, or pin the inner pointers with runtime.Pinner (Go 1.21+).',
          });
        }
      }
    }
  },
};

/** A pointer variable that is only ever written through `&v` handed to C calls (an out-parameter). */
function onlyOutParam(types: PackageTypes, file: GoFile, d: Decl): boolean {
  const scope = d.fn ?? enclosingFunction(d.ident);
  if (!scope) return false;
  for (const id of usesOf(types, file, scope, d)) {
    const list = id.parent;
    if (list?.type === 'expression_list' && list.parent?.type === 'assignment_statement') {
      if (list.parent.childForFieldName('left')?.id === list.id) return false;
    }
  }
  return true;
}

/** `&x.f` (through conversions) → the field name and the base name of x's type. */
function outFieldOf(
  types: PackageTypes,
  file: GoFile,
  arg: Node,
): { name: string; owner: string | null } | null {
  const e = types.stripConversions(file, arg);
  if (e.type !== 'unary_expression' || e.childForFieldName('operator')?.type !== '&') return null;
  const x = unparen(e.childForFieldName('operand') ?? e);
  if (x.type !== 'selector_expression') return null;
  const name = x.childForFieldName('field')?.text;
  const op = x.childForFieldName('operand');
  if (!name || !op) return null;
  const t = types.typeOf(file, op);
  return { name, owner: t ? baseNamed(t) : null };
}

/**
 * Does Go code anywhere in the package store into a field named `name`: `v.name = x`,
 * `v.name++`, a `name:` key in a composite literal, a positional literal of the owner type, or
 * `&v.name` handed to anything but a C call? (Only the files that build together with the use
 * are given: a Windows twin that fills the field through a DLL call does not count.)
 */
function fieldWrittenByGo(types: PackageTypes, files: GoFile[], name: string, owner: string | null): boolean {
  for (const file of files) {
    if (!file.text.includes(name)) continue;
    for (const sel of file.root.descendantsOfType('selector_expression')) {
      if (!sel || sel.childForFieldName('field')?.text !== name) continue;
      let v: Node = sel;
      while (v.parent?.type === 'parenthesized_expression') v = v.parent;
      const p = v.parent;
      if (!p) continue;
      if (p.type === 'inc_statement' || p.type === 'dec_statement') return true;
      if (p.type === 'expression_list' && p.parent?.type === 'assignment_statement') {
        if (p.parent.childForFieldName('left')?.id === p.id) return true;
      }
      if (p.type === 'unary_expression' && p.childForFieldName('operator')?.type === '&') {
        // Only a C call may receive the address (directly or through conversions).
        const top = climbValue(types, file, p, false);
        const call = top.parent?.type === 'argument_list' ? top.parent.parent : null;
        if (!call || calleeOf(file, call)?.pkg !== 'C') return true;
      }
    }
    for (const kv of file.root.descendantsOfType('keyed_element')) {
      const key = kv?.namedChild(0);
      const k = key?.type === 'literal_element' ? key.namedChild(0) : key;
      if (k && (k.type === 'identifier' || k.type === 'field_identifier') && k.text === name) return true;
    }
    if (owner === null) {
      if (file.root.descendantsOfType('composite_literal').some((l) => l && positional(l))) return true;
    } else if (file.text.includes(owner)) {
      for (const lit of file.root.descendantsOfType('composite_literal')) {
        if (lit && lit.childForFieldName('type')?.text.replace(/^\*/, '') === owner && positional(lit))
          return true;
      }
    }
  }
  return false;
}

/** A composite literal with elements and no keys (`T{a, b}`). */
function positional(lit: Node): boolean {
  const body = lit.childForFieldName('body');
  const els = body?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
  return els.length > 0 && els.every((n) => n.type === 'literal_element');
}
