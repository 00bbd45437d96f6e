// Mach-O reader: thin 32/64-bit files in either byte order, and fat (universal) files with
// 32- or 64-bit arch tables, of which one slice is opened.
//
// openMachO reads the header and the load commands (segments with their sections, LC_SYMTAB's
// location, dylibs, the platform's minimum OS); the symbol table is read on first use.

import {
  checkRange,
  FieldReader,
  fieldsAt,
  guard,
  MAX_TABLE_ENTRIES,
  readUpTo,
  StringTable,
  subSource,
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

// Magic numbers, as the first four bytes read big-endian.
export const MH_MAGIC = 0xfeedface;
export const MH_CIGAM = 0xcefaedfe;
export const MH_MAGIC_64 = 0xfeedfacf;
export const MH_CIGAM_64 = 0xcffaedfe;
export const FAT_MAGIC = 0xcafebabe;
export const FAT_MAGIC_64 = 0xcafebabf;

// Load commands.
export const LC_SEGMENT = 0x1;
export const LC_SYMTAB = 0x2;
export const LC_LOAD_DYLIB = 0xc;
export const LC_SEGMENT_64 = 0x19;
export const LC_LAZY_LOAD_DYLIB = 0x20;
export const LC_VERSION_MIN_MACOSX = 0x24;
export const LC_VERSION_MIN_IPHONEOS = 0x25;
export const LC_VERSION_MIN_TVOS = 0x2f;
export const LC_VERSION_MIN_WATCHOS = 0x30;
export const LC_BUILD_VERSION = 0x32;
export const LC_LOAD_WEAK_DYLIB = 0x80000018;
export const LC_REEXPORT_DYLIB = 0x8000001f;
export const LC_LOAD_UPWARD_DYLIB = 0x80000023;

const DYLIB_COMMANDS = new Set([
  LC_LOAD_DYLIB,
  LC_LOAD_WEAK_DYLIB,
  LC_REEXPORT_DYLIB,
  LC_LAZY_LOAD_DYLIB,
  LC_LOAD_UPWARD_DYLIB,
]);

/** Header flag: the executable is position independent. */
export const MH_PIE = 0x200000;

const VM_PROT_READ = 0x1;
const VM_PROT_WRITE = 0x2;
const VM_PROT_EXECUTE = 0x4;

// Section types (flags & SECTION_TYPE) without file data, and instruction attributes.
const SECTION_TYPE = 0xff;
const ZEROFILL_TYPES = new Set([0x1, 0xc, 0x12]);
const S_ATTR_PURE_INSTRUCTIONS = 0x80000000;
const S_ATTR_SOME_INSTRUCTIONS = 0x400;

// nlist n_type / n_desc.
const N_STAB = 0xe0;
const N_TYPE = 0x0e;
const N_UNDF = 0x0;
const N_WEAK_REF = 0x40;
const N_WEAK_DEF = 0x80;

/** Largest load-command area accepted (real ones are a few KiB). */
const MAX_LOAD_COMMANDS_BYTES = 16 * 1024 * 1024;
/** Fat headers with more archs than this are Java class files (same magic), as file(1) decides. */
const MAX_FAT_ARCHS = 30;
const SYMBOL_CHUNK = 4096;

const CPU_ARCH_ABI64 = 0x01000000;
const CPU_TYPES: Record<number, Arch> = {
  7: '386',
  [7 | CPU_ARCH_ABI64]: 'amd64',
  12: 'arm',
  [12 | CPU_ARCH_ABI64]: 'arm64',
  18: 'ppc',
  [18 | CPU_ARCH_ABI64]: 'ppc64',
};

const PLATFORMS: Record<number, string> = {
  1: 'macos',
  2: 'ios',
  3: 'tvos',
  4: 'watchos',
  5: 'bridgeos',
  6: 'maccatalyst',
  7: 'iossimulator',
  8: 'tvossimulator',
  9: 'watchossimulator',
  10: 'driverkit',
  11: 'visionos',
  12: 'visionossimulator',
};

const VERSION_MIN_PLATFORMS: Record<number, string> = {
  [LC_VERSION_MIN_MACOSX]: 'macos',
  [LC_VERSION_MIN_IPHONEOS]: 'ios',
  [LC_VERSION_MIN_TVOS]: 'tvos',
  [LC_VERSION_MIN_WATCHOS]: 'watchos',
};

export function machoArch(cputype: number): Arch | null {
  return CPU_TYPES[cputype] ?? null;
}

/** True when the first four bytes (read big-endian) are a thin or fat Mach-O magic. */
export function isMachOMagic(magic: number): boolean {
  return (
    magic === MH_MAGIC ||
    magic === MH_CIGAM ||
    magic === MH_MAGIC_64 ||
    magic === MH_CIGAM_64 ||
    magic === FAT_MAGIC ||
    magic === FAT_MAGIC_64
  );
}

export interface MachOOptions {
  /** Fat files: open the slice of this arch; otherwise (or when absent) the first slice. */
  preferArch?: Arch;
}

/** One entry of a fat header's arch table. */
export interface FatArch {
  cputype: number;
  cpusubtype: number;
  offset: number;
  size: number;
  align: number;
  arch: Arch | null;
}

/**
 * Opens a thin or fat Mach-O file. Null only for a FAT_MAGIC header whose arch count says it
 * is a Java class file (the two share the magic 0xcafebabe).
 */
export function openMachO(src: ByteSource, options: MachOOptions = {}): BinaryFile | null {
  return guard('Mach-O', () => {
    const magic = fieldsAt(src, 0, 4, false, 'Mach-O magic').u32(0);
    if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) return new MachOFile(src, null);
    const archs = readFatArchs(src, magic === FAT_MAGIC_64);
    if (archs === null) return null;
    const i = Math.max(
      0,
      archs.findIndex((a) => options.preferArch !== undefined && a.arch === options.preferArch),
    );
    const chosen = archs[i]!;
    try {
      return new MachOFile(
        subSource(src, chosen.offset, chosen.size),
        archs.map((a) => a.arch),
      );
    } catch (e) {
      if (!(e instanceof BinaryFormatError)) throw e;
      const message = e.message.replace(/ \(at offset 0x[0-9a-f]+\)$/, '');
      throw new BinaryFormatError(
        `fat slice ${i} (${chosen.arch ?? `cputype ${chosen.cputype}`}): ${message}`,
        chosen.offset + (e.offset ?? 0),
      );
    }
  });
}

/** The arch table of a fat file; null when the count says Java class file. */
export function readFatArchs(src: ByteSource, is64: boolean): FatArch[] | null {
  const nfat = fieldsAt(src, 0, 8, false, 'fat header').u32(4);
  if (!is64 && nfat > MAX_FAT_ARCHS) return null;
  if (nfat === 0) throw new BinaryFormatError('fat file with no architectures', 4);
  const entsize = is64 ? 32 : 20;
  if (nfat > MAX_TABLE_ENTRIES) throw new BinaryFormatError(`too many fat architectures (${nfat})`, 4);
  const r = fieldsAt(src, 8, nfat * entsize, false, 'fat arch table');
  const tableEnd = 8 + nfat * entsize;
  const out: FatArch[] = [];
  for (let i = 0; i < nfat; i++) {
    const o = i * entsize;
    const cputype = r.u32(o);
    const a: FatArch = {
      cputype,
      cpusubtype: r.u32(o + 4),
      offset: is64 ? r.u64(o + 8, 'fat arch offset') : r.u32(o + 8),
      size: is64 ? r.u64(o + 16, 'fat arch size') : r.u32(o + 12),
      align: is64 ? r.u32(o + 24) : r.u32(o + 16),
      arch: machoArch(cputype),
    };
    if (a.offset < tableEnd) {
      throw new BinaryFormatError(`fat arch ${i} slice overlaps the fat header`, 8 + o);
    }
    checkRange(src, a.offset, a.size, `fat arch ${i} slice`);
    out.push(a);
  }
  return out;
}

interface MachOHeader {
  magic: number;
  is64: boolean;
  little: boolean;
  cputype: number;
  cpusubtype: number;
  filetype: number;
  ncmds: number;
  sizeofcmds: number;
  flags: number;
}

interface SymtabCommand {
  /** File offset of the command. */
  at: number;
  symoff: number;
  nsyms: number;
  stroff: number;
  strsize: number;
}

function readMachOHeader(src: ByteSource): MachOHeader {
  const magic = fieldsAt(src, 0, 4, false, 'Mach-O magic').u32(0);
  let is64: boolean;
  let little: boolean;
  switch (magic) {
    case MH_MAGIC:
      [is64, little] = [false, false];
      break;
    case MH_CIGAM:
      [is64, little] = [false, true];
      break;
    case MH_MAGIC_64:
      [is64, little] = [true, false];
      break;
    case MH_CIGAM_64:
      [is64, little] = [true, true];
      break;
    default:
      throw new BinaryFormatError(`bad Mach-O magic 0x${magic.toString(16)}`, 0);
  }
  const r = fieldsAt(src, 0, is64 ? 32 : 28, little, 'Mach-O header');
  return {
    magic,
    is64,
    little,
    cputype: r.u32(4),
    cpusubtype: r.u32(8),
    filetype: r.u32(12),
    ncmds: r.u32(16),
    sizeofcmds: r.u32(20),
    flags: r.u32(24),
  };
}

class MachOFile implements BinaryFile {
  readonly format = 'macho' as const;
  readonly os: string;
  readonly arch: Arch | null;
  readonly bits: 32 | 64;
  readonly endian: 'little' | 'big';
  readonly sections: Section[] = [];
  readonly segments: Segment[] = [];
  readonly macho: NonNullable<BinaryFile['macho']>;

  private readonly src: ByteSource;
  private readonly is64: boolean;
  private readonly little: boolean;
  private symtab: SymtabCommand | null = null;
  private symbolCache: SymbolEntry[] | null = null;

  constructor(src: ByteSource, fatArches: (Arch | null)[] | null) {
    this.src = src;
    const h = readMachOHeader(src);
    this.is64 = h.is64;
    this.little = h.little;
    this.bits = h.is64 ? 64 : 32;
    this.endian = h.little ? 'little' : 'big';
    this.arch = machoArch(h.cputype);
    this.macho = {
      fileType: h.filetype,
      isFat: fatArches !== null,
      flags: h.flags,
      pie: (h.flags & MH_PIE) !== 0,
      cpuType: h.cputype,
      dylibs: [],
    };
    if (fatArches) this.macho.fatArches = fatArches;
    this.readLoadCommands(h);
    const platform = this.macho.platform;
    this.os = platform === 'ios' || platform === 'iossimulator' ? 'ios' : 'darwin';
  }

  private readLoadCommands(h: MachOHeader): void {
    const start = h.is64 ? 32 : 28;
    if (h.sizeofcmds > MAX_LOAD_COMMANDS_BYTES) {
      throw new BinaryFormatError(`sizeofcmds ${h.sizeofcmds} is too large`, 20);
    }
    if (h.ncmds > h.sizeofcmds / 8) {
      throw new BinaryFormatError(`${h.ncmds} load commands cannot fit in ${h.sizeofcmds} bytes`, 16);
    }
    const r = fieldsAt(this.src, start, h.sizeofcmds, h.little, 'load commands');
    let off = 0;
    for (let i = 0; i < h.ncmds; i++) {
      const at = start + off;
      if (off + 8 > h.sizeofcmds) throw new BinaryFormatError(`load command ${i} runs past sizeofcmds`, at);
      const cmd = r.u32(off);
      const cmdsize = r.u32(off + 4);
      if (cmdsize < 8 || cmdsize > h.sizeofcmds - off) {
        throw new BinaryFormatError(`load command ${i} has bad size ${cmdsize}`, at);
      }
      const c = new FieldReader(r.slice(off, cmdsize), h.little, at);
      if (cmd === LC_SEGMENT || cmd === LC_SEGMENT_64) this.readSegment(c, cmd);
      else if (cmd === LC_SYMTAB) this.readSymtabCommand(c);
      else if (DYLIB_COMMANDS.has(cmd)) this.macho.dylibs!.push(lcString(c, c.u32(8, 'dylib name offset')));
      else if (cmd === LC_BUILD_VERSION) {
        this.setPlatform(PLATFORMS[c.u32(8)] ?? `platform ${c.u32(8)}`, c.u32(12), c.u32(16));
      } else if (VERSION_MIN_PLATFORMS[cmd] !== undefined && this.macho.platform === undefined) {
        this.setPlatform(VERSION_MIN_PLATFORMS[cmd]!, c.u32(8), c.u32(12));
      }
      off += cmdsize;
    }
  }

  private setPlatform(platform: string, minos: number, sdk: number): void {
    this.macho.platform = platform;
    this.macho.minOs = formatVersion(minos);
    this.macho.sdk = formatVersion(sdk);
  }

  private readSegment(c: FieldReader, cmd: number): void {
    const is64 = cmd === LC_SEGMENT_64;
    const name = c.fixedString(8, 16, 'segname');
    const vmaddr = is64 ? c.u64Lossy(24) : c.u32(24);
    const vmsize = is64 ? c.u64Lossy(32) : c.u32(28);
    const fileoff = is64 ? c.u64(40, 'segment fileoff') : c.u32(32);
    const filesize = is64 ? c.u64(48, 'segment filesize') : c.u32(36);
    const initprot = c.u32(is64 ? 60 : 44);
    const nsects = c.u32(is64 ? 64 : 48);
    const headerSize = is64 ? 72 : 56;
    const sectSize = is64 ? 80 : 68;
    if (nsects > (c.length - headerSize) / sectSize) {
      throw new BinaryFormatError(`segment ${name}: ${nsects} sections do not fit its load command`, c.base);
    }
    if (this.sections.length + nsects > MAX_TABLE_ENTRIES) {
      throw new BinaryFormatError('too many sections', c.base);
    }
    this.segments.push({
      type: cmd,
      offset: fileoff,
      vaddr: vmaddr,
      filesz: filesize,
      memsz: vmsize,
      readable: (initprot & VM_PROT_READ) !== 0,
      writable: (initprot & VM_PROT_WRITE) !== 0,
      executable: (initprot & VM_PROT_EXECUTE) !== 0,
    });
    for (let j = 0; j < nsects; j++) {
      const o = headerSize + j * sectSize;
      const flags = c.u32(o + (is64 ? 64 : 56));
      const hasData = !ZEROFILL_TYPES.has(flags & SECTION_TYPE);
      const rawSize = is64 ? c.u64Lossy(o + 40) : c.u32(o + 36);
      if (hasData && !Number.isSafeInteger(rawSize)) {
        throw new BinaryFormatError(`section ${j} of ${name}: size ${rawSize} is too large`, c.base + o);
      }
      const offset = c.u32(o + (is64 ? 48 : 40));
      this.sections.push({
        name: c.fixedString(o, 16, 'sectname'),
        segment: c.fixedString(o + 16, 16, 'segname'),
        addr: is64 ? c.u64Lossy(o + 32) : c.u32(o + 32),
        offset: hasData ? offset : 0,
        size: hasData ? rawSize : 0,
        hasData,
        writable: (initprot & VM_PROT_WRITE) !== 0,
        executable: (flags & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS)) !== 0,
        rawType: flags,
      });
    }
  }

  private readSymtabCommand(c: FieldReader): void {
    this.symtab = {
      at: c.base,
      symoff: c.u32(8, 'symoff'),
      nsyms: c.u32(12, 'nsyms'),
      stroff: c.u32(16, 'stroff'),
      strsize: c.u32(20, 'strsize'),
    };
  }

  // ---- BinaryFile ----------------------------------------------------------------------

  /** By section name (`__gopclntab`) or `segment,section` (`__DATA,__go_buildinfo`). */
  section(name: string): Section | undefined {
    const comma = name.indexOf(',');
    if (comma >= 0) {
      const seg = name.slice(0, comma);
      const sect = name.slice(comma + 1);
      return this.sections.find((s) => s.segment === seg && s.name === sect);
    }
    return this.sections.find((s) => s.name === name);
  }

  sectionData(s: Section, max?: number): Uint8Array {
    if (!s.hasData || s.size === 0) return new Uint8Array(0);
    const n = max === undefined ? s.size : Math.max(0, Math.min(s.size, max));
    return readUpTo(this.src, s.offset, n);
  }

  readVirtual(addr: number, length: number): Uint8Array | null {
    if (!Number.isSafeInteger(addr) || !Number.isSafeInteger(length) || addr < 0 || length < 0) return null;
    for (const seg of this.segments) {
      if (seg.filesz === 0 || !Number.isSafeInteger(seg.vaddr)) continue;
      if (addr >= seg.vaddr && addr - seg.vaddr + length <= seg.filesz) {
        const b = readUpTo(this.src, seg.offset + (addr - seg.vaddr), length);
        return b.length === length ? b : null;
      }
    }
    return null;
  }

  symbols(): SymbolEntry[] {
    this.symbolCache ??= guard('Mach-O symbol table', () => this.readSymbols());
    return this.symbolCache;
  }

  dynamicSymbols(): SymbolEntry[] {
    return [];
  }

  private readSymbols(): SymbolEntry[] {
    const st = this.symtab;
    if (!st || st.nsyms === 0) return [];
    const entsize = this.is64 ? 16 : 12;
    checkRange(this.src, st.symoff, st.nsyms * entsize, 'LC_SYMTAB symbols');
    const strings = new StringTable(this.src, st.stroff, st.strsize, 'LC_SYMTAB strings');
    const out: SymbolEntry[] = [];
    for (let first = 0; first < st.nsyms; first += SYMBOL_CHUNK) {
      const n = Math.min(SYMBOL_CHUNK, st.nsyms - first);
      const off = st.symoff + first * entsize;
      const r = fieldsAt(this.src, off, n * entsize, this.little, 'LC_SYMTAB symbols');
      for (let k = 0; k < n; k++) {
        const o = k * entsize;
        const type = r.u8(o + 4);
        if ((type & N_STAB) !== 0) continue; // debugging entries
        const strx = r.u32(o);
        const desc = r.u16(o + 6);
        out.push({
          name: strx === 0 ? '' : strings.get(strx),
          value: this.is64 ? r.u64Lossy(o + 8) : r.u32(o + 8),
          size: 0,
          defined: (type & N_TYPE) !== N_UNDF,
          weak: (desc & (N_WEAK_REF | N_WEAK_DEF)) !== 0,
        });
      }
    }
    return out;
  }
}

/** An lc_str: a NUL-terminated string at `offset` inside its load command. */
function lcString(c: FieldReader, offset: number): string {
  if (offset >= c.length)
    throw new BinaryFormatError(`string offset ${offset} lies past its load command`, c.base);
  return c.cstring(offset);
}

/** Mach-O's packed version xxxx.yy.zz → `11.0` or `10.13.6`. */
function formatVersion(v: number): string {
  const major = v >>> 16;
  const minor = (v >>> 8) & 0xff;
  const patch = v & 0xff;
  return patch === 0 ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
}
