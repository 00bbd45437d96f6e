// The Go pc-line table (runtime.pclntab): the runtime needs it for tracebacks, so it survives
// `-ldflags=-s -w`. Here it answers two questions: which Go release range built the binary (its
// magic) and which functions are linked (funcnametab through functab → _func.nameOff).
//
// Header: magic (4 bytes, in the target's byte order), two zero bytes, the pc quantum (1, 2 or
// 4), the pointer size (4 or 8), then pointer-sized words:
//   0xfffffffb  Go 1.2–1.15   nfunc; functab (pc, funcoff) pairs of pointer size at 8+ptrsize;
//                             funcoff and nameoff relative to the table start.
//   0xfffffffa  Go 1.16–1.17  nfunc, nfiles, funcnameOffset, cuOffset, filetabOffset,
//                             pctabOffset, pclnOffset; functab of pointer-sized pairs at
//                             pclnOffset, funcoff relative to it, nameoff to funcnametab.
//   0xfffffff0  Go 1.18–1.19  nfunc, nfiles, textStart, funcnameOffset, cuOffset, filetabOffset,
//   0xfffffff1  Go 1.20+      pctabOffset, pclnOffset; functab of uint32 (entryoff, funcoff)
//                             pairs. (1.20 changed the _func layout after nameOff, not the header.)
// In every version _func starts with the entry (pointer size before 1.18, uint32 since) followed
// by nameOff (int32).

import type { BinaryFile } from '../types.js';
import {
  cString,
  decodeUtf8,
  findSection,
  findSymbol,
  hasGoMarkers,
  type Region,
  sectionRegion,
  segmentRegion,
  u32,
  uint,
  virtualRegion,
} from './util.js';

export type PclntabVersion = '1.2' | '1.16' | '1.18' | '1.20';

export const PCLNTAB_MAGICS: readonly { magic: number; version: PclntabVersion; range: string }[] = [
  { magic: 0xfffffffb, version: '1.2', range: 'go1.2–go1.15' },
  { magic: 0xfffffffa, version: '1.16', range: 'go1.16–go1.17' },
  { magic: 0xfffffff0, version: '1.18', range: 'go1.18–go1.19' },
  { magic: 0xfffffff1, version: '1.20', range: 'go1.20+' },
];

/** The release range a pclntab magic belongs to, or null for an unknown magic. */
export function pclntabVersionRange(magic: number): string | null {
  return PCLNTAB_MAGICS.find((m) => m.magic === magic)?.range ?? null;
}

/** At most this many bytes of a pclntab are read (a 700 MB terraform provider has 177 MiB). */
export const MAX_PCLNTAB_SIZE = 512 << 20;
/** nfunc above this is not a real table. */
const MAX_NFUNC = 1 << 24;
/** Longest function name read (generic instantiations can be long, not this long). */
const MAX_NAME_LEN = 1 << 16;
/** Bytes needed to parse any header version. */
const HEADER_READ = 8 + 8 * 8;

export interface PclntabHeader {
  magic: number;
  version: PclntabVersion;
  bigEndian: boolean;
  quantum: number;
  ptrSize: 4 | 8;
  nfunc: number;
  /** Offset of functab in the table. */
  functabOffset: number;
  /** Size of one functab field (pointer size before 1.18, 4 since). */
  functabFieldSize: number;
  /** Base that functab's funcoff is relative to. */
  funcdataOffset: number;
  /** Base that _func.nameOff is relative to, and where the name table ends. */
  funcnameOffset: number;
  funcnameEnd: number;
  /** Size of _func's first field (the entry). */
  entrySize: number;
}

/**
 * Parses and validates a header at the start of `head`, for a table of `size` bytes (the bytes
 * available from the header on). Null when it is not a sane pclntab header.
 */
export function parsePclntabHeader(head: Uint8Array, size: number): PclntabHeader | null {
  if (head.length < 16 || head[4] !== 0 || head[5] !== 0) return null;
  const quantum = head[6]!;
  const ptrSize = head[7]!;
  if ((quantum !== 1 && quantum !== 2 && quantum !== 4) || (ptrSize !== 4 && ptrSize !== 8)) return null;
  const le = u32(head, 0, false)!;
  const be = u32(head, 0, true)!;
  let known = PCLNTAB_MAGICS.find((m) => m.magic === le);
  let big = false;
  if (!known) {
    known = PCLNTAB_MAGICS.find((m) => m.magic === be);
    big = true;
  }
  if (!known) return null;
  const word = (i: number) => uint(head, 8 + i * ptrSize, ptrSize, big);
  const nfunc = word(0);
  if (nfunc === null || nfunc === 0 || nfunc > MAX_NFUNC) return null;
  const base = {
    magic: known.magic,
    version: known.version,
    bigEndian: big,
    quantum,
    ptrSize,
    nfunc,
  } as const;
  let h: PclntabHeader;
  if (known.version === '1.2') {
    h = {
      ...base,
      functabOffset: 8 + ptrSize,
      functabFieldSize: ptrSize,
      funcdataOffset: 0,
      funcnameOffset: 0,
      funcnameEnd: size,
      entrySize: ptrSize,
    };
  } else {
    // 1.16: nfunc, nfiles, funcname, cu, filetab, pctab, pcln; 1.18+ inserts textStart at 2.
    const first = known.version === '1.16' ? 2 : 3;
    const offs: number[] = [];
    for (let i = first; i < first + 5; i++) {
      const w = word(i);
      if (w === null) return null;
      offs.push(w);
    }
    const [funcname, cu, , , pcln] = offs as [number, number, number, number, number];
    // The tables follow the header in this order.
    for (let i = 0; i < offs.length; i++) {
      if (offs[i]! < 8 + (first + 5) * ptrSize || offs[i]! > size || (i > 0 && offs[i]! < offs[i - 1]!)) {
        return null;
      }
    }
    const old = known.version === '1.16';
    h = {
      ...base,
      functabOffset: pcln,
      functabFieldSize: old ? ptrSize : 4,
      funcdataOffset: pcln,
      funcnameOffset: funcname,
      funcnameEnd: cu,
      entrySize: old ? ptrSize : 4,
    };
  }
  // functab holds nfunc (entry, funcoff) pairs and one more entry (the end PC).
  if (h.functabOffset + (2 * nfunc + 1) * h.functabFieldSize > size) return null;
  return h;
}

/** A parsed pclntab whose function names are read on first use. */
export class Pclntab {
  private names: string[] | null = null;

  constructor(
    readonly header: PclntabHeader,
    /** Where the table is (for diagnostics: a section name, a symbol, or a scanned region). */
    readonly location: string,
    /** The table's bytes from the header on (read on first use). */
    private readonly load: () => Uint8Array,
  ) {}

  get versionRange(): string {
    return pclntabVersionRange(this.header.magic)!;
  }

  /**
   * Function names in functab order; computed once. Malformed entries are skipped. The bytes
   * searched for names are bounded by twice the name table (real names do not overlap), so a
   * hostile table whose entries all point into one long unterminated run cannot take long.
   */
  functions(): string[] {
    if (this.names) return this.names;
    const data = this.load();
    const h = this.header;
    const names: string[] = [];
    const budget = { bytes: 2 * Math.max(0, h.funcnameEnd - h.funcnameOffset) + MAX_NAME_LEN };
    for (let i = 0; i < h.nfunc && budget.bytes > 0; i++) {
      const name = functionName(data, h, i, budget);
      if (name !== null) names.push(name);
    }
    this.names = names;
    return names;
  }
}

function functionName(
  data: Uint8Array,
  h: PclntabHeader,
  i: number,
  budget: { bytes: number } = { bytes: MAX_NAME_LEN },
): string | null {
  const fs = h.functabFieldSize;
  const funcoff = uint(data, h.functabOffset + (2 * i + 1) * fs, fs, h.bigEndian);
  if (funcoff === null) return null;
  const nameOff = u32(data, h.funcdataOffset + funcoff + h.entrySize, h.bigEndian);
  if (nameOff === null || nameOff >= 0x80000000) return null;
  const at = h.funcnameOffset + nameOff;
  const end = Math.min(h.funcnameEnd, at + MAX_NAME_LEN, data.length);
  if (at >= end) return null;
  let stop = at;
  while (stop < end && data[stop] !== 0) stop++;
  budget.bytes -= stop - at + 1;
  return stop === at || stop === end ? null : decodeUtf8(data.subarray(at, stop));
}

/** Parses a pclntab held in memory (tests, or a caller that already has the bytes). */
export function parsePclntab(data: Uint8Array, location = 'memory'): Pclntab | null {
  const h = parsePclntabHeader(data.subarray(0, HEADER_READ), data.length);
  return h ? new Pclntab(h, location, () => data) : null;
}

function fromRegion(region: Region, off: number, location: string): Pclntab | null {
  const size = Math.min(region.size - off, MAX_PCLNTAB_SIZE);
  if (size < 16) return null;
  const h = parsePclntabHeader(region.read(off, HEADER_READ), size);
  if (!h) return null;
  let bytes: Uint8Array | null = null;
  return new Pclntab(h, location, () => {
    bytes ??= region.read(off, size);
    return bytes;
  });
}

const SECTION_NAMES = ['.gopclntab', '.data.rel.ro.gopclntab', '__gopclntab'];
const SCAN_CHUNK = 4 << 20;
/** Scanning stops after this many bytes in all (only section-less ELF and PE files are scanned). */
const SCAN_LIMIT = 256 << 20;

/**
 * Finds the pclntab: by section name (ELF `.gopclntab` or, for internally linked PIE,
 * `.data.rel.ro.gopclntab`; Mach-O `__gopclntab`), else by the `runtime.pclntab` /
 * `runtime.epclntab` symbols, else by scanning the data for a magic with a sane header whose
 * first and last functions have names. Beyond the section names, only ELF files without section
 * headers and files known to be Go (`knownGo`, or the Go linker's marks) are searched: PE files
 * have no pclntab section, and external linkers merge `.data.rel.ro.gopclntab` into
 * `.data.rel.ro` (stripped plugins, external PIE links).
 */
export function findPclntab(bin: BinaryFile, knownGo = false): Pclntab | null {
  const s = findSection(bin, SECTION_NAMES);
  if (s) {
    const t = fromRegion(sectionRegion(bin, s), 0, s.name);
    if (t) return t;
  }
  // Past this point only Go files are searched (symbol tables of large C++ files are slow).
  const noSections = bin.format === 'elf' && !bin.sections.some((x) => x.hasData && x.size > 0);
  if (!noSections && !knownGo && !hasGoMarkers(bin)) return null;
  const start = findSymbol(bin, ['runtime.pclntab']);
  const end = findSymbol(bin, ['runtime.epclntab']);
  if (start && end && end.value > start.value) {
    const t = fromRegion(
      virtualRegion(bin, 'runtime.pclntab', start.value, end.value - start.value),
      0,
      'runtime.pclntab',
    );
    if (t) return t;
  }
  let budget = SCAN_LIMIT;
  for (const region of scanRegions(bin)) {
    const t = scanRegion(region, budget);
    if (t) return t;
    budget -= region.size;
    if (budget <= 0) break;
  }
  return null;
}

/** Non-executable data first (read-only, then writable), then executable code. */
function scanRegions(bin: BinaryFile): Region[] {
  const rank = (w: boolean, x: boolean) => (x ? 2 : w ? 1 : 0);
  // (ELF sections at address 0 are not loaded: symbols, strings, debug info.)
  const withData = bin.sections.filter(
    (x) => x.hasData && x.size > 0 && (bin.format !== 'elf' || x.addr !== 0),
  );
  if (withData.length > 0) {
    return withData
      .map((x, i) => ({ r: sectionRegion(bin, x), k: rank(x.writable, x.executable), i }))
      .sort((a, b) => a.k - b.k || a.i - b.i)
      .map((x) => x.r);
  }
  return bin.segments
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.filesz > 0 && (bin.format !== 'elf' || p.type === 1))
    .map(({ p, i }) => ({ r: segmentRegion(bin, p, i), k: rank(p.writable, p.executable), i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.r);
}

function scanRegion(region: Region, budget: number): Pclntab | null {
  const limit = Math.min(region.size, budget);
  // The header is pointer-aligned in memory: check 4-byte aligned addresses only.
  const skew = (4 - (region.vaddr % 4)) % 4;
  for (let chunkStart = 0; chunkStart < limit; chunkStart += SCAN_CHUNK) {
    const chunk = region.read(chunkStart, Math.min(SCAN_CHUNK + 16, limit - chunkStart));
    // SCAN_CHUNK is a multiple of 4, so every chunk starts at the same alignment.
    for (let i = skew; i + 8 <= chunk.length && i < SCAN_CHUNK; i += 4) {
      // Both byte orders have 0xff in bytes 1 and 2, and two zero bytes after the magic.
      if (chunk[i + 1] !== 0xff || chunk[i + 2] !== 0xff || chunk[i + 4] !== 0 || chunk[i + 5] !== 0)
        continue;
      const off = chunkStart + i;
      const t = fromRegion(region, off, `scan of ${region.name}`);
      if (t && plausible(region, off, t.header)) return t;
    }
  }
  return null;
}

/** A scan hit is real when its first and last functions have names. */
function plausible(region: Region, off: number, h: PclntabHeader): boolean {
  const fs = h.functabFieldSize;
  const check = (i: number) => {
    const funcoff = uint(region.read(off + h.functabOffset + (2 * i + 1) * fs, fs), 0, fs, h.bigEndian);
    if (funcoff === null) return false;
    const nameOff = u32(region.read(off + h.funcdataOffset + funcoff + h.entrySize, 4), 0, h.bigEndian);
    if (nameOff === null) return false;
    const at = h.funcnameOffset + nameOff;
    if (at >= h.funcnameEnd) return false;
    const name = cString(region.read(off + at, 1024), 0);
    return name !== null && /^[\x21-\x7e\u0080-\uffff]+$/u.test(name);
  };
  return check(0) && check(h.nfunc - 1);
}
