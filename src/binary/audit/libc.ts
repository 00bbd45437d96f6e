// The C library side of an ELF file: which libc it needs (glibc or musl), whether its program
// interpreter is the standard one for that libc on its architecture, and its glibc floor — the
// highest GLIBC_x.y version it needs, and which symbols need it (catalog, "Lens: binary").

import { compareGlibc } from '../../core/images.js';
import type { BinaryFile, ElfExtras } from '../types.js';

export type Libc = 'glibc' | 'musl';

/**
 * glibc's program interpreters by GOARCH. The catalog's list, plus the paths Go's own linker
 * writes when it links internally (cmd/link/internal/<arch>/obj.go `Linuxdynld`): arm
 * `/lib/ld-linux.so.3` (EABI soft-float, still installed on armhf distributions for it) and
 * s390x `/lib64/ld64.so.1`. riscv64's `/lib/ld.so.1` from Go's linker is deliberately not here:
 * no major distribution has it (golang/go#77209).
 */
export const GLIBC_INTERPRETERS: Readonly<Record<string, readonly string[]>> = {
  amd64: ['/lib64/ld-linux-x86-64.so.2'],
  arm64: ['/lib/ld-linux-aarch64.so.1'],
  arm: ['/lib/ld-linux-armhf.so.3', '/lib/ld-linux.so.3'],
  '386': ['/lib/ld-linux.so.2'],
  ppc64le: ['/lib64/ld64.so.2'],
  ppc64: ['/lib64/ld64.so.1'],
  s390x: ['/lib/ld64.so.1', '/lib64/ld64.so.1'],
  riscv64: ['/lib/ld-linux-riscv64-lp64d.so.1'],
  loong64: ['/lib64/ld-linux-loongarch-lp64d.so.1'],
  mips64: ['/lib64/ld.so.1'],
  mips64le: ['/lib64/ld.so.1'],
  mips: ['/lib/ld.so.1'],
  mipsle: ['/lib/ld.so.1'],
};

/** musl's `/lib/ld-musl-<arch>.so.1` names by GOARCH (musl's arch names, with float-ABI suffixes). */
const MUSL_ARCH: Readonly<Record<string, readonly string[]>> = {
  amd64: ['x86_64'],
  arm64: ['aarch64'],
  arm: ['arm', 'armhf', 'armeb', 'armebhf'],
  '386': ['i386'],
  ppc64le: ['powerpc64le'],
  ppc64: ['powerpc64'],
  s390x: ['s390x'],
  riscv64: ['riscv64'],
  loong64: ['loongarch64'],
  mips64: ['mips64'],
  mips64le: ['mips64el'],
  mips: ['mips', 'mips-sf'],
  mipsle: ['mipsel', 'mipsel-sf'],
};

const MUSL_INTERPRETER = /^\/lib\/ld-musl-([a-z0-9_]+(?:-sf|-sp)?)\.so\.1$/;
const ALL_GLIBC_INTERPRETERS = new Set(Object.values(GLIBC_INTERPRETERS).flat());

/** The libc an interpreter path belongs to, by its name alone (any architecture); null when unknown. */
export function libcOfInterpreter(path: string): Libc | null {
  if (/\/ld-musl-[^/]*\.so\.1$/.test(path)) return 'musl';
  if (ALL_GLIBC_INTERPRETERS.has(path)) return 'glibc';
  if (/\/ld-linux[^/]*\.so\.\d+$|\/ld64\.so\.[12]$/.test(path)) return 'glibc';
  return null;
}

/** The standard interpreter paths of a libc on an architecture (empty when unknown). */
export function standardInterpreters(libc: Libc, arch: string | null): string[] {
  if (!arch) return [];
  if (libc === 'glibc') return [...(GLIBC_INTERPRETERS[arch] ?? [])];
  return (MUSL_ARCH[arch] ?? []).map((a) => `/lib/ld-musl-${a}.so.1`);
}

/** Whether `path` is the standard interpreter of `libc` for `arch`. */
export function isStandardInterpreter(path: string, libc: Libc, arch: string | null): boolean {
  if (libc === 'musl') {
    const m = MUSL_INTERPRETER.exec(path);
    return m !== null && arch !== null && (MUSL_ARCH[arch] ?? []).includes(m[1]);
  }
  return standardInterpreters('glibc', arch).includes(path);
}

// ---------------------------------------------------------------------------------------------
// glibc version needs

/** `GLIBC_ABI_DT_RELR` (DT_RELR relocations) exists since glibc 2.36. */
const ABI_MARKERS: Readonly<Record<string, string>> = { GLIBC_ABI_DT_RELR: '2.36' };

export interface GlibcFloor {
  /** Highest needed version (`2.34`), null when nothing versioned is needed. */
  max: string | null;
  /** Undefined dynamic symbols bound to the highest version (or the ABI marker that set it). */
  symbols: string[];
  /** Every needed version, ascending, deduplicated. */
  versions: string[];
  /** Every version name that counted, with the library file that names it. */
  needs: { name: string; version: string; file: string }[];
}

/**
 * The glibc floor from the version needs (any library file: libc, libm, libpthread, ld-linux...),
 * skipping weak needs and GLIBC_PRIVATE.
 */
export function glibcFloor(bin: BinaryFile, elf: ElfExtras): GlibcFloor {
  const needs: GlibcFloor['needs'] = [];
  for (const need of elf.versionNeeds) {
    for (const v of need.versions) {
      if (v.weak) continue;
      const version = glibcVersionOf(v.name);
      if (version) needs.push({ name: v.name, version, file: need.file });
    }
  }
  const versions = [...new Set(needs.map((n) => n.version))].sort(compareGlibc);
  const max = versions.length > 0 ? versions[versions.length - 1] : null;
  const symbols: string[] = [];
  if (max) {
    const names = new Set(needs.filter((n) => n.version === max).map((n) => n.name));
    const seen = new Set<string>();
    for (const s of bin.dynamicSymbols()) {
      if (s.defined || !s.version || !names.has(s.version) || seen.has(s.name)) continue;
      seen.add(s.name);
      symbols.push(s.name);
    }
    for (const n of names) if (n in ABI_MARKERS) symbols.push(n);
  }
  return { max, symbols, versions, needs };
}

/** `GLIBC_2.2.5` → `2.2.5`; `GLIBC_ABI_DT_RELR` → `2.36`; GLIBC_PRIVATE and others → null. */
export function glibcVersionOf(name: string): string | null {
  if (name in ABI_MARKERS) return ABI_MARKERS[name];
  const m = /^GLIBC_(\d+(?:\.\d+)+)$/.exec(name);
  return m ? m[1] : null;
}

/** Any version need named GLIBC_* at all (GLIBC_PRIVATE included): the file was linked against glibc. */
export function hasGlibcNeeds(elf: ElfExtras): boolean {
  return elf.versionNeeds.some((n) => n.versions.some((v) => v.name.startsWith('GLIBC_')));
}
