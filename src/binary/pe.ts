// PE/COFF reader (PE32 and PE32+ images): DOS header → PE signature → COFF file header →
// optional header → section table, the import directory's DLL names, and the COFF symbol
// table (Go keeps one in PE files unless linked with -s), read on first use.

import {
  checkRange,
  decodeString,
  type FieldReader,
  fieldsAt,
  guard,
  MAX_STRING,
  readUpTo,
  StringTable,
} from './source.js';
import {
  type Arch,
  type BinaryFile,
  BinaryFormatError,
  type ByteSource,
  type Section,
  type Segment,
  type SymbolEntry,
} from './types.js';

const DOS_HEADER_SIZE = 0x40;
const E_LFANEW = 0x3c;
const COFF_HEADER_SIZE = 20;
const SECTION_HEADER_SIZE = 40;
const COFF_SYMBOL_SIZE = 18;
const IMPORT_DESCRIPTOR_SIZE = 20;

export const PE32_MAGIC = 0x10b;
export const PE32PLUS_MAGIC = 0x20b;

/** DllCharacteristics bits. */
export const IMAGE_DLLCHARACTERISTICS_HIGH_ENTROPY_VA = 0x20;
export const IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x40;
export const IMAGE_DLLCHARACTERISTICS_NX_COMPAT = 0x100;

// Section characteristics.
const IMAGE_SCN_CNT_CODE = 0x20;
const IMAGE_SCN_MEM_EXECUTE = 0x20000000;
const IMAGE_SCN_MEM_WRITE = 0x80000000;

const IMAGE_DIRECTORY_ENTRY_IMPORT = 1;
const IMAGE_SYM_CLASS_WEAK_EXTERNAL = 105;

const MAX_IMPORTS = 4096;
const MAX_DLL_NAME = 256;
const SYMBOL_CHUNK = 4096;

const MACHINES: Record<number, Arch> = {
  332: '386',
  34404: 'amd64',
  448: 'arm',
  452: 'arm',
  43620: 'arm64',
  20580: 'riscv64',
  25188: 'loong64',
};
const MACHINES_64 = new Set([0x8664, 0xaa64, 0x5064, 0x6264, 0x200]);

/** COFF file header. */
export interface CoffHeader {
  machine: number;
  numberOfSections: number;
  timeDateStamp: number;
  pointerToSymbolTable: number;
  numberOfSymbols: number;
  sizeOfOptionalHeader: number;
  characteristics: number;
}

/** A section header's raw fields (IMAGE_SECTION_HEADER) next to the public Section. */
interface PeSection {
  public: Section;
  virtualAddress: number;
  virtualSize: number;
  sizeOfRawData: number;
  pointerToRawData: number;
}

/** Opens a PE image; null when the MZ header leads to no `PE\0\0` signature (DOS, NE, LE). */
export function openPE(src: ByteSource): BinaryFile | null {
  return guard('PE', () => {
    const dos = fieldsAt(src, 0, DOS_HEADER_SIZE, true, 'DOS header');
    if (dos.u16(0) !== 0x5a4d) throw new BinaryFormatError('bad DOS magic', 0);
    const lfanew = dos.u32(E_LFANEW);
    const sig = fieldsAt(src, lfanew, 4, true, 'PE signature').u32(0);
    if (sig !== 0x00004550) return null;
    return new PeFile(src, lfanew + 4);
  });
}

class PeFile implements BinaryFile {
  readonly format = 'pe' as const;
  readonly os = 'windows';
  readonly arch: Arch | null;
  readonly bits: 32 | 64;
  readonly endian = 'little' as const;
  readonly sections: Section[] = [];
  readonly segments: Segment[] = [];
  readonly pe: NonNullable<BinaryFile['pe']>;
  readonly coff: CoffHeader;

  private readonly src: ByteSource;
  private readonly imageBase: number;
  private readonly headers: PeSection[] = [];
  private coffStrings: StringTable | null | undefined;
  private symbolCache: SymbolEntry[] | null = null;

  constructor(src: ByteSource, coffAt: number) {
    this.src = src;
    const c = fieldsAt(src, coffAt, COFF_HEADER_SIZE, true, 'COFF file header');
    this.coff = {
      machine: c.u16(0),
      numberOfSections: c.u16(2),
      timeDateStamp: c.u32(4),
      pointerToSymbolTable: c.u32(8),
      numberOfSymbols: c.u32(12),
      sizeOfOptionalHeader: c.u16(16),
      characteristics: c.u16(18),
    };
    this.arch = MACHINES[this.coff.machine] ?? null;

    const optAt = coffAt + COFF_HEADER_SIZE;
    let bits: 32 | 64 = MACHINES_64.has(this.coff.machine) ? 64 : 32;
    let imageBase = 0;
    let subsystem = 0;
    let dllCharacteristics = 0;
    let importDir: { rva: number; size: number } | null = null;
    if (this.coff.sizeOfOptionalHeader > 0) {
      const o = fieldsAt(src, optAt, this.coff.sizeOfOptionalHeader, true, 'optional header');
      const magic = o.u16(0, 'optional header magic');
      if (magic !== PE32_MAGIC && magic !== PE32PLUS_MAGIC) {
        throw new BinaryFormatError(`unknown optional header magic 0x${magic.toString(16)}`, optAt);
      }
      const plus = magic === PE32PLUS_MAGIC;
      bits = plus ? 64 : 32;
      imageBase = plus ? o.u64(24, 'ImageBase') : o.u32(28, 'ImageBase');
      subsystem = o.u16(68, 'Subsystem');
      dllCharacteristics = o.u16(70, 'DllCharacteristics');
      const countAt = plus ? 108 : 92;
      const dirs = countAt + 4;
      const ndirs = Math.min(o.u32(countAt, 'NumberOfRvaAndSizes'), 16, Math.floor((o.length - dirs) / 8));
      if (ndirs > IMAGE_DIRECTORY_ENTRY_IMPORT) {
        const at = dirs + IMAGE_DIRECTORY_ENTRY_IMPORT * 8;
        importDir = { rva: o.u32(at), size: o.u32(at + 4) };
      }
    }
    this.bits = bits;
    this.imageBase = imageBase;
    this.readSections(optAt + this.coff.sizeOfOptionalHeader);
    this.pe = {
      machine: this.coff.machine,
      characteristics: this.coff.characteristics,
      dllCharacteristics,
      subsystem,
      imports: importDir && importDir.rva !== 0 ? this.readImports(importDir.rva) : [],
      imageBase,
    };
  }

  private readSections(at: number): void {
    const n = this.coff.numberOfSections;
    const r = fieldsAt(this.src, at, n * SECTION_HEADER_SIZE, true, 'section table');
    for (let i = 0; i < n; i++) {
      const o = i * SECTION_HEADER_SIZE;
      const virtualSize = r.u32(o + 8);
      const virtualAddress = r.u32(o + 12);
      const sizeOfRawData = r.u32(o + 16);
      const pointerToRawData = r.u32(o + 20);
      const characteristics = r.u32(o + 36);
      const hasData = sizeOfRawData > 0 && pointerToRawData > 0;
      const size = virtualSize > 0 ? Math.min(virtualSize, sizeOfRawData) : sizeOfRawData;
      const pub: Section = {
        name: this.sectionName(r, o),
        addr: this.imageBase + virtualAddress,
        offset: hasData ? pointerToRawData : 0,
        size: hasData ? size : 0,
        hasData,
        writable: (characteristics & IMAGE_SCN_MEM_WRITE) !== 0,
        executable: (characteristics & (IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_CNT_CODE)) !== 0,
        rawType: characteristics,
      };
      this.sections.push(pub);
      this.headers.push({
        public: pub,
        virtualAddress,
        virtualSize,
        sizeOfRawData,
        pointerToRawData,
      });
    }
  }

  /** Names longer than 8 bytes are `/<decimal offset>` into the COFF string table. */
  private sectionName(r: FieldReader, o: number): string {
    const raw = r.fixedString(o, 8, 'section name');
    const m = /^\/(\d{1,7})$/.exec(raw);
    if (!m) return raw;
    const strings = this.stringTable();
    const index = Number(m[1]);
    if (!strings || index >= strings.size) return raw;
    return strings.get(index);
  }

  /** The COFF string table after the symbols; null when absent or unreadable. */
  private stringTable(): StringTable | null {
    if (this.coffStrings !== undefined) return this.coffStrings;
    this.coffStrings = null;
    const { pointerToSymbolTable: ptr, numberOfSymbols: n } = this.coff;
    if (ptr === 0) return null;
    const at = ptr + n * COFF_SYMBOL_SIZE;
    if (at + 4 > this.src.size) return null;
    const size = fieldsAt(this.src, at, 4, true, 'COFF string table size').u32(0);
    if (size < 4 || size > this.src.size - at) return null;
    this.coffStrings = new StringTable(this.src, at, size, 'COFF string table');
    return this.coffStrings;
  }

  /** File offset of `length` bytes at an RVA inside one section's raw data, or null. */
  private rvaToOffset(rva: number, length: number): number | null {
    for (const s of this.headers) {
      if (!s.public.hasData) continue;
      if (rva >= s.virtualAddress && rva - s.virtualAddress + length <= s.sizeOfRawData) {
        return s.pointerToRawData + (rva - s.virtualAddress);
      }
    }
    return null;
  }

  private readImports(rva: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < MAX_IMPORTS; i++) {
      const at = this.rvaToOffset(rva + i * IMPORT_DESCRIPTOR_SIZE, IMPORT_DESCRIPTOR_SIZE);
      if (at === null) {
        throw new BinaryFormatError(
          `import descriptor ${i} at RVA 0x${(rva + i * 20).toString(16)} is not mapped`,
        );
      }
      const d = fieldsAt(this.src, at, IMPORT_DESCRIPTOR_SIZE, true, 'import descriptor');
      const originalFirstThunk = d.u32(0);
      const nameRva = d.u32(12);
      const firstThunk = d.u32(16);
      if (originalFirstThunk === 0 && nameRva === 0 && firstThunk === 0) break;
      const nameAt = this.rvaToOffset(nameRva, 1);
      if (nameAt === null) {
        throw new BinaryFormatError(`import ${i}: DLL name RVA 0x${nameRva.toString(16)} is not mapped`, at);
      }
      const bytes = readUpTo(this.src, nameAt, MAX_DLL_NAME);
      const nul = bytes.indexOf(0);
      out.push(decodeString(nul < 0 ? bytes : bytes.subarray(0, nul)));
    }
    return out;
  }

  // ---- BinaryFile ----------------------------------------------------------------------

  section(name: string): Section | undefined {
    return this.sections.find((s) => s.name === name);
  }

  sectionData(s: Section, max?: number): Uint8Array {
    if (!s.hasData || s.size === 0) return new Uint8Array(0);
    const n = max === undefined ? s.size : Math.max(0, Math.min(s.size, max));
    return readUpTo(this.src, s.offset, n);
  }

  readVirtual(addr: number, length: number): Uint8Array | null {
    if (!Number.isSafeInteger(addr) || !Number.isSafeInteger(length) || length < 0) return null;
    const rva = addr - this.imageBase;
    if (rva < 0) return null;
    const at = this.rvaToOffset(rva, length);
    if (at === null) return null;
    const b = readUpTo(this.src, at, length);
    return b.length === length ? b : null;
  }

  symbols(): SymbolEntry[] {
    this.symbolCache ??= guard('COFF symbol table', () => this.readSymbols());
    return this.symbolCache;
  }

  dynamicSymbols(): SymbolEntry[] {
    return [];
  }

  /**
   * COFF symbols, auxiliary records skipped. Section-relative values become virtual addresses
   * (ImageBase + section RVA + value), as `go tool nm` shows them.
   */
  private readSymbols(): SymbolEntry[] {
    const { pointerToSymbolTable: ptr, numberOfSymbols: n } = this.coff;
    if (ptr === 0 || n === 0) return [];
    checkRange(this.src, ptr, n * COFF_SYMBOL_SIZE, 'COFF symbol table');
    const strings = this.stringTable();
    const out: SymbolEntry[] = [];
    let skip = 0;
    for (let first = 0; first < n; first += SYMBOL_CHUNK) {
      const count = Math.min(SYMBOL_CHUNK, n - first);
      const base = ptr + first * COFF_SYMBOL_SIZE;
      const r = fieldsAt(this.src, base, count * COFF_SYMBOL_SIZE, true, 'COFF symbol table');
      for (let k = 0; k < count; k++) {
        if (skip > 0) {
          skip--;
          continue;
        }
        const o = k * COFF_SYMBOL_SIZE;
        let name: string;
        if (r.u32(o) === 0) {
          const index = r.u32(o + 4);
          if (!strings) throw new BinaryFormatError('COFF symbol name without a string table', base + o);
          name = strings.get(index);
        } else {
          name = r.fixedString(o, 8, 'symbol name');
        }
        const value = r.u32(o + 8);
        const sectionNumber = r.i16(o + 12);
        const storageClass = r.u8(o + 16);
        skip = r.u8(o + 17);
        const sect = sectionNumber > 0 ? this.headers[sectionNumber - 1] : undefined;
        out.push({
          name: name.length > MAX_STRING ? name.slice(0, MAX_STRING) : name,
          value: sect ? this.imageBase + sect.virtualAddress + value : value,
          size: 0,
          defined: sectionNumber !== 0,
          weak: storageClass === IMAGE_SYM_CLASS_WEAK_EXTERNAL,
        });
      }
    }
    return out;
  }
}
