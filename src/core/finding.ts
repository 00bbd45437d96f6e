// Findings: the one result type shared by every lens and every reporter.

export type Severity = 'error' | 'warning' | 'info';
export type Lens = 'source' | 'build' | 'binary' | 'crash' | 'gotrap';

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** Higher is more severe. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** A secondary location or note attached to a finding. */
export interface Related {
  file?: string;
  line?: number;
  column?: number;
  rule?: string;
  message: string;
}

/** A suggested change, described in words and optionally as a text edit. */
export interface Fix {
  description: string;
  /** Replacement of the finding's range (1-based, end exclusive) by `text`, when mechanical. */
  edit?: { line: number; column: number; endLine: number; endColumn: number; text: string };
}

export interface Suppression {
  kind: 'inline' | 'file' | 'config';
  reason: string;
  /** Where the suppression comment is (1-based). */
  line?: number;
}

export interface Finding {
  rule: string;
  name: string;
  severity: Severity;
  lens: Lens;
  message: string;
  /** Path relative to the working directory with `/` separators; `-` for stdin. */
  file: string;
  /** 1-based; absent for binary findings. */
  line?: number;
  /** 1-based byte column, as gc prints them. */
  column?: number;
  endLine?: number;
  endColumn?: number;
  related?: Related[];
  fix?: Fix;
  /** Set when a suppression matched; suppressed findings are dropped from text/json and kept in SARIF. */
  suppressed?: Suppression;
}

/** Stable order: file, line, column, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.line ?? 0;
  const lb = b.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.column ?? 0;
  const cb = b.column ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/** What one run produced: the JSON reporter's contract (design.md) is built from this. */
export interface ScanResult {
  findings: Finding[];
  /** Findings matched by a suppression (kept for SARIF). */
  suppressed: Finding[];
  files: number;
  skipped: SkippedFile[];
  durationMs: number;
  /** Extra top-level objects a lens adds to the JSON output (`binaries`, `crash`). */
  extra?: Record<string, unknown>;
}
