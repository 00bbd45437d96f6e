// `gotrap scan`: walk → read → analyze (workers) → program rules → suppressions → config →
// report. The only place the source lens meets the file system.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { looksLikeKubernetes } from '../build/kubernetes.js';
import type { BuildFile, BuildFileKind } from '../build/model.js';
import { applyConfig, type GotrapConfig, isExcluded } from '../core/config-model.js';
import type { Finding, ScanResult, SkippedFile } from '../core/finding.js';
import { type GoVersion, parseGoVersion } from '../core/goversion.js';
import { GT002, GT003, skippedFinding } from '../core/meta-rules.js';
import { applySuppressions, findSuppressions, type SuppressionComment } from '../core/suppress.js';
import { BUILD_RULES, SOURCE_RULES } from '../rules.js';
import { runProgramRules } from '../source/analyze.js';
import { moduleContaining, parseGoMod } from '../source/gomod.js';
import type { ModuleInfo } from '../source/model.js';
import { UsageError } from './errors.js';
import { makeKB } from './kb.js';
import { runTasks } from './pool.js';
import { type DirTask, readText } from './task.js';
import { type BuildEntry, displayPath, walk } from './walk.js';

export { findConfigFile, UsageError } from './errors.js';

export interface ScanOptions {
  cwd: string;
  paths: string[];
  config: GotrapConfig;
  /** Directory of the config file: its exclude patterns are relative to it (default: cwd). */
  configDir?: string;
  go: string | null;
  goroot: string | null;
  includeVendor: boolean;
  includeGenerated: boolean;
  /** Rule ids that run (after --rules and the config). */
  ruleIds: Set<string>;
  workers?: number;
  progress?: (msg: string) => void;
}

export interface ScanOutput {
  result: ScanResult;
  /** Internal errors (a rule that threw); reported on stderr, exit 2. */
  errors: string[];
  /** For `npm run bench`: the build lens's part of the scan. */
  stats: { buildMs: number; buildFiles: number; goCommands: number };
}

export async function runScan(o: ScanOptions): Promise<ScanOutput> {
  const started = performance.now();
  const goOverride = resolveGoOverride(o.go ?? o.config.go);
  const buildRules = BUILD_RULES.filter((r) => o.ruleIds.has(r.id));
  const buildOn = buildRules.length > 0;
  const w = walk(o.paths, {
    cwd: o.cwd,
    includeVendor: o.includeVendor,
    build: buildOn,
    isExcluded: (p) =>
      isExcluded(o.configDir ? displayPath(o.configDir, resolve(o.cwd, p)) : p, o.config.exclude),
  });
  if (w.missing.length > 0) {
    throw new UsageError(`no such file or directory: ${w.missing.join(', ')}`);
  }
  const modules = w.gomods.map((m) => readModule(m.abs, m.path, o.cwd));
  const tasks: DirTask[] = [...w.dirs.values()]
    .filter((d) => d.go.length > 0)
    .map((d) => ({ dir: d.dir, go: d.go, aux: d.aux, module: moduleContaining(d.dir, modules) }));
  const buildStarted = performance.now();
  const build = buildOn ? readBuildFiles(w.build) : { files: [], skipped: [], suppressions: [] };
  let buildMs = performance.now() - buildStarted;
  let goCommands = 0;
  if (tasks.length === 0 && w.skipped.length === 0 && build.files.length === 0) {
    throw new UsageError(
      `nothing to scan: no Go files${buildOn ? ' or build files' : ''} under ${o.paths.join(', ')}`,
    );
  }
  const goroot = o.goroot ?? o.config.goroot;
  const ruleIds = SOURCE_RULES.filter((r) => o.ruleIds.has(r.id)).map((r) => r.id);
  o.progress?.(
    `scanning ${tasks.reduce((n, t) => n + t.go.length, 0)} Go files in ${tasks.length} directories`,
  );
  const res = await runTasks(tasks, {
    ruleIds,
    opts: {
      goOverride,
      includeGenerated: o.includeGenerated,
      cgoReleases: [...o.config.releases],
      buildFacts: buildOn,
    },
    goroot,
    workers: o.workers,
  });

  const kb = makeKB(goroot);
  const programRules = SOURCE_RULES.filter(
    (r) => (r.scope === 'program' || r.checkProgram !== undefined) && ruleIds.includes(r.id),
  );
  const findings: Finding[] = [...res.findings, ...runProgramRules(programRules, res.facts, kb)];
  const errors = [...res.errors];
  if (buildOn) {
    // Also without build files: `#cgo LDFLAGS: -static` alone is judged as a plain `go build`.
    const t0 = performance.now();
    const { analyzeBuild } = await import('../build/engine.js');
    const b = analyzeBuild({ files: build.files, packages: res.facts, modules }, buildRules);
    buildMs += performance.now() - t0;
    goCommands = b.commands;
    findings.push(...b.findings);
    errors.push(...b.errors);
  }
  const suppressions = [...res.suppressions, ...build.suppressions];
  const skipped: SkippedFile[] = [...w.skipped, ...res.skipped, ...build.skipped];
  findings.push(...skipped.map((s) => skippedFinding(s.file, s.reason)));
  findings.push(...suppressions.filter((s) => s.reason === '').map(noReasonFinding));

  const configured = applyConfig(findings, o.config, o.ruleIds);
  const { kept, suppressed } = applySuppressions(configured, suppressions);
  if (o.ruleIds.has(GT003.id)) {
    const judged = (s: SuppressionComment): boolean => s.rules.every((r) => o.ruleIds.has(r));
    kept.push(...suppressions.filter((s) => s.reason !== '' && !s.used && judged(s)).map(unusedFinding));
  }
  return {
    result: {
      findings: kept,
      suppressed,
      files: res.files + build.files.length,
      skipped,
      durationMs: Math.round(performance.now() - started),
    },
    errors,
    stats: { buildMs: Math.round(buildMs), buildFiles: build.files.length, goCommands },
  };
}

/**
 * Reads the build files the walk found; YAML files that are not Kubernetes workload manifests
 * are dropped here (the cheap text test decides).
 */
function readBuildFiles(entries: BuildEntry[]): {
  files: BuildFile[];
  skipped: SkippedFile[];
  suppressions: SuppressionComment[];
} {
  const out = {
    files: [] as BuildFile[],
    skipped: [] as SkippedFile[],
    suppressions: [] as SuppressionComment[],
  };
  for (const e of entries) {
    const r = readText(e);
    if ('reason' in r) {
      if (e.kind !== 'yaml') out.skipped.push({ file: e.path, reason: r.reason });
      continue;
    }
    let kind: BuildFileKind;
    if (e.kind === 'yaml') {
      if (!looksLikeKubernetes(r.text)) continue;
      kind = 'kubernetes';
    } else kind = e.kind;
    out.files.push({ path: e.path, kind, text: r.text });
    out.suppressions.push(...findSuppressions(e.path, r.text));
  }
  return out;
}

function resolveGoOverride(s: string | null): GoVersion | null {
  if (!s) return null;
  const v = parseGoVersion(s);
  if (!v) throw new UsageError(`--go: "${s}" is not a Go version (expected e.g. 1.22 or go1.22.3)`);
  return v;
}

function readModule(abs: string, path: string, cwd: string): ModuleInfo {
  let text = '';
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    // An unreadable go.mod leaves the module unnamed; the Go files are still scanned.
  }
  const m = parseGoMod(text);
  const dir = displayPath(cwd, dirname(abs));
  return {
    file: path,
    dir,
    path: m.path ?? dir,
    go: m.go,
    goLine: m.goLine,
    toolchain: m.toolchain,
    toolchainLine: m.toolchainLine,
    isStd: m.path === 'std',
  };
}

function noReasonFinding(s: SuppressionComment): Finding {
  return {
    rule: GT002.id,
    name: GT002.name,
    severity: GT002.severity,
    lens: 'gotrap',
    message: `suppression of ${s.rules.join(', ') || 'nothing'} gives no reason (write \`-- why\`); it silences nothing`,
    file: s.file,
    line: s.line,
    column: s.column,
  };
}

function unusedFinding(s: SuppressionComment): Finding {
  return {
    rule: GT003.id,
    name: GT003.name,
    severity: GT003.severity,
    lens: 'gotrap',
    message: `suppression of ${s.rules.join(', ')} matches no finding`,
    file: s.file,
    line: s.line,
    column: s.column,
  };
}
