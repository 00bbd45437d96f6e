// The source lens engine for one directory: parse the Go files a rule may care about, group
// them into packages, run the package-scope rules, and export facts for the program-scope rules.
// Pure: takes texts, returns findings and facts.

import type { Tree } from 'web-tree-sitter';
import type { Finding } from '../core/finding.js';
import type { GoVersion } from '../core/goversion.js';
import { GT001 } from '../core/meta-rules.js';
import { buildPackageFacts } from './build-facts.js';
import { packageFacts } from './facts.js';
import type { Grammars } from './grammar.js';
import type { LinknameKB } from './linkname/kb.js';
import type { AuxFile, GoFile, ModuleInfo, Package } from './model.js';
import { parseGoFile } from './parse.js';
import {
  type At,
  DEFAULT_SOURCE_OPTIONS,
  type PackageFacts,
  type PackageRule,
  type ProgramRule,
  type ReportSpec,
  type SourceOptions,
  type SourceRule,
  type Versions,
} from './rule.js';
import { byteColumn } from './text.js';

export interface SourceInput {
  path: string;
  text: string;
}

export interface DirInput {
  /** Display path of the directory. */
  dir: string;
  goFiles: SourceInput[];
  aux: AuxFile[];
  module: ModuleInfo | null;
}

export interface AnalyzeOptions {
  /** `--go` or the config's `go:`; overrides go.mod when set. */
  goOverride: GoVersion | null;
  rules: SourceRule[];
  /** Rule settings from the configuration (default: none). */
  options?: SourceOptions;
  /** Check files marked `// Code generated ... DO NOT EDIT.` too. */
  includeGenerated: boolean;
  /** Export facts (with the build lens's part) for every package even when no program rule runs. */
  buildFacts?: boolean;
}

export interface DirResult {
  findings: Finding[];
  facts: PackageFacts[];
  /** Go files that were parsed (the rest were ruled out by the prefilters). */
  parsed: number;
  /** Internal errors: a rule that threw. The scan goes on; the CLI reports them and exits 2. */
  errors: string[];
}

function wants(rule: SourceRule, texts: string[]): boolean {
  return !rule.prefilter || texts.some((t) => rule.prefilter!.test(t));
}

export function analyzeDir(g: Grammars, kb: LinknameKB, input: DirInput, opts: AnalyzeOptions): DirResult {
  const texts = input.goFiles.map((f) => f.text);
  const pkgRules = opts.rules.filter((r): r is PackageRule => r.scope === 'package' && wants(r, texts));
  // Facts come from a text scan (no parse) and program rules need them for every package: a
  // linkname target may live in a package that has no directive of its own.
  const needFacts =
    opts.buildFacts === true || opts.rules.some((r) => r.scope === 'program' || r.checkProgram !== undefined);
  const result: DirResult = { findings: [], facts: [], parsed: 0, errors: [] };
  if (pkgRules.length === 0 && !needFacts) return result;
  const versions = versionsFor(input.module, opts.goOverride);
  const std = input.module?.isStd ?? false;

  const all = input.goFiles.map((src) => parseGoFile(g.go, src.path, src.text));
  const checked = (f: GoFile): boolean => !f.generated || opts.includeGenerated;
  try {
    // Packages hold every file (facts must see generated definitions); rules see the files
    // they may report on.
    for (const whole of groupPackages(input, all)) {
      const pkg: Package = { ...whole, files: whole.files.filter(checked) };
      const cTrees = new Map<string, Tree>();
      const parseC = (text: string): Tree => {
        let t = cTrees.get(text);
        if (!t) {
          t = g.c.parse(text) ?? undefined;
          if (!t) throw new Error('tree-sitter-c could not parse the C text');
          cTrees.set(text, t);
        }
        return t;
      };
      const exports: Record<string, unknown[]> = {};
      for (const rule of pkgRules) {
        const exportFact = (value: unknown): void => {
          exports[rule.id] ??= [];
          exports[rule.id].push(value);
        };
        const report = (spec: ReportSpec) => result.findings.push(toFinding(rule, spec));
        try {
          rule.check({
            pkg,
            options: opts.options ?? DEFAULT_SOURCE_OPTIONS,
            versions,
            std,
            kb,
            report,
            parseC,
            exportFact,
          });
        } catch (e) {
          result.errors.push(`${rule.id} failed on package ${pkg.importPath}: ${(e as Error).message}`);
        }
      }
      for (const t of cTrees.values()) t.delete();
      if (needFacts) {
        const facts: PackageFacts = { ...packageFacts(whole), versions, std, exports };
        if (opts.buildFacts) facts.build = buildPackageFacts(whole);
        result.facts.push(facts);
      }
    }
  } finally {
    for (const f of all) {
      if (!f.parsed) continue;
      result.parsed++;
      if (f.errors.length > 0) result.findings.push(parseErrorFinding(f));
      f.tree.delete();
    }
  }
  return result;
}

/** Groups the files of one directory into packages by package clause. */
export function groupPackages(input: DirInput, files: GoFile[]): Package[] {
  const byName = new Map<string, GoFile[]>();
  for (const f of files) {
    if (!f.packageName) continue;
    const list = byName.get(f.packageName) ?? [];
    list.push(f);
    byName.set(f.packageName, list);
  }
  const base = importPathOf(input.dir, input.module);
  return [...byName.entries()].map(([name, pkgFiles]) => ({
    dir: input.dir,
    name,
    importPath: name.endsWith('_test') && pkgFiles.every((f) => f.isTest) ? `${base}_test` : base,
    files: pkgFiles,
    aux: input.aux,
    module: input.module,
  }));
}

/** The versions a module's code is judged under (design.md, "Three Go versions"). */
export function versionsFor(mod: ModuleInfo | null, override: GoVersion | null): Versions {
  return { toolchain: override ?? mod?.toolchain ?? mod?.go ?? null, language: mod?.go ?? null };
}

export function importPathOf(dir: string, mod: ModuleInfo | null): string {
  if (!mod) return dir;
  let rel = dir;
  if (mod.dir !== '.')
    rel = dir === mod.dir ? '.' : dir.startsWith(`${mod.dir}/`) ? dir.slice(mod.dir.length + 1) : dir;
  if (mod.isStd) return rel === '.' ? 'std' : rel;
  return rel === '.' ? mod.path : `${mod.path}/${rel}`;
}

// --- findings ----------------------------------------------------------------------------------

/** Converts whatever `at` is into 1-based line and byte columns. */
function locate(
  file: GoFile | string,
  at: At,
): { line: number; column: number; endLine?: number; endColumn?: number } {
  if ('startPosition' in at) {
    const lines = typeof file === 'string' ? undefined : file.lines;
    const s = at.startPosition;
    const e = at.endPosition;
    return {
      line: s.row + 1,
      column: byteColumn(lines?.[s.row], s.column),
      endLine: e.row + 1,
      endColumn: byteColumn(lines?.[e.row], e.column),
    };
  }
  return at;
}

export function toFinding(rule: SourceRule, spec: ReportSpec): Finding {
  const loc = locate(spec.file, spec.at);
  const f: Finding = {
    rule: rule.id,
    name: rule.name,
    severity: spec.severity ?? rule.severity,
    lens: 'source',
    message: spec.message,
    file: typeof spec.file === 'string' ? spec.file : spec.file.path,
    line: loc.line,
    column: loc.column,
  };
  if (loc.endLine !== undefined) {
    f.endLine = loc.endLine;
    f.endColumn = loc.endColumn;
  }
  if (spec.related && spec.related.length > 0) f.related = spec.related;
  if (spec.fix) f.fix = spec.fix;
  return f;
}

function parseErrorFinding(f: GoFile): Finding {
  const first = f.errors[0];
  return {
    rule: GT001.id,
    name: GT001.name,
    severity: GT001.severity,
    lens: 'gotrap',
    message: `syntax error near line ${first.line}; only the parts of the file that parsed were checked`,
    file: f.path,
    line: first.line,
    column: first.column,
  };
}

// --- program scope -----------------------------------------------------------------------------

export function runProgramRules(rules: SourceRule[], facts: PackageFacts[], kb: LinknameKB): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const check = rule.scope === 'program' ? (rule as ProgramRule).check : rule.checkProgram;
    if (!check) continue;
    check.call(rule, {
      packages: facts,
      kb,
      report: (spec) => out.push(toFinding(rule, spec)),
    });
  }
  return out;
}
