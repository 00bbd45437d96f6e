// Contracts of the binary lens. Three layers, each reading only through the one below:
//   ByteSource (random access to the file's bytes; the CLI reads a file descriptor lazily, the
//   browser an ArrayBuffer) → BinaryFile (ELF / Mach-O / PE, format facts only) → GoFacts
//   (build info, pclntab, cgo markers) → the audit (linkage, glibc floor, verdict, BIN rules).
// Every reader validates every offset and size against the data before use and throws
// BinaryFormatError (never a RangeError or a hang) on malformed input.

/** Random access to a file's bytes. Reads past the end return fewer bytes, never throw. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end of the file; empty past it). */
  read(offset: number, length: number): Uint8Array;
}

export class BinaryFormatError extends Error {
  constructor(
    message: string,
    /** File offset where the problem was found, when known. */
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} (at offset 0x${offset.toString(16)})`);
    this.name = 'BinaryFormatError';
  }
}

/** Wraps an in-memory buffer (tests, the browser, stdin). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      if (offset < 0 || offset >= bytes.length || length <= 0) return new Uint8Array(0);
      return bytes.subarray(offset, Math.min(bytes.length, offset + length));
    },
  };
}

export type BinaryFormat = 'elf' | 'macho' | 'pe';

/** GOARCH-style names: amd64, 386, arm, arm64, s390x, ppc64le, ppc64, riscv64, mips..., loong64, wasm. */
export type Arch = string;

export interface Section {
  name: string;
  /** Virtual address. */
  addr: number;
  /** File offset of the contents (0 with size 0 for sections without file data, e.g. .bss). */
  offset: number;
  size: number;
  /** Section occupies file bytes (not NOBITS / zero-fill). */
  hasData: boolean;
  writable: boolean;
  executable: boolean;
  /** ELF sh_type / Mach-O flags / PE characteristics, raw. */
  rawType: number;
  /** Mach-O: the segment the section belongs to (`__TEXT`, `__DATA`, `__DATA_CONST`). */
  segment?: string;
}

export interface Segment {
  /** ELF p_type (PT_LOAD = 1, PT_INTERP = 3, PT_NOTE = 4, PT_GNU_RELRO, PT_GNU_STACK...). */
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  readable: boolean;
  writable: boolean;
  executable: boolean;
}

export interface SymbolEntry {
  name: string;
  value: number;
  size: number;
  /** Defined in this file (not an undefined import). */
  defined: boolean;
  /** ELF: weak binding. */
  weak: boolean;
  /** ELF dynamic symbols: the version name (`GLIBC_2.34`) from .gnu.version + verneed, when any. */
  version?: string;
  /** ELF: the library that provides the version (from verneed), when known. */
  versionFile?: string;
  /** ELF dynamic symbols: the .gnu.version entry has the hidden bit (0x8000); set only when true. */
  versionHidden?: boolean;
}

export interface VersionNeed {
  /** The library file named by the need (`libc.so.6`). */
  file: string;
  versions: { name: string; weak: boolean; hidden: boolean }[];
}

/** Format-level facts shared by ELF, Mach-O and PE. Fields a format lacks are null/empty. */
export interface BinaryFile {
  format: BinaryFormat;
  /** GOOS-style guess from the format (linux/freebsd... from ELF OSABI and notes, darwin, windows). */
  os: string | null;
  arch: Arch | null;
  bits: 32 | 64;
  endian: 'little' | 'big';
  sections: Section[];
  segments: Segment[];
  /** The section with this name (first match), or undefined. */
  section(name: string): Section | undefined;
  /** Bytes of a section (bounded by the file; `max` caps the read for huge sections). */
  sectionData(s: Section, max?: number): Uint8Array;
  /** Reads `length` bytes at a virtual address mapped by a section or segment with file data; null when unmapped. */
  readVirtual(addr: number, length: number): Uint8Array | null;
  /** Full symbol table (.symtab / LC_SYMTAB / COFF); empty when stripped. Computed lazily. */
  symbols(): SymbolEntry[];
  /** Dynamic symbols (.dynsym) with versions; empty for non-ELF or static files. Lazy. */
  dynamicSymbols(): SymbolEntry[];
  elf?: ElfExtras;
  macho?: {
    fileType: number;
    isFat: boolean;
    flags: number;
    pie: boolean;
    minOs?: string;
    /** cputype from the Mach-O header. */
    cpuType?: number;
    /** Platform from LC_BUILD_VERSION / LC_VERSION_MIN_*: macos, ios, iossimulator, tvos, watchos, maccatalyst... */
    platform?: string;
    /** SDK version from the same load command. */
    sdk?: string;
    /** LC_LOAD_DYLIB (and weak/reexport/lazy/upward) install names, in load order. */
    dylibs?: string[];
    /** Fat files: the arch of every slice (null when unknown), in file order. */
    fatArches?: (Arch | null)[];
  };
  pe?: {
    machine: number;
    characteristics: number;
    dllCharacteristics: number;
    subsystem: number;
    imports: string[];
    /** Optional header ImageBase (0 without an optional header). */
    imageBase?: number;
  };
}

export interface ElfExtras {
  /** e_type: 2 EXEC, 3 DYN, 1 REL, 4 CORE. */
  type: number;
  machine: number;
  osabi: number;
  /** PT_INTERP string, null when absent. */
  interpreter: string | null;
  needed: string[];
  rpath: string[];
  runpath: string[];
  /** DT_FLAGS_1 (DF_1_PIE = 0x08000000, DF_1_NOW...), 0 when absent. */
  flags1: number;
  /** DT_FLAGS (DF_BIND_NOW = 0x8). */
  flags: number;
  /** DT_BIND_NOW present, or DF_BIND_NOW / DF_1_NOW. */
  bindNow: boolean;
  /** From .gnu.version_r, or DT_VERNEED/DT_VERNEEDNUM when section headers are missing. */
  versionNeeds: VersionNeed[];
  /** Note entries (owner, type, descriptor bytes) from SHT_NOTE sections or PT_NOTE segments. */
  notes: { owner: string; type: number; desc: Uint8Array }[];
  hasRelro: boolean;
  /** PT_GNU_STACK present and not executable. */
  nxStack: boolean;
  /**
   * Set when the section header table was there but unusable (a missing one is not a problem):
   * unreadable — then `sections` is empty and the dynamic, version and note facts come from the
   * program headers — or with a bad section-name table (then sections keep empty names).
   */
  sectionHeaderProblem?: string;
}
