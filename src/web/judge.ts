// When is an exercise solved? design.md, "Trainer exercises": the rule's finding is gone, the
// code still parses, no new finding appeared, and the fix kept the code's purpose — the
// identifiers the rule's `trainer.essential` names are still in the code (deleting the code is
// not a fix). Silencing the finding with //gotrap:ignore is not a fix either.

import type { Finding } from '../core/finding.js';

export interface ParseProblem {
  file: string;
  line: number;
  column: number;
}

export interface JudgeInput {
  /** The exercise's rule id. */
  rule: string;
  essential: string[];
  /** The findings of the untouched exercise (other rules may fire on it too). */
  baseline: Finding[];
  /** The findings now, and the ones a suppression silenced. */
  findings: Finding[];
  suppressed: Finding[];
  parseErrors: ParseProblem[];
  /** Internal errors of the analyzer: with a rule that failed, nothing can be judged solved. */
  errors?: string[];
  files: Array<{ name: string; text: string }>;
}

export interface Judgement {
  solved: boolean;
  /** The rule's findings that remain (suppressed ones included). */
  remaining: Finding[];
  parseErrors: ParseProblem[];
  /** Findings of other rules that the untouched code did not have. */
  added: Finding[];
  /** Essential identifiers no longer in the code. */
  missing: string[];
}

export function judge(input: JudgeInput): Judgement {
  const remaining = [...input.findings, ...input.suppressed].filter((f) => f.rule === input.rule);
  const added = newFindings(
    input.baseline.filter((f) => f.rule !== input.rule),
    input.findings.filter((f) => f.rule !== input.rule && f.rule !== 'GT001'),
  );
  const missing = missingEssentials(input.files, input.essential);
  const solved =
    remaining.length === 0 &&
    input.parseErrors.length === 0 &&
    added.length === 0 &&
    missing.length === 0 &&
    (input.errors ?? []).length === 0;
  return { solved, remaining, parseErrors: input.parseErrors, added, missing };
}

/**
 * The findings that have no counterpart in the baseline. Lines move as the user types, so a
 * finding matches an unused baseline finding of the same rule, the same message first.
 */
export function newFindings(baseline: Finding[], now: Finding[]): Finding[] {
  const unused = [...baseline];
  const take = (pred: (b: Finding) => boolean): boolean => {
    const i = unused.findIndex(pred);
    if (i < 0) return false;
    unused.splice(i, 1);
    return true;
  };
  const unmatched = now.filter((f) => !take((b) => b.rule === f.rule && b.message === f.message));
  return unmatched.filter((f) => !take((b) => b.rule === f.rule));
}

/** Essential identifiers (`semaWait`, `C.CString`, `runtime`) that the code no longer contains. */
export function missingEssentials(
  files: Array<{ name: string; text: string }>,
  essential: string[],
): string[] {
  const code = files.map((f) => codeOf(f.name, f.text)).join('\n');
  return essential.filter((id) => !new RegExp(`(?<!\\w)${escapeRegExp(id)}(?!\\w)`).test(code));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text of a file as code: comments and string contents blanked, so that an identifier kept
 * only in a comment or a string does not count. The cgo preamble (the comment right before
 * `import "C"`) is C code and stays.
 */
export function codeOf(name: string, text: string): string {
  if (name.endsWith('.go')) return goCode(text);
  if (/\.(c|h|cc|cpp|hpp)$/.test(name)) return blank(lex(text, false), () => false);
  return ''; // go.mod and other files hold no code
}

interface Token {
  kind: 'code' | 'comment' | 'string';
  text: string;
}

/** Splits Go or C text into code, comments and string/char literals (raw strings for Go). */
function lex(text: string, goRaw: boolean): Token[] {
  const out: Token[] = [];
  let code = '';
  const flush = () => {
    if (code) out.push({ kind: 'code', text: code });
    code = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    let end = -1;
    let kind: Token['kind'] = 'comment';
    if (c === '/' && next === '/') {
      end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
    } else if (c === '/' && next === '*') {
      end = text.indexOf('*/', i + 2);
      end = end < 0 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      kind = 'string';
      end = i + 1;
      while (end < text.length && text[end] !== c && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      end = Math.min(text.length, end + 1);
    } else if (c === '`' && goRaw) {
      kind = 'string';
      end = text.indexOf('`', i + 1);
      end = end < 0 ? text.length : end + 1;
    }
    if (end < 0) {
      code += c;
      i++;
      continue;
    }
    flush();
    out.push({ kind, text: text.slice(i, end) });
    i = end;
  }
  flush();
  return out;
}

function goCode(text: string): string {
  const tokens = lex(text, true);
  // The comments of the group right before `import "C"` make up the cgo preamble.
  const keep = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.kind !== 'string' || t.text !== '"C"') return;
    const before = tokens[i - 1];
    if (before?.kind !== 'code' || !/^\s*import\s+$/.test(before.text)) return;
    for (let j = i - 2; j >= 0; j--) {
      const t2 = tokens[j];
      if (t2.kind === 'comment') keep.add(j);
      else if (t2.kind !== 'code' || t2.text.trim() !== '') break;
    }
  });
  return tokens
    .map((t, i) => (keep.has(i) ? codeOf('preamble.c', commentBody(t.text)) : blank([t], () => false)))
    .join('');
}

/** A comment without its comment marks (slash-slash, slash-star, star-slash), same length. */
function commentBody(comment: string): string {
  if (comment.startsWith('//')) return `  ${comment.slice(2)}`;
  return `  ${comment.slice(2, comment.endsWith('*/') ? -2 : undefined)}  `;
}

function blank(tokens: Token[], kept: (i: number) => boolean): string {
  return tokens
    .map((t, i) => {
      if (t.kind === 'code' || kept(i)) return t.text;
      // Keep line breaks so positions stay roughly where they were.
      return t.text.replace(/[^\n]/g, ' ');
    })
    .join('');
}
