// Text reporter: what a person reads in a terminal. One header line per finding in the
// `path:line:col:` form editors and terminals turn into links, then the source line with a caret
// under the reported span, related locations, a fix hint, and a one-line summary.

import type { Finding, Related, ScanResult, Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { reportedFindings, suppressedFindings } from './json.js';

export interface TextOptions {
  color: boolean;
  rules: (id: string) => RuleMeta | undefined;
  /** The lines of a reported file, for code frames; undefined when it cannot be shown. */
  getLines?: (file: string) => string[] | undefined;
  /** Findings only: no rule list, no summary. */
  quiet?: boolean;
}

// ---------------------------------------------------------------------------------------------
// ANSI colour

const STYLES = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  cyan: '36',
} as const;

export type Style = keyof typeof STYLES;

/** Wraps text in an ANSI style when colour is on; returns it unchanged otherwise. */
export function paint(color: boolean, style: Style, text: string): string {
  if (!color || text === '') return text;
  return `\u001b[${STYLES[style]}m${text}\u001b[0m`;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

// ---------------------------------------------------------------------------------------------
// Report

export function renderText(result: ScanResult, opts: TextOptions): string {
  const findings = reportedFindings(result);
  const out: string[] = [];
  for (const f of findings) out.push(...findingLines(f, opts));
  if (!opts.quiet) {
    out.push(...ruleHints(findings, opts));
    if (out.length > 0) out.push('');
    out.push(summaryLine(result, findings, opts.color));
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function findingLines(f: Finding, opts: TextOptions): string[] {
  const out = [headerLine(f, opts.color)];
  out.push(...codeFrame(f, opts));
  for (const r of f.related ?? []) out.push(relatedLine(f, r, opts.color));
  if (f.fix) out.push(`  ${paint(opts.color, 'green', 'fix:')} ${f.fix.description}`);
  return out;
}

/** `path:line:col: severity RULE name: message`; binary findings have only the path. */
function headerLine(f: Finding, color: boolean): string {
  const where = paint(color, 'bold', `${position(f.file, f.line, f.column)}:`);
  const severity = paint(color, SEVERITY_STYLE[f.severity], f.severity);
  return `${where} ${severity} ${paint(color, 'bold', f.rule)} ${paint(color, 'dim', f.name)}: ${f.message}`;
}

function position(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  if (column === undefined) return `${file}:${line}`;
  return `${file}:${line}:${column}`;
}

function relatedLine(f: Finding, r: Related, color: boolean): string {
  const where = r.line === undefined && r.file === undefined ? '' : ` ${position(r.file ?? f.file, r.line)}`;
  const rule = r.rule ? `${r.rule} ` : '';
  return `  ${paint(color, 'dim', 'related')}${where}: ${rule}${r.message}`;
}

// ---------------------------------------------------------------------------------------------
// Code frame

const FRAME_INDENT = '    ';
const TAB_AS = '    ';
/** Longer source lines are shown as a window around the reported column. */
const MAX_FRAME_WIDTH = 120;

/** The reported line and a caret line under the span, when the line's text is available. */
function codeFrame(f: Finding, opts: TextOptions): string[] {
  if (f.line === undefined || !opts.getLines) return [];
  const raw = opts.getLines(f.file)?.[f.line - 1];
  if (raw === undefined) return [];
  const text = raw.replace(/\r$/, '');
  if (text.trim() === '') return [];
  const span = caretSpan(f, text);
  const shown = frameWindow(text.replace(/\t/g, TAB_AS), span);
  const frame = [FRAME_INDENT + shown.text];
  if (span) {
    const carets = paint(opts.color, SEVERITY_STYLE[f.severity], '^'.repeat(shown.width));
    frame.push(FRAME_INDENT + ' '.repeat(shown.start) + carets);
  }
  return frame;
}

interface Span {
  /** 0-based display offsets in the tab-expanded line. */
  start: number;
  end: number;
}

/** Where the carets go, in display offsets; undefined when the finding has no column. */
function caretSpan(f: Finding, text: string): Span | undefined {
  if (f.column === undefined) return undefined;
  const start = displayOffset(text, f.column);
  let end = start + 1;
  const sameLine = f.endLine === undefined || f.endLine === f.line;
  if (sameLine && f.endColumn !== undefined) end = displayOffset(text, f.endColumn);
  if (!sameLine) end = displayOffset(text, Number.MAX_SAFE_INTEGER);
  return { start, end: Math.max(end, start + 1) };
}

/** A 1-based byte column as a 0-based offset in the line with tabs expanded. */
function displayOffset(text: string, byteColumn: number): number {
  const index = Math.min(utf16Column(text, byteColumn) - 1, text.length);
  const tabs = text.slice(0, index).split('\t').length - 1;
  return index + tabs * (TAB_AS.length - 1);
}

interface ShownLine {
  text: string;
  /** Caret position and width within `text`. */
  start: number;
  width: number;
}

/** Drops the line's indentation and, for very long lines, keeps a window around the span. */
function frameWindow(expanded: string, span: Span | undefined): ShownLine {
  const indentWidth = expanded.length - expanded.trimStart().length;
  let from = Math.min(indentWidth, span?.start ?? indentWidth);
  let prefix = '';
  if (expanded.length - from > MAX_FRAME_WIDTH && span && span.start - from > MAX_FRAME_WIDTH / 3) {
    from = span.start - Math.floor(MAX_FRAME_WIDTH / 3);
    prefix = '...';
  }
  let text = prefix + expanded.slice(from, from + MAX_FRAME_WIDTH).trimEnd();
  if (expanded.length - from > MAX_FRAME_WIDTH) text += '...';
  if (!span) return { text, start: 0, width: 0 };
  const start = span.start - from + prefix.length;
  const visibleEnd = Math.min(span.end - from + prefix.length, text.length);
  return { text, start, width: Math.max(1, visibleEnd - start) };
}

// ---------------------------------------------------------------------------------------------
// Columns

/**
 * Converts a 1-based UTF-8 byte column of `line` to a 1-based UTF-16 column. A column inside a
 * multi-byte character maps to that character; a column past the end of the line keeps its
 * distance from the end.
 */
export function utf16Column(line: string, byteColumn: number): number {
  const target = byteColumn - 1;
  let bytes = 0;
  let units = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0) ?? 0);
    if (bytes + size > target) return units + 1;
    bytes += size;
    units += ch.length;
  }
  return units + 1 + Math.max(0, target - bytes);
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

// ---------------------------------------------------------------------------------------------
// Rule hints and summary

/** One line per rule that fired, with its title, and where to read more. */
function ruleHints(findings: Finding[], opts: TextOptions): string[] {
  const ids = [...new Set(findings.map((f) => f.rule))].sort();
  const lines: string[] = [];
  for (const id of ids) {
    const rule = opts.rules(id);
    if (rule) lines.push(`  ${paint(opts.color, 'bold', id)}  ${rule.title}`);
  }
  if (lines.length === 0) return [];
  return [
    '',
    'rules:',
    ...lines,
    paint(opts.color, 'dim', 'run `gotrap explain <ID>` for the symptom, cause and fix'),
  ];
}

function summaryLine(result: ScanResult, findings: Finding[], color: boolean): string {
  const files = plural(result.files, 'file');
  let line: string;
  if (findings.length === 0) {
    line = `no findings in ${files}`;
  } else {
    const bySeverity = [
      plural(countSeverity(findings, 'error'), 'error'),
      plural(countSeverity(findings, 'warning'), 'warning'),
      plural(countSeverity(findings, 'info'), 'info'),
    ];
    line = `${plural(findings.length, 'finding')} (${bySeverity.join(', ')}) in ${files}`;
  }
  const suppressed = suppressedFindings(result).length;
  if (result.skipped.length > 0) line += `, ${result.skipped.length} skipped`;
  if (suppressed > 0) line += `, ${suppressed} suppressed`;
  return paint(color, 'bold', line);
}

function countSeverity(findings: Finding[], severity: Severity): number {
  return findings.filter((f) => f.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
