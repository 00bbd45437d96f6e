// Which packages a go command builds, and what the program made of them links: the module's
// packages it reaches through imports (transitively, within the scanned modules), the standard
// packages that bring libc in (net, os/user), plugin, and third-party cgo packages.

import { type CgoPackage, cgoPackageOf } from '../core/cgo-packages.js';
import { type BuildConfig, fileMatches } from '../source/constraint.js';
import { dirUnder, moduleContaining } from '../source/gomod.js';
import type { ModuleInfo } from '../source/model.js';
import type { PackageFacts } from '../source/rule.js';
import { linksNet, linksOsUser } from './known.js';
import { joinRelOut } from './paths.js';

export interface Program {
  /** The packages named by the command (after pattern resolution). */
  roots: PackageFacts[];
  /** roots and every scanned package they reach. */
  closure: PackageFacts[];
  /** The first package (closure order) that imports a net-linking std package, and that import. */
  net: { pkg: string; imports: string } | null;
  osUser: { pkg: string } | null;
  plugin: { pkg: string } | null;
  /** Packages with cgo files of their own (module packages and known third-party cgo packages). */
  cgo: { pkg: string; file?: string; known?: CgoPackage; counterpart: boolean }[];
  /** Packages that build without cgo from a stub that fails at run time. */
  stubs: { pkg: string; file?: string; text: string }[];
  /** `#cgo LDFLAGS: -static` lines of the closure. */
  staticLdflags: NonNullable<PackageFacts['build']>['staticLdflags'];
  /** The program imports go.uber.org/automaxprocs. */
  automaxprocs: boolean;
}

export interface PackageIndex {
  byDir: Map<string, PackageFacts>;
  /** Packages by import path; several when modules of the scan share a module path. */
  byPath: Map<string, PackageFacts[]>;
  all: PackageFacts[];
  modules: ModuleInfo[];
}

export function indexPackages(packages: PackageFacts[], modules: ModuleInfo[]): PackageIndex {
  const byDir = new Map<string, PackageFacts>();
  const byPath = new Map<string, PackageFacts[]>();
  const all: PackageFacts[] = [];
  for (const p of packages) {
    if (p.name.endsWith('_test') || p.std) continue;
    all.push(p);
    // A directory may hold `main` plus an ignored file's package; prefer the one with more facts.
    if (!byDir.has(p.dir) || p.name === 'main') byDir.set(p.dir, p);
    byPath.set(p.importPath, [...(byPath.get(p.importPath) ?? []), p]);
  }
  return { byDir, byPath, all, modules };
}

/**
 * The package an import path names, seen from directory `from`: when several scanned modules
 * share a module path (several examples with one go.mod module line), the one nearest to `from` (longest shared directory).
 */
export function packageAt(idx: PackageIndex, importPath: string, from: string): PackageFacts | undefined {
  const list = idx.byPath.get(importPath);
  if (!list || list.length <= 1) return list?.[0];
  const shared = (a: string, b: string): number => {
    const x = a.split('/');
    const y = b.split('/');
    let n = 0;
    while (n < x.length && n < y.length && x[n] === y[n]) n++;
    return n;
  };
  return [...list].sort((a, b) => shared(b.dir, from) - shared(a.dir, from))[0];
}

/** A scan-relative directory joined with a relative path (`..` kept; null for an absolute path). */
export const joinDir = joinRelOut;

/** The innermost module whose directory contains `dir`. */
export const moduleOf = moduleContaining;

/**
 * Resolves package patterns (`.`, `./cmd/x`, `./...`, `main.go`, import paths) run in `dir`
 * (scan-relative; null when unknown). When a pattern or the directory is not known, the main
 * packages of the module are assumed; a pattern that plainly names nothing builds nothing.
 */
export function resolvePackages(
  idx: PackageIndex,
  patterns: readonly string[],
  dir: string | null,
  fallbackDir: string,
): {
  roots: PackageFacts[];
  external: boolean;
  /** For `go build a.go b.go`: the only files of that package that count. */
  files?: Map<string, Set<string>>;
} {
  const pats = patterns.length > 0 ? patterns : ['.'];
  const roots = new Map<string, PackageFacts>();
  // `unknown`: a pattern the files do not spell out ($VAR), or a directory not known: then the
  // module's main packages are assumed. A pattern that plainly names nothing builds nothing.
  let unknown = dir === null;
  let external = false;
  const base = dir ?? fallbackDir;
  const files = pats.filter((p) => p.endsWith('.go'));
  const fileSets = new Map<string, Set<string>>();
  const baseModule = moduleOf(base, idx.modules);
  /** The package in directory d; when the directory mapping may be off (a Dockerfile context), the one package whose directory ends the same way. */
  const byDir = (d: string | null, rel: string): PackageFacts | undefined => {
    if (d === null) return undefined;
    const hit = idx.byDir.get(d);
    if (hit || dir === null) return hit;
    const tail = rel.replace(/^\.\//, '').replace(/\/$/, '');
    if (tail === '' || tail === '.' || tail.startsWith('..')) return undefined;
    const like = idx.all.filter((x) => x.dir === tail || x.dir.endsWith(`/${tail}`));
    return like.length === 1 ? like[0] : undefined;
  };
  for (const p of pats) {
    if (p.includes('@')) {
      external = true;
      continue;
    }
    if (/[$`]|\{\{/.test(p)) {
      unknown = true;
      continue;
    }
    let found: PackageFacts[] = [];
    if (p.endsWith('.go')) {
      if (p !== files[0]) continue;
      const rel = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.';
      const pkg = byDir(joinDir(base, rel), rel);
      if (pkg) {
        found = [pkg];
        const named = new Set(
          files.map((f) => `${pkg.dir === '.' ? '' : `${pkg.dir}/`}${f.slice(f.lastIndexOf('/') + 1)}`),
        );
        fileSets.set(pkg.importPath, named);
      }
    } else if (p === '...' || p.endsWith('/...')) {
      const prefix = p === '...' ? '' : p.slice(0, -4);
      if (prefix === '' || prefix.startsWith('.')) {
        // `./...` stops at nested modules (their own go.mod), as the go command does.
        const d = joinDir(base, prefix || '.');
        if (d)
          found = idx.all.filter(
            (x) =>
              dirUnder(x.dir, d) && moduleOf(x.dir, idx.modules) === (moduleOf(d, idx.modules) ?? baseModule),
          );
      } else {
        found = idx.all.filter((x) => x.importPath === prefix || x.importPath.startsWith(`${prefix}/`));
        if (found.length === 0) external = true;
      }
    } else if (p.startsWith('.') || p.startsWith('/')) {
      const pkg = byDir(joinDir(base, p), p);
      if (pkg) found = [pkg];
    } else {
      const pkg = packageAt(idx, p, base);
      if (pkg) found = [pkg];
      else if (/^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(p)) external = true;
      else {
        // `go build cmd/app` without ./ is an import path too; try it as a directory for
        // modules whose path is a bare name (`module app`).
        const pkg2 = byDir(joinDir(base, p), p);
        if (pkg2) found = [pkg2];
      }
    }
    for (const f of found) roots.set(f.importPath, f);
  }
  if (roots.size === 0 && !external && unknown) {
    // Unknown: the main packages of the module the command runs in.
    const mains = idx.all.filter((x) => x.build?.main && (!baseModule || x.module === baseModule.path));
    for (const m of mains) roots.set(m.importPath, m);
  }
  return {
    roots: [...roots.values()],
    external,
    ...(fileSets.size > 0 ? { files: fileSets } : {}),
  };
}

/**
 * The imports of a package's files that the configuration builds (all imports when cfg is null);
 * `only`: the files a `go build a.go b.go` names (then no other file of the package counts).
 */
export function importsUnder(p: PackageFacts, cfg: BuildConfig | null, only?: ReadonlySet<string>): string[] {
  const b = p.build;
  if (!b || (!cfg && !only)) return p.imports;
  const out = new Set<string>(only ? [] : b.unconditionalImports);
  if (only) for (const f of b.unconditionalFiles) if (only.has(f.file)) for (const i of f.imports) out.add(i);
  for (const f of b.conditional) {
    if (only && !only.has(f.file)) continue;
    if (!cfg || fileMatches(f.constraint, { goos: f.goos, goarch: f.goarch, isTest: false }, cfg))
      for (const i of f.imports) out.add(i);
  }
  return [...out];
}

/** The package's cgo files that the configuration would build with cgo on (of `only`, if given). */
function cgoFilesUnder(p: PackageFacts, cfg: BuildConfig | null, only?: ReadonlySet<string>): string[] {
  const b = p.build;
  if (!b) return [];
  const named = only ? b.cgoFiles.filter((f) => only.has(f)) : b.cgoFiles;
  if (!cfg) return named;
  const withCgo = { ...cfg, cgo: true };
  const conditional = new Map(b.conditional.map((f) => [f.file, f]));
  return named.filter((file) => {
    const f = conditional.get(file);
    return !f || fileMatches(f.constraint, { goos: f.goos, goarch: f.goarch, isTest: false }, withCgo);
  });
}

/**
 * The program the roots make: the scanned packages they reach and what those link. `cfg` is the
 * build configuration (GOOS/GOARCH, cgo, tags) that decides which files count; null: every file.
 */
export function programOf(
  idx: PackageIndex,
  roots: PackageFacts[],
  cfg: BuildConfig | null = null,
  files?: ReadonlyMap<string, ReadonlySet<string>>,
): Program {
  const seen = new Map<string, PackageFacts>();
  const queue = [...roots];
  const externals = new Set<string>();
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (seen.has(p.importPath)) continue;
    seen.set(p.importPath, p);
    for (const imp of importsUnder(p, cfg, files?.get(p.importPath))) {
      const dep = packageAt(idx, imp, p.dir);
      if (dep) queue.push(dep);
      else externals.add(imp);
    }
  }
  const closure = [...seen.values()];
  const prog: Program = {
    roots,
    closure,
    net: null,
    osUser: null,
    plugin: null,
    cgo: [],
    stubs: [],
    staticLdflags: [],
    automaxprocs: false,
  };
  for (const p of closure) {
    for (const imp of importsUnder(p, cfg, files?.get(p.importPath))) {
      if (!prog.net && linksNet(imp)) prog.net = { pkg: p.importPath, imports: imp };
      if (!prog.osUser && linksOsUser(imp)) prog.osUser = { pkg: p.importPath };
      if (!prog.plugin && imp === 'plugin') prog.plugin = { pkg: p.importPath };
      if (imp === 'go.uber.org/automaxprocs' || imp.startsWith('go.uber.org/automaxprocs/'))
        prog.automaxprocs = true;
    }
    const b = p.build;
    if (!b) continue;
    const cgoFiles = cgoFilesUnder(p, cfg, files?.get(p.importPath));
    if (cgoFiles.length > 0) {
      prog.cgo.push({ pkg: p.importPath, file: cgoFiles[0], counterpart: b.nocgoFiles.length > 0 });
      prog.staticLdflags.push(...b.staticLdflags.filter((l) => cgoFiles.includes(l.file)));
    }
    if (b.cgoStub) prog.stubs.push({ pkg: p.importPath, file: b.cgoStub.file, text: b.cgoStub.text });
  }
  for (const imp of [...externals].sort()) {
    const known = cgoPackageOf(imp);
    if (!known) continue;
    if (prog.cgo.some((c) => c.known === known)) continue;
    prog.cgo.push({ pkg: imp, known, counterpart: known.stub !== undefined });
    if (known.stub) prog.stubs.push({ pkg: imp, text: known.stub });
  }
  return prog;
}
