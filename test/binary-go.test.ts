// The Go-facts layer of the binary lens: build info (inline and pointer formats), modinfo,
// pclntab (1.2 / 1.16 / 1.18 / 1.20 layouts), the version fallbacks and the cgo markers. Synthetic
// blobs in fake BinaryFiles first; then, with `go` on PATH, real binaries compared with
// `go version -m`.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BUILDINFO_MAGIC,
  decodeBuildInfoBlob,
  findBuildInfoMagic,
  readBuildInfo,
  versionCandidates,
} from '../src/binary/go/buildinfo.js';
import { isCgoFunction, isCgoSymbol, readGoFacts } from '../src/binary/go/facts.js';
import {
  parseModinfo,
  parseModinfoBytes,
  stripModinfoSentinels,
  unquoteGo,
} from '../src/binary/go/modinfo.js';
import { findPclntab, parsePclntab, parsePclntabHeader } from '../src/binary/go/pclntab.js';
import type { GoModule } from '../src/binary/go-types.js';
import { openBinary } from '../src/binary/open.js';
import {
  type BinaryFile,
  bytesSource,
  type Section,
  type Segment,
  type SymbolEntry,
} from '../src/binary/types.js';
import { findGo, hasCommand, needTool } from './support/toolchain.js';

// ---- Byte builders -----------------------------------------------------------------------------

const enc = new TextEncoder();

class Bytes {
  private parts: number[] = [];
  constructor(
    readonly big = false,
    readonly ptrSize: 4 | 8 = 8,
  ) {}
  get length() {
    return this.parts.length;
  }
  u8(...v: number[]) {
    this.parts.push(...v);
    return this;
  }
  raw(b: Uint8Array | string) {
    for (const x of typeof b === 'string' ? enc.encode(b) : b) this.parts.push(x);
    return this;
  }
  u32(v: number) {
    const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    return this.u8(...(this.big ? b : b.reverse()));
  }
  u64(v: number) {
    const hi = Math.floor(v / 0x100000000);
    const lo = v >>> 0;
    if (this.big) return this.u32(hi).u32(lo);
    return this.u32(lo).u32(hi);
  }
  ptr(v: number) {
    return this.ptrSize === 8 ? this.u64(v) : this.u32(v);
  }
  uvarint(v: number) {
    while (v >= 0x80) {
      this.u8((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    return this.u8(v);
  }
  zeros(n: number) {
    for (let i = 0; i < n; i++) this.parts.push(0);
    return this;
  }
  align(a: number) {
    while (this.parts.length % a !== 0) this.parts.push(0);
    return this;
  }
  set32(at: number, v: number) {
    const b = new Bytes(this.big).u32(v).done();
    for (let i = 0; i < 4; i++) this.parts[at + i] = b[i]!;
  }
  done() {
    return Uint8Array.from(this.parts);
  }
}

const SENTINEL_START = '0w\xaf\x0c\x92t\x08\x02A\xe1\xc1\x07\xe6\xd6\x18\xe6';
const SENTINEL_END = '\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2';

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Modinfo as the go command embeds it: sentinel + text + sentinel. */
function framed(text: string): Uint8Array {
  const body = enc.encode(text);
  const out = new Uint8Array(32 + body.length);
  out.set(latin1(SENTINEL_START), 0);
  out.set(body, 16);
  out.set(latin1(SENTINEL_END), 16 + body.length);
  return out;
}

const MODINFO = [
  'path\texample.com/app/cmd/app',
  'mod\texample.com/app\t(devel)\t',
  'dep\tgolang.org/x/sys\tv0.15.0\th1:sysSUM=',
  '',
  'dep\texample.com/old\tv1.0.0',
  '=>\texample.com/new\tv1.2.0\th1:newSUM=',
  'dep\texample.com/local\tv0.0.0',
  '=>\t../local\t(devel)\t',
  'build\t-buildmode=exe',
  'build\t-compiler=gc',
  'build\t-ldflags="-s -w -X \\"main.v=1 2\\""',
  'build\tCGO_ENABLED=1',
  'build\tGOARCH=amd64',
  'build\tGOAMD64=v3',
  'build\tvcs.modified=true',
  '',
].join('\n');

function inlineBlob(opts: { big?: boolean; ptrSize?: 4 | 8; version?: string; modinfo?: Uint8Array }) {
  const b = new Bytes(opts.big, opts.ptrSize ?? 8);
  b.raw(BUILDINFO_MAGIC)
    .u8(opts.ptrSize ?? 8, 2 | (opts.big ? 1 : 0))
    .zeros(16);
  const v = enc.encode(opts.version ?? 'go1.21.5');
  b.uvarint(v.length).raw(v);
  const m = opts.modinfo ?? framed(MODINFO);
  b.uvarint(m.length).raw(m).align(16);
  return b.done();
}

// ---- A fake BinaryFile over in-memory sections ---------------------------------------------------

interface FakeSection {
  name: string;
  addr: number;
  data: Uint8Array;
  writable?: boolean;
  executable?: boolean;
  rawType?: number;
}

function fakeBinary(opts: {
  format?: BinaryFile['format'];
  bits?: 32 | 64;
  endian?: 'little' | 'big';
  sections?: FakeSection[];
  /** Segments instead of section headers (a file stripped of them). */
  segments?: (FakeSection & { type?: number })[];
  symbols?: Partial<SymbolEntry>[];
  dynamicSymbols?: Partial<SymbolEntry>[];
}): BinaryFile {
  let offset = 0x1000;
  const blobs: { off: number; data: Uint8Array }[] = [];
  const place = (data: Uint8Array) => {
    const off = offset;
    blobs.push({ off, data });
    offset += data.length + 16;
    return off;
  };
  const sections: (Section & { data: Uint8Array })[] = (opts.sections ?? []).map((s) => ({
    name: s.name,
    addr: s.addr,
    offset: place(s.data),
    size: s.data.length,
    hasData: true,
    writable: s.writable ?? false,
    executable: s.executable ?? false,
    rawType: s.rawType ?? 1,
    data: s.data,
  }));
  const segments: (Segment & { data: Uint8Array })[] = (opts.segments ?? []).map((s) => ({
    type: s.type ?? 1,
    offset: place(s.data),
    vaddr: s.addr,
    filesz: s.data.length,
    memsz: s.data.length,
    readable: true,
    writable: s.writable ?? false,
    executable: s.executable ?? false,
    data: s.data,
  }));
  const sym = (s: Partial<SymbolEntry>): SymbolEntry => ({
    name: '',
    value: 0,
    size: 0,
    defined: true,
    weak: false,
    ...s,
  });
  const mapped = [
    ...sections.map((s) => ({ addr: s.addr, data: s.data })),
    ...segments.map((s) => ({ addr: s.vaddr, data: s.data })),
  ];
  return {
    format: opts.format ?? 'elf',
    os: 'linux',
    arch: 'amd64',
    bits: opts.bits ?? 64,
    endian: opts.endian ?? 'little',
    sections,
    segments,
    section: (name) => sections.find((s) => s.name === name),
    sectionData: (s, max) => (s as Section & { data: Uint8Array }).data.subarray(0, max ?? s.size),
    readVirtual(addr, length) {
      for (const m of mapped) {
        if (addr >= m.addr && addr + length <= m.addr + m.data.length) {
          return m.data.subarray(addr - m.addr, addr - m.addr + length);
        }
      }
      return null;
    },
    symbols: () => (opts.symbols ?? []).map(sym),
    dynamicSymbols: () => (opts.dynamicSymbols ?? []).map(sym),
  };
}

// ---- Synthetic pclntabs ---------------------------------------------------------------------------

type Layout = '1.2' | '1.16' | '1.18' | '1.20';
const MAGIC: Record<Layout, number> = {
  '1.2': 0xfffffffb,
  '1.16': 0xfffffffa,
  '1.18': 0xfffffff0,
  '1.20': 0xfffffff1,
};

/** A pclntab with `names` as its functions (empty file, cu and pc tables). */
function pclntab(layout: Layout, names: string[], opts: { big?: boolean; ptrSize?: 4 | 8 } = {}) {
  const ptrSize = opts.ptrSize ?? 8;
  const b = new Bytes(opts.big, ptrSize);
  b.u32(MAGIC[layout]).u8(0, 0, 1, ptrSize);
  const n = names.length;
  const nameBytes = new Bytes();
  const nameOffs: number[] = [];
  for (const name of names) {
    nameOffs.push(nameBytes.length);
    nameBytes.raw(name).u8(0);
  }
  const funcSize = 40;
  const func = (entry: () => void, nameOff: number) => {
    const start = b.length;
    entry();
    b.u32(nameOff);
    b.zeros(funcSize - (b.length - start));
  };
  if (layout === '1.2') {
    // nfunc; functab (pc, funcoff) pointer pairs + end pc; filetab offset; _funcs; names.
    // funcoff and nameoff are relative to the table start.
    b.ptr(n);
    const funcsAt = b.length + (2 * n + 1) * ptrSize + 4;
    const namesAt = funcsAt + n * funcSize;
    for (let i = 0; i < n; i++) b.ptr(0x401000 + i * 16).ptr(funcsAt + i * funcSize);
    b.ptr(0x401000 + n * 16).u32(0);
    for (let i = 0; i < n; i++) func(() => b.ptr(0x401000 + i * 16), namesAt + nameOffs[i]!);
    b.raw(nameBytes.done());
    return b.done();
  }
  // Header words, funcnametab, (empty cu/file/pc tables), then functab + _funcs at pclnOffset.
  const words = layout === '1.16' ? 7 : 8;
  const funcnameAt = 8 + words * ptrSize;
  const cuAt = funcnameAt + nameBytes.length;
  const pclnAt = Math.ceil(cuAt / 8) * 8;
  const header =
    layout === '1.16'
      ? [n, 0, funcnameAt, cuAt, cuAt, cuAt, pclnAt]
      : [n, 0, 0x401000, funcnameAt, cuAt, cuAt, cuAt, pclnAt];
  for (const w of header) b.ptr(w);
  b.raw(nameBytes.done()).zeros(pclnAt - cuAt);
  // functab: (entry, funcoff) pairs and the end entry; funcoff is relative to pclnOffset.
  const field = layout === '1.16' ? ptrSize : 4;
  const put = (v: number) => (field === 4 ? b.u32(v) : b.ptr(v));
  const funcsRel = (2 * n + 1) * field;
  for (let i = 0; i < n; i++) put(i * 16) && put(funcsRel + i * funcSize);
  put(n * 16);
  for (let i = 0; i < n; i++) func(() => put(i * 16), nameOffs[i]!);
  return b.done();
}

// ---- modinfo ---------------------------------------------------------------------------------------

describe('modinfo', () => {
  it('parses path, mod, deps with => replacements, build settings; tolerates blank lines', () => {
    const m = parseModinfo(MODINFO);
    assert.equal(m.path, 'example.com/app/cmd/app');
    assert.deepEqual(m.main, { path: 'example.com/app', version: '(devel)' });
    assert.deepEqual(m.deps, [
      { path: 'golang.org/x/sys', version: 'v0.15.0', sum: 'h1:sysSUM=' },
      {
        path: 'example.com/old',
        version: 'v1.0.0',
        replace: { path: 'example.com/new', version: 'v1.2.0', sum: 'h1:newSUM=' },
      },
      { path: 'example.com/local', version: 'v0.0.0', replace: { path: '../local', version: '(devel)' } },
    ]);
    assert.deepEqual(m.settings, [
      { key: '-buildmode', value: 'exe' },
      { key: '-compiler', value: 'gc' },
      { key: '-ldflags', value: '-s -w -X "main.v=1 2"' },
      { key: 'CGO_ENABLED', value: '1' },
      { key: 'GOARCH', value: 'amd64' },
      { key: 'GOAMD64', value: 'v3' },
      { key: 'vcs.modified', value: 'true' },
    ]);
  });

  it('ignores unknown lines and a => without a module; keeps settings order', () => {
    const m = parseModinfo('=>\tx\tv1\t\nfuture\tthing\nbuild\tB=2\nbuild\tA=1\nbuild\tbad\nbuild\t=x\n');
    assert.equal(m.main, null);
    assert.deepEqual(m.deps, []);
    assert.deepEqual(m.settings, [
      { key: 'B', value: '2' },
      { key: 'A', value: '1' },
    ]);
  });

  it('unquotes keys and values the way strconv.Unquote does', () => {
    const m = parseModinfo('build\t"we ird"="a\\tb\\x41\\u00e9\\101"\nbuild\tk=`raw "x"`\n');
    assert.deepEqual(m.settings, [
      { key: 'we ird', value: 'a\tbAéA' },
      { key: 'k', value: 'raw "x"' },
    ]);
    assert.equal(unquoteGo('"\\q"'), null);
    assert.equal(unquoteGo('"open'), null);
    assert.equal(unquoteGo('"\\xc3\\xa9"'), 'é');
  });

  it('strips the sentinels only when len >= 33 and byte len-17 is a newline', () => {
    assert.equal(new TextDecoder().decode(stripModinfoSentinels(framed('path\tx\n'))), 'path\tx\n');
    // No newline before the end sentinel: not module info.
    assert.equal(stripModinfoSentinels(framed('path\tx')).length, 0);
    // Too short to hold two sentinels and a line.
    assert.equal(stripModinfoSentinels(framed('')).length, 0);
    assert.equal(parseModinfoBytes(enc.encode('path\tx\n')).path, null);
    assert.equal(parseModinfoBytes(framed('path\tx\n')).path, 'x');
  });
});

// ---- build info ------------------------------------------------------------------------------------

function withBuildInfoSection(blob: Uint8Array, extra: Partial<Parameters<typeof fakeBinary>[0]> = {}) {
  return fakeBinary({
    sections: [{ name: '.go.buildinfo', addr: 0x500000, data: blob, writable: true }],
    ...extra,
  });
}

describe('build info: inline format (Go 1.18+)', () => {
  for (const [big, ptrSize] of [
    [false, 8],
    [true, 8],
    [false, 4],
    [true, 4],
  ] as const) {
    it(`${big ? 'big' : 'little'}-endian, ${ptrSize}-byte pointers`, () => {
      const bi = readBuildInfo(withBuildInfoSection(inlineBlob({ big, ptrSize, version: 'go1.21.5' })));
      assert.ok(bi);
      assert.equal(bi.format, 'inline');
      assert.equal(bi.goVersion, 'go1.21.5');
      assert.equal(bi.path, 'example.com/app/cmd/app');
      assert.equal(bi.deps.length, 3);
      assert.equal(bi.settings.find((s) => s.key === 'GOAMD64')?.value, 'v3');
      const raw = decodeBuildInfoBlob(inlineBlob({ big, ptrSize }));
      assert.equal(raw?.bigEndian, big);
      assert.equal(raw?.ptrSize, ptrSize);
    });
  }

  it('finds the magic only at 16-byte aligned offsets from the region start', () => {
    const blob = inlineBlob({ version: 'go1.22.0' });
    const data = new Uint8Array(48 + blob.length);
    data.set(BUILDINFO_MAGIC, 4); // unaligned decoy
    data.set(blob, 48);
    assert.equal(findBuildInfoMagic(data), 48);
    assert.equal(readBuildInfo(withBuildInfoSection(data))?.goVersion, 'go1.22.0');
    // Only unaligned copies: nothing.
    const bad = new Uint8Array(64);
    bad.set(BUILDINFO_MAGIC, 8);
    assert.equal(findBuildInfoMagic(bad), -1);
  });

  it('without .go.buildinfo, searches the first writable non-executable PT_LOAD', () => {
    const data = new Uint8Array(4096 + 512);
    data.set(inlineBlob({ version: 'go1.20.3' }), 4096);
    const bin = fakeBinary({
      segments: [
        { name: 'text', addr: 0x400000, data: new Uint8Array(64), executable: true },
        { name: 'ro', addr: 0x480000, data: inlineBlob({ version: 'go0.wrong' }) },
        { name: 'rw', addr: 0x500000, data, writable: true },
      ],
    });
    assert.equal(readBuildInfo(bin)?.goVersion, 'go1.20.3');
  });

  it('PE: the first initialized, readable, writable data section', () => {
    const bin = fakeBinary({
      format: 'pe',
      sections: [
        { name: '.text', addr: 0x401000, data: new Uint8Array(64), executable: true, rawType: 0x60000020 },
        { name: '.rdata', addr: 0x480000, data: inlineBlob({ version: 'go0.rdata' }), rawType: 0x40000040 },
        {
          name: '.data',
          addr: 0x500000,
          data: inlineBlob({ version: 'go1.19.8' }),
          writable: true,
          rawType: 0xc0600040,
        },
      ],
    });
    assert.equal(readBuildInfo(bin)?.goVersion, 'go1.19.8');
  });

  it('Mach-O: __go_buildinfo, also when spelled with its segment', () => {
    const bin = fakeBinary({
      format: 'macho',
      sections: [{ name: '__DATA,__go_buildinfo', addr: 0x1000, data: inlineBlob({}), writable: true }],
    });
    assert.equal(readBuildInfo(bin)?.goVersion, 'go1.21.5');
  });

  it('rejects truncated headers and lengths; a modinfo length past the data keeps the version', () => {
    const good = inlineBlob({ version: 'go1.21.5' });
    assert.equal(decodeBuildInfoBlob(good.subarray(0, 31)), null, 'header cut short');
    assert.equal(decodeBuildInfoBlob(good.subarray(0, 32)), null, 'no version length');
    assert.equal(decodeBuildInfoBlob(good.subarray(0, 36)), null, 'version length past the data');
    // An unterminated uvarint.
    const cut = good.slice(0, 34);
    cut[32] = 0x80;
    cut[33] = 0x80;
    assert.equal(decodeBuildInfoBlob(cut), null);
    // Empty version: not Go build info.
    assert.equal(decodeBuildInfoBlob(inlineBlob({ version: '' })), null);
    // A huge version length.
    const huge = new Bytes()
      .raw(BUILDINFO_MAGIC)
      .u8(8, 2)
      .zeros(16)
      .uvarint(1 << 30)
      .done();
    assert.equal(decodeBuildInfoBlob(huge), null);
    // Modinfo length past the end: debug/buildinfo keeps the version and drops the modules.
    const versionOnly = good.subarray(0, 32 + 1 + 8 + 2);
    const raw = decodeBuildInfoBlob(versionOnly);
    assert.equal(raw?.version, 'go1.21.5');
    assert.equal(raw?.modinfo.length, 0);
    const bi = readBuildInfo(withBuildInfoSection(versionOnly));
    assert.deepEqual(bi, {
      goVersion: 'go1.21.5',
      path: null,
      main: null,
      deps: [],
      settings: [],
      format: 'inline',
    });
  });

  it('no magic, or a C program: no build info', () => {
    assert.equal(readBuildInfo(withBuildInfoSection(new Uint8Array(64))), null);
    assert.equal(readBuildInfo(fakeBinary({})), null);
  });
});

/** The pointer format: the blob's two pointers lead to string headers in .data. */
function pointerFormatBinary(big: boolean, ptrSize: 4 | 8, modinfo: Uint8Array = framed(MODINFO)) {
  const dataAddr = 0x600000;
  const d = new Bytes(big, ptrSize);
  const version = enc.encode('go1.17.13');
  const versionAt = dataAddr + 64;
  const modAt = versionAt + version.length;
  d.ptr(versionAt).ptr(version.length); // runtime.buildVersion at dataAddr
  d.ptr(modAt).ptr(modinfo.length); // runtime.modinfo at dataAddr + 2*ptrSize
  d.zeros(64 - d.length)
    .raw(version)
    .raw(modinfo);
  const blob = new Bytes(big, ptrSize)
    .raw(BUILDINFO_MAGIC)
    .u8(ptrSize, big ? 1 : 0)
    .ptr(dataAddr)
    .ptr(dataAddr + 2 * ptrSize)
    .align(32)
    .done();
  return fakeBinary({
    bits: ptrSize === 8 ? 64 : 32,
    endian: big ? 'big' : 'little',
    sections: [
      { name: '.go.buildinfo', addr: 0x500000, data: blob, writable: true },
      { name: '.data', addr: dataAddr, data: d.done(), writable: true },
    ],
  });
}

describe('build info: pointer format (before Go 1.18)', () => {
  for (const [big, ptrSize] of [
    [false, 8],
    [true, 8],
    [false, 4],
    [true, 4],
  ] as const) {
    it(`${big ? 'big' : 'little'}-endian, ${ptrSize}-byte pointers`, () => {
      const bi = readBuildInfo(pointerFormatBinary(big, ptrSize));
      assert.ok(bi);
      assert.equal(bi.format, 'pointer');
      assert.equal(bi.goVersion, 'go1.17.13');
      assert.equal(bi.main?.path, 'example.com/app');
      assert.equal(bi.deps[1]?.replace?.path, 'example.com/new');
    });
  }

  it('GOPATH-mode binaries have a version and no modules', () => {
    const bi = readBuildInfo(pointerFormatBinary(false, 8, new Uint8Array(0)));
    assert.equal(bi?.goVersion, 'go1.17.13');
    assert.equal(bi?.main, null);
  });

  it('rejects unknown pointer sizes and unmapped pointers', () => {
    const blob = new Bytes().raw(BUILDINFO_MAGIC).u8(2, 0).zeros(16).done();
    assert.equal(
      decodeBuildInfoBlob(blob, () => null),
      null,
    );
    const dangling = new Bytes().raw(BUILDINFO_MAGIC).u8(8, 0).u64(0x900000).u64(0x900010).done();
    assert.equal(readBuildInfo(withBuildInfoSection(dangling)), null);
  });
});

// ---- pclntab --------------------------------------------------------------------------------------

const NAMES = ['internal/abi.(*Type).Kind', 'runtime.main', 'main.main', 'main.(*T).String'];

describe('pclntab', () => {
  for (const layout of ['1.2', '1.16', '1.18', '1.20'] as const) {
    for (const [big, ptrSize] of [
      [false, 8],
      [true, 4],
    ] as const) {
      it(`${layout} layout, ${big ? 'big' : 'little'}-endian, ${ptrSize}-byte pointers`, () => {
        const t = parsePclntab(pclntab(layout, NAMES, { big, ptrSize }));
        assert.ok(t);
        assert.equal(t.header.version, layout);
        assert.equal(t.header.nfunc, NAMES.length);
        assert.deepEqual(t.functions(), NAMES);
        assert.equal(t.functions(), t.functions(), 'computed once');
      });
    }
  }

  it('labels the magics with honest release ranges', () => {
    const range = (l: Layout) => parsePclntab(pclntab(l, NAMES))?.versionRange;
    assert.equal(range('1.2'), 'go1.2–go1.15');
    assert.equal(range('1.16'), 'go1.16–go1.17');
    assert.equal(range('1.18'), 'go1.18–go1.19');
    assert.equal(range('1.20'), 'go1.20+');
  });

  it('rejects bad headers and tables that do not fit', () => {
    const good = pclntab('1.20', NAMES);
    const mutate = (at: number, v: number) => {
      const c = good.slice();
      c[at] = v;
      return parsePclntabHeader(c, c.length);
    };
    assert.ok(parsePclntabHeader(good, good.length));
    assert.equal(mutate(0, 0xf2), null, 'unknown magic');
    assert.equal(mutate(4, 1), null, 'pad byte');
    assert.equal(mutate(6, 3), null, 'quantum');
    assert.equal(mutate(7, 2), null, 'pointer size');
    assert.equal(mutate(8, 0xff), null, 'nfunc too large for the table');
    assert.equal(parsePclntabHeader(good, 40), null, 'offsets past the end');
    assert.equal(parsePclntab(good.subarray(0, 12)), null);
    // A name offset past the name table: that function is skipped, not a crash.
    const t = parsePclntab(good.subarray(0, good.length - 40));
    assert.deepEqual(t?.functions(), NAMES.slice(0, 3));
  });

  it('is found by section name, by runtime.pclntab symbols, and by scanning section-less ELF and PE', () => {
    const table = pclntab('1.18', NAMES);
    const bySection = fakeBinary({ sections: [{ name: '.gopclntab', addr: 0x4b0000, data: table }] });
    assert.deepEqual(findPclntab(bySection)?.functions(), NAMES);
    const pie = fakeBinary({ sections: [{ name: '.data.rel.ro.gopclntab', addr: 0x4b0000, data: table }] });
    assert.deepEqual(findPclntab(pie)?.functions(), NAMES);
    const rodata = new Uint8Array(0x100 + table.length + 0x40);
    rodata.set(table, 0x100);
    const bySymbol = fakeBinary({
      format: 'pe',
      sections: [{ name: '.rdata', addr: 0x480000, data: rodata, rawType: 0x40000040 }],
      symbols: [
        { name: 'runtime.pclntab', value: 0x480100 },
        { name: 'runtime.epclntab', value: 0x480100 + table.length },
      ],
    });
    assert.equal(findPclntab(bySymbol, true)?.location, 'runtime.pclntab');
    const rdata = { name: '.rdata', addr: 0x480000, data: rodata, rawType: 0x40000040 };
    const goText = {
      name: '.text',
      addr: 0x401000,
      data: latin1('\xff Go build ID: "abc/def"\n \xff'),
      executable: true,
    };
    const scannedPe = fakeBinary({ format: 'pe', sections: [goText, rdata] });
    assert.deepEqual(findPclntab(scannedPe)?.functions(), NAMES);
    // Without the Go build ID, a PE file is only scanned when the caller knows it is Go.
    const unmarked = fakeBinary({ format: 'pe', sections: [rdata] });
    assert.equal(findPclntab(unmarked), null);
    assert.deepEqual(findPclntab(unmarked, true)?.functions(), NAMES);
    // An external link merged .data.rel.ro.gopclntab into .data.rel.ro; the Go note marks it.
    const merged = fakeBinary({
      sections: [
        { name: '.note.go.buildid', addr: 0x400f9c, data: new Uint8Array(16) },
        { name: '.data.rel.ro', addr: 0x480000, data: rodata, writable: true },
      ],
    });
    assert.deepEqual(findPclntab(merged)?.functions(), NAMES);
    // Decoy magics before the real table are skipped.
    const decoy = rodata.slice();
    decoy.set([0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8], 0x20);
    const noSections = fakeBinary({ segments: [{ name: 'ro', addr: 0x480000, data: decoy }] });
    assert.deepEqual(findPclntab(noSections)?.functions(), NAMES);
    // An ELF file with sections but none of Go's: no scan, no table.
    assert.equal(
      findPclntab(fakeBinary({ sections: [{ name: '.rodata', addr: 0x480000, data: rodata }] })),
      null,
    );
  });
});

// ---- GoFacts ---------------------------------------------------------------------------------------

describe('readGoFacts', () => {
  it('a C program is not Go: nulls throughout', () => {
    const bin = fakeBinary({
      sections: [
        { name: '.text', addr: 0x1000, data: new Uint8Array(64), executable: true },
        { name: '.rodata', addr: 0x2000, data: enc.encode('\0usage: ls go1.21.0 [file]\0') },
        { name: '.data', addr: 0x3000, data: new Uint8Array(64), writable: true },
      ],
      symbols: [{ name: 'main' }, { name: '_cgo_init' }],
    });
    const f = readGoFacts(bin);
    assert.equal(f.isGo, false);
    assert.equal(f.buildInfo, null);
    assert.equal(f.goVersion, null);
    assert.equal(f.versionSource, null);
    assert.equal(f.versionRange, null);
    assert.equal(f.functions(), null);
    assert.deepEqual(f.cgo, { linked: false, evidence: [] });
  });

  it('build info wins; X: suffixes are cut from goVersion but kept in buildInfo', () => {
    const f = readGoFacts(withBuildInfoSection(inlineBlob({ version: 'go1.21.5 X:boringcrypto' })));
    assert.equal(f.isGo, true);
    assert.equal(f.goVersion, 'go1.21.5');
    assert.equal(f.buildInfo?.goVersion, 'go1.21.5 X:boringcrypto');
    assert.equal(f.versionSource, 'buildinfo');
    assert.equal(f.versionRange, null);
  });

  it('without build info: runtime.buildVersion through the symbol table', () => {
    const d = new Bytes().u64(0x600010).u64(8).raw('go1.19.8').done();
    const f = readGoFacts(
      fakeBinary({
        sections: [
          { name: '.gopclntab', addr: 0x4b0000, data: pclntab('1.18', NAMES) },
          {
            name: '.data',
            addr: 0x600000,
            data: new Uint8Array([...new Uint8Array(16), ...d.subarray(16)]),
            writable: true,
          },
          { name: '.noptrdata', addr: 0x700000, data: d.subarray(0, 16), writable: true },
        ],
        symbols: [{ name: 'runtime.buildVersion', value: 0x700000 }],
      }),
    );
    assert.equal(f.goVersion, 'go1.19.8');
    assert.equal(f.versionSource, 'version-string');
  });

  it('without build info or symbols: the best go1.N string in read-only data', () => {
    const rodata = enc.encode(
      '\0go1.1\0go1.19\0xgo1.99\0go1.19.8\0go1.19rc1\0/usr/go1.25.0/src\0go1.20beta1',
    );
    const f = readGoFacts(
      fakeBinary({
        sections: [
          { name: '.rodata', addr: 0x480000, data: rodata },
          { name: '.gopclntab', addr: 0x4b0000, data: pclntab('1.18', NAMES) },
        ],
      }),
    );
    assert.equal(f.goVersion, 'go1.20beta1');
    assert.equal(f.versionSource, 'version-string');
    assert.deepEqual(
      versionCandidates(enc.encode('\0go1.19.8\0go1.19\0go1.20rc2 ')).map((c) => c.text),
      ['go1.19.8', 'go1.19', 'go1.20rc2'],
    );
  });

  it('only the pclntab: a release range from its magic', () => {
    const f = readGoFacts(
      fakeBinary({ sections: [{ name: '.gopclntab', addr: 0x4b0000, data: pclntab('1.16', NAMES) }] }),
    );
    assert.equal(f.isGo, true);
    assert.equal(f.goVersion, null);
    assert.equal(f.versionSource, 'pclntab');
    assert.equal(f.versionRange, 'go1.16–go1.17');
    assert.deepEqual(f.functions(), NAMES);
  });

  it('cgo: linked only on real markers, never _cgo_init, runtime.iscgo or CGO_ENABLED', () => {
    const modinfo = framed('path\tx\nbuild\tCGO_ENABLED=1\n');
    const plain = readGoFacts(
      fakeBinary({
        sections: [
          { name: '.go.buildinfo', addr: 0x500000, data: inlineBlob({ modinfo }), writable: true },
          {
            name: '.gopclntab',
            addr: 0x4b0000,
            data: pclntab('1.20', [
              'runtime.cgocall',
              'runtime.iscgo',
              'main.main',
              'runtime.cgoCheckPointer',
            ]),
          },
        ],
        symbols: [{ name: '_cgo_init' }, { name: 'runtime.iscgo' }, { name: 'x_cgo_init', defined: false }],
      }),
    );
    assert.equal(plain.buildInfo?.settings[0]?.value, '1');
    assert.deepEqual(plain.cgo, { linked: false, evidence: [] });

    const stripped = readGoFacts(
      fakeBinary({
        sections: [
          {
            name: '.gopclntab',
            addr: 0x4b0000,
            data: pclntab('1.20', [
              'main._Cfunc_add',
              'crosscall2',
              'runtime/cgo.init',
              'net._C2func_getaddrinfo',
            ]),
          },
        ],
      }),
    );
    assert.equal(stripped.cgo.linked, true);
    assert.deepEqual(stripped.cgo.evidence, [
      'function main._Cfunc_add',
      'function crosscall2',
      'function runtime/cgo.init',
      'function net._C2func_getaddrinfo',
    ]);

    const symbols = readGoFacts(
      fakeBinary({
        format: 'macho',
        sections: [{ name: '__gopclntab', addr: 0x4b0000, data: pclntab('1.20', NAMES) }],
        symbols: [{ name: '_x_cgo_init' }, { name: '__cgo_topofstack' }],
      }),
    );
    assert.deepEqual(symbols.cgo.evidence, ['symbol _x_cgo_init', 'symbol __cgo_topofstack']);

    assert.ok(isCgoSymbol('_cgo_3f2a1b0c9d8e_Cfunc_add'));
    assert.ok(isCgoSymbol('crosscall2'));
    for (const no of ['_cgo_init', 'runtime.iscgo', '_cgo_thread_start', 'cgo_init', 'x_cgo_initx']) {
      assert.equal(isCgoSymbol(no), false, no);
    }
    assert.ok(isCgoFunction('github.com/mattn/go-sqlite3._Cfunc_sqlite3_open_v2'));
    for (const no of ['runtime.cgocall', 'runtime.iscgo', '_cgo_init', 'runtime.cgocallbackg']) {
      assert.equal(isCgoFunction(no), false, no);
    }
  });
});

// ---- Malformed input --------------------------------------------------------------------------------

describe('malformed Go structures never throw or hang', () => {
  it('survives random byte flips and truncations of build info and pclntabs', () => {
    let seed = 0x2545f491;
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const bases = [
      inlineBlob({}),
      inlineBlob({ big: true, ptrSize: 4 }),
      ...(['1.2', '1.16', '1.18', '1.20'] as const).map((l) => pclntab(l, NAMES)),
      pclntab('1.18', NAMES, { big: true, ptrSize: 4 }),
    ];
    const started = Date.now();
    for (let round = 0; round < 2000; round++) {
      const base = bases[round % bases.length]!;
      let b = base.slice();
      for (let k = 1 + rand(8); k > 0; k--) b[rand(b.length)] = rand(4) === 0 ? 0xff : rand(256);
      if (rand(4) === 0) b = b.subarray(0, rand(b.length));
      const bin = fakeBinary({
        sections: [
          { name: '.go.buildinfo', addr: 0x500000, data: b, writable: true },
          { name: '.gopclntab', addr: 0x4b0000, data: b },
        ],
        segments: [{ name: 'ro', addr: 0x480000, data: b }],
      });
      const f = readGoFacts(bin);
      f.functions();
      const pe = fakeBinary({ format: 'pe', sections: [{ name: '.rdata', addr: 0x480000, data: b }] });
      findPclntab(pe, true)?.functions();
    }
    assert.ok(Date.now() - started < 20_000);
  });

  it('bounds the name search of a hostile table', () => {
    // 200k functions whose names all start inside one 60 KiB unterminated run.
    const n = 200_000;
    const b = new Bytes(false, 8);
    b.u32(0xfffffff1).u8(0, 0, 1, 8);
    const funcnameAt = 8 + 8 * 8;
    const run = 60_000;
    const cuAt = funcnameAt + run;
    const pclnAt = cuAt;
    for (const w of [n, 0, 0, funcnameAt, cuAt, cuAt, cuAt, pclnAt]) b.ptr(w);
    b.raw('x'.repeat(run));
    const funcsRel = (2 * n + 1) * 4;
    for (let i = 0; i < n; i++) b.u32(i).u32(funcsRel + 8 * i);
    b.u32(n);
    for (let i = 0; i < n; i++) b.u32(i).u32(i % run);
    const t = parsePclntab(b.done());
    assert.ok(t);
    const started = Date.now();
    assert.deepEqual(t.functions(), []);
    assert.ok(Date.now() - started < 5_000);
  });
});

// ---- Real binaries built by the Go on PATH, compared with `go version -m` -----------------------

interface GoVersionM {
  goVersion: string;
  path: string | null;
  main: GoModule | null;
  deps: GoModule[];
  settings: { key: string; value: string }[];
}

/** `go version -m` output, read independently of src/ (values are strconv.Quote'd when needed). */
function parseGoVersionM(out: string): GoVersionM {
  const lines = out.split('\n');
  const first = /: (.*)$/.exec(lines[0] ?? '');
  const r: GoVersionM = { goVersion: first?.[1] ?? '', path: null, main: null, deps: [], settings: [] };
  let last: GoModule | null = null;
  const mod = (c: string[]): GoModule =>
    c[3] ? { path: c[1]!, version: c[2]!, sum: c[3] } : { path: c[1]!, version: c[2]! };
  for (const line of lines.slice(1)) {
    const c = line.replace(/^\t/, '').split('\t');
    if (c[0] === 'path') r.path = c[1]!;
    else if (c[0] === 'mod') {
      r.main = mod(c);
      last = r.main;
    } else if (c[0] === 'dep') {
      last = mod(c);
      r.deps.push(last);
    } else if (c[0] === '=>' && last) last.replace = mod(c);
    else if (c[0] === 'build') {
      const kv = c.slice(1).join('\t');
      const eq = kv.indexOf('=');
      const raw = kv.slice(eq + 1);
      r.settings.push({ key: kv.slice(0, eq), value: raw.startsWith('"') ? JSON.parse(raw) : raw });
    }
  }
  return r;
}

interface Build {
  name: string;
  pkg: string;
  env?: Record<string, string>;
  flags?: string[];
  cgo?: boolean;
  format: BinaryFile['format'];
  arch: string;
  /** Needs gcc (cgo or plugin). */
  needsCC?: boolean;
  /** Post-process the file (e.g. drop the ELF section headers). */
  mangle?: (b: Uint8Array) => Uint8Array;
}

/** A copy of an ELF64 LE file without section headers (as sstrip leaves it). */
function dropSectionHeaders(b: Uint8Array): Uint8Array {
  const c = b.slice();
  c.fill(0, 0x28, 0x30); // e_shoff
  c.fill(0, 0x3c, 0x40); // e_shnum, e_shstrndx
  return c;
}

const go = findGo();
const BUILDS: Build[] = [
  { name: 'plain', pkg: '.', format: 'elf', arch: 'amd64' },
  { name: 'stripped', pkg: '.', flags: ['-ldflags=-s -w'], format: 'elf', arch: 'amd64' },
  { name: 'trimpath', pkg: '.', flags: ['-trimpath'], format: 'elf', arch: 'amd64' },
  { name: 'pie', pkg: '.', flags: ['-buildmode=pie'], format: 'elf', arch: 'amd64' },
  {
    name: 'no-section-headers',
    pkg: '.',
    flags: ['-ldflags=-s -w'],
    format: 'elf',
    arch: 'amd64',
    mangle: dropSectionHeaders,
  },
  {
    name: 'cgo',
    pkg: './cmd/withcgo',
    env: { CGO_ENABLED: '1' },
    cgo: true,
    needsCC: true,
    format: 'elf',
    arch: 'amd64',
  },
  {
    name: 'cgo-stripped',
    pkg: './cmd/withcgo',
    env: { CGO_ENABLED: '1' },
    flags: ['-ldflags=-s -w'],
    cgo: true,
    needsCC: true,
    format: 'elf',
    arch: 'amd64',
  },
  { name: 'arm64', pkg: '.', env: { GOARCH: 'arm64', CGO_ENABLED: '0' }, format: 'elf', arch: 'arm64' },
  { name: '386', pkg: '.', env: { GOARCH: '386', CGO_ENABLED: '0' }, format: 'elf', arch: '386' },
  { name: 'arm', pkg: '.', env: { GOARCH: 'arm', GOARM: '7', CGO_ENABLED: '0' }, format: 'elf', arch: 'arm' },
  { name: 's390x', pkg: '.', env: { GOARCH: 's390x', CGO_ENABLED: '0' }, format: 'elf', arch: 's390x' },
  { name: 'windows', pkg: '.', env: { GOOS: 'windows', CGO_ENABLED: '0' }, format: 'pe', arch: 'amd64' },
  {
    name: 'windows-386-stripped',
    pkg: '.',
    env: { GOOS: 'windows', GOARCH: '386', CGO_ENABLED: '0' },
    flags: ['-ldflags=-s -w'],
    format: 'pe',
    arch: '386',
  },
  {
    name: 'darwin',
    pkg: '.',
    env: { GOOS: 'darwin', GOARCH: 'arm64', CGO_ENABLED: '0' },
    format: 'macho',
    arch: 'arm64',
  },
  {
    name: 'darwin-stripped',
    pkg: '.',
    env: { GOOS: 'darwin', GOARCH: 'amd64', CGO_ENABLED: '0' },
    flags: ['-ldflags=-s -w'],
    format: 'macho',
    arch: 'amd64',
  },
];

const SOURCES: Record<string, string> = {
  'go.mod':
    'module example.com/hello\n\ngo 1.19\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ./lib\n',
  'main.go':
    'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Hello()) }\n',
  'lib/go.mod': 'module example.com/lib\n\ngo 1.19\n',
  'lib/lib.go': 'package lib\n\nfunc Hello() string { return "hello" }\n',
  'cmd/withcgo/main.go':
    'package main\n\n/*\nstatic int add(int a, int b) { return a + b; }\n*/\nimport "C"\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Hello(), C.add(1, 2)) }\n',
  'cmd/plug/main.go': 'package main\n\nfunc Hello() string { return "plugin" }\n',
};

describe('real binaries built with the Go on PATH', { skip: needTool('go', go) }, () => {
  let dir = '';
  const goEnv = (extra: Record<string, string> = {}) => ({
    ...process.env,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GOPROXY: 'off',
    GOWORK: 'off',
    GO111MODULE: 'on',
    CGO_ENABLED: '0',
    ...extra,
  });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gotrap-binary-go-'));
    for (const [name, text] of Object.entries(SOURCES)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const build = (b: Build) => {
    const out = join(dir, `bin-${b.name}`);
    execFileSync(go!.bin, ['build', ...(b.flags ?? []), '-o', out, b.pkg], {
      cwd: dir,
      env: goEnv(b.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (b.mangle) writeFileSync(out, b.mangle(readFileSync(out)));
    return out;
  };

  for (const b of BUILDS) {
    const skip = b.needsCC ? needTool('gcc', hasCommand('gcc')) : false;
    it(`${b.name}: build info equals go version -m; functions() has main.main`, {
      skip,
      timeout: 600_000,
    }, () => {
      const file = build(b);
      const bin = openBinary(bytesSource(readFileSync(file)));
      assert.ok(bin);
      assert.equal(bin.format, b.format);
      assert.equal(bin.arch, b.arch);
      const f = readGoFacts(bin);
      const want = parseGoVersionM(
        execFileSync(go!.bin, ['version', '-m', file], { env: goEnv(), encoding: 'utf8' }),
      );
      assert.equal(f.isGo, true);
      assert.equal(f.versionSource, 'buildinfo');
      assert.equal(f.goVersion, go!.version);
      assert.ok(f.buildInfo);
      assert.equal(f.buildInfo.format, go!.minor >= 18 ? 'inline' : 'pointer');
      assert.deepEqual(
        {
          goVersion: f.buildInfo.goVersion,
          path: f.buildInfo.path,
          main: f.buildInfo.main,
          deps: f.buildInfo.deps,
          settings: f.buildInfo.settings,
        },
        want,
      );
      // The local replacement is there.
      assert.equal(f.buildInfo.deps.find((d) => d.path === 'example.com/lib')?.replace?.path, './lib');
      const fns = f.functions();
      assert.ok(fns, 'pclntab found');
      assert.ok(fns.includes('main.main'), 'main.main in pclntab');
      assert.ok(fns.includes('runtime.main'));
      assert.equal(f.versionRange, null);
      assert.equal(f.cgo.linked, b.cgo === true, `cgo evidence: ${f.cgo.evidence.join(', ')}`);
      if (b.cgo)
        assert.ok(f.cgo.evidence.some((e) => e.includes('main._Cfunc_add')) || f.cgo.evidence.length > 0);
      // (-s on darwin keeps the Mach-O symbol table.)
      if (b.flags?.includes('-ldflags=-s -w') && b.format !== 'macho') assert.deepEqual(bin.symbols(), []);
    });
  }

  it('plugin: no build info and no version string through Go 1.19, so the pclntab range', {
    skip: needTool('gcc', hasCommand('gcc')),
    timeout: 600_000,
  }, () => {
    for (const flags of [[], ['-ldflags=-s -w']]) {
      const file = build({
        name: `plugin${flags.length}`,
        pkg: './cmd/plug',
        flags: ['-buildmode=plugin', ...flags],
        env: { CGO_ENABLED: '1' },
        format: 'elf',
        arch: 'amd64',
      });
      const bin = openBinary(bytesSource(readFileSync(file)));
      assert.ok(bin);
      const f = readGoFacts(bin);
      assert.equal(f.isGo, true);
      if (go!.minor >= 20) {
        assert.equal(f.versionSource, 'buildinfo');
        assert.equal(f.goVersion, go!.version);
      } else if (go!.minor >= 18) {
        // The plugin's runtime.buildVersion is unreachable, so the linker leaves no string.
        assert.equal(f.buildInfo, null);
        assert.equal(f.goVersion, null);
        assert.equal(f.versionSource, 'pclntab');
        assert.equal(f.versionRange, 'go1.18–go1.19');
      }
      // A plugin's main package is named by its plugin path.
      assert.ok(f.functions()?.includes('example.com/hello/cmd/plug.Hello'));
      assert.equal(f.cgo.linked, true, 'plugins link runtime/cgo');
    }
  });

  it('build info destroyed: runtime.buildVersion by symbol, else the go1.N string in .rodata', () => {
    for (const b of BUILDS.filter((x) =>
      ['plain', 'stripped', 'pie', 'no-section-headers'].includes(x.name),
    )) {
      const bytes = readFileSync(build({ ...b, name: `${b.name}-nobuildinfo` }));
      const at = Buffer.from(bytes).indexOf(Buffer.from(BUILDINFO_MAGIC));
      assert.ok(at > 0);
      bytes[at] = 0; // the magic no longer matches
      const bin = openBinary(bytesSource(bytes));
      assert.ok(bin);
      const f = readGoFacts(bin);
      assert.equal(f.buildInfo, null, b.name);
      assert.equal(f.versionSource, 'version-string', b.name);
      assert.equal(f.goVersion, go!.version, b.name);
    }
  });

  it('a C program is not Go', { skip: needTool('gcc', hasCommand('gcc')) }, () => {
    writeFileSync(
      join(dir, 'hello.c'),
      '#include <stdio.h>\nint main(void) { puts("go1.21.0"); return 0; }\n',
    );
    const out = join(dir, 'hello-c');
    execFileSync('gcc', ['-o', out, join(dir, 'hello.c')]);
    for (const file of [out, '/bin/ls'].filter((p) => existsSync(p))) {
      const bin = openBinary(bytesSource(readFileSync(file)));
      assert.ok(bin);
      const f = readGoFacts(bin);
      assert.deepEqual(
        [f.isGo, f.buildInfo, f.goVersion, f.versionSource, f.versionRange, f.functions(), f.cgo.linked],
        [false, null, null, null, null, null, false],
        file,
      );
    }
  });
});
