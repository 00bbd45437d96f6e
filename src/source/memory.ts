// Scanning sources held in memory: what the browser trainer and playground run, and what tests
// use for quick cases. Same engine as the CLI (analyzeDir + program rules + suppressions), no
// file system: the caller hands over file names and texts.

import { analyzeBuild } from '../build/engine.js';
import { buildFileKind } from '../build/files.js';
import { looksLikeKubernetes } from '../build/kubernetes.js';
import type { BuildFile } from '../build/model.js';
import { dirOf } from '../build/paths.js';
import type { BuildRule } from '../build/rule.js';
import type { Finding } from '../core/finding.js';
import { type GoVersion, parseGoVersion } from '../core/goversion.js';
import { GT002 } from '../core/meta-rules.js';
import { applySuppressions, findSuppressions } from '../core/suppress.js';
import { analyzeDir, runProgramRules } from './analyze.js';
import { parseGoMod } from './gomod.js';
import type { Grammars } from './grammar.js';
import type { LinknameKB } from './linkname/kb.js';
import type { AuxFile, ModuleInfo } from './model.js';
import type { SourceRule } from './rule.js';

export interface MemoryFile {
  /** Path with `/` separators, relative to the module root (`main.go`, `sub/x.go`, `go.mod`). */
  name: string;
  text: string;
}

export interface MemoryScanOptions {
  rules: SourceRule[];
  /**
   * Build rules to run over the build files among `files` (Dockerfiles, Makefiles, scripts, CI
   * YAML, goreleaser, manifests). None: the build lens does not run.
   */
  buildRules?: BuildRule[];
  /** Judge as this Go version (like --go). */
  go?: string;
  includeGenerated?: boolean;
}

export interface MemoryScanResult {
  findings: Finding[];
  /** Findings silenced by a `//gotrap:ignore` with a reason. */
  suppressed: Finding[];
  /** Internal errors (a rule threw). */
  errors: string[];
}

const AUX = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx|s|S|sx)$/;

/** The build files among in-memory files; YAML counts only when it is a workload manifest. */
function buildFilesOf(files: MemoryFile[]): BuildFile[] {
  const out: BuildFile[] = [];
  for (const f of files) {
    const kind = buildFileKind(f.name);
    if (kind === null) continue;
    if (kind === 'yaml') {
      if (looksLikeKubernetes(f.text)) out.push({ path: f.name, kind: 'kubernetes', text: f.text });
    } else out.push({ path: f.name, kind, text: f.text });
  }
  return out;
}

/** Scans in-memory files as one module (a `go.mod` among them names it; otherwise `example.com/m`). */
export function scanMemory(
  g: Grammars,
  kb: LinknameKB,
  files: MemoryFile[],
  opts: MemoryScanOptions,
): MemoryScanResult {
  const goOverride: GoVersion | null = opts.go ? parseGoVersion(opts.go) : null;
  const gomod = files.find((f) => f.name === 'go.mod');
  const parsed = gomod ? parseGoMod(gomod.text) : null;
  const module: ModuleInfo = {
    file: 'go.mod',
    dir: '.',
    path: parsed?.path ?? 'example.com/m',
    go: parsed?.go ?? null,
    goLine: parsed?.goLine,
    toolchain: parsed?.toolchain ?? null,
    toolchainLine: parsed?.toolchainLine,
    isStd: parsed?.path === 'std',
  };
  const dirs = new Map<string, { go: MemoryFile[]; aux: AuxFile[] }>();
  for (const f of files) {
    const entry = dirs.get(dirOf(f.name)) ?? { go: [], aux: [] };
    if (f.name.endsWith('.go')) entry.go.push(f);
    else if (AUX.test(f.name))
      entry.aux.push({ path: f.name, name: f.name.slice(f.name.lastIndexOf('/') + 1), text: f.text });
    else continue;
    dirs.set(dirOf(f.name), entry);
  }
  const findings: Finding[] = [];
  const errors: string[] = [];
  const facts = [];
  for (const [dir, entry] of dirs) {
    if (entry.go.length === 0) continue;
    const res = analyzeDir(
      g,
      kb,
      { dir, goFiles: entry.go.map((f) => ({ path: f.name, text: f.text })), aux: entry.aux, module },
      {
        goOverride,
        rules: opts.rules,
        includeGenerated: opts.includeGenerated ?? false,
        buildFacts: (opts.buildRules?.length ?? 0) > 0,
      },
    );
    findings.push(...res.findings);
    facts.push(...res.facts);
    errors.push(...res.errors);
  }
  findings.push(...runProgramRules(opts.rules, facts, kb));
  if (opts.buildRules && opts.buildRules.length > 0) {
    const build = buildFilesOf(files);
    const res = analyzeBuild({ files: build, packages: facts, modules: [module] }, opts.buildRules);
    findings.push(...res.findings);
    errors.push(...res.errors);
  }
  const comments = files.flatMap((f) => findSuppressions(f.name, f.text));
  for (const c of comments) {
    if (c.reason !== '') continue;
    findings.push({
      rule: GT002.id,
      name: GT002.name,
      severity: GT002.severity,
      lens: 'gotrap',
      message: `suppression of ${c.rules.join(', ') || 'nothing'} gives no reason (write \`-- why\`); it silences nothing`,
      file: c.file,
      line: c.line,
      column: c.column,
    });
  }
  const { kept, suppressed } = applySuppressions(findings, comments);
  return { findings: kept, suppressed, errors };
}
