// Small bounded readers shared by the Go-facts layer: integers, uvarints, C and Go strings, and
// "regions" (a section or a segment) read through the BinaryFile interface only.

import type { BinaryFile, Section, Segment } from '../types.js';

const utf8 = new TextDecoder('utf-8');

/** UTF-8 to string; short ASCII strings (most symbol names) skip the decoder's call overhead. */
export function decodeUtf8(b: Uint8Array): string {
  if (b.length <= 256) {
    let ascii = true;
    for (let i = 0; i < b.length; i++) {
      if (b[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, b as unknown as number[]);
  }
  return utf8.decode(b);
}

/** Unsigned 32-bit integer at `off`, or null when it does not fit in `b`. */
export function u32(b: Uint8Array, off: number, big: boolean): number | null {
  if (off < 0 || off + 4 > b.length) return null;
  return big
    ? ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0
    : ((b[off + 3]! << 24) | (b[off + 2]! << 16) | (b[off + 1]! << 8) | b[off]!) >>> 0;
}

/**
 * Unsigned 4- or 8-byte integer at `off`; null when out of bounds or above 2^53 (no file offset,
 * address or count gotrap can use is that large).
 */
export function uint(b: Uint8Array, off: number, size: number, big: boolean): number | null {
  if (size === 4) return u32(b, off, big);
  if (size !== 8) return null;
  const a = u32(b, off, big);
  const c = u32(b, off + 4, big);
  if (a === null || c === null) return null;
  const hi = big ? a : c;
  const lo = big ? c : a;
  if (hi > 0x1fffff) return null;
  return hi * 0x100000000 + lo;
}

/** Go's binary.Uvarint, limited to values below 2^53. */
export function uvarint(b: Uint8Array, off: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    const p = off + i;
    if (p >= b.length) return null;
    const byte = b[p]!;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return value > Number.MAX_SAFE_INTEGER ? null : { value, next: p + 1 };
    scale *= 128;
  }
  return null;
}

/** The NUL-terminated string at `off`, looking no further than `end`; null without a NUL. */
export function cString(b: Uint8Array, off: number, end = b.length): string | null {
  const stop = Math.min(end, b.length);
  if (off < 0 || off >= stop) return null;
  const nul = b.subarray(off, stop).indexOf(0);
  if (nul < 0) return null;
  return decodeUtf8(b.subarray(off, off + nul));
}

export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Byte offset of `needle` in `hay` at or after `from`, or -1. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return from;
  const first = needle[0]!;
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** A contiguous piece of the file at a virtual address: a section, or a segment's file part. */
export interface Region {
  /** Section name, or `segment#<index>`. */
  name: string;
  vaddr: number;
  /** Bytes with file data. */
  size: number;
  /** Up to `length` bytes at `off` within the region (fewer at its end; empty past it). */
  read(off: number, length: number): Uint8Array;
}

export function sectionRegion(bin: BinaryFile, s: Section): Region {
  return {
    name: s.name,
    vaddr: s.addr,
    size: s.hasData ? s.size : 0,
    read(off, length) {
      const n = Math.min(length, this.size - off);
      if (off < 0 || n <= 0) return new Uint8Array(0);
      if (off === 0) return bin.sectionData(s, n);
      return bin.sectionData(s, off + n).subarray(off);
    },
  };
}

export function segmentRegion(bin: BinaryFile, seg: Segment, index: number): Region {
  return {
    name: `segment#${index}`,
    vaddr: seg.vaddr,
    size: seg.filesz,
    read(off, length) {
      const n = Math.min(length, this.size - off);
      if (off < 0 || n <= 0) return new Uint8Array(0);
      return bin.readVirtual(seg.vaddr + off, n) ?? new Uint8Array(0);
    },
  };
}

/**
 * The section's short name: Mach-O readers may spell sections `__DATA,__go_buildinfo`; the Go
 * facts only care about the part after the segment name.
 */
export function shortSectionName(name: string): string {
  const comma = name.lastIndexOf(',');
  return comma >= 0 ? name.slice(comma + 1) : name;
}

/** The first section whose short name is one of `names` (in the order of `names`), with file data. */
export function findSection(bin: BinaryFile, names: readonly string[]): Section | undefined {
  for (const want of names) {
    const s =
      bin.section(want) ?? bin.sections.find((x) => x.name === want || shortSectionName(x.name) === want);
    if (s?.hasData && s.size > 0) return s;
  }
  return undefined;
}

/** Symbol names as Go wrote them: Mach-O (and 32-bit Windows C) symbols carry a leading `_`. */
export function symbolNameVariants(name: string): string[] {
  return name.startsWith('_') ? [name, name.slice(1)] : [name];
}

/** The first defined symbol with one of `names` (Mach-O `_`-prefixed spellings included). */
export function findSymbol(bin: BinaryFile, names: readonly string[]) {
  const wanted = new Set<string>();
  for (const n of names) {
    wanted.add(n);
    wanted.add(`_${n}`);
  }
  let syms: ReturnType<BinaryFile['symbols']>;
  try {
    syms = bin.symbols();
  } catch {
    return undefined;
  }
  const found = new Map<string, (typeof syms)[number]>();
  for (const s of syms) if (s.defined && wanted.has(s.name) && !found.has(s.name)) found.set(s.name, s);
  for (const n of names) {
    const s = found.get(n) ?? found.get(`_${n}`);
    if (s) return s;
  }
  return undefined;
}

/** Reads a Go string header (data pointer, length) at `addr` and the bytes it points to. */
export function readGoString(bin: BinaryFile, addr: number, maxLen: number): Uint8Array | null {
  const ptrSize = bin.bits === 64 ? 8 : 4;
  const big = bin.endian === 'big';
  const hdr = bin.readVirtual(addr, 2 * ptrSize);
  if (!hdr || hdr.length < 2 * ptrSize) return null;
  const data = uint(hdr, 0, ptrSize, big);
  const len = uint(hdr, ptrSize, ptrSize, big);
  if (data === null || len === null || len === 0 || len > maxLen) return null;
  const bytes = bin.readVirtual(data, len);
  return bytes && bytes.length === len ? bytes : null;
}

/** `size` bytes at a virtual address, read through `bin.readVirtual`. */
export function virtualRegion(bin: BinaryFile, name: string, vaddr: number, size: number): Region {
  return {
    name,
    vaddr,
    size,
    read(off, length) {
      const n = Math.min(length, this.size - off);
      if (off < 0 || n <= 0) return new Uint8Array(0);
      return bin.readVirtual(vaddr + off, n) ?? new Uint8Array(0);
    },
  };
}

const GO_BUILD_ID = asciiBytes('\xff Go build ID: "');

/**
 * Marks only the Go linker leaves: its sections (`.go.buildinfo`, `.gosymtab`, `.note.go.buildid`
 * and their Mach-O spellings), an ELF note owned by "Go", or the `\xff Go build ID: "` string the
 * linker writes at the start of the text in PE and Mach-O files.
 */
export function hasGoMarkers(bin: BinaryFile): boolean {
  const names = ['.go.buildinfo', '__go_buildinfo', '.gosymtab', '__gosymtab', '.note.go.buildid'];
  if (findSection(bin, names)) return true;
  if (bin.elf?.notes.some((n) => n.owner === 'Go')) return true;
  if (bin.format === 'elf') return false;
  const text = bin.sections.find((s) => s.executable && s.hasData && s.size > 0);
  return text !== undefined && indexOf(bin.sectionData(text, 64 << 10), GO_BUILD_ID) >= 0;
}
