// What the linkname rules (LN002, LN004–LN007) share: which directives are pulls and which are
// pushes, how a target splits into package and name, which Go releases a directive is judged
// under, whether its file is built where the bundled facts hold (linux/amd64), and the verdict
// of the knowledge base on a standard-library target. The rules call these functions instead of
// reading each other's findings, so "LN007 stays silent where LN005/LN006 report an error" is
// decided by the same code on both sides.

import type { GoVersion } from '../../core/goversion.js';
import {
  type BuildConfig,
  type Constraint,
  DEFAULT_CONFIG,
  fileMatches,
  KNOWN_GOARCH,
  KNOWN_GOOS,
} from '../constraint.js';
import type { Directive, GoFile, Package, TopDecl } from '../model.js';
import type { LinknameKB, TargetInfo } from './kb.js';

// ---------------------------------------------------------------------------------------------
// Targets

/** `runtime.nanotime` → pkg `runtime`, name `nanotime`; `example.com/m/inner.hook` likewise. */
export interface TargetName {
  pkg: string;
  name: string;
}

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * Splits a linkname target into import path and name. Null for forms the rules do not judge:
 * no package part, methods (`pkg.(*T).m`, `pkg.T.m`), and `main.x` (the main package's symbols
 * depend on which binary is linked).
 */
export function splitTarget(target: string): TargetName | null {
  const slash = target.lastIndexOf('/');
  const dot = target.indexOf('.', slash + 1);
  if (dot <= 0) return null;
  const pkg = target.slice(0, dot);
  const name = target.slice(dot + 1);
  if (!IDENT.test(name) || pkg === 'main' || pkg.endsWith('/')) return null;
  return { pkg, name };
}

/** An import path of the standard library: its first element has no dot (and it is not `main`). */
export function isStdPath(pkg: string): boolean {
  const first = pkg.split('/')[0];
  return first !== '' && !first.includes('.') && pkg !== 'main' && pkg !== 'command-line-arguments';
}

/** runtime, runtime/..., or a package with an `internal` path element. */
export function isRuntimeOrInternal(pkg: string): boolean {
  return pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.split('/').includes('internal');
}

/**
 * A standard-library target as a package-scope rule sees it: a std import path that is not a
 * package of the module being scanned (a module may be named without a dot, `module tools`).
 */
export function isStdTarget(t: TargetName, modulePath: string | null | undefined): boolean {
  if (!isStdPath(t.pkg)) return false;
  if (modulePath && (t.pkg === modulePath || t.pkg.startsWith(`${modulePath}/`))) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Pulls and pushes in a parsed package

/** One two-argument `//go:linkname local target` whose local is a func or var of the package. */
export interface LinknameSite {
  file: GoFile;
  directive: Directive;
  local: string;
  target: string;
  decl: TopDecl;
  /** Body-less func or var without initializer: the symbol comes from elsewhere. */
  pull: boolean;
}

/** Names the package's .s files define with `TEXT ·name(SB)`. */
function asmDefinedNames(pkg: Package): Set<string> {
  const out = new Set<string>();
  for (const a of pkg.aux) {
    if (!/\.s$/i.test(a.name) || !a.text.includes('TEXT')) continue;
    for (const m of a.text.matchAll(/^\s*TEXT\s+·([\p{L}\p{N}_]+)/gmu)) out.add(m[1]);
  }
  return out;
}

/** Does the file import "unsafe"? Without it the compiler rejects its directives (LN001). */
export function importsUnsafe(f: GoFile): boolean {
  return f.imports.some((i) => i.path === 'unsafe');
}

/**
 * Every two-argument linkname of the package whose local name declares a top-level func or var
 * (methods cannot be linknamed). Files that do not import "unsafe" are left out: the compiler
 * rejects the directive there (LN001), so nothing about the link can be said. The local
 * declaration is looked up in the directive's file first, then in the package's other files.
 */
export function linknameSites(pkg: Package): LinknameSite[] {
  const withDirectives = pkg.files.filter((f) => f.text.includes('go:linkname'));
  if (withDirectives.length === 0) return [];
  const asm = asmDefinedNames(pkg);
  const out: LinknameSite[] = [];
  for (const file of withDirectives) {
    const directives = file.directives.filter(
      (d) => d.name === 'linkname' && !d.spaced && d.args.length === 2,
    );
    if (directives.length === 0 || !importsUnsafe(file)) continue;
    for (const directive of directives) {
      const [local, target] = directive.args;
      const decl = findDecl(pkg, file, local);
      if (!decl) continue;
      const pull = decl.kind === 'func' ? !decl.hasBody && !asm.has(local) : !decl.hasBody;
      out.push({ file, directive, local, target, decl, pull });
    }
  }
  return out;
}

function findDecl(pkg: Package, file: GoFile, local: string): TopDecl | undefined {
  const own = file.decls.find((d) => d.name === local && (d.kind === 'func' || d.kind === 'var'));
  if (own) return own;
  for (const f of pkg.files) {
    // A test file sees the package's other files; a non-test file does not see test files.
    if (f === file || (f.isTest && !file.isTest) || !f.text.includes(local)) continue;
    const d = f.decls.find((x) => x.name === local && (x.kind === 'func' || x.kind === 'var'));
    if (d) return d;
  }
  return undefined;
}

/**
 * Is the local name referenced in the package besides its declaration and linkname lines?
 * Go 1.23+ checks a pull only in the package that references it: a pull nobody in its own
 * package uses links even when the target is refused (used from another package, or not at all).
 */
export function referencedInPackage(pkg: Package, local: string): boolean {
  const re = new RegExp(`(?<![\\p{L}\\p{N}_.])${escapeRe(local)}(?![\\p{L}\\p{N}_])`, 'gu');
  let count = 0;
  for (const f of pkg.files) {
    if (!f.text.includes(local)) continue;
    const text = f.text.replace(/^[ \t]*\/\/.*$/gm, '');
    for (const _ of text.matchAll(re)) count++;
  }
  // One of the mentions is the declaration itself.
  return count > 1;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Build configuration of a file

/** What decides where a file is built: its `//go:build` line and its name suffixes. */
export interface FileBuild {
  constraint: Constraint | null;
  goos?: string;
  goarch?: string;
}

export function fileBuildOf(f: GoFile): FileBuild {
  return { constraint: f.constraint, goos: f.nameGoos, goarch: f.nameGoarch };
}

const GOOS = new Set(KNOWN_GOOS);
const GOARCH = new Set(KNOWN_GOARCH);
const FIXED_TAGS = new Set(['unix', 'cgo', 'gc', 'gccgo']);
/** More free tags than this: assume the file can be built (2^n configurations would be tried). */
const MAX_FREE_TAGS = 8;

function tagsOf(c: Constraint, into: Set<string>): Set<string> {
  if (c.kind === 'tag') into.add(c.tag);
  else if (c.kind === 'not') tagsOf(c.x, into);
  else {
    tagsOf(c.x, into);
    tagsOf(c.y, into);
  }
  return into;
}

/**
 * Can the file be built for goos/goarch by Go 1.`minor` (null: some release), with cgo on or
 * off and any choice of the other tags it names? `ignore` never holds: files carrying it are
 * left out of every ordinary build.
 */
export function buildsFor(f: FileBuild, goos: string, goarch: string, minor: number | null): boolean {
  if (f.constraint === null)
    return fileMatches(
      null,
      { goos: f.goos, goarch: f.goarch, isTest: false },
      cfgFor(goos, goarch, minor ?? 99, true, []),
    );
  const tags = tagsOf(f.constraint, new Set());
  const free = [...tags].filter(
    (t) => !GOOS.has(t) && !GOARCH.has(t) && !FIXED_TAGS.has(t) && !/^go1\.\d+$/.test(t) && t !== 'ignore',
  );
  if (free.length > MAX_FREE_TAGS) return true;
  const minors = minor !== null ? [minor] : releaseCandidates(tags);
  const info = { goos: f.goos, goarch: f.goarch, isTest: false };
  for (const m of minors) {
    for (const cgo of [true, false]) {
      for (let mask = 0; mask < 1 << free.length; mask++) {
        const on = free.filter((_, i) => (mask & (1 << i)) !== 0);
        if (fileMatches(f.constraint, info, cfgFor(goos, goarch, m, cgo, on))) return true;
      }
    }
  }
  return false;
}

function releaseCandidates(tags: Set<string>): number[] {
  const out = new Set([0, 99]);
  for (const t of tags) {
    const m = /^go1\.(\d+)$/.exec(t);
    if (m) {
      out.add(Number(m[1]));
      out.add(Number(m[1]) - 1);
    }
  }
  return [...out];
}

function cfgFor(goos: string, goarch: string, goMinor: number, cgo: boolean, tags: string[]): BuildConfig {
  return { ...DEFAULT_CONFIG, goos, goarch, goMinor, cgo, tags: new Set(tags) };
}

/** The bundled facts are for linux/amd64: is the file built there by Go 1.`minor`? */
export function buildsOnTablePlatform(f: FileBuild, minor: number | null): boolean {
  return buildsFor(f, 'linux', 'amd64', minor);
}

// ---------------------------------------------------------------------------------------------
// Releases a directive is judged under

export interface ReleasePlan {
  /** The release the linking toolchain is (or the newest the KB knows when it is newer); null when unknown or older than the KB. */
  now: number | null;
  /** The toolchain is newer than every release the KB knows; `now` stands in for it. */
  proxied: boolean;
  /** The toolchain's minor as given (for messages). */
  toolchainMinor: number | null;
  /** Releases after `now` that the module may also be built with (all of them when `now` is null). */
  later: number[];
}

export function releasePlan(kb: LinknameKB, toolchain: GoVersion | null): ReleasePlan {
  const minors = kb.minors();
  if (toolchain?.major !== 1 || minors.length === 0) {
    return { now: null, proxied: false, toolchainMinor: toolchain?.minor ?? null, later: minors };
  }
  const m = toolchain.minor;
  const newest = minors[minors.length - 1];
  if (m > newest) return { now: newest, proxied: true, toolchainMinor: m, later: [] };
  if (minors.includes(m))
    return { now: m, proxied: false, toolchainMinor: m, later: minors.filter((x) => x > m) };
  return { now: null, proxied: false, toolchainMinor: m, later: minors.filter((x) => x > m) };
}

export function versionOf(minor: number): GoVersion {
  return { major: 1, minor, patch: 0 };
}

/** `Go 1.22`, or `Go 1.26 (the newest release gotrap knows; the toolchain is 1.27)`. */
export function releaseLabel(plan: ReleasePlan, minor: number): string {
  if (plan.proxied && minor === plan.now) {
    return `Go 1.${minor} (the newest release gotrap knows; the toolchain is 1.${plan.toolchainMinor})`;
  }
  return `Go 1.${minor}`;
}

/** A `why` text without the parts that only matter to the table's maintainers. */
export function whyText(info: TargetInfo): string {
  return info.why
    .replace(/^no linkname check before 1\.23;\s*/, '')
    .replace(/\s*\[1\.20: source only, no link test\]/, '')
    .trim();
}

/** Why a symbol has no linker symbol, in words. */
export function absenceText(info: TargetInfo): string {
  const why = whyText(info);
  if (/intrinsic/.test(why))
    return 'it is a compiler intrinsic: calls are expanded inline and no symbol is ever emitted';
  const yet = /^not defined yet \((.*)\)$/.exec(why);
  if (yet) return yet[1];
  return why.replace(/^not defined(: | )?/, '').replace(/^no symbol: /, '');
}

/** How the standard library defines a symbol, from a `why` text: `in assembly (sys_linux_amd64.s)`. */
export function definitionText(info: TargetInfo): string {
  const why = whyText(info);
  const file = /\(([\w.]+\.(?:go|s))\)/.exec(why)?.[1];
  const at = file ? ` (${file})` : '';
  let m = /push from ([\w/.]+): (\w+)/.exec(why);
  if (m) return `through a push from ${m[1]}'s ${m[2]}${at}`;
  m = /push shim (\w+)/.exec(why);
  if (m) return `through the runtime's ${m[1]} push${at}`;
  if (/assembly/.test(why)) return `in assembly${at}`;
  if (/Go definition|marker/.test(why)) return `as a Go function${at}`;
  return `(${why})`;
}

// ---------------------------------------------------------------------------------------------
// Verdict on a standard-library pull

export interface Missing {
  /** error: missing in the release the module is linked with; warning: only in a newer one. */
  severity: 'error' | 'warning';
  /** The release judged (the first that breaks, for warnings). */
  minor: number;
  /** KB facts for that release; absent for a typo of a known name. */
  info?: TargetInfo;
  /** The known symbol this one is one typo away from. */
  typoOf?: string;
  /** The symbol exists from this later release on. */
  addedIn?: number;
  /** Releases were unknown: the symbol is missing in every release the KB knows. */
  everywhere?: boolean;
  /** Warnings: the symbol is missing in releases older than the toolchain could be (it was added in `addedIn`), not newer ones. */
  tooOld?: boolean;
  /** The KB knows the symbol existed in some release (a removal, not a misspelling). */
  existedSomewhere?: boolean;
  /** A compiler builtin without a body: the linker reports `reference to undefined builtin`. */
  builtin?: boolean;
}

export interface Refused {
  /** The Go 1.23+ linker of the release the module is linked with refuses it (else: only a newer one). */
  now: boolean;
  minor: number;
  info: TargetInfo;
}

export interface StdPullVerdict {
  plan: ReleasePlan;
  /** LN005: no symbol to link. */
  missing?: Missing;
  /** LN006: exists, but the linker refuses a pull from outside std. */
  refused?: Refused;
  /** Facts at `plan.now`, when the KB has them and the file is built there. */
  current?: TargetInfo;
}

/**
 * The KB's verdict on a pull of std symbol `symbol` from a file built as `build`, linked by
 * `toolchain`. Silent (no missing/refused) wherever the KB has no facts, and for releases in
 * which the file is not built on linux/amd64 (the platform the facts are for).
 */
export function judgeStdPull(
  kb: LinknameKB,
  symbol: string,
  toolchain: GoVersion | null,
  build: FileBuild,
): StdPullVerdict {
  const plan = releasePlan(kb, toolchain);
  const verdict: StdPullVerdict = { plan };
  const builds = (m: number) => buildsOnTablePlatform(build, m);
  const cell = knownCell(kb, symbol);
  const current = plan.now !== null && builds(plan.now) ? cell(plan.now) : null;
  if (current) verdict.current = current;
  const later = plan.later.filter(builds).map((m) => ({ m, info: cell(m) }));

  // LN005: does a symbol exist?
  const existedSomewhere = kb.minors().some((m) => cell(m)?.exists === true);
  if (current && !current.exists) {
    // A release that defines it and lets the module pull it: raising the toolchain would help.
    const added = later.find((x) => x.info?.exists && x.info.linkable !== false);
    verdict.missing = {
      severity: 'error',
      minor: plan.now!,
      info: current,
      addedIn: added?.m,
      existedSomewhere,
    };
  } else if (plan.now === null && later.length > 0 && later.every((x) => x.info && !x.info.exists)) {
    verdict.missing = {
      severity: 'error',
      minor: later[0].m,
      info: later[0].info!,
      everywhere: true,
      existedSomewhere,
    };
  } else if (current?.exists) {
    const gone = later.find((x) => x.info && !x.info.exists);
    if (gone) verdict.missing = { severity: 'warning', minor: gone.m, info: gone.info!, existedSomewhere };
  } else if (plan.now === null) {
    // Unknown or older toolchain: the symbol may be missing before it appeared or after it left.
    const firstIn = later.findIndex((x) => x.info?.exists);
    const gone = firstIn >= 0 ? later.slice(firstIn + 1).find((x) => x.info && !x.info.exists) : undefined;
    const before = firstIn > 0 ? later.slice(0, firstIn).find((x) => x.info && !x.info.exists) : undefined;
    if (gone) {
      verdict.missing = { severity: 'warning', minor: gone.m, info: gone.info!, existedSomewhere };
    } else if (before) {
      const addedIn = later[firstIn].m;
      verdict.missing = {
        severity: 'warning',
        minor: before.m,
        info: before.info!,
        addedIn,
        tooOld: true,
        existedSomewhere,
      };
    }
  }
  if (!verdict.missing && !current && later.every((x) => !x.info)) {
    const typo = typoOf(kb, symbol, plan);
    const at = plan.now ?? later[0]?.m ?? null;
    if (typo && at !== null && builds(at)) verdict.missing = { severity: 'error', minor: at, typoOf: typo };
  }
  if (verdict.missing) {
    verdict.missing.builtin = kb.minors().some((m) => /undefined builtin/.test(cell(m)?.why ?? ''));
    return verdict;
  }

  // LN006: may a non-std package pull it?
  if (current?.exists && current.linkable === false) {
    verdict.refused = { now: true, minor: plan.now!, info: current };
  } else {
    const refused = later.find((x) => x.info?.exists && x.info.linkable === false);
    if (refused) verdict.refused = { now: false, minor: refused.m, info: refused.info! };
  }
  return verdict;
}

/**
 * `kb.lookup` for one symbol by minor release, cached, and null where the KB does not know the
 * package at all: a Go source tree answers "not defined" for any path, even one that is no std
 * package (a dependency with a dot-less module path), and that must not read as a verdict.
 */
function knownCell(kb: LinknameKB, symbol: string): (minor: number) => TargetInfo | null {
  const pkg = splitTarget(symbol)?.pkg;
  const cache = new Map<number, TargetInfo | null>();
  return (m) => {
    const hit = cache.get(m);
    if (hit !== undefined) return hit;
    let info = kb.lookup(symbol, versionOf(m));
    if (info && !info.exists && pkg && kb.symbolsOf(pkg, versionOf(m)).length === 0) info = null;
    cache.set(m, info);
    return info;
  };
}

/**
 * Go 1.23+ fails the link only when the package holding the directive references the pulled
 * name itself; LN006 reports an error then, a warning otherwise (and for newer releases).
 */
export function refusedSeverity(r: Refused, referenced: boolean): 'error' | 'warning' {
  return r.now && referenced ? 'error' : 'warning';
}

// ---------------------------------------------------------------------------------------------
// Typos

/**
 * A name the KB does not know, one edit away from a name it knows in the same package, where
 * the edit keeps the first and last characters (`nanotme`, `fastrnad`). Real sibling names in
 * std differ at the ends (`lock`/`block`/`lock2`, `acquirem`/`acquirep`, `memhash`/`memhash8`),
 * which is why the ends must match: checked against every runtime, sync, time, reflect and
 * syscall function and variable of Go 1.19, no real name is mistaken for a typo this way.
 */
export function typoOf(kb: LinknameKB, symbol: string, plan: ReleasePlan): string | null {
  const t = splitTarget(symbol);
  if (!t || t.name.length < 5) return null;
  const minors = kb.minors();
  const at = plan.now ?? minors[minors.length - 1];
  if (at === undefined) return null;
  for (const known of kb.symbolsOf(t.pkg, versionOf(at))) {
    const k = splitTarget(known);
    if (k && interiorEdit(t.name, k.name)) return known;
  }
  return null;
}

/** One insertion, deletion, substitution or swap of neighbours, not touching the first or last character. */
export function interiorEdit(a: string, b: string): boolean {
  if (a === b || a.length < 5 || b.length < 5) return false;
  if (a[0] !== b[0] || a[a.length - 1] !== b[b.length - 1]) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return (
      diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]
    );
  }
  if (Math.abs(a.length - b.length) !== 1) return false;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 1; i < long.length - 1; i++) {
    if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  }
  return false;
}

/** The closest of `names` to `name` (edit distance at most 2, and less than half its length). */
export function closestName(
  name: string,
  names: Iterable<string>,
  distance: (a: string, b: string, max: number) => number,
): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const n of names) {
    if (n === name) continue;
    const d = distance(name, n, 2);
    if (d < bestD && d * 2 < name.length) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Messages

/** The link error the toolchain prints for a pull with no symbol behind it. */
export function missingLinkError(symbol: string, m: Missing, pkgLabel: string): string {
  if (m.builtin) {
    return `reference to undefined builtin "${symbol}" from package "${pkgLabel}"`;
  }
  return `relocation target ${symbol} not defined`;
}

// ---------------------------------------------------------------------------------------------
// Verdict on a standard-library push (LN002)

export interface StdDefinition {
  /** error: std defines the symbol in the release the module is linked with; warning: only in a newer one. */
  severity: 'error' | 'warning';
  minor: number;
  info: TargetInfo;
  plan: ReleasePlan;
}

/** Does the standard library define `symbol` itself, so that a push to it is a second definition? */
export function judgeStdPush(
  kb: LinknameKB,
  symbol: string,
  toolchain: GoVersion | null,
  build: FileBuild,
): StdDefinition | null {
  const plan = releasePlan(kb, toolchain);
  const builds = (m: number) => buildsOnTablePlatform(build, m);
  const cell = knownCell(kb, symbol);
  const current = plan.now !== null && builds(plan.now) ? cell(plan.now) : null;
  if (current?.exists) return { severity: 'error', minor: plan.now!, info: current, plan };
  const later = plan.later.filter(builds).map((m) => ({ m, info: cell(m) }));
  if (plan.now === null && later.length > 0 && later.every((x) => x.info?.exists)) {
    return { severity: 'error', minor: later[0].m, info: later[0].info!, plan };
  }
  const first = later.find((x) => x.info?.exists);
  return first ? { severity: 'warning', minor: first.m, info: first.info!, plan } : null;
}

// ---------------------------------------------------------------------------------------------
// Which packages end up in one binary (program scope)

/** Import closures over the scanned packages (imports of packages outside the scan are not followed). */
export class ImportGraph {
  private readonly byPath = new Map<string, { importPath: string; name: string; imports: string[] }>();
  private readonly closures = new Map<string, Set<string>>();

  constructor(packages: { importPath: string; name: string; imports: string[] }[]) {
    // One directory may hold several package clauses (a `//go:build ignore` generator in
    // package main next to a library): merge them, and call the result main only if all are.
    for (const p of packages) {
      const seen = this.byPath.get(p.importPath);
      if (!seen) {
        this.byPath.set(p.importPath, { ...p, imports: [...p.imports] });
        continue;
      }
      seen.imports.push(...p.imports);
      if (seen.name === 'main') seen.name = p.name;
    }
  }

  /** The package and everything it imports, transitively, among the scanned packages. */
  closure(path: string): Set<string> {
    const cached = this.closures.get(path);
    if (cached) return cached;
    const seen = new Set<string>([path]);
    const stack = [path];
    while (stack.length > 0) {
      const p = this.byPath.get(stack.pop()!);
      if (!p) continue;
      for (const i of p.imports) {
        if (seen.has(i)) continue;
        seen.add(i);
        stack.push(i);
      }
    }
    this.closures.set(path, seen);
    return seen;
  }

  /** Main packages whose binary contains `path`. */
  mainsContaining(path: string): string[] {
    const out: string[] = [];
    for (const p of this.byPath.values())
      if (p.name === 'main' && this.closure(p.importPath).has(path)) out.push(p.importPath);
    return out;
  }

  /** Are the two packages linked into one binary: one imports the other, or a scanned main imports both? */
  linkedTogether(a: string, b: string): boolean {
    if (this.closure(a).has(b) || this.closure(b).has(a)) return true;
    return this.mainsContaining(a).some((m) => this.closure(m).has(b));
  }
}

/**
 * The scanned package that owns an import path. One directory may hold several package clauses
 * (a `//go:build ignore` program in package main next to a library): the non-main one owns the
 * path, and a path is a main package only when every clause there is main. External test
 * packages (`x_test`) never own it.
 */
export function packagesByPath<P extends { importPath: string; name: string }>(
  packages: P[],
): Map<string, P> {
  const out = new Map<string, P>();
  for (const p of packages) {
    if (p.name.endsWith('_test')) continue;
    const seen = out.get(p.importPath);
    if (!seen || (seen.name === 'main' && p.name !== 'main')) out.set(p.importPath, p);
  }
  return out;
}
