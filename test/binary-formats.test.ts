// The ELF, Mach-O and PE readers: synthetic files written by test/support/binary-builders.ts,
// hostile variants of them (truncated, mutated, with impossible counts and offsets), and real Go
// binaries checked against readelf when a Go toolchain is installed.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openBinary } from '../src/binary/open.js';
import { readCString, readU16, readU32, readU64, safeU64 } from '../src/binary/source.js';
import { type BinaryFile, BinaryFormatError, type ByteSource, bytesSource } from '../src/binary/types.js';
import {
  buildElf,
  buildFat,
  buildMachO,
  buildPe,
  type ElfLayout,
  latin1,
  sampleElf64,
  u32s,
  Writer,
} from './support/binary-builders.js';
import { findGoToolchains, hasCommand, needTool } from './support/toolchain.js';

const open = (b: Uint8Array): BinaryFile | null => openBinary(bytesSource(b));

function mustOpen(b: Uint8Array): BinaryFile {
  const f = open(b);
  assert.ok(f, 'not recognized');
  return f;
}

/** Copies `b` and patches it with a writer of the given byte order. */
function patch(b: Uint8Array, at: number, little: boolean, fn: (w: Writer) => void): Uint8Array {
  const w = new Writer(little);
  fn(w);
  const out = b.slice();
  out.set(w.done(), at);
  return out;
}

/** Every reader entry point: only BinaryFormatError may escape. */
function exercise(f: BinaryFile): void {
  const tolerate = (fn: () => unknown): void => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof BinaryFormatError)) throw e;
    }
  };
  tolerate(() => f.symbols());
  tolerate(() => f.dynamicSymbols());
  for (const s of f.sections.slice(0, 64)) {
    f.sectionData(s, 64);
    f.readVirtual(s.addr, 8);
  }
  for (const s of f.segments.slice(0, 64)) f.readVirtual(s.vaddr, 8);
}

/** Opens hostile bytes: null, a BinaryFormatError, or a file whose lazy parts obey the same rule. */
function openHostile(b: Uint8Array, label: string): void {
  let f: BinaryFile | null;
  try {
    f = open(b);
  } catch (e) {
    assert.ok(e instanceof BinaryFormatError, `${label}: ${(e as Error)?.stack ?? e}`);
    return;
  }
  if (f) {
    try {
      exercise(f);
    } catch (e) {
      assert.fail(`${label}: ${(e as Error)?.stack ?? e}`);
    }
  }
}

/** Byte-for-byte equality that ignores Buffer vs Uint8Array. */
function assertBytes(actual: Uint8Array | null, expected: Uint8Array, message?: string): void {
  assert.ok(actual, message ?? 'no bytes');
  assert.deepEqual(Array.from(actual), Array.from(expected), message);
}

function assertFormatError(fn: () => unknown, re?: RegExp): BinaryFormatError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof BinaryFormatError, `expected BinaryFormatError, got ${(e as Error)?.stack ?? e}`);
    if (re) assert.match(e.message, re);
    return e;
  }
  assert.fail('expected a BinaryFormatError');
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('source helpers', () => {
  const src = bytesSource(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 0, 0x41, 0x42, 0, 0x43]));

  it('reads both byte orders and bounds every read', () => {
    assert.equal(readU16(src, 0, true), 0x0201);
    assert.equal(readU16(src, 0, false), 0x0102);
    assert.equal(readU32(src, 4, false), 0x05060700);
    assert.equal(readU64(src, 0, true), 0x07060504030201);
    assert.equal(
      readU64(bytesSource(Uint8Array.from([0, 0x1f, 0, 0, 0, 0, 1, 2])), 0, false),
      0x1f000000000102,
    );
    assertFormatError(() => readU32(src, 10, true), /past the end/);
    assertFormatError(() => readU32(src, -1, true), /invalid offset/);
    assertFormatError(() => readU32(src, Number.NaN, true), /invalid offset/);
  });

  it('throws past Number.MAX_SAFE_INTEGER', () => {
    assert.equal(safeU64(0x1fffff, 0xffffffff, 0, 'x'), Number.MAX_SAFE_INTEGER);
    const e = assertFormatError(() => safeU64(0x200000, 0, 0x40, 'e_shoff'), /too large/);
    assert.equal(e.offset, 0x40);
    assertFormatError(() => readU64(bytesSource(new Uint8Array(8).fill(0xff)), 0, true), /too large/);
  });

  it('reads C strings up to a bound', () => {
    assert.equal(readCString(src, 8), 'AB');
    assert.equal(readCString(src, 8, 1), 'A');
    assert.equal(readCString(src, 11), 'C');
    assertFormatError(() => readCString(src, 12));
  });
});

describe('ELF: synthetic 64-bit little-endian file', () => {
  const elf = sampleElf64();
  const f = mustOpen(elf.bytes);

  it('has the header facts', () => {
    assert.equal(f.format, 'elf');
    assert.equal(f.arch, 'amd64');
    assert.equal(f.bits, 64);
    assert.equal(f.endian, 'little');
    assert.equal(f.os, 'linux');
    assert.equal(f.elf?.type, 3);
    assert.equal(f.elf?.machine, 62);
    assert.equal(f.elf?.sectionHeaderProblem, undefined);
  });

  it('reads the program-header and dynamic facts', () => {
    const e = f.elf!;
    assert.equal(e.interpreter, '/lib64/ld-linux-x86-64.so.2');
    assert.deepEqual(e.needed, ['libc.so.6', 'libpthread.so.0']);
    assert.deepEqual(e.runpath, ['$ORIGIN/../lib', '/opt/lib']);
    assert.deepEqual(e.rpath, []);
    assert.equal(e.flags, 0x8);
    assert.equal(e.flags1, 0x08000001);
    assert.equal(e.bindNow, true);
    assert.equal(e.hasRelro, true);
    assert.equal(e.nxStack, true);
    assert.deepEqual(
      f.segments.map((s) => s.type),
      [1, 3, 2, 4, 0x6474e551, 0x6474e552],
    );
  });

  it('reads the version needs with the weak flag', () => {
    assert.deepEqual(f.elf!.versionNeeds, [
      {
        file: 'libc.so.6',
        versions: [
          { name: 'GLIBC_2.2.5', weak: false, hidden: false },
          { name: 'GLIBC_2.34', weak: true, hidden: false },
        ],
      },
      { file: 'libpthread.so.0', versions: [{ name: 'GLIBC_2.3.2', weak: false, hidden: false }] },
    ]);
  });

  it('reads notes with 4-byte padding', () => {
    const notes = f.elf!.notes.map((n) => ({ owner: n.owner, type: n.type, desc: Array.from(n.desc) }));
    assert.deepEqual(notes, [
      { owner: 'GNU', type: 1, desc: Array.from(u32s(true, [0, 3, 2, 0])) },
      { owner: 'Go', type: 4, desc: Array.from(latin1('buildid/abc')) },
    ]);
  });

  it('versions every dynamic symbol (hidden bit included)', () => {
    assert.deepEqual(f.dynamicSymbols(), [
      {
        name: 'malloc',
        value: 0,
        size: 0,
        defined: false,
        weak: false,
        version: 'GLIBC_2.2.5',
        versionFile: 'libc.so.6',
      },
      {
        name: '__libc_start_main',
        value: 0,
        size: 0,
        defined: false,
        weak: false,
        version: 'GLIBC_2.34',
        versionFile: 'libc.so.6',
      },
      {
        name: 'pthread_cond_wait',
        value: 0,
        size: 0,
        defined: false,
        weak: false,
        version: 'GLIBC_2.3.2',
        versionFile: 'libpthread.so.0',
        versionHidden: true,
      },
      { name: '__gmon_start__', value: 0, size: 0, defined: false, weak: true },
      { name: 'crosscall2', value: 0x401000, size: 0, defined: true, weak: false },
    ]);
    assert.equal(f.dynamicSymbols(), f.dynamicSymbols(), 'computed once');
  });

  it('reads .symtab lazily', () => {
    assert.deepEqual(
      f.symbols().map((s) => [s.name, s.value, s.size, s.defined, s.weak]),
      [
        ['main.main', 0x401100, 32, true, false],
        ['x_cgo_init', 0x401200, 16, true, false],
        ['weak_thing', 0, 0, false, true],
      ],
    );
  });

  it('names sections and reads their data and virtual addresses', () => {
    const names = f.sections.map((s) => s.name);
    assert.deepEqual(names.slice(0, 3), ['', '.interp', '.note']);
    for (const n of [
      '.dynsym',
      '.gnu.version',
      '.gnu.version_r',
      '.dynstr',
      '.dynamic',
      '.symtab',
      '.shstrtab',
    ]) {
      assert.ok(names.includes(n), n);
    }
    const interp = f.section('.interp')!;
    assert.equal(new TextDecoder().decode(f.sectionData(interp, 6)), '/lib64');
    assert.equal(new TextDecoder().decode(f.readVirtual(interp.addr, 6)!), '/lib64');
    assert.equal(f.readVirtual(elf.base + elf.bytes.length - 2, 4), null, 'runs past the segment');
    assert.equal(f.readVirtual(0x10, 4), null, 'unmapped');
    const dynamic = f.section('.dynamic')!;
    assert.equal(dynamic.writable, true);
    assert.equal(dynamic.rawType, 6);
  });
});

describe('ELF: other classes, byte orders and machines', () => {
  it('reads a 32-bit big-endian file', () => {
    const b = buildElf({
      bits: 32,
      endian: 'big',
      machine: 8,
      interp: '/lib/ld.so.1',
      needed: ['libc.so.6'],
      verneed: [{ file: 'libc.so.6', versions: [{ name: 'GLIBC_2.0', index: 2 }] }],
      dynsyms: [{ name: 'puts', version: 2 }],
      notes: [{ owner: 'GNU', type: 1, desc: u32s(false, [0, 3, 2, 0]) }],
      gnuStack: 7,
    });
    const f = mustOpen(b.bytes);
    assert.equal(f.arch, 'mips');
    assert.equal(f.bits, 32);
    assert.equal(f.endian, 'big');
    assert.equal(f.os, 'linux');
    assert.equal(f.elf!.interpreter, '/lib/ld.so.1');
    assert.deepEqual(f.elf!.needed, ['libc.so.6']);
    assert.equal(f.elf!.nxStack, false, 'PT_GNU_STACK is executable');
    assert.equal(f.elf!.hasRelro, false);
    assert.deepEqual(f.elf!.versionNeeds, [
      { file: 'libc.so.6', versions: [{ name: 'GLIBC_2.0', weak: false, hidden: false }] },
    ]);
    assert.deepEqual(f.dynamicSymbols(), [
      {
        name: 'puts',
        value: 0,
        size: 0,
        defined: false,
        weak: false,
        version: 'GLIBC_2.0',
        versionFile: 'libc.so.6',
      },
    ]);
  });

  const machines: [number, 32 | 64, 'little' | 'big', string][] = [
    [3, 32, 'little', '386'],
    [62, 64, 'little', 'amd64'],
    [40, 32, 'little', 'arm'],
    [183, 64, 'little', 'arm64'],
    [22, 64, 'big', 's390x'],
    [21, 64, 'big', 'ppc64'],
    [21, 64, 'little', 'ppc64le'],
    [243, 64, 'little', 'riscv64'],
    [8, 32, 'big', 'mips'],
    [8, 32, 'little', 'mipsle'],
    [8, 64, 'big', 'mips64'],
    [8, 64, 'little', 'mips64le'],
    [258, 64, 'little', 'loong64'],
  ];
  for (const [machine, bits, endian, arch] of machines) {
    it(`e_machine ${machine} ${bits}-bit ${endian} is ${arch}`, () => {
      assert.equal(mustOpen(buildElf({ bits, endian, machine }).bytes).arch, arch);
    });
  }
  it('an unknown machine has no arch', () => {
    assert.equal(mustOpen(buildElf({ bits: 64, endian: 'little', machine: 0x9999 }).bytes).arch, null);
  });

  it('takes the OS from OSABI and from notes', () => {
    const os = (
      osabi: number,
      notes: { owner: string; type: number; desc: Uint8Array }[] = [],
    ): string | null =>
      mustOpen(buildElf({ bits: 64, endian: 'little', machine: 62, osabi, notes }).bytes).os;
    assert.equal(os(0), 'linux');
    assert.equal(os(3), 'linux');
    assert.equal(os(9), 'freebsd');
    assert.equal(os(2), 'netbsd');
    assert.equal(os(12), 'openbsd');
    assert.equal(os(0, [{ owner: 'NetBSD', type: 1, desc: u32s(true, [0]) }]), 'netbsd');
    assert.equal(os(0, [{ owner: 'OpenBSD', type: 1, desc: u32s(true, [0]) }]), 'openbsd');
    assert.equal(os(0, [{ owner: 'FreeBSD', type: 1, desc: u32s(true, [0]) }]), 'freebsd');
    assert.equal(os(0, [{ owner: 'GNU', type: 1, desc: u32s(true, [3, 12, 0, 0]) }]), 'freebsd');
    assert.equal(os(0, [{ owner: 'Go', type: 4, desc: latin1('id') }]), 'linux');
  });
});

describe('ELF: without section headers (sstrip)', () => {
  const full = mustOpen(sampleElf64().bytes);
  const check = (f: BinaryFile): void => {
    assert.deepEqual(f.sections, []);
    assert.equal(f.elf!.interpreter, full.elf!.interpreter);
    assert.deepEqual(f.elf!.needed, full.elf!.needed);
    assert.deepEqual(f.elf!.runpath, full.elf!.runpath);
    assert.equal(f.elf!.flags1, full.elf!.flags1);
    assert.deepEqual(f.elf!.versionNeeds, full.elf!.versionNeeds);
    assert.deepEqual(f.elf!.notes, full.elf!.notes);
    assert.deepEqual(f.dynamicSymbols(), full.dynamicSymbols(), 'DT_SYMTAB + DT_HASH + DT_VERSYM');
    assert.deepEqual(f.symbols(), []);
  };

  it('falls back to PT_DYNAMIC, DT_VERNEED and PT_NOTE when e_shoff = 0', () => {
    const f = mustOpen(sampleElf64(false).bytes);
    check(f);
    assert.equal(f.elf!.sectionHeaderProblem, undefined);
  });

  it('falls back when the section header table is garbage, and says why', () => {
    const elf = sampleElf64();
    const bad = patch(elf.bytes, 40, true, (w) => w.u64(elf.bytes.length + 4096));
    const f = mustOpen(bad);
    check(f);
    assert.match(f.elf!.sectionHeaderProblem ?? '', /section header table runs past the end/);
    const small = patch(elf.bytes, 58, true, (w) => w.u16(12));
    assert.match(mustOpen(small).elf!.sectionHeaderProblem ?? '', /e_shentsize 12/);
    const huge = patch(elf.bytes, elf.shoff + 64 * 3 + 32, true, (w) => w.u64(2 ** 60));
    assert.match(mustOpen(huge).elf!.sectionHeaderProblem ?? '', /too large/);
  });

  it('uses the GNU hash table to count dynamic symbols', () => {
    // Rewrite DT_HASH as DT_GNU_HASH pointing at a table whose one bucket starts at symbol 1
    // and whose chain ends at the last symbol (5 symbols after the null one).
    const elf = sampleElf64(false);
    const f = mustOpen(rewriteHashAsGnu(elf));
    assert.equal(f.dynamicSymbols().length, 5);
  });
});

/** Replaces the SysV .hash contents with a GNU hash table and retags DT_HASH as DT_GNU_HASH. */
function rewriteHashAsGnu(elf: ElfLayout): Uint8Array {
  const hash = elf.at['.hash']!;
  const gnu = new Writer(true).u32(1).u32(1).u32(1).u32(6).u64(0).u32(1);
  for (let i = 1; i <= 5; i++) gnu.u32(i === 5 ? 1 : 0);
  const table = gnu.done();
  assert.ok(table.length <= hash.size);
  let out: Uint8Array = elf.bytes.slice();
  out.set(table, hash.offset);
  const dyn = elf.at['.dynamic']!;
  for (let o = dyn.offset; o < dyn.offset + dyn.size; o += 16) {
    if (readU64(bytesSource(out), o, true) === 4) out = patch(out, o, true, (w) => w.u64(0x6ffffef5));
  }
  return out;
}

describe('ELF: extended numbering', () => {
  it('takes e_phnum from section 0 sh_info and e_shnum/e_shstrndx from sh_size/sh_link', () => {
    const elf = sampleElf64();
    let b = patch(elf.bytes, 56, true, (w) => w.u16(0xffff).u16(64).u16(0).u16(0xffff));
    // Section 0: sh_size (+32) = shnum, sh_link (+40) = shstrndx, sh_info (+44) = phnum.
    b = patch(b, elf.shoff + 32, true, (w) => w.u64(elf.shnum));
    b = patch(b, elf.shoff + 40, true, (w) => w.u32(elf.shnum - 1).u32(elf.phnum));
    const f = mustOpen(b);
    assert.equal(f.segments.length, elf.phnum);
    assert.equal(f.sections.length, elf.shnum);
    assert.equal(f.section('.shstrtab')?.name, '.shstrtab');
    assert.deepEqual(f.elf!.needed, ['libc.so.6', 'libpthread.so.0']);
  });

  it('rejects PN_XNUM pointing at 2^32-1 program headers', () => {
    const elf = sampleElf64();
    let b = patch(elf.bytes, 56, true, (w) => w.u16(0xffff));
    b = patch(b, elf.shoff + 44, true, (w) => w.u32(0xffffffff));
    assertFormatError(() => open(b), /too many program headers/);
  });

  it('falls back when sh_size claims 2^40 sections', () => {
    const elf = sampleElf64();
    let b = patch(elf.bytes, 60, true, (w) => w.u16(0));
    b = patch(b, elf.shoff + 32, true, (w) => w.u64(2 ** 40));
    const f = mustOpen(b);
    assert.match(f.elf!.sectionHeaderProblem ?? '', /too many sections/);
    assert.deepEqual(f.elf!.needed, ['libc.so.6', 'libpthread.so.0']);
  });
});

describe('ELF: hostile input', () => {
  const elf = sampleElf64();

  it('rejects bad identification bytes with the offset', () => {
    assert.equal(assertFormatError(() => open(patch(elf.bytes, 4, true, (w) => w.u8(3))), /class/).offset, 4);
    assert.equal(
      assertFormatError(() => open(patch(elf.bytes, 5, true, (w) => w.u8(0))), /data encoding/).offset,
      5,
    );
    assertFormatError(() => open(elf.bytes.subarray(0, 40)), /ELF header runs past the end/);
  });

  it('rejects program headers past the end or over 2^53', () => {
    assertFormatError(
      () => open(patch(elf.bytes, 32, true, (w) => w.u64(elf.bytes.length))),
      /program header table/,
    );
    assertFormatError(
      () => open(patch(elf.bytes, 32, true, (w) => w.u64(2n ** 60n))),
      /e_phoff .* too large/,
    );
    assertFormatError(() => open(patch(elf.bytes, 54, true, (w) => w.u16(8))), /e_phentsize/);
  });

  it('rejects a PT_DYNAMIC larger than the file (no section headers)', () => {
    const bare = sampleElf64(false);
    const dynPhdr = bare.phoff + 2 * 56;
    const b = patch(bare.bytes, dynPhdr + 32, true, (w) => w.u64(2 ** 40));
    assertFormatError(() => open(b), /dynamic table runs past the end/);
  });

  it('rejects a note whose namesz runs past its area', () => {
    const note = elf.at['.note']!;
    const b = patch(elf.bytes, note.offset, true, (w) => w.u32(0xfffffff0));
    const e = assertFormatError(() => open(b), /note with namesz 4294967280/);
    assert.equal(e.offset, note.offset);
  });

  it('rejects a DT_NEEDED string offset past DT_STRSZ', () => {
    const dyn = elf.at['.dynamic']!;
    const b = patch(elf.bytes, dyn.offset + 8, true, (w) => w.u64(0xffffff));
    assertFormatError(() => open(b), /string index 16777215 out of range/);
  });

  it('rejects an sh_link that points back at the symbol table itself', () => {
    const f = mustOpen(elf.bytes);
    const dynsymIndex = f.sections.findIndex((s) => s.name === '.dynsym');
    const b = patch(elf.bytes, elf.shoff + dynsymIndex * 64 + 40, true, (w) => w.u32(dynsymIndex));
    const g = mustOpen(b);
    assertFormatError(() => g.dynamicSymbols(), /not a string table/);
    assertFormatError(() => g.dynamicSymbols(), /not a string table/);
  });

  it('bounds a version-need walk whose count is 2^32-1', () => {
    const f = mustOpen(elf.bytes);
    const vr = f.sections.findIndex((s) => s.name === '.gnu.version_r');
    const b = patch(elf.bytes, elf.shoff + vr * 64 + 44, true, (w) => w.u32(0xffffffff));
    const g = mustOpen(b);
    assert.equal(g.elf!.versionNeeds.length, 2, 'vn_next = 0 ends the walk');
    // Keep walking forward over the rest of the section: bounded by its size.
    const v = elf.at['.gnu.version_r']!;
    const c = patch(b, v.offset + 16 + 3 * 16 + 12, true, (w) => w.u32(16));
    openHostile(c, 'verneed walk');
  });

  it('returns bounded results for zero sizes', () => {
    const f = mustOpen(elf.bytes);
    const empty = { ...f.section('.interp')!, size: 0 };
    assert.equal(f.sectionData(empty).length, 0);
    assert.equal(f.readVirtual(elf.base, 0)?.length, 0);
    assert.equal(f.readVirtual(Number.MAX_SAFE_INTEGER + 2, 1), null);
    assert.equal(f.readVirtual(elf.base, -1), null);
    const interpPhdr = elf.phoff + 56;
    assert.equal(mustOpen(patch(elf.bytes, interpPhdr + 32, true, (w) => w.u64(0))).elf!.interpreter, '');
  });
});

describe('Mach-O: synthetic files', () => {
  const thin = buildMachO({
    bits: 64,
    endian: 'little',
    cputype: 0x0100000c,
    buildVersion: [1, 0x000b0000],
    dylibs: [
      '/usr/lib/libSystem.B.dylib',
      '/System/Library/Frameworks/Security.framework/Versions/A/Security',
    ],
    symbols: [
      { name: '_main', value: 0x100000400 },
      { name: 'runtime.main', value: 0x100000410 },
      { name: '_puts', value: 0, type: 0x01 },
      { name: '_weak', value: 0, type: 0x01, desc: 0x40 },
      { name: 'debug.go', value: 0, type: 0x64 },
    ],
  });

  it('reads a thin 64-bit little-endian file', () => {
    const f = mustOpen(thin.bytes);
    assert.equal(f.format, 'macho');
    assert.equal(f.os, 'darwin');
    assert.equal(f.arch, 'arm64');
    assert.equal(f.bits, 64);
    assert.equal(f.endian, 'little');
    assert.deepEqual(f.macho, {
      fileType: 2,
      isFat: false,
      flags: 0x200085,
      pie: true,
      cpuType: 0x0100000c,
      dylibs: [
        '/usr/lib/libSystem.B.dylib',
        '/System/Library/Frameworks/Security.framework/Versions/A/Security',
      ],
      platform: 'macos',
      minOs: '11.0',
      sdk: '11.0',
    });
    assert.deepEqual(
      f.sections.map((s) => `${s.segment},${s.name}`),
      ['__TEXT,__text', '__TEXT,__gopclntab', '__DATA,__go_buildinfo', '__DATA,__bss'],
    );
    assert.equal(f.section('__text')!.executable, true);
    assert.equal(f.section('__DATA,__go_buildinfo')!.writable, true);
    assert.equal(f.section('__TEXT,__go_buildinfo'), undefined);
    const bss = f.section('__bss')!;
    assert.deepEqual([bss.hasData, bss.offset, bss.size], [false, 0, 0]);
    const bi = f.section('__go_buildinfo')!;
    assertBytes(f.sectionData(bi, 14), latin1('\xff Go buildinf:'));
    assertBytes(f.readVirtual(thin.buildinfo.addr, 14), latin1('\xff Go buildinf:'));
    assert.deepEqual(
      f.segments.map((s) => [s.type, s.vaddr, s.filesz, s.executable, s.writable]),
      [
        [0x19, 0, 0, false, false],
        [0x19, 0x100000000, 0x600, true, false],
        [0x19, 0x100001000, 0x100, false, true],
      ],
    );
  });

  it('reads the symbol table lazily, skipping stabs', () => {
    const f = mustOpen(thin.bytes);
    assert.deepEqual(
      f.symbols().map((s) => [s.name, s.value, s.defined, s.weak]),
      [
        ['_main', 0x100000400, true, false],
        ['runtime.main', 0x100000410, true, false],
        ['_puts', 0, false, false],
        ['_weak', 0, false, true],
      ],
    );
    assert.deepEqual(f.dynamicSymbols(), []);
  });

  it('reads a thin 32-bit big-endian file and an iOS platform', () => {
    const f = mustOpen(buildMachO({ bits: 32, endian: 'big', cputype: 18, flags: 0 }).bytes);
    assert.deepEqual([f.arch, f.bits, f.endian, f.macho!.pie], ['ppc', 32, 'big', false]);
    assert.equal(f.sections.length, 4);
    const ios = mustOpen(
      buildMachO({ bits: 64, endian: 'little', cputype: 0x0100000c, buildVersion: [2, 0x000c0100] }).bytes,
    );
    assert.equal(ios.os, 'ios');
    assert.equal(ios.macho!.minOs, '12.1');
  });

  const amd64 = buildMachO({ bits: 64, endian: 'little', cputype: 0x01000007 }).bytes;
  for (const is64 of [false, true]) {
    it(`picks a slice of a ${is64 ? 'FAT_MAGIC_64' : 'FAT_MAGIC'} file`, () => {
      const fat = buildFat(
        [
          { cputype: 0x01000007, bytes: amd64 },
          { cputype: 0x0100000c, bytes: thin.bytes },
        ],
        is64,
      );
      const first = mustOpen(fat);
      assert.equal(first.arch, 'amd64');
      assert.equal(first.macho!.isFat, true);
      assert.deepEqual(first.macho!.fatArches, ['amd64', 'arm64']);
      const arm = openBinary(bytesSource(fat), { preferArch: 'arm64' })!;
      assert.equal(arm.arch, 'arm64');
      assertBytes(arm.sectionData(arm.section('__go_buildinfo')!, 14), latin1('\xff Go buildinf:'));
      assert.equal(arm.symbols().length, 4);
      assert.equal(openBinary(bytesSource(fat), { preferArch: 's390x' })!.arch, 'amd64');
    });
  }

  it('treats 0xcafebabe with many "archs" as not Mach-O (Java class files share the magic)', () => {
    assert.equal(open(new Writer(false).u32(0xcafebabe).u16(0).u16(52).pad(64).done()), null);
    assert.equal(
      open(
        new Writer(false)
          .u32(0xcafebabe)
          .u32(2 ** 31)
          .pad(64)
          .done(),
      ),
      null,
    );
  });

  it('rejects hostile fat and thin headers', () => {
    assertFormatError(
      () =>
        open(
          new Writer(false)
            .u32(0xcafebabf)
            .u32(2 ** 31)
            .pad(64)
            .done(),
        ),
      /too many fat/,
    );
    assertFormatError(() => open(new Writer(false).u32(0xcafebabe).u32(0).done()), /no architectures/);
    const fat = buildFat([{ cputype: 0x0100000c, bytes: thin.bytes }]);
    assertFormatError(() => open(patch(fat, 16, false, (w) => w.u32(0x7fffffff))), /slice runs past the end/);
    assertFormatError(() => open(patch(fat, 16, false, (w) => w.u32(4))), /overlaps the fat header/);
    assertFormatError(
      () => open(patch(fat, 0x1000 + 4 * 4, true, (w) => w.u32(0xffffff))),
      /fat slice 0 \(arm64\)/,
    );
    assertFormatError(
      () => open(patch(thin.bytes, 16, true, (w) => w.u32(0xffffffff))),
      /load commands cannot fit/,
    );
    assertFormatError(() => open(patch(thin.bytes, 32 + 4, true, (w) => w.u32(0))), /bad size 0/);
    assertFormatError(
      () => open(patch(thin.bytes, 32 + 64, true, (w) => w.u32(0x10000000))),
      /sections do not fit/,
    );
    const symtab = thin.bytes.length - 1;
    assert.ok(symtab > 0);
    const f = mustOpen(
      patch(thin.bytes, findLoadCommand(thin.bytes, 0x2) + 12, true, (w) => w.u32(0xffffffff)),
    );
    assertFormatError(() => f.symbols(), /LC_SYMTAB symbols runs past the end/);
  });
});

/** File offset of the first load command `cmd` of a 64-bit little-endian Mach-O. */
function findLoadCommand(b: Uint8Array, cmd: number): number {
  const src = bytesSource(b);
  const ncmds = readU32(src, 16, true);
  let off = 32;
  for (let i = 0; i < ncmds; i++) {
    if (readU32(src, off, true) === cmd) return off;
    off += readU32(src, off + 4, true);
  }
  throw new Error(`no load command ${cmd}`);
}

describe('PE: synthetic files', () => {
  const pe = buildPe({
    plus: true,
    imports: ['kernel32.dll', 'ws2_32.dll'],
    symbols: [
      { name: 'runtime.pclntab', value: 0x10 },
      { name: 'main', value: 0x20 },
      { name: 'weakling', value: 0, section: 0, storageClass: 105 },
    ],
  });

  it('reads a PE32+ image', () => {
    const f = mustOpen(pe.bytes);
    assert.deepEqual([f.format, f.os, f.arch, f.bits, f.endian], ['pe', 'windows', 'amd64', 64, 'little']);
    assert.deepEqual(f.pe, {
      machine: 0x8664,
      characteristics: 0x22,
      dllCharacteristics: 0x160,
      subsystem: 3,
      imports: ['kernel32.dll', 'ws2_32.dll'],
      imageBase: pe.imageBase,
    });
    assert.deepEqual(
      f.sections.map((s) => [s.name, s.addr, s.hasData, s.writable, s.executable]),
      [
        ['.text', pe.imageBase + 0x1000, true, false, true],
        ['.data', pe.imageBase + 0x2000, true, true, false],
        ['.idata', pe.imageBase + 0x3000, true, true, false],
        ['.bss', pe.imageBase + 0x4000, false, true, false],
      ],
    );
    assert.deepEqual(f.segments, []);
    assertBytes(f.readVirtual(pe.imageBase + 0x2000, 14), latin1('\xff Go buildinf:'));
    assert.equal(f.readVirtual(pe.imageBase + 0x4000, 4), null, '.bss has no file data');
    assert.equal(f.readVirtual(0x1000, 4), null, 'an RVA is not an address');
  });

  it('reads the COFF symbol table with long names', () => {
    const f = mustOpen(pe.bytes);
    assert.deepEqual(
      f.symbols().map((s) => [s.name, s.value, s.defined, s.weak]),
      [
        ['runtime.pclntab', pe.imageBase + 0x1010, true, false],
        ['main', pe.imageBase + 0x1020, true, false],
        ['weakling', 0, false, true],
      ],
    );
    assert.deepEqual(f.dynamicSymbols(), []);
  });

  it('reads a PE32 image', () => {
    const f = mustOpen(buildPe({ plus: false, imports: ['kernel32.dll'] }).bytes);
    assert.deepEqual(
      [f.arch, f.bits, f.pe!.imageBase, f.pe!.imports],
      ['386', 32, 0x400000, ['kernel32.dll']],
    );
    assert.deepEqual(f.symbols(), []);
  });

  it('rejects hostile headers', () => {
    assert.equal(open(patch(pe.bytes, 0x80, true, (w) => w.u32(0x454e))), null, 'an NE executable');
    assertFormatError(
      () => open(patch(pe.bytes, 0x3c, true, (w) => w.u32(0x7ffffff0))),
      /PE signature runs past/,
    );
    assertFormatError(() => open(pe.bytes.subarray(0, 0x30)), /DOS header/);
    assertFormatError(() => open(patch(pe.bytes, 0x98, true, (w) => w.u16(0x999))), /optional header magic/);
    assertFormatError(
      () => open(patch(pe.bytes, 0x86, true, (w) => w.u16(0xffff))),
      /section table runs past/,
    );
    const f = mustOpen(patch(pe.bytes, 0x90, true, (w) => w.u32(0xffffffff)));
    assertFormatError(() => f.symbols(), /COFF symbol table runs past/);
    assertFormatError(() => open(patch(pe.bytes, 0x800 + 12, true, (w) => w.u32(0x9000))), /DLL name RVA/);
  });
});

describe('openBinary: recognition', () => {
  it('returns null for other files', () => {
    for (const b of [
      new Uint8Array(0),
      latin1('\x7fEL'),
      latin1('#!/bin/sh\necho hi\n'),
      latin1('PK\x03\x04'),
      latin1('\x00asm\x01\x00\x00\x00'),
    ]) {
      assert.equal(open(b), null);
    }
  });
});

describe('hostile input: truncation and mutation never escape BinaryFormatError', () => {
  const samples: [string, Uint8Array][] = [
    ['elf64', sampleElf64().bytes],
    ['elf64-sstrip', sampleElf64(false).bytes],
    ['elf64-gnuhash', rewriteHashAsGnu(sampleElf64(false))],
    [
      'elf32be',
      buildElf({
        bits: 32,
        endian: 'big',
        machine: 20,
        interp: '/lib/ld.so.1',
        needed: ['libc.so.6'],
        verneed: [{ file: 'libc.so.6', versions: [{ name: 'GLIBC_2.0', index: 2 }] }],
        dynsyms: [{ name: 'puts', version: 2 }],
        symtab: [{ name: 'main', value: 0x1000 }],
        notes: [{ owner: 'GNU', type: 1, desc: u32s(false, [0, 3, 2, 0]) }],
      }).bytes,
    ],
    [
      'macho',
      buildMachO({
        bits: 64,
        endian: 'little',
        cputype: 0x0100000c,
        buildVersion: [1, 0x000b0000],
        dylibs: ['/usr/lib/libSystem.B.dylib'],
        symbols: [{ name: '_main', value: 0x100000400 }],
      }).bytes,
    ],
    ['macho32be', buildMachO({ bits: 32, endian: 'big', cputype: 18 }).bytes],
    [
      'fat',
      buildFat([
        { cputype: 0x0100000c, bytes: buildMachO({ bits: 64, endian: 'little', cputype: 0x0100000c }).bytes },
      ]),
    ],
    [
      'pe',
      buildPe({ plus: true, imports: ['kernel32.dll'], symbols: [{ name: 'runtime.pclntab', value: 1 }] })
        .bytes,
    ],
  ];

  for (const [name, bytes] of samples) {
    it(`${name}: truncated at every 7th byte`, () => {
      for (let n = 0; n < bytes.length; n += 7)
        openHostile(bytes.subarray(0, n), `${name} truncated to ${n}`);
    });

    it(`${name}: 400 random mutations`, () => {
      const rand = prng(name.length * 7919 + bytes.length);
      const interesting = [0, 0xff, 0x7f, 0x80, 1, 0xfe];
      for (let i = 0; i < 400; i++) {
        const b = bytes.slice();
        const edits = 1 + Math.floor(rand() * 8);
        for (let k = 0; k < edits; k++) {
          // Bias edits toward the headers, where the structure lives.
          const at = Math.floor(rand() < 0.6 ? rand() * Math.min(512, b.length) : rand() * b.length);
          b[at] =
            rand() < 0.5 ? interesting[Math.floor(rand() * interesting.length)]! : Math.floor(rand() * 256);
        }
        openHostile(b, `${name} mutation ${i}`);
      }
    });
  }
});

describe('laziness: a 200 MB file is not read whole', () => {
  it('opens by reading headers and tables only', () => {
    const small = sampleElf64().bytes;
    const size = 200 * 1024 * 1024;
    // Point .symtab at a 150 MB table of zero symbols far into the (virtual) file.
    const f0 = mustOpen(small);
    const symtab = f0.sections.findIndex((s) => s.name === '.symtab');
    const shoff = Number(readU64(bytesSource(small), 40, true));
    const bytes = patch(small, shoff + symtab * 64 + 24, true, (w) =>
      w.u64(50 * 1024 * 1024).u64(150 * 1024 * 1024),
    );
    let read = 0;
    const src: ByteSource = {
      size,
      read(offset, length) {
        const n = Math.max(0, Math.min(length, size - offset));
        read += n;
        const out = new Uint8Array(n);
        if (offset < bytes.length) out.set(bytes.subarray(offset, Math.min(bytes.length, offset + n)));
        return out;
      },
    };
    const f = openBinary(src)!;
    assert.deepEqual(f.elf!.needed, ['libc.so.6', 'libpthread.so.0']);
    assert.ok(read < 64 * 1024, `openBinary read ${read} bytes`);
    assert.equal(f.sectionData(f.section('.symtab')!, 16).length, 16);
    assert.ok(read < 64 * 1024, `sectionData honored max (${read} bytes)`);
  });
});

// ---- real Go binaries -------------------------------------------------------------------------

const go = findGoToolchains()[0];

const PROGRAM = `package main

import "fmt"

func main() { fmt.Println("hello") }
`;

const CGO_PROGRAM = `package main

/*
#include <stdio.h>
static void hello(void) { puts("hello from C"); }
*/
import "C"

import "fmt"

func main() {
	C.hello()
	fmt.Println("hello")
}
`;

interface Target {
  goos: string;
  goarch: string;
  cgo: boolean;
}

const TARGETS: Target[] = [
  { goos: 'linux', goarch: 'amd64', cgo: true },
  { goos: 'linux', goarch: 'arm64', cgo: false },
  { goos: 'linux', goarch: '386', cgo: false },
  { goos: 'linux', goarch: 's390x', cgo: false },
  { goos: 'windows', goarch: 'amd64', cgo: false },
  { goos: 'darwin', goarch: 'arm64', cgo: false },
];

/** readelf's e_machine names for the targets built here. */
const READELF_MACHINES: Record<number, string> = {
  62: 'Advanced Micro Devices X86-64',
  183: 'AArch64',
  3: 'Intel 80386',
  22: 'IBM S/390',
};

interface ReadelfFacts {
  class: 32 | 64;
  endian: 'little' | 'big';
  machine: string;
  type: string;
  interp: string | null;
  needed: string[];
  needs: { file: string; versions: { name: string; weak: boolean }[] }[];
  dynsyms: { name: string; version: string | null; defined: boolean; weak: boolean }[];
}

function readelf(file: string): ReadelfFacts {
  const out = execFileSync('readelf', ['-W', '-h', '-l', '-d', '-V', '--dyn-syms', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const one = (re: RegExp): string | null => re.exec(out)?.[1] ?? null;
  const needs: ReadelfFacts['needs'] = [];
  const vr = out.split(/^Version needs section/m)[1]?.split(/\n\n/)[0] ?? '';
  for (const line of vr.split('\n')) {
    const file = /File: (\S+)\s+Cnt:/.exec(line);
    if (file) needs.push({ file: file[1]!, versions: [] });
    const ver = /Name: (\S+)\s+Flags: (.+?)\s+Version:/.exec(line);
    if (ver) needs.at(-1)!.versions.push({ name: ver[1]!, weak: /WEAK/.test(ver[2]!) });
  }
  const dynsyms: ReadelfFacts['dynsyms'] = [];
  const ds = out.split(/^Symbol table '\.dynsym'/m)[1]?.split(/\n\n/)[0] ?? '';
  for (const line of ds.split('\n')) {
    const m = /^\s*(\d+): [0-9a-f]+\s+\d+\s+\S+\s+(\S+)\s+\S+\s+(\S+)\s+(\S+)/.exec(line);
    if (!m || m[1] === '0') continue;
    const [name, version] = m[4]!.split(/@+/);
    dynsyms.push({ name: name!, version: version ?? null, defined: m[3] !== 'UND', weak: m[2] === 'WEAK' });
  }
  return {
    class: one(/Class:\s+ELF(32|64)/) === '32' ? 32 : 64,
    endian: /Data:.*little endian/.test(out) ? 'little' : 'big',
    machine: one(/Machine:\s+(.+)/)!.trim(),
    type: one(/Type:\s+(\w+)/)!,
    interp: one(/\[Requesting program interpreter: (.+)\]/),
    needed: [...out.matchAll(/\(NEEDED\)\s+Shared library: \[(.+)\]/g)].map((m) => m[1]!),
    needs,
    dynsyms,
  };
}

describe('real Go binaries', { skip: needTool('go', go) }, () => {
  let dir = '';
  const built = new Map<string, string | Error>();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gotrap-binfmt-'));
    for (const [sub, program] of [
      ['pure', PROGRAM],
      ['cgo', CGO_PROGRAM],
    ] as const) {
      mkdirSync(join(dir, sub));
      writeFileSync(join(dir, sub, 'main.go'), program);
      writeFileSync(join(dir, sub, 'go.mod'), 'module example.com/hello\n\ngo 1.19\n');
    }
    for (const t of TARGETS) {
      const out = join(dir, `hello-${t.goos}-${t.goarch}${t.goos === 'windows' ? '.exe' : ''}`);
      const r = spawnSync(go!.bin, ['build', '-o', out, '.'], {
        cwd: join(dir, t.cgo ? 'cgo' : 'pure'),
        encoding: 'utf8',
        timeout: 240_000,
        env: {
          ...process.env,
          GOTOOLCHAIN: 'local',
          GOPROXY: 'off',
          GOFLAGS: '-mod=mod',
          GO111MODULE: 'on',
          GOOS: t.goos,
          GOARCH: t.goarch,
          CGO_ENABLED: t.cgo ? '1' : '0',
        },
      });
      built.set(
        `${t.goos}/${t.goarch}`,
        r.status === 0 ? out : new Error(`go build failed:\n${r.stdout}${r.stderr}`),
      );
    }
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const binary = (t: Target): BinaryFile => {
    const out = built.get(`${t.goos}/${t.goarch}`);
    if (out instanceof Error) throw out;
    return mustOpen(readFileSync(out!));
  };

  for (const t of TARGETS.filter((x) => x.goos === 'linux')) {
    const skip = needTool('readelf', hasCommand('readelf')) || (t.cgo && needTool('gcc', hasCommand('gcc')));
    it(`${t.goos}/${t.goarch}${t.cgo ? ' (cgo)' : ''} agrees with readelf`, {
      skip,
      timeout: 300_000,
    }, () => {
      const f = binary(t);
      const r = readelf(built.get(`${t.goos}/${t.goarch}`) as string);
      assert.equal(f.arch, t.goarch);
      assert.equal(f.os, 'linux');
      assert.equal(f.bits, r.class);
      assert.equal(f.endian, r.endian);
      assert.equal(READELF_MACHINES[f.elf!.machine], r.machine);
      assert.equal(f.elf!.type === 3 ? 'DYN' : f.elf!.type === 2 ? 'EXEC' : 'other', r.type);
      assert.equal(f.elf!.interpreter, r.interp);
      assert.deepEqual(f.elf!.needed, r.needed);
      assert.deepEqual(
        f.elf!.versionNeeds.map((n) => ({
          file: n.file,
          versions: n.versions.map((v) => ({ name: v.name, weak: v.weak })),
        })),
        r.needs,
      );
      assert.deepEqual(
        f
          .dynamicSymbols()
          .map((s) => ({ name: s.name, version: s.version ?? null, defined: s.defined, weak: s.weak })),
        r.dynsyms,
      );
      assert.ok(f.section('.gopclntab')?.hasData, '.gopclntab');
      assert.ok(
        f.elf!.notes.some((n) => n.owner === 'Go' && n.type === 4),
        'Go build ID note',
      );
      assert.ok(f.symbols().some((s) => s.name === 'runtime.main' && s.defined));
      const bi = f.section('.go.buildinfo')!;
      assertBytes(f.readVirtual(bi.addr, 14), latin1('\xff Go buildinf:'));
      if (t.cgo) {
        assert.match(f.elf!.interpreter ?? '', /ld-linux/);
        assert.ok(f.elf!.versionNeeds.some((n) => n.versions.some((v) => v.name.startsWith('GLIBC_'))));
        assert.ok(f.dynamicSymbols().some((s) => s.name === 'crosscall2' && s.defined));
      } else {
        assert.equal(f.elf!.interpreter, null);
        assert.deepEqual(f.elf!.needed, []);
      }
    });
  }

  it('windows/amd64 is a PE with .text, imports and COFF symbols', { timeout: 300_000 }, () => {
    const f = binary({ goos: 'windows', goarch: 'amd64', cgo: false });
    assert.deepEqual([f.format, f.os, f.arch, f.bits], ['pe', 'windows', 'amd64', 64]);
    assert.ok(f.section('.text')?.executable);
    assert.ok(f.pe!.imports.map((s) => s.toLowerCase()).includes('kernel32.dll'));
    assert.ok((f.pe!.dllCharacteristics & 0x100) !== 0, 'NX_COMPAT');
    const syms = f.symbols();
    assert.ok(syms.some((s) => s.name === 'runtime.main'));
    const pclntab = syms.find((s) => s.name === 'runtime.pclntab');
    assert.ok(pclntab, 'runtime.pclntab symbol');
    const magic = f.readVirtual(pclntab.value, 4)!;
    assert.ok(
      magic && magic[0]! >= 0xf0 && magic[1] === 0xff && magic[2] === 0xff && magic[3] === 0xff,
      'pclntab magic',
    );
  });

  it('darwin/arm64 is a Mach-O with __gopclntab', { timeout: 300_000 }, () => {
    const f = binary({ goos: 'darwin', goarch: 'arm64', cgo: false });
    assert.deepEqual([f.format, f.os, f.arch, f.bits, f.endian], ['macho', 'darwin', 'arm64', 64, 'little']);
    assert.equal(f.macho!.pie, true);
    assert.ok(f.macho!.minOs);
    assert.ok(f.section('__text')?.executable);
    const pcln = f.section('__gopclntab')!;
    assert.ok(pcln.hasData);
    assertBytes(f.sectionData(pcln, 4), f.readVirtual(pcln.addr, 4)!);
    assertBytes(f.sectionData(f.section('__go_buildinfo')!, 14), latin1('\xff Go buildinf:'));
    assert.ok(f.symbols().some((s) => s.name === 'runtime.main' || s.name === '_runtime.main'));
  });
});
