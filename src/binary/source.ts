// Bounded reading over a ByteSource, shared by the ELF, Mach-O and PE readers.
//
// Every helper checks the offset and length it is given against the data before use and throws
// BinaryFormatError (carrying the file offset) when they do not fit. 64-bit fields that locate
// or size data go through `u64` (throws past Number.MAX_SAFE_INTEGER); addresses and other
// values that are only reported go through `u64Lossy`.

import { BinaryFormatError, type ByteSource } from './types.js';

/** Most entries of any header table (sections, program headers, load commands...). */
export const MAX_TABLE_ENTRIES = 65536;
/** Longest string read from any string table or header field. */
export const MAX_STRING = 4096;
/** Largest string table kept in memory whole; longer ones are read string by string. */
const MAX_CACHED_STRTAB = 16 * 1024 * 1024;

const TWO_32 = 0x1_0000_0000;
/** Highest upper 32-bit half of a 64-bit value that still converts exactly (2^53 - 1). */
const MAX_SAFE_HI = 0x1f_ffff;

const utf8 = new TextDecoder('utf-8');

/** Decodes bytes as UTF-8 (invalid sequences become U+FFFD). */
export function decodeString(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return utf8.decode(bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 4096)));
  }
  return s;
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Throws unless [offset, offset+length) lies inside the source. */
export function checkRange(src: ByteSource, offset: number, length: number, what: string): void {
  if (!isCount(offset)) throw new BinaryFormatError(`${what}: invalid offset ${offset}`);
  if (!isCount(length)) throw new BinaryFormatError(`${what}: invalid size ${length}`, offset);
  if (offset > src.size || length > src.size - offset) {
    throw new BinaryFormatError(`${what} runs past the end of the file (${length} bytes)`, offset);
  }
}

/** Exactly `length` bytes at `offset`, or BinaryFormatError. */
export function readExact(src: ByteSource, offset: number, length: number, what: string): Uint8Array {
  checkRange(src, offset, length, what);
  const b = src.read(offset, length);
  if (b.length !== length) {
    throw new BinaryFormatError(`${what}: short read (${b.length} of ${length} bytes)`, offset);
  }
  return b;
}

/** Up to `length` bytes at `offset`; fewer at the end of the file, empty for a bad range. */
export function readUpTo(src: ByteSource, offset: number, length: number): Uint8Array {
  if (!isCount(offset) || !isCount(length) || offset >= src.size) return new Uint8Array(0);
  return src.read(offset, Math.min(length, src.size - offset));
}

/** A window of `size` bytes of another source starting at `base` (a fat Mach-O slice). */
export function subSource(src: ByteSource, base: number, size: number): ByteSource {
  checkRange(src, base, size, 'slice');
  return {
    size,
    read(offset, length) {
      if (!isCount(offset) || offset >= size || length <= 0) return new Uint8Array(0);
      return src.read(base + offset, Math.min(length, size - offset));
    },
  };
}

/** Converts the halves of an unsigned 64-bit value, throwing past Number.MAX_SAFE_INTEGER. */
export function safeU64(hi: number, lo: number, offset: number, what: string): number {
  if (hi > MAX_SAFE_HI) {
    const hex = hi.toString(16) + lo.toString(16).padStart(8, '0');
    throw new BinaryFormatError(`${what} 0x${hex} is too large`, offset);
  }
  return hi * TWO_32 + lo;
}

/** Converts a bigint, throwing when negative or past Number.MAX_SAFE_INTEGER. */
export function safeNumber(v: bigint, offset: number, what: string): number {
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new BinaryFormatError(`${what} ${v} is out of range`, offset);
  }
  return Number(v);
}

/**
 * Fixed-layout field decoding over bytes already read. `base` is the file offset of `bytes[0]`,
 * used only in error messages. Every accessor checks that the field lies inside `bytes`.
 */
export class FieldReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly little: boolean,
    readonly base = 0,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  private check(off: number, n: number, what: string): void {
    if (!isCount(off) || off + n > this.bytes.length) {
      throw new BinaryFormatError(`${what} lies past the end of its data`, this.base + Math.max(0, off));
    }
  }

  u8(off: number, what = 'byte'): number {
    this.check(off, 1, what);
    return this.view.getUint8(off);
  }

  u16(off: number, what = 'u16 field'): number {
    this.check(off, 2, what);
    return this.view.getUint16(off, this.little);
  }

  i16(off: number, what = 'i16 field'): number {
    this.check(off, 2, what);
    return this.view.getInt16(off, this.little);
  }

  u32(off: number, what = 'u32 field'): number {
    this.check(off, 4, what);
    return this.view.getUint32(off, this.little);
  }

  private halves(off: number, what: string): [number, number] {
    this.check(off, 8, what);
    const a = this.view.getUint32(off, this.little);
    const b = this.view.getUint32(off + 4, this.little);
    return this.little ? [b, a] : [a, b];
  }

  /** An unsigned 64-bit offset, size or count: BinaryFormatError past Number.MAX_SAFE_INTEGER. */
  u64(off: number, what = 'u64 field'): number {
    const [hi, lo] = this.halves(off, what);
    return safeU64(hi, lo, this.base + off, what);
  }

  /** An unsigned 64-bit value that is only reported (addresses): rounded past 2^53. */
  u64Lossy(off: number, what = 'u64 field'): number {
    const [hi, lo] = this.halves(off, what);
    return hi * TWO_32 + lo;
  }

  /** The upper and lower 32-bit halves of a 64-bit field. */
  u64Halves(off: number, what = 'u64 field'): [number, number] {
    return this.halves(off, what);
  }

  /** A 32- or 64-bit offset/size field (`u64` rules for 64). */
  word(off: number, is64: boolean, what = 'field'): number {
    return is64 ? this.u64(off, what) : this.u32(off, what);
  }

  /** A 32- or 64-bit address field (`u64Lossy` rules for 64). */
  addr(off: number, is64: boolean, what = 'address'): number {
    return is64 ? this.u64Lossy(off, what) : this.u32(off, what);
  }

  /** A NUL-terminated string at `off`, at most `max` bytes; ends at the data's end when unterminated. */
  cstring(off: number, max = MAX_STRING): string {
    this.check(off, 0, 'string');
    const end = Math.min(this.bytes.length, off + max);
    let i = off;
    while (i < end && this.bytes[i] !== 0) i++;
    return decodeString(this.bytes.subarray(off, i));
  }

  /** A fixed-size, NUL-padded name field (Mach-O segname/sectname, PE section name). */
  fixedString(off: number, len: number, what = 'name'): string {
    this.check(off, len, what);
    let i = off;
    while (i < off + len && this.bytes[i] !== 0) i++;
    return decodeString(this.bytes.subarray(off, i));
  }

  /** Bytes [off, off+len) of the data, checked. */
  slice(off: number, len: number, what = 'field'): Uint8Array {
    this.check(off, len, what);
    return this.bytes.subarray(off, off + len);
  }
}

/** Reads `length` bytes at `offset` and wraps them for field decoding. */
export function fieldsAt(
  src: ByteSource,
  offset: number,
  length: number,
  little: boolean,
  what: string,
): FieldReader {
  return new FieldReader(readExact(src, offset, length, what), little, offset);
}

export function readU8(src: ByteSource, offset: number): number {
  return readExact(src, offset, 1, 'byte')[0]!;
}

export function readU16(src: ByteSource, offset: number, little: boolean): number {
  return fieldsAt(src, offset, 2, little, 'u16 field').u16(0);
}

export function readU32(src: ByteSource, offset: number, little: boolean): number {
  return fieldsAt(src, offset, 4, little, 'u32 field').u32(0);
}

/** An unsigned 64-bit value; BinaryFormatError past Number.MAX_SAFE_INTEGER. */
export function readU64(src: ByteSource, offset: number, little: boolean): number {
  return fieldsAt(src, offset, 8, little, 'u64 field').u64(0);
}

/**
 * A NUL-terminated string at `offset`: at most `max` bytes and never past `limit` (an exclusive
 * end offset, e.g. the end of its string table). Unterminated strings end at the bound.
 */
export function readCString(src: ByteSource, offset: number, max = MAX_STRING, limit = src.size): string {
  if (!isCount(offset) || offset >= Math.min(limit, src.size)) {
    throw new BinaryFormatError('string lies past the end of its data', offset);
  }
  const n = Math.min(max, Math.min(limit, src.size) - offset);
  return new FieldReader(readUpTo(src, offset, n), true, offset).cstring(0, n);
}

/**
 * A string table (ELF .strtab/.dynstr, Mach-O and COFF string tables) at [offset, offset+size).
 * The first lookups read string by string; after 64, a table up to 16 MiB is read whole.
 */
export class StringTable {
  private cache: FieldReader | null = null;
  private lookups = 0;

  constructor(
    private readonly src: ByteSource,
    readonly offset: number,
    readonly size: number,
    private readonly what: string,
  ) {
    checkRange(src, offset, size, what);
  }

  /** The string at `index`; BinaryFormatError when the index lies outside the table. */
  get(index: number): string {
    if (!isCount(index) || index >= this.size) {
      if (index === 0 && this.size === 0) return '';
      throw new BinaryFormatError(`${this.what}: string index ${index} out of range`, this.offset);
    }
    // A few lookups (DT_NEEDED names) read string by string; a symbol table's many read it whole.
    if (this.cache === null && ++this.lookups > 64 && this.size <= MAX_CACHED_STRTAB) {
      this.cache = fieldsAt(this.src, this.offset, this.size, true, this.what);
    }
    if (this.cache) return this.cache.cstring(index);
    return readCString(this.src, this.offset + index, MAX_STRING, this.offset + this.size);
  }
}

/**
 * Runs a lazy parse, turning an unexpected engine error (an allocation RangeError) into a
 * BinaryFormatError so callers only ever see the one error type from a reader.
 */
export function guard<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BinaryFormatError) throw e;
    if (e instanceof RangeError) throw new BinaryFormatError(`${what}: ${e.message}`);
    throw e;
  }
}
