// GitHub Actions reporter: one workflow command per finding, which the runner shows as an
// annotation on the pull request's diff. Format and escaping follow the runner's own rules
// (actions/toolkit, packages/core/src/command.ts).

import type { Finding, ScanResult, Severity } from '../core/finding.js';
import { reportedFindings } from './json.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function renderGithub(result: ScanResult): string {
  return reportedFindings(result)
    .map((f) => `${annotation(f)}\n`)
    .join('');
}

/** `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=RULE name::message` */
function annotation(f: Finding): string {
  const props: Array<[string, string | number | undefined]> = [
    // Findings read from stdin have no file to annotate.
    ['file', f.file === '-' ? undefined : f.file],
    ['line', f.line],
    ['col', f.column],
    ['endLine', f.endLine],
    ['endColumn', f.endColumn],
    ['title', `${f.rule} ${f.name}`],
  ];
  const list = props
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${COMMAND[f.severity]} ${list}::${escapeData(annotationText(f))}`;
}

/** The message, then related locations and the fix on their own lines. */
function annotationText(f: Finding): string {
  const lines = [f.message];
  for (const r of f.related ?? []) {
    const where = r.line === undefined ? (r.file ?? '') : `${r.file ?? f.file}:${r.line}`;
    lines.push(where ? `related ${where}: ${r.message}` : `related: ${r.message}`);
  }
  if (f.fix) lines.push(`fix: ${f.fix.description}`);
  return lines.join('\n');
}

/** Escaping for the message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for a property value: the message escapes plus the `:` and `,` that end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
