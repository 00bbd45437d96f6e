// The audit model of one binary: every fact the BIN rules and the JSON report need, decided
// from the file (format facts) and the Go facts, following the catalog's decision rules ("Lens:
// binary"). Linkage and PIE-ness come from the file, never from the recorded -buildmode; cgo
// from markers, never from CGO_ENABLED.

import type { GoFacts, GoModule } from '../go-types.js';
import type { BinaryFile, BinaryFormat, ByteSource, Section } from '../types.js';
import { glibcFloor, hasGlibcNeeds, isStandardInterpreter, type Libc, libcOfInterpreter } from './libc.js';
import { findStrings, type Range } from './strings.js';

export type Linkage = 'static' | 'static-pie' | 'dynamic' | 'pie' | 'shared-library';

export interface AuditModel {
  /** Display path (`-` for stdin). */
  file: string;
  bin: BinaryFile;
  facts: GoFacts;
  format: BinaryFormat;
  goos: string | null;
  goarch: string | null;
  goVersion: string | null;
  versionSource: GoFacts['versionSource'];
  versionRange: string | null;
  /** Main package path (`path` line of the build info). */
  path: string | null;
  module: GoModule | null;
  deps: GoModule[];
  /** Build settings as recorded (the last value of a repeated key). */
  settings: Record<string, string>;
  cgo: boolean;
  cgoEvidence: string[];
  /** Linked by an external (C) linker; null when the format gives no evidence either way. */
  externalLink: boolean | null;
  externalLinkEvidence: string[];
  linkage: Linkage | null;
  pie: boolean;
  interpreter: string | null;
  /** Whether the interpreter is the standard path for the libc it needs; null without one. */
  interpreterStandard: boolean | null;
  needed: string[];
  rpath: string[];
  runpath: string[];
  /** The C library the binary needs at run time, or contains (static glibc); null when none or unknown. */
  libc: Libc | null;
  libcEvidence: string[];
  staticGlibc: boolean;
  staticGlibcEvidence: string[];
  glibcMax: string | null;
  glibcSymbols: string[];
  glibcVersions: string[];
  stripped: boolean;
  dwarf: boolean;
  relro: 'full' | 'partial' | 'none' | null;
  nx: boolean | null;
  /** pclntab function names (survive stripping); null without a readable pclntab. */
  functions(): string[] | null;
  /** Names in .symtab and .dynsym (or the Mach-O / COFF tables), defined or not. */
  symbolNames(): Set<string>;
}

const ET_EXEC = 2;
const ET_DYN = 3;
const DF_1_PIE = 0x08000000;
const NT_GNU_ABI_TAG = 1;
const MH_EXECUTE = 2;
const MH_DYLIB = 6;
const MH_BUNDLE = 8;
const MH_ALLOW_STACK_EXECUTION = 0x20000;
const IMAGE_FILE_DLL = 0x2000;
const IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x40;
const IMAGE_DLLCHARACTERISTICS_NX_COMPAT = 0x100;

/** Strings only a statically linked glibc carries (never /etc/nsswitch.conf: Go's resolver has it). */
export const STATIC_GLIBC_STRINGS = ['GLIBC_PRIVATE', 'libnss_%s.so', '_nss_%s_%s'] as const;

export function buildModel(src: ByteSource, bin: BinaryFile, facts: GoFacts, file: string): AuditModel {
  const info = facts.buildInfo;
  const settings: Record<string, string> = {};
  for (const s of info?.settings ?? []) settings[s.key] = s.value;
  const elf = bin.elf;

  const interpreter = elf?.interpreter ?? null;
  const needed = elf ? [...elf.needed] : bin.pe ? [...bin.pe.imports] : [...(bin.macho?.dylibs ?? [])];
  const linkage = linkageOf(bin);
  const external = externalLinkOf(bin);
  const staticGlibc = elf && !interpreter && elf.needed.length === 0 ? staticGlibcOf(src, bin) : [];
  const floor = elf ? glibcFloor(bin, elf) : null;
  const libc = elf ? libcOf(bin, staticGlibc.length > 0, external.external === true, facts.cgo.linked) : null;

  let symbolNames: Set<string> | undefined;
  const model: AuditModel = {
    file,
    bin,
    facts,
    format: bin.format,
    goos: settings.GOOS ?? bin.os ?? null,
    goarch: settings.GOARCH ?? bin.arch ?? null,
    goVersion: facts.goVersion,
    versionSource: facts.versionSource,
    versionRange: facts.versionRange,
    path: info?.path ?? null,
    module: info?.main ?? null,
    deps: info?.deps ?? [],
    settings,
    cgo: facts.cgo.linked,
    cgoEvidence: facts.cgo.evidence,
    externalLink: external.external,
    externalLinkEvidence: external.evidence,
    linkage,
    pie: linkage === 'pie' || linkage === 'static-pie',
    interpreter,
    interpreterStandard:
      interpreter === null
        ? null
        : libc !== null &&
          libc.libc !== null &&
          isStandardInterpreter(interpreter, libc.libc, bin.arch ?? null),
    needed,
    rpath: elf ? [...elf.rpath] : [],
    runpath: elf ? [...elf.runpath] : [],
    libc: libc?.libc ?? null,
    libcEvidence: libc?.evidence ?? [],
    staticGlibc: staticGlibc.length > 0,
    staticGlibcEvidence: staticGlibc,
    glibcMax: floor?.max ?? null,
    glibcSymbols: floor?.symbols ?? [],
    glibcVersions: floor?.versions ?? [],
    stripped: strippedOf(bin),
    dwarf: bin.sections.some((s) => /^(\.|__)z?debug_info$/.test(s.name)),
    relro: elf ? (elf.hasRelro ? (elf.bindNow ? 'full' : 'partial') : 'none') : null,
    nx: nxOf(bin),
    functions: () => facts.functions(),
    symbolNames: () => {
      if (!symbolNames) {
        symbolNames = new Set<string>();
        for (const s of bin.symbols()) symbolNames.add(s.name);
        for (const s of bin.dynamicSymbols()) symbolNames.add(s.name);
      }
      return symbolNames;
    },
  };
  return model;
}

/** static / static-pie / dynamic / pie / shared-library, from the file alone. */
export function linkageOf(bin: BinaryFile): Linkage | null {
  if (bin.elf) {
    const { type, interpreter, flags1 } = bin.elf;
    if (type === ET_EXEC) return interpreter ? 'dynamic' : 'static';
    if (type === ET_DYN) {
      if (interpreter) return 'pie';
      return (flags1 & DF_1_PIE) !== 0 ? 'static-pie' : 'shared-library';
    }
    return null;
  }
  if (bin.macho) {
    const t = bin.macho.fileType;
    if (t === MH_EXECUTE) return bin.macho.pie ? 'pie' : 'dynamic';
    if (t === MH_DYLIB || t === MH_BUNDLE) return 'shared-library';
    return null;
  }
  if (bin.pe) {
    if ((bin.pe.characteristics & IMAGE_FILE_DLL) !== 0) return 'shared-library';
    if ((bin.pe.dllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) !== 0) return 'pie';
    return bin.pe.imports.length > 0 ? 'dynamic' : 'static';
  }
  return null;
}

/**
 * External link: a `.comment` naming GCC/clang, an `.init_array` section or a `.note.ABI-tag`
 * note; otherwise internal. (musl-gcc links have no GNU build-id, so that is no evidence.)
 * Mach-O and PE: not decided yet (null).
 */
function externalLinkOf(bin: BinaryFile): { external: boolean | null; evidence: string[] } {
  if (!bin.elf) return { external: null, evidence: [] };
  const evidence: string[] = [];
  const comment = bin.section('.comment');
  if (comment?.hasData) {
    const text = latin1(bin.sectionData(comment, 4096));
    const m = /(GCC: [^\0]*|[^\0]*clang version [^\0]*)/.exec(text);
    if (m) evidence.push(`.comment: ${m[1].trim()}`);
  }
  if (bin.section('.init_array')) evidence.push('.init_array section');
  if (hasAbiTag(bin)) evidence.push('.note.ABI-tag note');
  return { external: evidence.length > 0, evidence };
}

function hasAbiTag(bin: BinaryFile): boolean {
  if (bin.section('.note.ABI-tag')) return true;
  return bin.elf?.notes.some((n) => n.owner === 'GNU' && n.type === NT_GNU_ABI_TAG) ?? false;
}

/**
 * Static glibc: no PT_INTERP (checked by the caller) plus a `.note.ABI-tag` note or one of the
 * strings only a static glibc carries. Returns the evidence (empty: not static glibc).
 */
function staticGlibcOf(src: ByteSource, bin: BinaryFile): string[] {
  const evidence: string[] = [];
  if (hasAbiTag(bin)) evidence.push('.note.ABI-tag note');
  const found = findStrings(src, readOnlyDataRanges(bin), STATIC_GLIBC_STRINGS);
  for (const s of STATIC_GLIBC_STRINGS) if (found.has(s)) evidence.push(`string "${s}"`);
  return evidence;
}

/** The file ranges a C library's string constants live in. */
function readOnlyDataRanges(bin: BinaryFile): Range[] {
  const wanted = (s: Section) =>
    s.hasData && !s.executable && /^\.(rodata|data\.rel\.ro|data)(\.|$)/.test(s.name) && s.size > 0;
  const sections = bin.sections.filter(wanted);
  if (sections.length > 0) return sections.map((s) => ({ offset: s.offset, size: s.size }));
  // No section headers: the non-executable loadable segments.
  return bin.segments
    .filter((p) => p.type === 1 && !p.executable && p.filesz > 0)
    .map((p) => ({ offset: p.offset, size: p.filesz }));
}

/** Which libc the ELF file needs at run time (or contains), with the evidence. */
function libcOf(
  bin: BinaryFile,
  staticGlibc: boolean,
  external: boolean,
  cgo: boolean,
): { libc: Libc | null; evidence: string[] } {
  const elf = bin.elf!;
  if (staticGlibc) return { libc: 'glibc', evidence: ['statically linked glibc'] };
  const interp = elf.interpreter;
  const glibcNeeds = hasGlibcNeeds(elf);
  if (glibcNeeds) return { libc: 'glibc', evidence: ['GLIBC_* version needs'] };
  const muslNeeded = elf.needed.find((n) => /^libc\.musl-[^/]*\.so\.1$/.test(n));
  if (muslNeeded) return { libc: 'musl', evidence: [`needs ${muslNeeded}`] };
  const byInterp = interp ? libcOfInterpreter(interp) : null;
  if (byInterp === 'musl') return { libc: 'musl', evidence: [`interpreter ${interp}`] };
  if (elf.needed.includes('libc.so.6')) return { libc: 'glibc', evidence: ['needs libc.so.6'] };
  if (elf.needed.includes('libc.so')) {
    // musl-gcc on a glibc host links against `libc.so`; glibc's soname is libc.so.6 and a glibc
    // link always has GLIBC_* version needs.
    return { libc: 'musl', evidence: ['needs libc.so without any GLIBC_* version need'] };
  }
  if (byInterp === 'glibc') return { libc: 'glibc', evidence: [`interpreter ${interp}`] };
  if (!interp && elf.needed.length === 0 && external && cgo) {
    return {
      libc: 'musl',
      evidence: ['C code linked statically by an external linker without any glibc marker (presumably musl)'],
    };
  }
  return { libc: null, evidence: [] };
}

function strippedOf(bin: BinaryFile): boolean {
  if (bin.elf) return !bin.sections.some((s) => s.name === '.symtab');
  return bin.symbols().length === 0;
}

function nxOf(bin: BinaryFile): boolean | null {
  if (bin.elf) return bin.elf.nxStack;
  if (bin.pe) return (bin.pe.dllCharacteristics & IMAGE_DLLCHARACTERISTICS_NX_COMPAT) !== 0;
  if (bin.macho) return (bin.macho.flags & MH_ALLOW_STACK_EXECUTION) === 0;
  return null;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
