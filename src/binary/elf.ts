// ELF reader: 32/64-bit, little and big endian (System V gABI, the GNU symbol-versioning
// extensions, Linux/BSD notes).
//
// openElf reads the file header, the program and section header tables, the section-name
// string table, the dynamic table with its strings, the version needs and the notes; symbol
// tables are read on first use. When the section header table is absent (sstrip, e_shoff = 0)
// or unreadable, everything that has a program-header route falls back to it: PT_DYNAMIC,
// DT_VERNEED/DT_VERSYM/DT_SYMTAB through the PT_LOAD address map, and PT_NOTE.

import {
  checkRange,
  FieldReader,
  fieldsAt,
  guard,
  MAX_STRING,
  MAX_TABLE_ENTRIES,
  readExact,
  readUpTo,
  StringTable,
} from './source.js';
import {
  type BinaryFile,
  BinaryFormatError,
  type ByteSource,
  type ElfExtras,
  type Section,
  type Segment,
  type SymbolEntry,
  type VersionNeed,
} from './types.js';

// e_ident
const ELFCLASS32 = 1;
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ELFDATA2MSB = 2;
const EV_CURRENT = 1;

// Extended numbering.
const PN_XNUM = 0xffff;
const SHN_XINDEX = 0xffff;
const SHN_UNDEF = 0;

// Section types.
const SHT_NULL = 0;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_DYNAMIC = 6;
const SHT_NOTE = 7;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;
const SHT_GNU_VERDEF = 0x6ffffffd;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_GNU_VERSYM = 0x6fffffff;

// Section flags.
const SHF_WRITE = 0x1;
const SHF_ALLOC = 0x2;
const SHF_EXECINSTR = 0x4;

// Program header types and flags.
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PT_NOTE = 4;
export const PT_GNU_STACK = 0x6474e551;
export const PT_GNU_RELRO = 0x6474e552;
const PF_X = 0x1;
const PF_W = 0x2;
const PF_R = 0x4;

// Dynamic tags.
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_HASH = 4;
const DT_STRTAB = 5;
const DT_SYMTAB = 6;
const DT_STRSZ = 10;
const DT_RPATH = 15;
const DT_BIND_NOW = 24;
const DT_RUNPATH = 29;
const DT_FLAGS = 30;
const DT_GNU_HASH = 0x6ffffef5;
const DT_VERSYM = 0x6ffffff0;
const DT_FLAGS_1 = 0x6ffffffb;
const DT_VERDEF = 0x6ffffffc;
const DT_VERDEFNUM = 0x6ffffffd;
const DT_VERNEED = 0x6ffffffe;
const DT_VERNEEDNUM = 0x6fffffff;
const DF_BIND_NOW = 0x8;
const DF_1_NOW = 0x1;
/** DT_FLAGS_1 bit of a position-independent executable. */
export const DF_1_PIE = 0x08000000;

// Symbol versioning.
const VER_FLG_WEAK = 0x2;
const VERSYM_HIDDEN = 0x8000;
const VERSYM_VERSION = 0x7fff;

const STB_WEAK = 2;

// Notes.
const NT_GNU_ABI_TAG = 1;

/** Largest dynamic table, version table or note area read (they are a few KiB in practice). */
const MAX_TABLE_BYTES = 1024 * 1024;
const MAX_NOTES = 4096;
/** Symbols decoded per read when walking a symbol table. */
const SYMBOL_CHUNK = 4096;

const MACHINES: Record<number, (is64: boolean, little: boolean) => string> = {
  3: () => '386',
  8: (is64, little) => (is64 ? 'mips64' : 'mips') + (little ? 'le' : ''),
  20: () => 'ppc',
  21: (_is64, little) => (little ? 'ppc64le' : 'ppc64'),
  22: (is64) => (is64 ? 's390x' : 's390'),
  40: () => 'arm',
  43: () => 'sparc64',
  62: () => 'amd64',
  183: () => 'arm64',
  243: (is64) => (is64 ? 'riscv64' : 'riscv32'),
  258: () => 'loong64',
};

const OSABIS: Record<number, string> = {
  1: 'hpux',
  2: 'netbsd',
  3: 'linux',
  6: 'solaris',
  9: 'freebsd',
  12: 'openbsd',
};

/** Note owners that name the operating system. */
const NOTE_OWNER_OS: Record<string, string> = {
  FreeBSD: 'freebsd',
  NetBSD: 'netbsd',
  OpenBSD: 'openbsd',
  DragonFly: 'dragonfly',
  Android: 'android',
};

/** NT_GNU_ABI_TAG descriptor word 0. */
const GNU_ABI_OS: Record<number, string> = { 0: 'linux', 1: 'hurd', 2: 'solaris', 3: 'freebsd' };

/** ELF file header fields (Elf32_Ehdr / Elf64_Ehdr). */
export interface ElfHeader {
  class: 32 | 64;
  little: boolean;
  osabi: number;
  type: number;
  machine: number;
  entry: number;
  phoff: number;
  shoff: number;
  flags: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

/** A section header with the fields the public Section leaves out. */
interface ElfSection {
  index: number;
  /** File offset of this header. */
  headerOffset: number;
  /** sh_name: index into the section-name string table. */
  nameIndex: number;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
  public: Section;
}

interface ElfProg extends Segment {
  flags: number;
  align: number;
  /** File offset of this header. */
  headerOffset: number;
}

/** A byte range of the file holding a table, and where it came from (for messages). */
interface Region {
  offset: number;
  size: number;
}

interface DynamicInfo {
  needed: number[];
  rpath: number[];
  runpath: number[];
  flags: number;
  flags1: number;
  bindNow: boolean;
  /** Tag → first value, for the address-valued tags. */
  values: Map<number, number>;
}

interface VersionName {
  name: string;
  file?: string;
}

/** Opens an ELF file; BinaryFormatError when it is malformed. */
export function openElf(src: ByteSource): BinaryFile {
  return guard('ELF', () => new ElfFile(src));
}

function readHeader(src: ByteSource): ElfHeader {
  const ident = readExact(src, 0, 16, 'ELF identification');
  if (ident[0] !== 0x7f || ident[1] !== 0x45 || ident[2] !== 0x4c || ident[3] !== 0x46) {
    throw new BinaryFormatError('bad ELF magic', 0);
  }
  const cls = ident[4]!;
  if (cls !== ELFCLASS32 && cls !== ELFCLASS64) throw new BinaryFormatError(`unknown ELF class ${cls}`, 4);
  const data = ident[5]!;
  if (data !== ELFDATA2LSB && data !== ELFDATA2MSB) {
    throw new BinaryFormatError(`unknown ELF data encoding ${data}`, 5);
  }
  if (ident[6] !== EV_CURRENT) throw new BinaryFormatError(`unknown ELF version ${ident[6]}`, 6);
  const is64 = cls === ELFCLASS64;
  const little = data === ELFDATA2LSB;
  const h = fieldsAt(src, 0, is64 ? 64 : 52, little, 'ELF header');
  const w = is64 ? 8 : 4;
  const version = h.u32(20);
  if (version !== EV_CURRENT) throw new BinaryFormatError(`mismatched ELF version ${version}`, 20);
  const base = 24 + 3 * w;
  return {
    class: is64 ? 64 : 32,
    little,
    osabi: ident[7]!,
    type: h.u16(16),
    machine: h.u16(18),
    entry: h.addr(24, is64, 'e_entry'),
    phoff: h.word(24 + w, is64, 'e_phoff'),
    shoff: h.word(24 + 2 * w, is64, 'e_shoff'),
    flags: h.u32(base),
    phentsize: h.u16(base + 6),
    phnum: h.u16(base + 8),
    shentsize: h.u16(base + 10),
    shnum: h.u16(base + 12),
    shstrndx: h.u16(base + 14),
  };
}

class ElfFile implements BinaryFile {
  readonly format = 'elf' as const;
  readonly os: string | null;
  readonly arch: string | null;
  readonly bits: 32 | 64;
  readonly endian: 'little' | 'big';
  readonly sections: Section[] = [];
  readonly segments: Segment[];
  readonly elf: ElfExtras;
  readonly header: ElfHeader;

  private readonly src: ByteSource;
  private readonly is64: boolean;
  private readonly little: boolean;
  private readonly progs: ElfProg[];
  private readonly shdrs: ElfSection[] = [];
  private readonly dynamic: DynamicInfo | null;
  private readonly dynstr: StringTable | null;
  private readonly versionNames = new Map<number, VersionName>();
  private symtabCache: SymbolEntry[] | null = null;
  private dynsymCache: SymbolEntry[] | null = null;

  constructor(src: ByteSource) {
    this.src = src;
    const h = readHeader(src);
    this.header = h;
    this.is64 = h.class === 64;
    this.little = h.little;
    this.bits = h.class;
    this.endian = h.little ? 'little' : 'big';
    this.arch = MACHINES[h.machine]?.(this.is64, this.little) ?? null;

    // Section 0 holds the real counts when they overflow the header fields.
    let phnum = h.phnum;
    let shnum = h.shnum;
    let shstrndx = h.shstrndx;
    let sectionProblem: string | undefined;
    if (h.shoff !== 0 && (phnum === PN_XNUM || shnum === 0 || shstrndx === SHN_XINDEX)) {
      try {
        const s0 = this.readSection0(h);
        if (phnum === PN_XNUM) phnum = s0.info;
        if (shnum === 0) shnum = s0.size;
        if (shstrndx === SHN_XINDEX) shstrndx = s0.link;
      } catch (e) {
        if (!(e instanceof BinaryFormatError) || phnum === PN_XNUM) throw e;
        sectionProblem = e.message;
        shnum = 0;
      }
    } else if (phnum === PN_XNUM) {
      throw new BinaryFormatError('e_phnum is PN_XNUM but there is no section 0', 0);
    }

    this.progs = this.readProgramHeaders(h, phnum);
    this.segments = this.progs.map((p) => ({
      type: p.type,
      offset: p.offset,
      vaddr: p.vaddr,
      filesz: p.filesz,
      memsz: p.memsz,
      readable: p.readable,
      writable: p.writable,
      executable: p.executable,
    }));

    if (h.shoff !== 0 && shnum > 0 && sectionProblem === undefined) {
      try {
        this.readSectionHeaders(h, shnum);
      } catch (e) {
        if (!(e instanceof BinaryFormatError)) throw e;
        sectionProblem = e.message;
        this.shdrs.length = 0;
      }
    }
    if (this.shdrs.length > 0) sectionProblem = this.nameSections(shstrndx);
    for (const s of this.shdrs) this.sections.push(s.public);

    const dyn = this.readDynamic();
    this.dynamic = dyn?.info ?? null;
    this.dynstr = dyn ? this.dynamicStrings(dyn.section) : null;
    const dynstr = this.dynstr;
    const dynInfo = this.dynamic;
    const str = (i: number, what: string): string => {
      if (!dynstr) throw new BinaryFormatError(`${what} without a dynamic string table`);
      return dynstr.get(i);
    };

    const notes = this.readNotes();
    this.os = this.guessOs(h.osabi, notes);

    this.elf = {
      type: h.type,
      machine: h.machine,
      osabi: h.osabi,
      interpreter: this.readInterpreter(),
      needed: dynInfo ? dynInfo.needed.map((i) => str(i, 'DT_NEEDED')) : [],
      rpath: dynInfo ? dynInfo.rpath.flatMap((i) => splitPath(str(i, 'DT_RPATH'))) : [],
      runpath: dynInfo ? dynInfo.runpath.flatMap((i) => splitPath(str(i, 'DT_RUNPATH'))) : [],
      flags1: dynInfo?.flags1 ?? 0,
      flags: dynInfo?.flags ?? 0,
      bindNow: dynInfo?.bindNow ?? false,
      versionNeeds: this.readVersionNeeds(),
      notes,
      hasRelro: this.progs.some((p) => p.type === PT_GNU_RELRO),
      nxStack: this.progs.some((p) => p.type === PT_GNU_STACK && (p.flags & PF_X) === 0),
    };
    if (sectionProblem !== undefined) this.elf.sectionHeaderProblem = sectionProblem;
  }

  // ---- headers ---------------------------------------------------------------------------

  private readSection0(h: ElfHeader): { size: number; link: number; info: number } {
    const entsize = this.is64 ? 64 : 40;
    const r = fieldsAt(this.src, h.shoff, entsize, this.little, 'section header 0');
    const type = r.u32(4);
    if (type !== SHT_NULL) throw new BinaryFormatError(`section 0 has type ${type}, want SHT_NULL`, h.shoff);
    return {
      size: this.is64 ? r.u64(32, 'section 0 sh_size') : r.u32(20),
      link: r.u32(this.is64 ? 40 : 24),
      info: r.u32(this.is64 ? 44 : 28),
    };
  }

  private readProgramHeaders(h: ElfHeader, phnum: number): ElfProg[] {
    if (phnum === 0) return [];
    const want = this.is64 ? 56 : 32;
    if (h.phentsize < want) throw new BinaryFormatError(`e_phentsize ${h.phentsize} is below ${want}`, 0);
    if (phnum > MAX_TABLE_ENTRIES) throw new BinaryFormatError(`too many program headers (${phnum})`, 0);
    const r = fieldsAt(this.src, h.phoff, phnum * h.phentsize, this.little, 'program header table');
    const out: ElfProg[] = [];
    for (let i = 0; i < phnum; i++) {
      const o = i * h.phentsize;
      const is64 = this.is64;
      const type = r.u32(o);
      const flags = is64 ? r.u32(o + 4) : r.u32(o + 24);
      const offset = is64 ? r.u64(o + 8, 'p_offset') : r.u32(o + 4);
      const vaddr = r.addr(o + (is64 ? 16 : 8), is64, 'p_vaddr');
      const filesz = is64 ? r.u64(o + 32, 'p_filesz') : r.u32(o + 16);
      const memsz = r.addr(o + (is64 ? 40 : 20), is64, 'p_memsz');
      const align = r.addr(o + (is64 ? 48 : 28), is64, 'p_align');
      out.push({
        type,
        offset,
        vaddr,
        filesz,
        memsz,
        readable: (flags & PF_R) !== 0,
        writable: (flags & PF_W) !== 0,
        executable: (flags & PF_X) !== 0,
        flags,
        align,
        headerOffset: h.phoff + o,
      });
    }
    return out;
  }

  private readSectionHeaders(h: ElfHeader, shnum: number): void {
    const want = this.is64 ? 64 : 40;
    if (h.shentsize < want) throw new BinaryFormatError(`e_shentsize ${h.shentsize} is below ${want}`, 0);
    if (shnum > MAX_TABLE_ENTRIES) throw new BinaryFormatError(`too many sections (${shnum})`, 0);
    const r = fieldsAt(this.src, h.shoff, shnum * h.shentsize, this.little, 'section header table');
    const is64 = this.is64;
    for (let i = 0; i < shnum; i++) {
      const o = i * h.shentsize;
      const type = r.u32(o + 4);
      const flags = is64 ? r.u64Lossy(o + 8) : r.u32(o + 8);
      const addr = r.addr(o + (is64 ? 16 : 12), is64, 'sh_addr');
      const offset = is64 ? r.u64(o + 24, 'sh_offset') : r.u32(o + 16);
      const size = is64 ? r.u64Lossy(o + 32, 'sh_size') : r.u32(o + 20);
      const hasData = type !== SHT_NOBITS && type !== SHT_NULL;
      if (hasData && !Number.isSafeInteger(size)) {
        throw new BinaryFormatError(`section ${i} size ${size} is too large`, h.shoff + o);
      }
      const s: ElfSection = {
        index: i,
        headerOffset: h.shoff + o,
        nameIndex: r.u32(o),
        type,
        flags,
        addr,
        offset,
        size,
        link: r.u32(o + (is64 ? 40 : 24)),
        info: r.u32(o + (is64 ? 44 : 28)),
        addralign: r.addr(o + (is64 ? 48 : 32), is64, 'sh_addralign'),
        entsize: r.addr(o + (is64 ? 56 : 36), is64, 'sh_entsize'),
        public: {
          name: '',
          addr,
          offset: hasData ? offset : 0,
          size: hasData ? size : 0,
          hasData,
          writable: (flags & SHF_WRITE) !== 0,
          executable: (flags & SHF_EXECINSTR) !== 0,
          rawType: type,
        },
      };
      this.shdrs.push(s);
    }
  }

  /** Names the sections from the section-name string table; returns a problem, if any. */
  private nameSections(shstrndx: number): string | undefined {
    if (shstrndx === 0) return undefined;
    const strtab = this.shdrs[shstrndx];
    if (!strtab) return `section name table index ${shstrndx} is out of range`;
    if (strtab.type !== SHT_STRTAB) return `section name table ${shstrndx} has type ${strtab.type}`;
    let names: FieldReader;
    try {
      names = this.sectionReader(strtab, 'section name string table', MAX_TABLE_BYTES * 16);
    } catch (e) {
      if (e instanceof BinaryFormatError) return e.message;
      throw e;
    }
    let bad: number | undefined;
    for (const s of this.shdrs) {
      if (s.nameIndex < names.length) s.public.name = names.cstring(s.nameIndex);
      else bad ??= s.index;
    }
    return bad === undefined ? undefined : `section ${bad} has a name index past the name table`;
  }

  // ---- section and segment data --------------------------------------------------------

  /** The whole contents of a section (at most `max` bytes), checked against the file. */
  private sectionReader(s: ElfSection, what: string, max = MAX_TABLE_BYTES): FieldReader {
    if (s.type === SHT_NOBITS) return new FieldReader(new Uint8Array(0), this.little, s.offset);
    if (s.size > max) throw new BinaryFormatError(`${what} is too large (${s.size} bytes)`, s.headerOffset);
    return fieldsAt(this.src, s.offset, s.size, this.little, what);
  }

  private firstSection(type: number): ElfSection | undefined {
    return this.shdrs.find((s) => s.type === type && s.size > 0);
  }

  /** The file range holding `addr` in a PT_LOAD segment, up to the segment's (or the file's) end. */
  private mapAddress(addr: number): Region | null {
    if (!Number.isSafeInteger(addr)) return null;
    for (const p of this.progs) {
      if (p.type !== PT_LOAD || p.filesz === 0) continue;
      if (addr >= p.vaddr && addr - p.vaddr < p.filesz) {
        const delta = addr - p.vaddr;
        const offset = p.offset + delta;
        if (offset >= this.src.size) return null;
        return { offset, size: Math.min(p.filesz - delta, this.src.size - offset) };
      }
    }
    return null;
  }

  // ---- program-header facts ------------------------------------------------------------

  private readInterpreter(): string | null {
    const p = this.progs.find((x) => x.type === PT_INTERP);
    if (!p) return null;
    const n = Math.min(p.filesz, MAX_STRING);
    const r = fieldsAt(this.src, p.offset, n, this.little, 'PT_INTERP');
    return r.cstring(0, n);
  }

  // ---- dynamic table -------------------------------------------------------------------

  private readDynamic(): { info: DynamicInfo; section: ElfSection | undefined } | null {
    const sec = this.firstSection(SHT_DYNAMIC);
    let region: Region;
    if (sec) {
      region = { offset: sec.offset, size: sec.size };
    } else {
      const p = this.progs.find((x) => x.type === PT_DYNAMIC && x.filesz > 0);
      if (!p) return null;
      region = { offset: p.offset, size: p.filesz };
    }
    const entsize = this.is64 ? 16 : 8;
    const count = Math.min(Math.floor(region.size / entsize), MAX_TABLE_BYTES / entsize);
    const r = fieldsAt(this.src, region.offset, count * entsize, this.little, 'dynamic table');
    const info: DynamicInfo = {
      needed: [],
      rpath: [],
      runpath: [],
      flags: 0,
      flags1: 0,
      bindNow: false,
      values: new Map(),
    };
    for (let i = 0; i < count; i++) {
      const o = i * entsize;
      let tag: number;
      let val: number;
      if (this.is64) {
        const [hi, lo] = r.u64Halves(o);
        tag = hi === 0 ? lo : -1;
        val = r.u64Lossy(o + 8);
      } else {
        tag = r.u32(o);
        val = r.u32(o + 4);
      }
      if (tag === DT_NULL) break;
      switch (tag) {
        case DT_NEEDED:
          info.needed.push(val);
          break;
        case DT_RPATH:
          info.rpath.push(val);
          break;
        case DT_RUNPATH:
          info.runpath.push(val);
          break;
        case DT_FLAGS:
          info.flags = val >>> 0;
          break;
        case DT_FLAGS_1:
          info.flags1 = val >>> 0;
          break;
        case DT_BIND_NOW:
          info.bindNow = true;
          break;
        default:
          if (!info.values.has(tag)) info.values.set(tag, val);
      }
    }
    if ((info.flags & DF_BIND_NOW) !== 0 || (info.flags1 & DF_1_NOW) !== 0) info.bindNow = true;
    return { info, section: sec };
  }

  /** .dynstr: the dynamic section's sh_link, else DT_STRTAB/DT_STRSZ through PT_LOAD. */
  private dynamicStrings(dynSection: ElfSection | undefined): StringTable | null {
    if (dynSection) {
      const s = this.shdrs[dynSection.link];
      if (s && s.type === SHT_STRTAB) return this.sectionStrings(s, '.dynstr');
    }
    return this.addressStrings(this.dynamic?.values.get(DT_STRTAB), this.dynamic?.values.get(DT_STRSZ));
  }

  private addressStrings(addr: number | undefined, size: number | undefined): StringTable | null {
    if (addr === undefined) return null;
    const region = this.mapAddress(addr);
    if (!region) throw new BinaryFormatError(`DT_STRTAB address 0x${addr.toString(16)} is not mapped`);
    const n = size === undefined ? region.size : size;
    if (!Number.isSafeInteger(n) || n > region.size) {
      throw new BinaryFormatError(`DT_STRSZ ${n} runs past its segment`, region.offset);
    }
    return new StringTable(this.src, region.offset, n, 'dynamic string table');
  }

  private sectionStrings(s: ElfSection, what: string): StringTable {
    if (s.type !== SHT_STRTAB) {
      throw new BinaryFormatError(`${what} (section ${s.index}) is not a string table`, s.headerOffset);
    }
    return new StringTable(this.src, s.offset, s.size, what);
  }

  private linkedStrings(s: ElfSection, what: string): StringTable {
    const link = this.shdrs[s.link];
    if (!link || link.index === 0) {
      throw new BinaryFormatError(`${what}: sh_link ${s.link} is not a section`, s.headerOffset);
    }
    return this.sectionStrings(link, what);
  }

  // ---- symbol versioning ---------------------------------------------------------------

  /** .gnu.version_r, else DT_VERNEED/DT_VERNEEDNUM through PT_LOAD. */
  private readVersionNeeds(): VersionNeed[] {
    let region: Region;
    let count: number;
    let strings: StringTable;
    const sec = this.firstSection(SHT_GNU_VERNEED);
    if (sec) {
      region = { offset: sec.offset, size: sec.size };
      count = sec.info || (this.dynamic?.values.get(DT_VERNEEDNUM) ?? 0);
      strings = this.linkedStrings(sec, '.gnu.version_r strings');
    } else {
      const addr = this.dynamic?.values.get(DT_VERNEED);
      if (addr === undefined) return [];
      const mapped = this.mapAddress(addr);
      if (!mapped) throw new BinaryFormatError(`DT_VERNEED address 0x${addr.toString(16)} is not mapped`);
      region = mapped;
      count = this.dynamic?.values.get(DT_VERNEEDNUM) ?? 0;
      if (!this.dynstr) throw new BinaryFormatError('DT_VERNEED without a dynamic string table');
      strings = this.dynstr;
    }
    const size = Math.min(region.size, MAX_TABLE_BYTES);
    const r = fieldsAt(this.src, region.offset, size, this.little, 'version needs');
    const needs: VersionNeed[] = [];
    let off = 0;
    // Every step moves forward by a nonzero vn_next/vna_next, so the walk ends inside `size`.
    for (let i = 0; i < count && i < size / 16; i++) {
      const version = r.u16(off, 'vn_version');
      if (version !== 1) throw new BinaryFormatError(`unknown vn_version ${version}`, region.offset + off);
      const cnt = r.u16(off + 2);
      const file = strings.get(r.u32(off + 4));
      const need: VersionNeed = { file, versions: [] };
      let a = off + r.u32(off + 8);
      for (let j = 0; j < cnt; j++) {
        const flags = r.u16(a + 4, 'vna_flags');
        const other = r.u16(a + 6);
        const name = strings.get(r.u32(a + 8));
        need.versions.push({
          name,
          weak: (flags & VER_FLG_WEAK) !== 0,
          hidden: (other & VERSYM_HIDDEN) !== 0,
        });
        this.versionNames.set(other & VERSYM_VERSION, { name, file });
        const next = r.u32(a + 12);
        if (next === 0) break;
        a += next;
      }
      needs.push(need);
      const next = r.u32(off + 12);
      if (next === 0) break;
      off += next;
    }
    return needs;
  }

  /** Version definitions (index → name), for defined dynamic symbols. */
  private readVersionDefs(): void {
    let region: Region;
    let count: number;
    let strings: StringTable;
    const sec = this.firstSection(SHT_GNU_VERDEF);
    if (sec) {
      region = { offset: sec.offset, size: sec.size };
      count = sec.info || (this.dynamic?.values.get(DT_VERDEFNUM) ?? 0);
      strings = this.linkedStrings(sec, '.gnu.version_d strings');
    } else {
      const addr = this.dynamic?.values.get(DT_VERDEF);
      if (addr === undefined || !this.dynstr) return;
      const mapped = this.mapAddress(addr);
      if (!mapped) throw new BinaryFormatError(`DT_VERDEF address 0x${addr.toString(16)} is not mapped`);
      region = mapped;
      count = this.dynamic?.values.get(DT_VERDEFNUM) ?? 0;
      strings = this.dynstr;
    }
    const size = Math.min(region.size, MAX_TABLE_BYTES);
    const r = fieldsAt(this.src, region.offset, size, this.little, 'version definitions');
    let off = 0;
    for (let i = 0; i < count && i < size / 20; i++) {
      const ndx = r.u16(off + 4, 'vd_ndx');
      const cnt = r.u16(off + 6);
      if (cnt > 0) {
        const aux = off + r.u32(off + 12);
        const name = strings.get(r.u32(aux, 'vda_name'));
        if (!this.versionNames.has(ndx & VERSYM_VERSION))
          this.versionNames.set(ndx & VERSYM_VERSION, { name });
      }
      const next = r.u32(off + 16);
      if (next === 0) break;
      off += next;
    }
  }

  // ---- symbols -------------------------------------------------------------------------

  symbols(): SymbolEntry[] {
    this.symtabCache ??= guard('ELF .symtab', () => {
      const sec = this.firstSection(SHT_SYMTAB);
      if (!sec) return [];
      const strings = this.linkedStrings(sec, '.strtab');
      return this.readSymbols({ offset: sec.offset, size: sec.size }, strings, null);
    });
    return this.symtabCache;
  }

  dynamicSymbols(): SymbolEntry[] {
    this.dynsymCache ??= guard('ELF .dynsym', () => {
      this.readVersionDefs();
      const entsize = this.is64 ? 24 : 16;
      const sec = this.firstSection(SHT_DYNSYM);
      let region: Region;
      let strings: StringTable;
      let versyms: FieldReader | null = null;
      if (sec) {
        region = { offset: sec.offset, size: sec.size };
        strings = this.linkedStrings(sec, '.dynstr');
        const vs = this.firstSection(SHT_GNU_VERSYM);
        if (vs) versyms = this.sectionReader(vs, '.gnu.version', MAX_TABLE_BYTES * 16);
      } else {
        const addr = this.dynamic?.values.get(DT_SYMTAB);
        if (addr === undefined || !this.dynstr) return [];
        const mapped = this.mapAddress(addr);
        if (!mapped) throw new BinaryFormatError(`DT_SYMTAB address 0x${addr.toString(16)} is not mapped`);
        const count = this.dynamicSymbolCount(mapped.size / entsize);
        region = { offset: mapped.offset, size: count * entsize };
        strings = this.dynstr;
        const vsAddr = this.dynamic?.values.get(DT_VERSYM);
        const vsRegion = vsAddr === undefined ? null : this.mapAddress(vsAddr);
        if (vsRegion) {
          const n = Math.min(vsRegion.size, count * 2);
          versyms = fieldsAt(this.src, vsRegion.offset, n, this.little, 'DT_VERSYM table');
        }
      }
      return this.readSymbols(region, strings, versyms);
    });
    return this.dynsymCache;
  }

  /**
   * How many dynamic symbols a section-less file has: DT_HASH's nchain, else the highest index
   * reachable through DT_GNU_HASH, never more than `limit` (what fits in the segment).
   */
  private dynamicSymbolCount(limit: number): number {
    const cap = Math.floor(limit);
    const hash = this.dynamic?.values.get(DT_HASH);
    const hashRegion = hash === undefined ? null : this.mapAddress(hash);
    if (hashRegion) {
      const nchain = fieldsAt(this.src, hashRegion.offset, 8, this.little, 'DT_HASH').u32(4);
      return Math.min(nchain, cap);
    }
    const gnu = this.dynamic?.values.get(DT_GNU_HASH);
    const g = gnu === undefined ? null : this.mapAddress(gnu);
    if (!g) {
      // No hash table: linkers place .dynstr right after .dynsym.
      const symtab = this.dynamic?.values.get(DT_SYMTAB) ?? 0;
      const strtab = this.dynamic?.values.get(DT_STRTAB) ?? 0;
      const between = strtab > symtab ? Math.floor((strtab - symtab) / (this.is64 ? 24 : 16)) : cap;
      return Math.min(cap, between, MAX_TABLE_ENTRIES);
    }
    const r = fieldsAt(
      this.src,
      g.offset,
      Math.min(g.size, MAX_TABLE_BYTES * 16),
      this.little,
      'DT_GNU_HASH',
    );
    const nbuckets = r.u32(0);
    const symoffset = r.u32(4);
    const bloomSize = r.u32(8);
    const buckets = 16 + bloomSize * (this.is64 ? 8 : 4);
    let max = 0;
    for (let i = 0; i < nbuckets; i++) max = Math.max(max, r.u32(buckets + i * 4, 'GNU hash bucket'));
    if (max < symoffset) return Math.min(symoffset, cap);
    const chains = buckets + nbuckets * 4;
    let idx = max;
    while (idx < cap && (r.u32(chains + (idx - symoffset) * 4, 'GNU hash chain') & 1) === 0) idx++;
    return Math.min(idx + 1, cap);
  }

  /** Symbols of a table (bounded by its size), skipping the null symbol at index 0. */
  private readSymbols(region: Region, strings: StringTable, versyms: FieldReader | null): SymbolEntry[] {
    const entsize = this.is64 ? 24 : 16;
    checkRange(this.src, region.offset, region.size, 'symbol table');
    const count = Math.floor(region.size / entsize);
    const out: SymbolEntry[] = [];
    for (let first = 0; first < count; first += SYMBOL_CHUNK) {
      const n = Math.min(SYMBOL_CHUNK, count - first);
      const r = fieldsAt(this.src, region.offset + first * entsize, n * entsize, this.little, 'symbol table');
      for (let k = 0; k < n; k++) {
        const i = first + k;
        if (i === 0) continue; // the null symbol
        const o = k * entsize;
        const nameIndex = r.u32(o);
        const info = this.is64 ? r.u8(o + 4) : r.u8(o + 12);
        const shndx = this.is64 ? r.u16(o + 6) : r.u16(o + 14);
        const sym: SymbolEntry = {
          name: strings.get(nameIndex),
          value: r.addr(o + (this.is64 ? 8 : 4), this.is64, 'st_value'),
          size: r.addr(o + (this.is64 ? 16 : 8), this.is64, 'st_size'),
          defined: shndx !== SHN_UNDEF,
          weak: info >> 4 === STB_WEAK,
        };
        if (versyms && (i + 1) * 2 <= versyms.length) {
          const vs = versyms.u16(i * 2);
          const v = this.versionNames.get(vs & VERSYM_VERSION);
          if ((vs & VERSYM_VERSION) >= 2 && v) {
            sym.version = v.name;
            if (v.file !== undefined) sym.versionFile = v.file;
            if ((vs & VERSYM_HIDDEN) !== 0) sym.versionHidden = true;
          }
        }
        out.push(sym);
      }
    }
    return out;
  }

  // ---- notes and OS --------------------------------------------------------------------

  private readNotes(): ElfExtras['notes'] {
    const regions: { region: Region; align: number }[] = [];
    for (const s of this.shdrs) {
      if (s.type === SHT_NOTE && s.size > 0) {
        regions.push({ region: { offset: s.offset, size: s.size }, align: s.addralign === 8 ? 8 : 4 });
      }
    }
    if (regions.length === 0) {
      for (const p of this.progs) {
        if (p.type === PT_NOTE && p.filesz > 0) {
          regions.push({ region: { offset: p.offset, size: p.filesz }, align: p.align === 8 ? 8 : 4 });
        }
      }
    }
    const notes: ElfExtras['notes'] = [];
    for (const { region, align } of regions) {
      const size = Math.min(region.size, MAX_TABLE_BYTES);
      const r = fieldsAt(this.src, region.offset, size, this.little, 'note');
      let off = 0;
      while (off + 12 <= size && notes.length < MAX_NOTES) {
        const namesz = r.u32(off);
        const descsz = r.u32(off + 4);
        const type = r.u32(off + 8);
        // Name and descriptor are each padded to the area's alignment, counted from the note.
        const nameOff = off + 12;
        const descOff = off + alignUp(12 + namesz, align);
        if (descOff > size || descOff + descsz > size) {
          throw new BinaryFormatError(
            `note with namesz ${namesz}, descsz ${descsz} runs past its area`,
            region.offset + off,
          );
        }
        const name = r.slice(nameOff, Math.min(namesz, MAX_STRING));
        const nul = name.indexOf(0);
        notes.push({
          owner: new FieldReader(nul < 0 ? name : name.subarray(0, nul), this.little).cstring(0),
          type,
          desc: r.slice(descOff, descsz).slice(),
        });
        off += alignUp(descOff - off + descsz, align);
      }
    }
    return notes;
  }

  private guessOs(osabi: number, notes: ElfExtras['notes']): string | null {
    if (osabi !== 0 && osabi !== 3) return OSABIS[osabi] ?? null;
    for (const n of notes) {
      const os = NOTE_OWNER_OS[n.owner];
      if (os) return os;
      if (n.owner === 'GNU' && n.type === NT_GNU_ABI_TAG && n.desc.length >= 4) {
        const word = new FieldReader(n.desc, this.little).u32(0);
        return GNU_ABI_OS[word] ?? 'linux';
      }
    }
    return 'linux';
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
    if (!Number.isSafeInteger(addr) || !Number.isSafeInteger(length) || addr < 0 || length < 0) return null;
    const ranges: { vaddr: number; offset: number; filesz: number }[] = [];
    for (const p of this.progs) {
      if (p.type === PT_LOAD) ranges.push({ vaddr: p.vaddr, offset: p.offset, filesz: p.filesz });
    }
    // Relocatable objects have no segments; their allocated sections carry the addresses.
    if (ranges.length === 0) {
      for (const s of this.shdrs) {
        if (s.public.hasData && (s.flags & SHF_ALLOC) !== 0) {
          ranges.push({ vaddr: s.addr, offset: s.offset, filesz: s.size });
        }
      }
    }
    for (const r of ranges) {
      if (addr >= r.vaddr && addr - r.vaddr + length <= r.filesz) {
        const b = readUpTo(this.src, r.offset + (addr - r.vaddr), length);
        return b.length === length ? b : null;
      }
    }
    return null;
  }
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

function splitPath(s: string): string[] {
  return s.split(':').filter((p) => p !== '');
}
