// The JSON `binaries` item of one audited binary (design.md, "JSON output"). Fields are only
// ever added, never renamed or moved.

import type { GoModule } from '../go-types.js';
import type { AuditModel, Linkage } from './model.js';
import type { NotRunsOn } from './verdict.js';

export interface ModuleJson {
  path: string;
  version: string;
  sum?: string;
  replace?: ModuleJson;
}

export interface BinaryEntry {
  file: string;
  format: 'elf' | 'macho' | 'pe';
  goos: string | null;
  goarch: string | null;
  goVersion: string | null;
  /** Where goVersion came from: buildinfo, version-string, pclntab (then versionRange). */
  versionSource: 'buildinfo' | 'version-string' | 'pclntab' | null;
  versionRange: string | null;
  /** Main package path. */
  path: string | null;
  module: ModuleJson | null;
  deps: ModuleJson[];
  /** Build settings as recorded (`-tags`, `CGO_ENABLED`, `GOAMD64`, `vcs.modified`...). */
  settings: Record<string, string>;
  /** cgo code really linked (markers, never the CGO_ENABLED setting). */
  cgo: boolean;
  cgoEvidence: string[];
  externalLink: boolean | null;
  externalLinkEvidence: string[];
  linkage: Linkage | null;
  pie: boolean;
  interpreter: string | null;
  interpreterStandard: boolean | null;
  needed: string[];
  rpath: string[];
  runpath: string[];
  libc: 'glibc' | 'musl' | null;
  libcEvidence: string[];
  musl: boolean;
  staticGlibc: boolean;
  staticGlibcEvidence: string[];
  glibcMax: string | null;
  /** Undefined dynamic symbols that need glibcMax. */
  glibcSymbols: string[];
  /** Every GLIBC_x.y version needed, ascending. */
  glibcVersions: string[];
  stripped: boolean;
  dwarf: boolean;
  relro: 'full' | 'partial' | 'none' | null;
  nx: boolean | null;
  /** Common distributions and images (src/core/images.ts keys) that can start it. */
  runsOn: string[];
  notRunsOn: NotRunsOn[];
}

function moduleJson(m: GoModule): ModuleJson {
  const out: ModuleJson = { path: m.path, version: m.version };
  if (m.sum) out.sum = m.sum;
  if (m.replace) out.replace = moduleJson(m.replace);
  return out;
}

export function entryOf(m: AuditModel, verdict: { runsOn: string[]; notRunsOn: NotRunsOn[] }): BinaryEntry {
  return {
    file: m.file,
    format: m.format,
    goos: m.goos,
    goarch: m.goarch,
    goVersion: m.goVersion,
    versionSource: m.versionSource,
    versionRange: m.versionRange,
    path: m.path,
    module: m.module ? moduleJson(m.module) : null,
    deps: m.deps.map(moduleJson),
    settings: { ...m.settings },
    cgo: m.cgo,
    cgoEvidence: [...m.cgoEvidence],
    externalLink: m.externalLink,
    externalLinkEvidence: [...m.externalLinkEvidence],
    linkage: m.linkage,
    pie: m.pie,
    interpreter: m.interpreter,
    interpreterStandard: m.interpreterStandard,
    needed: [...m.needed],
    rpath: [...m.rpath],
    runpath: [...m.runpath],
    libc: m.libc,
    libcEvidence: [...m.libcEvidence],
    musl: m.libc === 'musl',
    staticGlibc: m.staticGlibc,
    staticGlibcEvidence: [...m.staticGlibcEvidence],
    glibcMax: m.glibcMax,
    glibcSymbols: [...m.glibcSymbols],
    glibcVersions: [...m.glibcVersions],
    stripped: m.stripped,
    dwarf: m.dwarf,
    relro: m.relro,
    nx: m.nx,
    runsOn: verdict.runsOn,
    notRunsOn: verdict.notRunsOn,
  };
}
