import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classify,
  compareAbi,
  formatType,
  parseSignature,
  parseType,
  stdTypeResolver,
} from '../src/source/linkname/abi.js';
import type { Signature } from '../src/source/linkname/kb.js';
import { TABLE } from '../src/source/linkname/table.generated.js';

function sig(text: string): Signature {
  const s = parseSignature(text);
  assert.ok(s, `should parse: ${text}`);
  return s;
}

function types(list: { type: string }[]): string[] {
  return list.map((p) => p.type);
}

describe('parseSignature', () => {
  it('reads a function without parameters', () => {
    assert.deepEqual(sig('func nanotime() int64'), {
      kind: 'func',
      params: [],
      results: [{ name: '', type: 'int64', variadic: false }],
    });
  });

  it('reads func-typed and named-type parameters (gopark)', () => {
    const s = sig(
      'func gopark(unlockf func(*g, unsafe.Pointer) bool, lock unsafe.Pointer, reason waitReason, traceReason traceBlockReason, traceskip int)',
    );
    assert.deepEqual(
      s.params.map((p) => p.name),
      ['unlockf', 'lock', 'reason', 'traceReason', 'traceskip'],
    );
    assert.deepEqual(types(s.params), [
      'func(*g, unsafe.Pointer) bool',
      'unsafe.Pointer',
      'waitReason',
      'traceBlockReason',
      'int',
    ]);
    assert.equal(s.results.length, 0);
  });

  it('gives each grouped name its own parameter', () => {
    const s = sig('func memhash(p unsafe.Pointer, h, s uintptr) uintptr');
    assert.deepEqual(
      s.params.map((p) => `${p.name} ${p.type}`),
      ['p unsafe.Pointer', 'h uintptr', 's uintptr'],
    );
  });

  it('counts unnamed parameters once each', () => {
    const s = sig('func unsafe_NewArray(*abi.Type, int) unsafe.Pointer');
    assert.deepEqual(
      s.params.map((p) => [p.name, p.type]),
      [
        ['', '*abi.Type'],
        ['', 'int'],
      ],
    );
  });

  it('marks a variadic parameter and keeps its element type', () => {
    const s = sig('func printf(format string, args ...any)');
    assert.deepEqual(s.params[1], { name: 'args', type: 'any', variadic: true });
  });

  it('reads several results, named or not', () => {
    assert.deepEqual(
      types(sig('func mapaccess2(t *maptype, h *hmap, key unsafe.Pointer) (unsafe.Pointer, bool)').results),
      ['unsafe.Pointer', 'bool'],
    );
    const named = sig('func typelinks() (sections []unsafe.Pointer, offset [][]int32)');
    assert.deepEqual(
      named.results.map((p) => `${p.name} ${p.type}`),
      ['sections []unsafe.Pointer', 'offset [][]int32'],
    );
  });

  it('ignores a body, including a one-line body and a multi-line header', () => {
    assert.deepEqual(types(sig('func f(a int) int { return a }').params), ['int']);
    const multi = sig('func f(\n\ta int,\n\tb string,\n) (int, error) {\n\treturn 0, nil\n}');
    assert.deepEqual(types(multi.params), ['int', 'string']);
    assert.deepEqual(types(multi.results), ['int', 'error']);
  });

  it('reads struct and interface types in a signature', () => {
    const s = sig('func f(x struct {\n\ta, b int `json:"a"`\n\tsync.Mutex\n}) interface{}');
    assert.equal(s.params[0].type, 'struct{ a int; b int; sync.Mutex }');
    assert.equal(s.results[0].type, 'interface{}');
  });

  it('puts a method receiver first, where the ABI passes it', () => {
    const s = sig('func (m *Map) Load(key any) (value any, ok bool)');
    assert.deepEqual(types(s.params), ['*Map', 'any']);
  });

  it('reads a variable declaration', () => {
    assert.deepEqual(sig('var overrideWrite func(fd uintptr, p unsafe.Pointer, n int32) int32'), {
      kind: 'var',
      params: [],
      results: [
        { name: 'overrideWrite', type: 'func(fd uintptr, p unsafe.Pointer, n int32) int32', variadic: false },
      ],
    });
  });

  it('returns null for text that is not a declaration', () => {
    assert.equal(parseSignature('type T struct{}'), null);
    assert.equal(parseSignature('func f(a int'), null);
    assert.equal(parseSignature('var x = 3'), null);
    assert.equal(parseSignature('func f(a, b)  (int'), null);
  });

  it('parses every signature in the bundled table', () => {
    let count = 0;
    for (const row of TABLE.symbols) {
      for (const text of [row.signature, ...Object.values(row.signatures ?? {})]) {
        assert.ok(parseSignature(text), `${row.symbol}: ${text}`);
        count++;
      }
    }
    assert.ok(count >= 85);
  });
});

describe('parseType / formatType', () => {
  it('round-trips the type forms', () => {
    for (const t of [
      '*abi.Type',
      '[]byte',
      '[4]int',
      'map[string][]int',
      'chan int',
      '<-chan int',
      'chan<- int',
      'func(int) (bool, error)',
      'atomic.Pointer[T]',
    ]) {
      const parsed = parseType(t);
      assert.ok(parsed, t);
      assert.equal(formatType(parsed), t);
    }
  });
});

describe('classify', () => {
  it('sizes integers for a 64-bit target', () => {
    assert.deepEqual(classify('int'), { kind: 'int', size: 8 });
    assert.deepEqual(classify('uint64'), { kind: 'int', size: 8 });
    assert.deepEqual(classify('int32'), { kind: 'int', size: 4 });
    assert.deepEqual(classify('rune'), { kind: 'int', size: 4 });
    assert.deepEqual(classify('uint16'), { kind: 'int', size: 2 });
    assert.deepEqual(classify('byte'), { kind: 'int', size: 1 });
    assert.deepEqual(classify('int', undefined, 4), { kind: 'int', size: 4 });
  });

  it('keeps uintptr apart from other integers', () => {
    assert.deepEqual(classify('uintptr'), { kind: 'ptr', uintptr: true });
  });

  it('gives every pointer-shaped type the pointer class', () => {
    for (const t of ['*g', 'unsafe.Pointer', 'map[int]int', 'chan int', 'func()', '*maps.Map']) {
      assert.deepEqual(classify(t), { kind: 'ptr' }, t);
    }
  });

  it('classifies strings, slices, interfaces and floats', () => {
    assert.deepEqual(classify('string'), { kind: 'string' });
    assert.deepEqual(classify('[][]int32'), { kind: 'slice' });
    assert.deepEqual(classify('any'), { kind: 'eface' });
    assert.deepEqual(classify('interface{}'), { kind: 'eface' });
    assert.deepEqual(classify('error'), { kind: 'iface' });
    assert.deepEqual(classify('float32'), { kind: 'float', size: 4 });
    assert.deepEqual(classify('complex128'), { kind: 'complex', size: 16 });
  });

  it('classifies structs and arrays field by field', () => {
    assert.deepEqual(classify('struct{ a uint8; b [2]int32 }'), {
      kind: 'struct',
      fields: [
        { kind: 'int', size: 1 },
        { kind: 'array', len: 2, elem: { kind: 'int', size: 4 } },
      ],
    });
  });

  it('knows the runtime named types the table uses', () => {
    assert.deepEqual(classify('waitReason'), { kind: 'int', size: 1 });
    assert.deepEqual(classify('traceBlockReason'), { kind: 'int', size: 1 });
    assert.deepEqual(classify('stwReason'), { kind: 'int', size: 1 });
    assert.equal(classify('slice').kind, 'struct');
    const newest = classify('worldStop');
    assert.equal(newest.kind === 'struct' && newest.fields.length, 4);
    const in122 = classify('worldStop', stdTypeResolver(22));
    assert.equal(in122.kind === 'struct' && in122.fields.length, 2);
  });

  it('resolves the caller’s own named types, and leaves the rest unknown', () => {
    const resolve = (name: string) => (name === 'myInt' ? 'int32' : null);
    assert.deepEqual(classify('myInt', resolve), { kind: 'int', size: 4 });
    assert.deepEqual(classify('Mystery'), { kind: 'unknown', type: 'Mystery' });
    assert.deepEqual(classify('[N]int'), { kind: 'unknown', type: '[N]int' });
  });

  it('stops on a type that resolves to itself through a cycle', () => {
    const resolve = (name: string) => (name === 'A' ? 'B' : name === 'B' ? 'A' : null);
    assert.equal(classify('A', resolve).kind, 'unknown');
  });

  it('classifies every type in the bundled signatures', () => {
    for (const row of TABLE.symbols) {
      TABLE.minors.forEach((minor) => {
        const text = row.signatures?.[minor] ?? row.signature;
        const s = sig(text);
        for (const p of [...s.params, ...s.results]) {
          const c = classify(p.type, stdTypeResolver(minor));
          assert.notEqual(c.kind, 'unknown', `${row.symbol} 1.${minor}: ${p.type}`);
        }
      });
    }
  });
});

describe('compareAbi', () => {
  it('accepts a faithful copy with local stand-ins for runtime types', () => {
    const local = sig(
      'func gopark(unlockf func(unsafe.Pointer, unsafe.Pointer) bool, lock unsafe.Pointer, reason uint8, traceReason uint8, traceskip int)',
    );
    const target = sig(
      'func gopark(unlockf func(*g, unsafe.Pointer) bool, lock unsafe.Pointer, reason waitReason, traceReason traceBlockReason, traceskip int)',
    );
    assert.deepEqual(compareAbi(local, target), []);
  });

  it('reports a different number of parameters', () => {
    const problems = compareAbi(sig('func fastrandn() uint32'), sig('func fastrandn(n uint32) uint32'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'error');
    assert.equal(problems[0].where, 'param');
    assert.match(problems[0].message, /0 parameters \(\) vs target's 1 \(uint32\)/);
  });

  it('reports a different number of results', () => {
    const problems = compareAbi(
      sig('func now() (int64, int32)'),
      sig('func now() (sec int64, nsec int32, mono int64)'),
    );
    assert.deepEqual(
      problems.map((p) => [p.severity, p.where]),
      [['error', 'result']],
    );
  });

  it('reports an integer size mismatch with position, both types and why', () => {
    const problems = compareAbi(
      sig('func f(p unsafe.Pointer, n int32)'),
      sig('func f(p unsafe.Pointer, n int64)'),
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'error');
    assert.equal(problems[0].index, 1);
    assert.equal(problems[0].where, 'param');
    assert.match(problems[0].message, /^parameter 2: int32 \(4 bytes\) vs target's int64 \(8 bytes\)/);
    assert.match(problems[0].message, /sizes differ/);
  });

  it('warns about uintptr where the target has a pointer, and the reverse', () => {
    const a = compareAbi(sig('func f(p uintptr)'), sig('func f(p unsafe.Pointer)'));
    assert.equal(a.length, 1);
    assert.equal(a[0].severity, 'warning');
    assert.match(a[0].message, /parameter 1: uintptr .* vs target's unsafe\.Pointer .*garbage collector/);
    const b = compareAbi(sig('func getm() *byte'), sig('func getm() uintptr'));
    assert.deepEqual(
      b.map((p) => [p.severity, p.where, p.index]),
      [['warning', 'result', 0]],
    );
  });

  it('lets uintptr stand for another integer of its size', () => {
    assert.deepEqual(compareAbi(sig('func f(n uint64) int'), sig('func f(n uintptr) uintptr')), []);
  });

  it('treats all pointer-shaped types alike', () => {
    const local = sig(
      'func mapaccess2(t unsafe.Pointer, m map[string]int, key *string) (unsafe.Pointer, bool)',
    );
    const target = sig(
      'func mapaccess2(t *abi.SwissMapType, m *maps.Map, key unsafe.Pointer) (unsafe.Pointer, bool)',
    );
    assert.deepEqual(compareAbi(local, target), []);
    assert.deepEqual(compareAbi(sig('func f(c chan int, g func())'), sig('func f(t *T, m map[int]int)')), []);
  });

  it('stays silent on types it cannot classify', () => {
    assert.deepEqual(compareAbi(sig('func f(x Opaque) int64'), sig('func f(x int32) int64')), []);
    assert.deepEqual(compareAbi(sig('func f(x int32)'), sig('func f(x hidden.Thing)')), []);
  });

  it('treats empty and non-empty interfaces as the same two words', () => {
    assert.deepEqual(compareAbi(sig('func f(e error)'), sig('func f(src any)')), []);
  });

  it('compares structs by layout, using the caller’s types and the target release', () => {
    const local = sig('func stopTheWorld(reason uint8) ws');
    const target = sig('func stopTheWorld(reason stwReason) worldStop');
    const resolveLocal = (n: string) => (n === 'ws' ? 'struct{ r uint8; start int64 }' : null);
    assert.deepEqual(compareAbi(local, target, { resolveLocal, targetMinor: 22 }), []);
    const later = compareAbi(local, target, { resolveLocal, targetMinor: 23 });
    assert.equal(later.length, 1);
    assert.match(
      later[0].message,
      /^result 1: ws \(struct of 2 fields\) vs target's worldStop \(struct of 4 fields\)/,
    );
  });

  it('matches a slice with the runtime slice header', () => {
    const local = sig('func growslice(p unsafe.Pointer, newLen, oldCap, num int, et unsafe.Pointer) []byte');
    const target = sig('func growslice(oldPtr unsafe.Pointer, newLen, oldCap, num int, et *_type) slice');
    assert.deepEqual(compareAbi(local, target), []);
  });

  it('reports a string passed where the target takes a reason code (1.19 vs 1.21 stopTheWorld)', () => {
    const problems = compareAbi(
      sig('func stopTheWorld(reason string)'),
      sig('func stopTheWorld(reason stwReason)'),
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'error');
  });

  it('treats a variadic parameter as a slice', () => {
    assert.deepEqual(compareAbi(sig('func f(a ...int)'), sig('func f(a []int)')), []);
  });

  it('reports integer against float, and bool against a byte as a warning', () => {
    assert.equal(compareAbi(sig('func f(x float64)'), sig('func f(x int64)'))[0].severity, 'error');
    assert.equal(compareAbi(sig('func f(x uint8)'), sig('func f(x bool)'))[0].severity, 'warning');
  });

  it('compares variables by type, and refuses a function against a variable', () => {
    const target = sig('var overrideWrite func(fd uintptr, p unsafe.Pointer, n int32) int32');
    assert.deepEqual(compareAbi(sig('var w func(uintptr, unsafe.Pointer, int32) int32'), target), []);
    assert.deepEqual(compareAbi(sig('var w uintptr'), target)[0].severity, 'warning');
    assert.equal(compareAbi(sig('func overrideWrite()'), target)[0].severity, 'error');
  });

  it('uses the pointer size it is given', () => {
    assert.deepEqual(compareAbi(sig('func f(n int32)'), sig('func f(n int)'), { ptrSize: 4 }), []);
    assert.equal(compareAbi(sig('func f(n int32)'), sig('func f(n int)')).length, 1);
  });
});
