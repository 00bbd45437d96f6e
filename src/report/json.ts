// JSON reporter: the machine-readable contract of design.md ("JSON output"). Tests, bars and
// users read this shape, so fields are only ever added, never renamed or moved.

import { compareFindings, type Finding, type Related, type ScanResult } from '../core/finding.js';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonOptions {
  version: string;
}

/** The findings a text, JSON or GitHub report shows: not suppressed, in the stable order. */
export function reportedFindings(result: ScanResult): Finding[] {
  return result.findings.filter((f) => f.suppressed === undefined).sort(compareFindings);
}

/** The findings a suppression matched, in the stable order. */
export function suppressedFindings(result: ScanResult): Finding[] {
  const stray = result.findings.filter((f) => f.suppressed !== undefined);
  return [...result.suppressed, ...stray].sort(compareFindings);
}

export function renderJson(result: ScanResult, opts: JsonOptions): string {
  const findings = reportedFindings(result);
  const doc = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'gotrap', version: opts.version },
    findings: findings.map(findingToJson),
    summary: {
      files: result.files,
      findings: findings.length,
      durationMs: Math.round(result.durationMs),
      skipped: result.skipped.map((s) => ({ file: s.file, reason: s.reason })),
      suppressed: suppressedFindings(result).length,
    },
    ...extraSections(result.extra),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const CORE_KEYS = new Set(['schemaVersion', 'tool', 'findings', 'summary']);

/** The sections a lens adds (`binaries`, `crash`); they may not replace the core keys. */
function extraSections(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (!CORE_KEYS.has(key)) out[key] = value;
  }
  return out;
}

/** One finding in the documented key order, without the fields that are not set. */
function findingToJson(f: Finding): Record<string, unknown> {
  return withoutUndefined({
    rule: f.rule,
    name: f.name,
    severity: f.severity,
    lens: f.lens,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    related: f.related?.map(relatedToJson),
    fix: f.fix && withoutUndefined({ description: f.fix.description, edit: f.fix.edit }),
  });
}

function relatedToJson(r: Related): Record<string, unknown> {
  return withoutUndefined({ file: r.file, line: r.line, column: r.column, rule: r.rule, message: r.message });
}

function withoutUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}
