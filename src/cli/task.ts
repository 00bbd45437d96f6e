// One unit of source-lens work: read the files of one directory, analyze them, and find the
// suppression comments in them. Runs in a worker thread or inline (small scans).

import { readFileSync } from 'node:fs';
import type { Finding, SkippedFile } from '../core/finding.js';
import type { GoVersion } from '../core/goversion.js';
import { findSuppressions, type SuppressionComment } from '../core/suppress.js';
import { analyzeDir, type SourceInput } from '../source/analyze.js';
import type { Grammars } from '../source/grammar.js';
import type { LinknameKB } from '../source/linkname/kb.js';
import type { AuxFile, ModuleInfo } from '../source/model.js';
import type { PackageFacts, SourceRule } from '../source/rule.js';
import { describe, type FileEntry } from './walk.js';

export interface DirTask {
  dir: string;
  go: FileEntry[];
  aux: FileEntry[];
  module: ModuleInfo | null;
}

export interface TaskOptions {
  goOverride: GoVersion | null;
  includeGenerated: boolean;
  /** `cgo.releases` from the configuration. */
  cgoReleases: string[];
  /** The build lens runs: export every package's facts with their build part. */
  buildFacts?: boolean;
}

export interface TaskResult {
  findings: Finding[];
  facts: PackageFacts[];
  suppressions: SuppressionComment[];
  skipped: SkippedFile[];
  /** Go files read. */
  files: number;
  parsed: number;
  errors: string[];
}

export function emptyResult(): TaskResult {
  return { findings: [], facts: [], suppressions: [], skipped: [], files: 0, parsed: 0, errors: [] };
}

/** Reads a file as UTF-8 text; binary content (a NUL byte) and read errors become a skip reason. */
export function readText(e: FileEntry): { text: string } | { reason: string } {
  let buf: Buffer;
  try {
    buf = readFileSync(e.abs);
  } catch (err) {
    return { reason: describe(err) };
  }
  if (buf.subarray(0, 8192).includes(0)) return { reason: 'binary content (NUL bytes), not source text' };
  return { text: buf.toString('utf8') };
}

export function runDirTask(
  g: Grammars,
  kb: LinknameKB,
  rules: SourceRule[],
  task: DirTask,
  opts: TaskOptions,
  into: TaskResult,
): void {
  const goFiles: SourceInput[] = [];
  for (const e of task.go) {
    const r = readText(e);
    if ('reason' in r) {
      into.skipped.push({ file: e.path, reason: r.reason });
      continue;
    }
    into.files++;
    goFiles.push({ path: e.path, text: r.text });
    into.suppressions.push(...findSuppressions(e.path, r.text));
  }
  const aux: AuxFile[] = [];
  for (const e of task.aux) {
    const name = e.path.slice(e.path.lastIndexOf('/') + 1);
    if (name.endsWith('.syso')) {
      aux.push({ path: e.path, name, text: '' });
      continue;
    }
    const r = readText(e);
    if ('reason' in r) into.skipped.push({ file: e.path, reason: r.reason });
    else aux.push({ path: e.path, name, text: r.text });
  }
  if (goFiles.length === 0) return;
  const res = analyzeDir(
    g,
    kb,
    { dir: task.dir, goFiles, aux, module: task.module },
    {
      goOverride: opts.goOverride,
      includeGenerated: opts.includeGenerated,
      rules,
      options: { cgoReleases: opts.cgoReleases },
      buildFacts: opts.buildFacts,
    },
  );
  into.findings.push(...res.findings);
  into.facts.push(...res.facts);
  into.parsed += res.parsed;
  into.errors.push(...res.errors);
}

export function mergeResult(into: TaskResult, r: TaskResult): void {
  into.findings.push(...r.findings);
  into.facts.push(...r.facts);
  into.suppressions.push(...r.suppressions);
  into.skipped.push(...r.skipped);
  into.files += r.files;
  into.parsed += r.parsed;
  into.errors.push(...r.errors);
}
