// PackageFacts: the serializable summary of a package that program-scope rules read
// (defined symbols, pushes, every linkname, assembly references).

import { fileNameInfo, parseGoBuild } from './constraint.js';
import type { AuxFile, GoFile, Package } from './model.js';
import type { FileBuildFact, LinknameFact, PackageFacts } from './rule.js';
import { splitLines } from './text.js';

/** `TEXT ·name(SB)` / `TEXT pkg·name(SB)` definitions and `pkg·name(SB)` references in a .s file. */
export interface AsmSymbols {
  defined: string[];
  /** `TEXT other∕pkg·name(SB)`: definitions of another package's symbols (like a push). */
  foreign?: { pkg: string; name: string; line: number }[];
  refs: { pkg: string; name: string; line: number; column: number }[];
}

const ASM_SYM = /([A-Za-z0-9_./∕]*)·([A-Za-z0-9_]+)(?:<[^>]*>)?\(SB\)/g;

export function asmSymbols(text: string): AsmSymbols {
  const out: AsmSymbols = { defined: [], refs: [] };
  const lines = splitLines(text);
  lines.forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '');
    if (!line.includes('·')) return;
    const isText = /^\s*TEXT\s/.test(line);
    for (const m of line.matchAll(ASM_SYM)) {
      const pkg = m[1].replace(/∕/g, '/');
      if (isText && m.index === line.indexOf(m[0])) {
        if (pkg === '') out.defined.push(m[2]);
        else {
          out.foreign ??= [];
          out.foreign.push({ pkg, name: m[2], line: i + 1 });
        }
        continue;
      }
      if (pkg !== '') out.refs.push({ pkg, name: m[2], line: i + 1, column: (m.index ?? 0) + 1 });
    }
  });
  return out;
}

function isAsm(f: AuxFile): boolean {
  return /\.s$/i.test(f.name);
}

/** A top-level func or var found by the text scan. */
interface ScannedDecl {
  kind: 'func' | 'var';
  name: string;
  hasBody: boolean;
}

/**
 * Top-level functions (not methods) and variables of a gofmt-shaped file, from its text alone:
 * facts must not force a parse of every file of every package. A function has a body when a
 * `{` follows its signature at bracket depth 0.
 */
export function scanTopLevel(lines: readonly string[]): ScannedDecl[] {
  const out: ScannedDecl[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const c0 = line.charCodeAt(0);
    if (c0 !== 0x66 && c0 !== 0x76) continue; // only lines starting with 'f' or 'v'
    const fm = /^func\s+([\p{L}_][\p{L}\p{N}_]*)\s*[[(]/u.exec(line);
    if (fm) {
      out.push({ kind: 'func', name: fm[1], hasBody: signatureHasBody(lines, i, fm[0].length - 1) });
      continue;
    }
    const vm = /^var\s+(.*)$/.exec(line);
    if (!vm) continue;
    if (vm[1].startsWith('(')) {
      for (i++; i < lines.length && !lines[i].startsWith(')'); i++) {
        const m = /^\t([\p{L}_][\p{L}\p{N}_]*(?:\s*,\s*[\p{L}_][\p{L}\p{N}_]*)*)(.*)$/u.exec(lines[i]);
        if (m)
          for (const n of m[1].split(','))
            out.push({ kind: 'var', name: n.trim(), hasBody: m[2].includes('=') });
      }
      continue;
    }
    const m = /^([\p{L}_][\p{L}\p{N}_]*(?:\s*,\s*[\p{L}_][\p{L}\p{N}_]*)*)(.*)$/u.exec(vm[1]);
    if (m)
      for (const n of m[1].split(',')) out.push({ kind: 'var', name: n.trim(), hasBody: m[2].includes('=') });
  }
  return out;
}

const importsCache = new WeakMap<GoFile, string[]>();

/** scanImports of a file, once per file: package facts and build facts both ask for it. */
export function fileImports(f: GoFile): string[] {
  let out = importsCache.get(f);
  if (!out) {
    out = scanImports(f.lines);
    importsCache.set(f, out);
  }
  return out;
}

/**
 * Import paths of a gofmt-shaped file from its text alone (single imports and `import (...)`
 * blocks, up to the first declaration), so facts never parse a file just to list its imports.
 */
export function scanImports(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of lines) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (line.startsWith(')')) {
        inBlock = false;
        continue;
      }
      const m = /(?:^|\s)["`]([^"`]+)["`]\s*;?$/.exec(line);
      if (m) out.push(m[1]);
      continue;
    }
    if (/^(func|var|const|type)\b/.test(line)) break;
    if (!line.startsWith('import')) continue;
    if (/^import\s*\(/.test(line)) {
      inBlock = !line.includes(')');
      const one = /\(\s*(?:[\w.]+\s+)?["`]([^"`]+)["`]\s*\)/.exec(line);
      if (one) out.push(one[1]);
      continue;
    }
    const m = /^import\s+(?:[\w.]+\s+)?["`]([^"`]+)["`]/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}

export function signatureHasBody(lines: readonly string[], row: number, col: number): boolean {
  let depth = 0;
  for (let r = row; r < lines.length && r < row + 50; r++) {
    const line = lines[r].replace(/\/\/.*$/, '');
    for (let c = r === row ? col : 0; c < line.length; c++) {
      const ch = line[c];
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth--;
      else if (ch === '{' && depth === 0) return true;
    }
    if (depth === 0) return false;
  }
  return false;
}

/**
 * How often each linkname local name appears as a word in the package's files, outside the
 * `//go:linkname` lines themselves. One pass per file with one alternation regex.
 */
function countMentions(files: GoFile[], withLinknames: GoFile[]): Map<string, number> {
  const names = new Set<string>();
  for (const f of withLinknames) {
    for (const d of f.directives) if (d.name === 'linkname' && d.args.length > 0) names.add(d.args[0]);
  }
  const counts = new Map<string, number>();
  if (names.size === 0) return counts;
  const alt = [...names].map((n) => n.replace(/[$]/g, '\\$&')).join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}_.])(?:${alt})(?![\\p{L}\\p{N}_])`, 'gu');
  for (const f of files) {
    const text = f.text.replace(/^[ \t]*\/\/ *go:linkname\b.*$/gm, '');
    for (const m of text.matchAll(re)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  return counts;
}

export function packageFacts(pkg: Package): Omit<PackageFacts, 'versions' | 'std' | 'exports'> {
  const files = pkg.files;
  const asm = pkg.aux.filter(isAsm).map((f) => ({ file: f, syms: asmSymbols(f.text) }));
  const asmDefined = new Set(asm.flatMap((a) => a.syms.defined));
  const scanned = new Map<GoFile, ScannedDecl[]>(files.map((f) => [f, scanTopLevel(f.lines)]));
  // The first declaration of each name: in non-test files, and (as a fallback) in any file.
  const declOf = new Map<string, ScannedDecl>();
  const anyDeclOf = new Map<string, ScannedDecl>();
  for (const [f, decls] of scanned) {
    for (const d of decls) {
      if (!f.isTest && !declOf.has(d.name)) declOf.set(d.name, d);
      if (!anyDeclOf.has(d.name)) anyDeclOf.set(d.name, d);
    }
  }

  // Only files that mention go:linkname are parsed here.
  const withLinknames = files.filter((f) => f.text.includes('go:linkname'));
  const pullLocals = new Set<string>();
  for (const f of withLinknames) {
    for (const d of f.directives) {
      if (d.name === 'linkname' && !d.spaced && d.args.length === 2) pullLocals.add(d.args[0]);
    }
  }

  const defined = new Set<string>(asmDefined);
  const bodiless = new Set<string>();
  for (const d of declOf.values()) {
    if (d.kind === 'func') {
      if (d.hasBody || asmDefined.has(d.name)) defined.add(d.name);
      else if (!pullLocals.has(d.name)) bodiless.add(d.name);
    } else if (!pullLocals.has(d.name) || d.hasBody) {
      defined.add(d.name);
    }
  }

  const pushes: PackageFacts['pushes'] = [];
  const linknames: LinknameFact[] = [];
  const mentions = countMentions(files, withLinknames);
  for (const f of withLinknames) {
    for (const d of f.directives) {
      if (d.name !== 'linkname' || d.spaced || d.args.length === 0) continue;
      const local = d.args[0];
      const parsed = f.decls.find((x) => x.name === local);
      const scannedDecl = declOf.get(local) ?? anyDeclOf.get(local);
      const kind = parsed
        ? parsed.kind === 'func' || parsed.kind === 'var' || parsed.kind === 'method'
          ? parsed.kind
          : 'none'
        : (scannedDecl?.kind ?? 'none');
      const body = parsed ? parsed.hasBody : (scannedDecl?.hasBody ?? false);
      const hasBody = body || (kind === 'func' && asmDefined.has(local));
      const target = d.args.length >= 2 ? d.args[1] : undefined;
      linknames.push({
        file: f.path,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        local,
        target,
        localKind: kind,
        hasBody,
        used: (mentions.get(local) ?? 0) > (kind === 'none' ? 0 : 1),
        build: { constraint: f.constraint, goos: f.nameGoos, goarch: f.nameGoarch },
        unsafe: f.imports.some((i) => i.path === 'unsafe'),
      });
      if (target && hasBody && !f.isTest) pushes.push({ target, file: f.path, line: d.line });
    }
  }

  const asmDefines: NonNullable<PackageFacts['asmDefines']> = [];
  for (const a of asm) {
    for (const d of a.syms.foreign ?? []) {
      if (d.pkg === pkg.importPath) continue;
      asmDefines.push({ target: `${d.pkg}.${d.name}`, file: a.file.path, line: d.line });
    }
  }

  const asmRefs: PackageFacts['asmRefs'] = [];
  for (const a of asm) {
    for (const r of a.syms.refs) {
      if (r.pkg === pkg.importPath) continue;
      asmRefs.push({ target: `${r.pkg}.${r.name}`, file: a.file.path, line: r.line, column: r.column });
    }
  }

  const imports = new Set<string>();
  for (const f of files) if (!f.isTest) for (const i of fileImports(f)) imports.add(i);

  const onlyIn = constrainedDefinitions(scanned, asm, defined, pullLocals);

  return {
    dir: pkg.dir,
    name: pkg.name,
    importPath: pkg.importPath,
    module: pkg.module?.path ?? null,
    imports: [...imports].sort(),
    defined: [...defined].sort(),
    ...(Object.keys(onlyIn).length > 0 ? { definedOnlyIn: onlyIn } : {}),
    ...(asmDefines.length > 0 ? { asmDefines } : {}),
    bodiless: [...bodiless].sort(),
    pushes,
    linknames,
    asmRefs,
  };
}

/** The `//go:build` line of an assembly file (before its first non-comment line), if any. */
export function asmBuild(f: AuxFile): FileBuildFact {
  const info = fileNameInfo(f.name);
  const out: FileBuildFact = { constraint: null, goos: info.goos, goarch: info.goarch };
  for (const line of splitLines(f.text)) {
    const t = line.trim();
    if (t === '') continue;
    if (!t.startsWith('//')) break;
    const m = /^\/\/go:build\s+(.*)$/.exec(t);
    if (!m) continue;
    try {
      out.constraint = parseGoBuild(m[1]);
    } catch {
      // A malformed line: treat the file as always built.
    }
    break;
  }
  return out;
}

/**
 * For each defined name whose every definition is in a constrained file (a `//go:build` line or
 * a GOOS/GOARCH name suffix), those files. Names defined in some always-built file are omitted.
 */
function constrainedDefinitions(
  scanned: Map<GoFile, ScannedDecl[]>,
  asm: { file: AuxFile; syms: AsmSymbols }[],
  defined: Set<string>,
  pullLocals: Set<string>,
): Record<string, ({ file: string } & FileBuildFact)[]> {
  const where = new Map<string, ({ file: string } & FileBuildFact)[]>();
  const always = new Set<string>();
  const add = (name: string, file: string, b: FileBuildFact) => {
    if (!defined.has(name) || always.has(name)) return;
    if (b.constraint === null && b.goos === undefined && b.goarch === undefined) {
      always.add(name);
      where.delete(name);
      return;
    }
    const list = where.get(name) ?? [];
    list.push({ file, ...b });
    where.set(name, list);
  };
  for (const [f, decls] of scanned) {
    if (f.isTest) continue;
    const b: FileBuildFact = { constraint: f.constraint, goos: f.nameGoos, goarch: f.nameGoarch };
    for (const d of decls) {
      if (d.kind === 'func' && !d.hasBody) continue;
      if (d.kind === 'var' && pullLocals.has(d.name) && !d.hasBody) continue;
      add(d.name, f.path, b);
    }
  }
  for (const a of asm) {
    const b = asmBuild(a.file);
    for (const name of a.syms.defined) add(name, a.file.path, b);
  }
  return Object.fromEntries(where);
}
