// GoFacts: what the binary lens knows about the Go side of an executable, read only through the
// BinaryFile interface. Build info first; without it (plugins and -linkshared binaries of Go
// <= 1.19, pre-module binaries, damaged files) the runtime's version string, then the pclntab
// magic's release range.

import type { GoFacts } from '../go-types.js';
import { type BinaryFile, BinaryFormatError, type SymbolEntry } from '../types.js';
import { findVersionString, readBuildInfo } from './buildinfo.js';
import { findPclntab } from './pclntab.js';
import { hasGoMarkers, symbolNameVariants } from './util.js';

/** How many cgo markers `cgo.evidence` lists, and how many of them may come from symbol tables. */
const MAX_EVIDENCE = 5;
const MAX_SYMBOL_EVIDENCE = 3;

export function readGoFacts(bin: BinaryFile): GoFacts {
  const buildInfo = tolerant(() => readBuildInfo(bin), null);
  const pclntab = tolerant(() => findPclntab(bin, buildInfo !== null), null);

  let goVersion: string | null = null;
  let versionSource: GoFacts['versionSource'] = null;
  let versionRange: string | null = null;
  if (buildInfo?.goVersion) {
    goVersion = releaseOf(buildInfo.goVersion);
    versionSource = 'buildinfo';
  } else if (pclntab || hasGoMarkers(bin)) {
    // A `go1.N` string alone is no evidence (any program may print one): only look for it when
    // something else says Go.
    const v = tolerant(() => findVersionString(bin), null);
    if (v) {
      goVersion = releaseOf(v);
      versionSource = 'version-string';
    } else if (pclntab) {
      versionRange = pclntab.versionRange;
      versionSource = 'pclntab';
    }
  }

  let functions: string[] | null | undefined;
  const fns = () => {
    if (functions === undefined) functions = pclntab ? tolerant(() => pclntab.functions(), null) : null;
    return functions;
  };

  const isGo = buildInfo !== null || goVersion !== null || pclntab !== null;
  return {
    isGo,
    buildInfo,
    goVersion,
    versionSource,
    versionRange,
    functions: fns,
    cgo: isGo ? cgoEvidence(bin, fns) : { linked: false, evidence: [] },
  };
}

/**
 * `go1.19.8` from the recorded version (`go1.19.8 X:boringcrypto` → `go1.19.8`); devel and other
 * unusual versions are kept as recorded (build info keeps the raw string in any case).
 */
function releaseOf(v: string): string {
  const m = /^go1\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?(?![\w.])/.exec(v);
  return m ? m[0] : v;
}

// ---- cgo linked (catalog "cgo linked") -------------------------------------------------------
// Never `_cgo_init` or `runtime.iscgo` (every Go binary has them), never CGO_ENABLED.

/** A C-side marker in `.symtab`/`.dynsym` (Mach-O and 386 spellings carry a leading `_`). */
export function isCgoSymbol(name: string): boolean {
  return symbolNameVariants(name).some(
    (n) =>
      n === 'x_cgo_init' || n === 'crosscall2' || n === '_cgo_topofstack' || /^_cgo_[0-9a-f]+_Cfunc_/.test(n),
  );
}

/** A Go-side marker among pclntab function names (these survive stripping). */
export function isCgoFunction(name: string): boolean {
  return (
    name === 'crosscall2' ||
    name === '_cgo_topofstack' ||
    name.startsWith('runtime/cgo.') ||
    name.includes('._Cfunc_') ||
    name.includes('._C2func_')
  );
}

function cgoEvidence(bin: BinaryFile, functions: () => string[] | null): GoFacts['cgo'] {
  const evidence: string[] = [];
  const seen = new Set<string>();
  const add = (what: string) => {
    if (evidence.length < MAX_EVIDENCE && !seen.has(what)) {
      seen.add(what);
      evidence.push(what);
    }
  };
  const fromSymbols = (table: string, syms: SymbolEntry[]) => {
    for (const s of syms) {
      if (evidence.length >= MAX_SYMBOL_EVIDENCE) return;
      if (s.defined && isCgoSymbol(s.name)) add(`${table} ${s.name}`);
    }
  };
  const none: SymbolEntry[] = [];
  // Decoding a whole symbol table is the costly part of an audit; an ELF string table that
  // holds none of the marker names cannot yield evidence, so it is searched as bytes first.
  for (const table of ['.strtab', '.dynstr'] as const) {
    const label = table === '.strtab' ? 'symbol' : 'dynamic symbol';
    const names = tolerant(() => cgoNamesIn(bin, table), null);
    // A whole marker name, NUL-delimited, in the string table is a symbol of that name: no need
    // to decode every symbol (the costly part of an audit). Otherwise decode only when the table
    // may hold a `_cgo_<hash>_Cfunc_` name, or when it cannot be searched (Mach-O, PE).
    if (names && names.exact.length > 0) for (const n of names.exact) add(`${label} ${n}`);
    else if (!names || names.partial) {
      fromSymbols(
        label,
        tolerant(() => (table === '.strtab' ? bin.symbols() : bin.dynamicSymbols()), none),
      );
    }
  }
  // Symbols already proved it: the function names would only add examples.
  if (evidence.length > 0) return { linked: true, evidence };
  for (const f of functions() ?? []) {
    if (evidence.length >= MAX_EVIDENCE) break;
    if (isCgoFunction(f)) add(`function ${f}`);
  }
  return { linked: evidence.length > 0, evidence };
}

const EXACT_MARKERS = ['x_cgo_init', 'crosscall2', '_cgo_topofstack'];
const latin1 = new TextDecoder('latin1');

/**
 * Searches an ELF string table as bytes: the exact cgo marker names it holds, and whether it may
 * hold a `_cgo_<hash>_Cfunc_` name. Null when the table cannot be searched (not ELF, absent).
 */
function cgoNamesIn(bin: BinaryFile, name: string): { exact: string[]; partial: boolean } | null {
  if (bin.format !== 'elf') return null;
  const s = bin.section(name);
  if (!s?.hasData) return null;
  const text = latin1.decode(bin.sectionData(s, 64 * 1024 * 1024));
  return {
    exact: EXACT_MARKERS.filter((m) => text.includes(`\0${m}\0`)),
    partial: text.includes('_Cfunc_'),
  };
}

/** Runs a reader whose failure on a malformed file means "not there", not "stop the audit". */
function tolerant<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof BinaryFormatError) return fallback;
    throw e;
  }
}
