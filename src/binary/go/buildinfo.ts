// Go build information (what `go version -m` prints), as debug/buildinfo reads it.
//
// The linker writes a 16-byte aligned blob near the start of the data region: the 14-byte magic
// `\xff Go buildinf:`, the pointer size (byte 14), flags (byte 15: bit 0 big-endian, bit 1
// inline strings) and 16 bytes of pointers or zeros. Go 1.18+ (inline): at offset 32 a uvarint
// length + the version string, then a uvarint length + modinfo. Before 1.18 (pointer format):
// two pointers to Go string headers (runtime.buildVersion, runtime.modinfo).

import type { BuildInfo } from '../go-types.js';
import type { BinaryFile } from '../types.js';
import { parseModinfoBytes } from './modinfo.js';
import {
  asciiBytes,
  decodeUtf8,
  findSection,
  findSymbol,
  indexOf,
  type Region,
  readGoString,
  sectionRegion,
  segmentRegion,
  uint,
  uvarint,
} from './util.js';

export const BUILDINFO_MAGIC = asciiBytes('\xff Go buildinf:');
export const BUILDINFO_HEADER_SIZE = 32;
const BUILDINFO_ALIGN = 16;

/** Longest version string accepted (`devel go1.23-abcdef Tue Jan 2 ... X:boringcrypto` fits). */
export const MAX_VERSION_LEN = 4096;
/** Longest modinfo accepted; real ones are a few KiB to a few hundred KiB. */
export const MAX_MODINFO_LEN = 16 << 20;
/**
 * How much of the data region is searched for the magic. Go's readers before 1.22 looked only at
 * the first 64 KiB; the blob is the region's first symbol in every known layout, so this cap only
 * bounds the work on odd files.
 */
export const BUILDINFO_SCAN_LIMIT = 32 << 20;

/** The blob's two strings, undecoded. */
export interface RawBuildInfo {
  version: string;
  /** Modinfo as embedded (with sentinels); empty when absent or unreadable. */
  modinfo: Uint8Array;
  format: 'inline' | 'pointer';
  ptrSize: number;
  bigEndian: boolean;
}

/**
 * Decodes the blob at the start of `blob` (which runs to the end of the data region).
 * `readVirtual` resolves the pointer format's addresses. Null when this is not a usable blob:
 * bad magic, an unknown pointer size, or no version string (a version length running past the
 * data counts as none, as in debug/buildinfo). A modinfo length past the data or above
 * MAX_MODINFO_LEN leaves the modinfo empty, as debug/buildinfo does.
 */
export function decodeBuildInfoBlob(
  blob: Uint8Array,
  readVirtual?: (addr: number, length: number) => Uint8Array | null,
): RawBuildInfo | null {
  if (blob.length < BUILDINFO_HEADER_SIZE || indexOf(blob.subarray(0, 14), BUILDINFO_MAGIC) !== 0) {
    return null;
  }
  const ptrSize = blob[14]!;
  const flags = blob[15]!;
  if ((flags & 2) !== 0) {
    const v = inlineString(blob, BUILDINFO_HEADER_SIZE, MAX_VERSION_LEN);
    if (!v || v.bytes.length === 0) return null;
    const m = inlineString(blob, v.next, MAX_MODINFO_LEN);
    return {
      version: decodeUtf8(v.bytes),
      modinfo: m ? m.bytes : new Uint8Array(0),
      format: 'inline',
      ptrSize,
      bigEndian: (flags & 1) !== 0,
    };
  }
  if (ptrSize !== 4 && ptrSize !== 8) return null;
  // The pointer format has only the endianness in this byte (debug/buildinfo tests != 0).
  const big = flags !== 0;
  const versionAddr = uint(blob, 16, ptrSize, big);
  const modAddr = uint(blob, 16 + ptrSize, ptrSize, big);
  if (!readVirtual || versionAddr === null || modAddr === null) return null;
  const version = pointedString(readVirtual, versionAddr, ptrSize, big, MAX_VERSION_LEN);
  if (!version || version.length === 0) return null;
  return {
    version: decodeUtf8(version),
    modinfo: pointedString(readVirtual, modAddr, ptrSize, big, MAX_MODINFO_LEN) ?? new Uint8Array(0),
    format: 'pointer',
    ptrSize,
    bigEndian: big,
  };
}

function inlineString(b: Uint8Array, off: number, max: number): { bytes: Uint8Array; next: number } | null {
  const n = uvarint(b, off);
  if (!n || n.value > max || n.value > b.length - n.next) return null;
  return { bytes: b.subarray(n.next, n.next + n.value), next: n.next + n.value };
}

function pointedString(
  readVirtual: (addr: number, length: number) => Uint8Array | null,
  addr: number,
  ptrSize: number,
  big: boolean,
  max: number,
): Uint8Array | null {
  const hdr = readVirtual(addr, 2 * ptrSize);
  if (!hdr || hdr.length < 2 * ptrSize) return null;
  const data = uint(hdr, 0, ptrSize, big);
  const len = uint(hdr, ptrSize, ptrSize, big);
  if (data === null || len === null || len > max) return null;
  if (len === 0) return new Uint8Array(0);
  const bytes = readVirtual(data, len);
  return bytes && bytes.length === len ? bytes : null;
}

/** Offset of the first 16-byte aligned magic with a full header after it, or -1. */
export function findBuildInfoMagic(data: Uint8Array): number {
  for (let i = indexOf(data, BUILDINFO_MAGIC); i >= 0; i = indexOf(data, BUILDINFO_MAGIC, i + 1)) {
    if (data.length - i < BUILDINFO_HEADER_SIZE) return -1;
    if (i % BUILDINFO_ALIGN === 0) return i;
  }
  return -1;
}

// PE section characteristics.
const IMAGE_SCN_CNT_INITIALIZED_DATA = 0x40;
const IMAGE_SCN_MEM_READ = 0x40000000;
const IMAGE_SCN_MEM_WRITE = 0x80000000;
const IMAGE_SCN_ALIGN_MASK = 0x00f00000;
const PT_LOAD = 1;

/**
 * The region that holds the blob: `.go.buildinfo` (ELF) / `__go_buildinfo` (Mach-O); else the
 * first writable data section (PE) or the first writable, non-executable segment with file data
 * (ELF PT_LOAD, Mach-O), as debug/buildinfo chooses.
 */
export function buildInfoRegion(bin: BinaryFile): Region | null {
  const named = findSection(bin, ['.go.buildinfo', '__go_buildinfo']);
  if (named) return sectionRegion(bin, named);
  if (bin.format === 'pe') {
    const rw = IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE;
    const data =
      bin.sections.find(
        (s) => s.hasData && s.size > 0 && s.addr !== 0 && (s.rawType & ~IMAGE_SCN_ALIGN_MASK) >>> 0 === rw,
      ) ?? bin.sections.find((s) => s.hasData && s.size > 0 && s.writable && !s.executable);
    return data ? sectionRegion(bin, data) : null;
  }
  const segIndex = bin.segments.findIndex(
    (p) =>
      (bin.format !== 'elf' || p.type === PT_LOAD) &&
      p.writable &&
      !p.executable &&
      p.filesz > 0 &&
      (bin.format !== 'macho' || p.vaddr !== 0),
  );
  if (segIndex >= 0) return segmentRegion(bin, bin.segments[segIndex]!, segIndex);
  const s = bin.sections.find((x) => x.hasData && x.size > 0 && x.writable && !x.executable);
  return s ? sectionRegion(bin, s) : null;
}

/** The undecoded blob of `bin`, or null when it has none. */
export function readRawBuildInfo(bin: BinaryFile): RawBuildInfo | null {
  const region = buildInfoRegion(bin);
  if (!region || region.size === 0) return null;
  const scanned = region.read(0, Math.min(region.size, BUILDINFO_SCAN_LIMIT));
  const at = findBuildInfoMagic(scanned);
  if (at < 0) return null;
  let blob = scanned.subarray(at);
  if (scanned.length < region.size) {
    // The scan was capped: let the strings run to the end of the region.
    const want = BUILDINFO_HEADER_SIZE + 20 + MAX_VERSION_LEN + MAX_MODINFO_LEN;
    blob = region.read(at, Math.min(region.size - at, want));
  }
  return decodeBuildInfoBlob(blob, (addr, length) => bin.readVirtual(addr, length));
}

/** Build info from the decoded blob. */
export function buildInfoFromRaw(raw: RawBuildInfo): BuildInfo {
  return { goVersion: raw.version, ...parseModinfoBytes(raw.modinfo), format: raw.format };
}

/** The binary's build info, or null when it has none (not Go, a plugin or -linkshared ≤ 1.19). */
export function readBuildInfo(bin: BinaryFile): BuildInfo | null {
  const raw = readRawBuildInfo(bin);
  return raw ? buildInfoFromRaw(raw) : null;
}

// ---- The version string, for binaries without build info -----------------------------------

/** How much read-only data is searched for a `go1.N` string. */
export const VERSION_SCAN_LIMIT = 64 << 20;
const GO1 = asciiBytes('go1.');

/**
 * The runtime's version string (runtime.buildVersion), for binaries without build info: through
 * the symbol table when there is one, else the best `go1.N[.P]` string with plausible boundaries
 * in the read-only data. Callers should only trust the scan when other Go evidence exists.
 */
export function findVersionString(bin: BinaryFile): string | null {
  const sym = findSymbol(bin, ['runtime.buildVersion']);
  if (sym) {
    const bytes = readGoString(bin, sym.value, MAX_VERSION_LEN);
    const s = bytes ? decodeUtf8(bytes) : '';
    if (/^(go1\.\d+|devel )/.test(s)) return s;
  }
  let best: { text: string; key: number[] } | null = null;
  let budget = VERSION_SCAN_LIMIT;
  for (const region of readOnlyDataRegions(bin)) {
    const data = region.read(0, Math.min(region.size, budget));
    for (const c of versionCandidates(data)) if (!best || compareKeys(c.key, best.key) > 0) best = c;
    budget -= data.length;
    if (budget <= 0) break;
  }
  return best?.text ?? null;
}

function readOnlyDataRegions(bin: BinaryFile): Region[] {
  const named = ['.rodata', '__rodata', '.rdata']
    .map((n) => findSection(bin, [n]))
    .filter((s): s is NonNullable<typeof s> => s !== undefined);
  if (named.length > 0) return named.map((s) => sectionRegion(bin, s));
  if (bin.sections.some((s) => s.hasData && s.size > 0)) {
    return bin.sections
      .filter((s) => s.hasData && s.size > 0 && !s.writable && !s.executable && !s.name.includes('debug'))
      .map((s) => sectionRegion(bin, s));
  }
  return bin.segments
    .map((p, i) => ({ p, i }))
    .filter(
      ({ p }) => (bin.format !== 'elf' || p.type === PT_LOAD) && p.filesz > 0 && !p.writable && !p.executable,
    )
    .map(({ p, i }) => segmentRegion(bin, p, i));
}

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
/** Bytes that would make a `go1.N` match part of a longer word or path. */
const isWordByte = (c: number | undefined) =>
  c !== undefined &&
  (isDigit(c) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x2d ||
    c === 0x2f);

/** `go1.N`, `go1.N.P`, `go1.NrcK`, `go1.NbetaK` strings not glued to a neighbouring word. */
export function versionCandidates(data: Uint8Array): { text: string; key: number[] }[] {
  const out: { text: string; key: number[] }[] = [];
  for (let i = indexOf(data, GO1); i >= 0; i = indexOf(data, GO1, i + 1)) {
    if (i > 0 && isWordByte(data[i - 1])) continue;
    let j = i + 4;
    const num = () => {
      const start = j;
      while (isDigit(data[j]) && j - start < 4) j++;
      return j > start ? Number(decodeUtf8(data.subarray(start, j))) : null;
    };
    const minor = num();
    if (minor === null) continue;
    let patch = -1;
    if (data[j] === 0x2e && isDigit(data[j + 1])) {
      j++;
      patch = num()!;
    }
    // Pre-releases sort below the release: rc 1..9 → -90+k, beta → -190+k.
    let pre = 0;
    for (const [word, base] of [
      ['rc', -90],
      ['beta', -190],
    ] as const) {
      const w = asciiBytes(word);
      if (patch < 0 && indexOf(data.subarray(j, j + w.length), w) === 0 && isDigit(data[j + w.length])) {
        j += w.length;
        pre = base + (num() ?? 0);
      }
    }
    if (isWordByte(data[j])) continue;
    out.push({ text: decodeUtf8(data.subarray(i, j)), key: [minor, patch, pre] });
  }
  return out;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
