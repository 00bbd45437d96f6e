import type { Node } from 'web-tree-sitter';
import { argsOf, calleeOf, enclosingFunction, unparen } from '../analysis/calls.js';
import {
  assignmentsTo,
  PackageTypes,
  pkgCalls,
  type Target,
  targetOf,
  typeString,
} from '../analysis/types.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

/** A pointer into a variable of known size, `offset` bytes from its start. */
interface Place {
  /** The variable, as written (`hdr`, `buf`). */
  name: string;
  typeText: string;
  size: number;
  offset: number;
}

interface Ctx {
  types: PackageTypes;
  file: GoFile;
  target: Target;
}

/** Where `&x` points: `x` is a variable, an element of an array variable, or a field of a struct variable. */
function addressOf(c: Ctx, x: Node, depth: number): Place | null {
  const e = unparen(x);
  if (depth > 8) return null;
  if (e.type === 'identifier') {
    const d = c.types.declOf(c.file, e);
    if (!d || (d.kind !== 'var' && d.kind !== 'param' && d.kind !== 'receiver')) return null;
    const t = c.types.typeOfDecl(d);
    if (!t) return null;
    const u = c.types.underlying(t);
    // Only values: through a pointer the extent of the pointed-to memory is unknown.
    if (u.kind !== 'array' && u.kind !== 'struct' && u.kind !== 'basic' && u.kind !== 'c') return null;
    if (u.kind === 'basic' && u.name === 'unsafe.Pointer') return null;
    const size = c.types.sizeOf(t, c.target);
    if (size === null || size === 0) return null;
    return { name: e.text, typeText: typeString(t), size, offset: 0 };
  }
  if (e.type === 'index_expression') {
    const op = e.childForFieldName('operand');
    const idx = e.childForFieldName('index');
    if (!op || !idx) return null;
    const t = c.types.typeOf(c.file, op);
    const u = t ? c.types.underlying(t) : null;
    if (u?.kind !== 'array') return null;
    const base = addressOf(c, op, depth + 1);
    const i = c.types.constValue(c.file, idx, c.target);
    const elem = c.types.sizeOf(u.elem, c.target);
    if (!base || i === null || elem === null) return null;
    return { ...base, offset: base.offset + i * elem };
  }
  if (e.type === 'selector_expression') {
    const op = e.childForFieldName('operand');
    const field = e.childForFieldName('field')?.text;
    if (!op || !field) return null;
    const t = c.types.typeOf(c.file, op);
    const u = t ? c.types.underlying(t) : null;
    if (!t || u?.kind !== 'struct') return null;
    const base = addressOf(c, op, depth + 1);
    const f = c.types.fieldOffset(t, [field], c.target);
    if (!base || !f) return null;
    return { ...base, offset: base.offset + f.offset };
  }
  return null;
}

/** Where a pointer expression (unsafe.Pointer, *T, or a uintptr made from one) points. */
function placeOf(c: Ctx, expr: Node, depth: number): Place | null {
  if (depth > 8) return null;
  const e = c.types.stripConversions(c.file, expr);
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.type === '&') {
    const operand = e.childForFieldName('operand');
    return operand ? addressOf(c, operand, depth + 1) : null;
  }
  if (e.type === 'call_expression') {
    const callee = calleeOf(c.file, e);
    if (callee?.pkg === 'unsafe' && callee.name === 'Add') {
      const [p, off] = argsOf(e);
      return p && off ? moved(c, p, [{ node: off, sign: 1 }], depth + 1) : null;
    }
    return null;
  }
  if (e.type === 'binary_expression') {
    const terms = sumTerms(e, 1);
    if (!terms) return null;
    return movedFromTerms(c, terms, depth + 1)?.place ?? null;
  }
  if (e.type === 'identifier') {
    // A local that is set once from a pointer expression.
    const d = c.types.declOf(c.file, e);
    if (d?.kind !== 'var' || d.global || !d.value || !d.fn) return null;
    if (assignmentsTo(d.fn, d).length > 0) return null;
    return placeOf(c, d.value, depth + 1);
  }
  return null;
}

interface Term {
  node: Node;
  sign: 1 | -1;
}

/** `a + b - c` as signed terms; null for other operators. */
function sumTerms(e: Node, sign: 1 | -1): Term[] | null {
  const x = unparen(e);
  if (x.type !== 'binary_expression') return [{ node: x, sign }];
  const op = x.childForFieldName('operator')?.type;
  if (op !== '+' && op !== '-') return [{ node: x, sign }];
  const l = x.childForFieldName('left');
  const r = x.childForFieldName('right');
  if (!l || !r) return null;
  const a = sumTerms(l, sign);
  const b = sumTerms(r, op === '-' ? (-sign as 1 | -1) : sign);
  return a && b ? [...a, ...b] : null;
}

/** Exactly one term is a pointer (or a uintptr made from one); the others fold to constants. */
function movedFromTerms(c: Ctx, terms: Term[], depth: number): { place: Place; delta: number } | null {
  let place: Place | null = null;
  let delta = 0;
  for (const t of terms) {
    const v = c.types.constValue(c.file, t.node, c.target);
    if (v !== null) {
      delta += t.sign * v;
      continue;
    }
    if (place || t.sign < 0) return null;
    place = placeOf(c, t.node, depth + 1);
    if (!place) return null;
  }
  return place ? { place: { ...place, offset: place.offset + delta }, delta } : null;
}

function moved(c: Ctx, p: Node, offs: Term[], depth: number): Place | null {
  const base = placeOf(c, p, depth);
  if (!base) return null;
  let delta = 0;
  for (const o of offs) {
    const v = c.types.constValue(c.file, o.node, c.target);
    if (v === null) return null;
    delta += o.sign * v;
  }
  return { ...base, offset: base.offset + delta };
}

const UNSAFE_CALLS = new Set(['Add', 'Pointer']);
/** `unsafe.Add(unsafe.Pointer(&x...` or `uintptr(unsafe.Pointer(&x...` on one line. */
const DIRECT_ADDR = /(?:Add\(|uintptr\()[^\n]*Pointer\(\s*&/;
/** `p := unsafe.Pointer(&x)` / `base := uintptr(unsafe.Pointer(&x))`. */
const ALIAS_ADDR = /\w+\s*:?=\s*(?:\w+\.)?(?:Pointer|uintptr)\((?:\w+\.Pointer\()?\s*&/;

function bytes(n: number): string {
  return n === 1 || n === -1 ? `${n} byte` : `${n} bytes`;
}

export const CGO011: PackageRule = {
  id: 'CGO011',
  name: 'unsafe-out-of-bounds',
  severity: 'error',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'unsafe pointer arithmetic that leaves the variable it started in',
  prefilter: /unsafe/,
  trainer: { difficulty: 2, essential: ['unsafe.Add', 'samples'] },
  docs: {
    symptom:
      'Nothing at compile time, and usually nothing at run time either: the program reads or ' +
      'writes the bytes of whatever the compiler placed next to the variable (another local, a ' +
      'spilled register, the next heap object), so values change mysteriously, or it faults with ' +
      '`unexpected fault address` / `signal SIGSEGV`, or the garbage collector later dies with ' +
      '`fatal error: found bad pointer in Go heap (incorrect use of unsafe or cgo?)`.',
    why:
      'Go allows pointer arithmetic only inside the allocation the pointer came from: ' +
      '`unsafe.Add(p, n)` and `unsafe.Pointer(uintptr(p) + n)` must stay within that object, and ' +
      'unlike C a pointer one past the end may not even be formed (the GC could treat it as a ' +
      'pointer to the next object and keep that alive, or move the stack under it). When `p` is ' +
      'the address of a variable, or of an element or field inside one, the whole variable is the ' +
      'object, so a constant offset that reaches its size is out of bounds. Sizes on 64-bit ' +
      'targets: int8/byte 1, int16 2, int32/float32/C.int 4, int64/float64/int/uintptr/pointers/' +
      'C.size_t 8; C.long is 8 on Linux, macOS and the BSDs but 4 on Windows. `go vet` does not ' +
      'look at unsafe.Add, and checkptr (`-race`, `-gcflags=all=-d=checkptr`) does not instrument it.',
    fix:
      'Compute offsets from the element size and the length of the array you really have, and ' +
      'stop before the end: `unsafe.Add(unsafe.Pointer(&arr[0]), i*unsafe.Sizeof(arr[0]))` with ' +
      '`i < len(arr)`. Often no arithmetic is needed: index the array, or view C memory as a slice ' +
      'with `unsafe.Slice(ptr, n)`. For an end marker, compare indexes instead of forming a pointer ' +
      'past the end.',
    versions:
      'unsafe.Add exists since Go 1.17; the uintptr form is as old as Go. The rule holds for every ' +
      'release; checkptr does not cover unsafe.Add (golang/go#58625).',
    references: [
      'unsafe package documentation: "Conversion of a Pointer to a uintptr and back, with arithmetic"',
      'golang/go#58625 (checkptr does not instrument unsafe.Add)',
      'cmd/compile: -d=checkptr',
    ],
    bad: [
      {
        title: 'The offset counts in elements instead of stopping at the last one',
        files: [
          {
            name: 'ring.go',
            text:
              'package ring\n\nimport "unsafe"\n\nfunc Last() int32 {\n\tvar samples [8]int32\n' +
              '\tp := unsafe.Add(unsafe.Pointer(&samples[0]), 8*unsafe.Sizeof(samples[0]))\n' +
              '\treturn *(*int32)(p)\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The last element is at index len-1',
        files: [
          {
            name: 'ring.go',
            text:
              'package ring\n\nimport "unsafe"\n\nfunc Last() int32 {\n\tvar samples [8]int32\n' +
              '\tp := unsafe.Add(unsafe.Pointer(&samples[0]), (len(samples)-1)*int(unsafe.Sizeof(samples[0])))\n' +
              '\treturn *(*int32)(p)\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const file of ctx.pkg.files) {
      if (!file.text.includes('unsafe')) continue;
      const add =
        file.text.includes('.Add(') &&
        (file.text.includes('unsafe.Add(') || /\b[A-Za-z_]\w*[ \t]+"unsafe"/.test(file.text));
      const arith = /uintptr\([^\n]*\+/.test(file.text);
      // Every base this rule can size is the address of a variable: on the line of the
      // arithmetic, or in a local set from it (`base := unsafe.Pointer(&arr[0])`).
      if (!add && !arith) continue;
      if (!DIRECT_ADDR.test(file.text) && !ALIAS_ADDR.test(file.text)) continue;
      if (!file.imports.some((i) => i.path === 'unsafe')) continue;
      const types = PackageTypes.of(ctx.pkg);
      const c: Ctx = { types, file, target: targetOf(file) };
      for (const { call, name } of pkgCalls(file, file.root, 'unsafe', UNSAFE_CALLS)) {
        if (!enclosingFunction(call)) continue;
        const callee = { name };
        let result: { place: Place; delta: number } | null = null;
        let form = '';
        if (callee.name === 'Add') {
          const [p, off] = argsOf(call);
          if (!p || !off) continue;
          const delta = types.constValue(file, off, c.target);
          if (delta === null || delta === 0) continue;
          const base = placeOf(c, p, 0);
          if (!base) continue;
          result = { place: { ...base, offset: base.offset + delta }, delta };
          form = 'unsafe.Add';
        } else if (callee.name === 'Pointer' && arith) {
          const [arg] = argsOf(call);
          const x = arg ? unparen(arg) : null;
          if (x?.type !== 'binary_expression') continue;
          const terms = sumTerms(x, 1);
          if (!terms || terms.length < 2) continue;
          // The pointer term must be a uintptr conversion of a pointer (or a local holding one).
          result = movedFromTerms(c, terms, 0);
          if (!result || result.delta === 0) continue;
          form = 'unsafe.Pointer(uintptr(p) + off)';
        } else continue;
        const { place, delta } = result;
        const end = place.offset;
        if (end >= 0 && end < place.size) continue;
        const where =
          end === place.size
            ? `exactly one past its end (Go does not allow even forming that pointer)`
            : end < 0
              ? `${bytes(-end)} before its start`
              : `${bytes(end - place.size)} past its end`;
        ctx.report({
          file,
          at: call,
          message:
            `${form} moves ${bytes(delta)} to offset ${end} of \`${place.name}\` (${place.typeText}, ${place.size} bytes on ` +
            `${c.target.goos}/${c.target.goarch}), ${where}: reads and writes there hit whatever lies next to it. ` +
            'Keep the offset below the size of the variable (index < len).',
        });
      }
    }
  },
};
