// Text helpers: line splitting and the conversion from tree-sitter's UTF-16 columns to the
// 1-based UTF-8 byte columns that gc prints.

import type { Pos, Span } from './model.js';

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (text.includes('\r')) for (let i = 0; i < lines.length; i++) lines[i] = lines[i].replace(/\r$/, '');
  return lines;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** 1-based byte column of the UTF-16 offset `col` (0-based) within `line`. */
export function byteColumn(line: string | undefined, col: number): number {
  if (line === undefined || col === 0) return col + 1;
  const prefix = line.slice(0, col);
  return /^[\x00-\x7f]*$/.test(prefix) ? col + 1 : utf8Length(prefix) + 1;
}

interface PointLike {
  row: number;
  column: number;
}

/** A tree-sitter node's span in 1-based lines and byte columns. */
export function spanOf(lines: string[], start: PointLike, end: PointLike): Span {
  return {
    line: start.row + 1,
    column: byteColumn(lines[start.row], start.column),
    endLine: end.row + 1,
    endColumn: byteColumn(lines[end.row], end.column),
  };
}

export function isSpan(p: Pos | Span): p is Span {
  return (p as Span).endLine !== undefined;
}

/** Levenshtein distance, capped: returns `max + 1` as soon as it is certain to exceed `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Splits arguments the way cgo splits `#cgo` flags: whitespace, with '...' and "..." quoting. */
export function splitQuoted(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = '';
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === ' ' || ch === '\t') {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

/** The lexical state at the start of a line of Go source. */
export interface LineState {
  /** Inside a block comment that began on an earlier line. */
  inBlockComment: boolean;
  /** Inside a raw string literal that began on an earlier line. */
  inRawString: boolean;
  /** `{` minus `}` seen in code so far (function bodies, literals, type bodies). */
  braceDepth: number;
}

/**
 * Lexes Go text just enough to tell, for every line, whether it starts in code, in a block
 * comment or in a raw string, and how deep in braces it is. Linear, no allocation per token.
 */
export function lineStates(text: string): LineState[] {
  const out: LineState[] = [];
  let inBlock = false;
  let inRaw = false;
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i <= text.length; i++) {
    if (lineStart) {
      out.push({ inBlockComment: inBlock, inRawString: inRaw, braceDepth: depth });
      lineStart = false;
    }
    if (i === text.length) break;
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      continue;
    }
    if (inBlock) {
      if (c === 42 && text.charCodeAt(i + 1) === 47) {
        inBlock = false;
        i++;
      }
      continue;
    }
    if (inRaw) {
      if (c === 96) inRaw = false;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      inBlock = true;
      i++;
      continue;
    }
    if (c === 96) {
      inRaw = true;
      continue;
    }
    if (c === 34 || c === 39) {
      // Interpreted string or rune: ends at the same quote, unescaped, on the same line.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === c || d === 10) break;
      }
      if (text.charCodeAt(i) === 10) i--;
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125 && depth > 0) depth--;
  }
  return out;
}
