// The C side of a cgo package, as the cgo rules need it.
//
// A cgo package's C code lives in two places: the preamble above `import "C"` of each Go file
// (each preamble is its own translation unit) and the .c/.h/.cc/.cpp files of the package
// directory (compiled into the package when one of its Go files imports "C"). This module
// collects both as `CSource`s and answers questions about them:
//
//   - where each C line is in the files the user sees (a preamble line maps back to the Go line
//     it came from, through `file.cgo.lineMap`/`columnMap`);
//   - function definitions and prototypes, calls, and name resolution between translation units
//     (a static function is only visible in its own source and the headers it includes);
//   - `#include`s, preprocessor conditionals around a line (`#if defined(__x86_64__)` guards,
//     also through macros that only some architectures define, `#if 0`, OS-specific branches),
//     `#define`d names and where macros are expanded;
//   - which files are built where (a .c file's own `_GOARCH` suffix and `//go:build` line);
//   - inline assembly (`asm`, `__asm__`, `__asm__ volatile`, also inside macro bodies);
//   - function parameters a function keeps after it returns (stored in a global or static, in
//     memory behind another parameter, in heap memory it does not free, or handed to a thread or
//     to another function that keeps it);
//   - signal handlers installed with `sigaction`/`signal`: the signal, the disposition, whether
//     `sa_flags` asks for SA_ONSTACK, whether the old action is saved and the handler chains to it;
//   - threads started with `pthread_create`/`thrd_create`/... and the visible C functions their
//     start routine reaches;
//   - the package's `#cgo` directives and the Go functions it `//export`s.
//
// Everything is computed lazily and once per package (`cPackage(ctx)`), so rules that share it
// pay once. Text is checked before anything is parsed, and a source is parsed only when a
// question needs its tree (`resolve` parses just the sources whose text defines the name).
// Nodes handed out belong to trees that are freed when the package is done: use them within the
// rule's `check`, never keep them. Sources larger than BIG_SOURCE
// (amalgamations such as sqlite3.c) are never parsed with tree-sitter: they contribute the
// text-level facts only (definitions, macros, includes, conditionals, inline assembly).
//
// Preprocessor conditionals are read from the text, line by line, rather than from tree-sitter's
// preproc_if/preproc_ifdef nodes: the text view is the same for code tree-sitter parses cleanly,
// for code it recovers from with ERROR nodes (a conditional that splits a function header), for
// macro bodies (which tree-sitter keeps as raw text), and for sources too big to parse.

import type { Node, Tree } from 'web-tree-sitter';
import {
  type Constraint,
  ConstraintError,
  fileNameInfo,
  KNOWN_GOARCH,
  parseGoBuild,
  parsePlusBuildLines,
  satisfiableTogether,
} from '../constraint.js';
import type { AuxFile, CgoDirective, Directive, GoFile, Package, Pos, Span } from '../model.js';
import type { PackageContext } from '../rule.js';
import { byteColumn, splitLines } from '../text.js';

/** Sources larger than this (bytes of text) are indexed as text only, never parsed whole. */
export const BIG_SOURCE = 1_500_000;

// ---------------------------------------------------------------------------------------------
// Sources

export type CSourceKind = 'preamble' | 'c' | 'cxx' | 'header' | 'asm';

export interface CSource {
  kind: CSourceKind;
  /** Display path of the file holding the text (the Go file for a preamble). */
  path: string;
  /** Base name of that file. */
  name: string;
  /** What `ctx.report` takes as `file`: the GoFile for a preamble, the display path otherwise. */
  file: GoFile | string;
  goFile?: GoFile;
  aux?: AuxFile;
  /** The C text (for a preamble: the comment text exactly as cgo hands it to the C compiler). */
  text: string;
  /**
   * The file's build constraint: the Go file's for a preamble, the file's own leading
   * `//go:build` (or `// +build`) lines for a .c/.cc/.S file (go/build honours them there too).
   */
  constraint: Constraint | null;
  /** GOOS/GOARCH from the `_GOOS_GOARCH` file-name suffix. */
  goos?: string;
  goarch?: string;
  /** Over BIG_SOURCE: text-level facts only. */
  big: boolean;
}

const C_EXT = /\.c$/;
const CXX_EXT = /\.(cc|cpp|cxx)$/;
const HEADER_EXT = /\.(h|hh|hpp|hxx)$/;
const ASM_EXT = /\.(s|S|sx)$/;

function auxKind(name: string): CSourceKind | null {
  if (C_EXT.test(name)) return 'c';
  if (CXX_EXT.test(name)) return 'cxx';
  if (HEADER_EXT.test(name)) return 'header';
  if (ASM_EXT.test(name)) return 'asm';
  return null;
}

/**
 * The leading `//go:build` (or `// +build`) constraint of a C or assembly file: comment lines
 * before the first line of code, as go/build reads them. Null when there is none or it does
 * not parse.
 */
export function cFileConstraint(text: string): Constraint | null {
  const plus: string[] = [];
  let inBlock = false;
  for (const raw of splitLines(text.length > 8192 ? text.slice(0, 8192) : text)) {
    const line = raw.trim();
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (line === '') continue;
    if (line.startsWith('/*')) {
      inBlock = !line.includes('*/', 2);
      continue;
    }
    if (!line.startsWith('//')) break;
    const build = /^\/\/go:build\s+(.*)$/.exec(line);
    if (build) {
      try {
        return parseGoBuild(build[1]);
      } catch (e) {
        if (e instanceof ConstraintError) return null;
        throw e;
      }
    }
    const p = /^\/\/\s*\+build\s+(.*)$/.exec(line);
    if (p) plus.push(p[1]);
  }
  if (plus.length === 0) return null;
  try {
    return parsePlusBuildLines(plus);
  } catch (e) {
    if (e instanceof ConstraintError) return null;
    throw e;
  }
}

const NOT_IGNORE: Constraint = { kind: 'not', x: { kind: 'tag', tag: 'ignore' } };

/**
 * Can the file be built at all (with cgo on, without the conventional `ignore` tag)? Files such
 * as `//go:build ignore` inputs to `cgo -godefs` are never compiled.
 */
export function isBuildable(constraint: Constraint | null, goos?: string, goarch?: string): boolean {
  if (constraint === null) return true;
  return satisfiableTogether([
    { constraint, info: { goos, goarch, isTest: false } },
    { constraint: NOT_IGNORE, info: { isTest: false } },
    { constraint: { kind: 'tag', tag: 'cgo' }, info: { isTest: false } },
  ]);
}

/**
 * A cheap text test: could the Go file import "C" (`import "C"`, or a `"C"` line in an import
 * group)? Checked before anything parses the file.
 */
export function mayImportC(text: string): boolean {
  return text.includes('"C"') && IMPORT_C.test(text);
}

const IMPORT_C = /^[ \t]*(?:import[ \t]+)?"C"[ \t]*(?:\/\/.*|;)?\r?$/m;

/** Can the file be built for `goos` (with cgo on, without the `ignore` tag)? */
export function buildsFor(
  goos: string,
  constraint: Constraint | null,
  fileGoos?: string,
  goarch?: string,
): boolean {
  if (fileGoos && fileGoos !== goos) return false;
  if (constraint === null) return true;
  return satisfiableTogether([
    { constraint, info: { goos: fileGoos, goarch, isTest: false } },
    { constraint: NOT_IGNORE, info: { isTest: false } },
    { constraint: { kind: 'tag', tag: goos }, info: { isTest: false } },
    { constraint: { kind: 'tag', tag: 'cgo' }, info: { isTest: false } },
  ]);
}

/** The Go files of the package that import "C" and can be built (no test files: see CGO012). */
export function cgoFiles(pkg: Package): GoFile[] {
  return pkg.files.filter(
    (f) =>
      !f.isTest &&
      mayImportC(f.text) &&
      f.cgo !== null &&
      isBuildable(f.constraint, f.nameGoos, f.nameGoarch),
  );
}

const cCallCache = new WeakMap<GoFile, { call: Node; name: string }[]>();

/**
 * The `C.name(...)` calls of a Go file that imports "C", cached per file. Like calls.ts's
 * cgoCalls, but without its shadowing check, which costs a scope walk per call: a local variable
 * named `C` in a cgo file would not compile against the pseudo-package anyway.
 */
export function cCallsOf(file: GoFile): { call: Node; name: string }[] {
  let out = cCallCache.get(file);
  if (!out) {
    out = [];
    if (file.text.includes('C.')) {
      for (const call of file.root.descendantsOfType('call_expression')) {
        let fn = call?.childForFieldName('function') ?? null;
        while (fn?.type === 'parenthesized_expression') fn = fn.namedChild(0);
        if (!call || fn?.type !== 'selector_expression') continue;
        const operand = fn.childForFieldName('operand');
        const field = fn.childForFieldName('field');
        if (operand?.type === 'identifier' && operand.text === 'C' && field)
          out.push({ call, name: field.text });
      }
    }
    cCallCache.set(file, out);
  }
  return out;
}

function preambleSource(f: GoFile): CSource {
  return {
    kind: 'preamble',
    path: f.path,
    name: f.name,
    file: f,
    goFile: f,
    text: f.cgo?.text ?? '',
    constraint: f.constraint,
    goos: f.nameGoos,
    goarch: f.nameGoarch,
    big: false,
  };
}

function auxSource(a: AuxFile, kind: CSourceKind): CSource {
  const info = fileNameInfo(a.name);
  return {
    kind,
    path: a.path,
    name: a.name,
    file: a.path,
    aux: a,
    text: a.text,
    constraint: kind === 'header' ? null : cFileConstraint(a.text),
    goos: info.goos,
    goarch: info.goarch,
    big: a.text.length > BIG_SOURCE,
  };
}

// ---------------------------------------------------------------------------------------------
// Positions

/** 1-based position, in the file the user sees, of a 0-based row/column of the C text. */
export function cPos(src: CSource, row: number, column: number, lines = linesOf(src)): Pos {
  const col = byteColumn(lines[row], column);
  const cgo = src.goFile?.cgo;
  if (src.kind !== 'preamble' || !cgo) return { line: row + 1, column: col };
  const r = Math.max(0, Math.min(row, cgo.lineMap.length - 1));
  return { line: cgo.lineMap[r] ?? 1, column: (cgo.columnMap[r] ?? 1) + col - 1 };
}

/** The span of a node of `src`'s tree (or of a tree whose rows start at `rowOffset`). */
export function cSpan(src: CSource, n: Node, rowOffset = 0): Span {
  const s = cPos(src, n.startPosition.row + rowOffset, n.startPosition.column);
  const e = cPos(src, n.endPosition.row + rowOffset, n.endPosition.column);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** 1-based line, in the file the user sees, of a 0-based row of the C text. */
export function cLine(src: CSource, row: number): number {
  return cPos(src, row, 0).line;
}

const linesCache = new WeakMap<CSource, string[]>();

function linesOf(src: CSource): string[] {
  let l = linesCache.get(src);
  if (!l) {
    l = splitLines(src.text);
    linesCache.set(src, l);
  }
  return l;
}

// ---------------------------------------------------------------------------------------------
// Text level: comments, tokens, preprocessor lines

/**
 * A copy of C text with comments replaced by spaces (newlines kept), so that offsets, rows and
 * columns are unchanged. String and character literals are left alone.
 */
export function maskComments(text: string): string {
  if (!text.includes('/*') && !text.includes('//')) return text;
  const out: string[] = [];
  let last = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      i = skipQuoted(text, i);
      continue;
    }
    if (c === 0x2f && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x2f || d === 0x2a) {
        let end: number;
        if (d === 0x2a) {
          const close = text.indexOf('*/', i + 2);
          end = close < 0 ? n : close + 2;
        } else {
          end = i + 2;
          while (end < n && text.charCodeAt(end) !== 0x0a) {
            // A backslash-newline continues a line comment.
            if (text.charCodeAt(end) === 0x5c && text.charCodeAt(end + 1) === 0x0a) end++;
            end++;
          }
        }
        out.push(text.slice(last, i), text.slice(i, end).replace(/[^\n]/g, ' '));
        last = end;
        i = end;
        continue;
      }
    }
    i++;
  }
  out.push(text.slice(last));
  return out.join('');
}

/** Index after the string or character literal starting at `i` (stops at an unescaped newline). */
function skipQuoted(text: string, i: number): number {
  const q = text.charCodeAt(i);
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) {
      j += 2;
      continue;
    }
    if (c === q) return j + 1;
    if (c === 0x0a) return j;
    j++;
  }
  return j;
}

export interface CToken {
  kind: 'id' | 'str' | 'chr' | 'num' | 'punct';
  text: string;
  /** Offset in the text. */
  start: number;
  row: number;
  column: number;
  /** Inside a preprocessor directive line. */
  pp: boolean;
  /** For tokens of a preprocessor line: the directive's first token row (continuations share it). */
  ppRow?: number;
}

/**
 * Calls `visit` for every token of comment-free C text (see maskComments). Tokens of
 * preprocessor lines are marked `pp`. `visit` may return false to stop.
 */
export function scanTokens(code: string, visit: (t: CToken) => unknown): void {
  const n = code.length;
  let row = 0;
  let lineStart = 0;
  let atLineStart = true;
  let pp = false;
  let ppRow = 0;
  let i = 0;
  while (i < n) {
    const c = code.charCodeAt(i);
    if (c === 0x0a) {
      row++;
      lineStart = i + 1;
      // A backslash before the newline continues a preprocessor line.
      if (pp && !continued(code, i)) pp = false;
      atLineStart = !pp;
      i++;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b || c === 0x5c) {
      i++;
      continue;
    }
    if (atLineStart && c === 0x23) {
      pp = true;
      ppRow = row;
    }
    atLineStart = false;
    const start = i;
    let kind: CToken['kind'];
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(code.charCodeAt(i))) i++;
      kind = 'id';
    } else if (c >= 0x30 && c <= 0x39) {
      i++;
      while (i < n && (isIdentPart(code.charCodeAt(i)) || code.charCodeAt(i) === 0x2e)) i++;
      kind = 'num';
    } else if (c === 0x22 || c === 0x27) {
      i = skipQuoted(code, i);
      kind = c === 0x22 ? 'str' : 'chr';
    } else {
      i++;
      kind = 'punct';
    }
    const t: CToken = { kind, text: code.slice(start, i), start, row, column: start - lineStart, pp };
    if (pp) t.ppRow = ppRow;
    if (visit(t) === false) return;
  }
}

function continued(code: string, newline: number): boolean {
  let j = newline - 1;
  if (j >= 0 && code.charCodeAt(j) === 0x0d) j--;
  return j >= 0 && code.charCodeAt(j) === 0x5c;
}

function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39);
}

/** The value of a C string literal's text (`"a\n" → a␊`), simple escapes only. */
export function cStringValue(lit: string): string {
  const m = /^(?:u8|[uUL])?"(.*)"?$/s.exec(lit);
  const body = m ? m[1].replace(/"$/, '') : lit;
  return body.replace(/\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'x':
        return String.fromCharCode(Number.parseInt(e.slice(1), 16));
      default:
        return /^[0-7]/.test(e) ? String.fromCharCode(Number.parseInt(e, 8)) : e;
    }
  });
}

/** A branch of a preprocessor conditional: the lines between its directive and the next one. */
export interface CCondBranch {
  kind: 'if' | 'elif' | 'else';
  /** The branch's condition (`defined(X)` for #ifdef, `!defined(X)` for #ifndef); '' for #else. */
  cond: string;
  /** Conditions of the earlier branches of the same #if chain (all false in this branch). */
  prior: string[];
  /** 0-based rows of the directive that opens the branch and of the one that closes it. */
  startRow: number;
  endRow: number;
}

export interface CInclude {
  path: string;
  /** `<...>` rather than `"..."`. */
  system: boolean;
  row: number;
}

export interface CMacro {
  name: string;
  /** 0-based rows of the `#define` line and of its last continuation line. */
  row: number;
  endRow: number;
  /** Function-like (`#define F(x) ...`). */
  params: boolean;
}

/** Text-level facts of one source (no tree-sitter). */
export interface CTextIndex {
  /** The text with comments masked out. */
  code: string;
  branches: CCondBranch[];
  includes: CInclude[];
  macros: CMacro[];
  /** Function definitions found by a brace-matching scan of the tokens. */
  definitions: CTextDefinition[];
}

export interface CTextDefinition {
  name: string;
  row: number;
  column: number;
  isStatic: boolean;
}

/** Builds the text index of a C (or C++) text. */
export function indexCText(text: string): CTextIndex {
  const code = maskComments(text);
  const index: CTextIndex = { code, branches: [], includes: [], macros: [], definitions: [] };
  scanDirectives(code, index);
  index.definitions = scanDefinitions(code);
  return index;
}

/** Preprocessor directives, line by line (continuations joined). */
function scanDirectives(code: string, into: CTextIndex): void {
  if (!code.includes('#')) return;
  const lines = splitLines(code);
  interface Frame {
    conds: string[];
    open: CCondBranch;
  }
  const stack: Frame[] = [];
  for (let r = 0; r < lines.length; r++) {
    const first = lines[r];
    if (!/^\s*#/.test(first)) continue;
    const row = r;
    let line = first;
    while (line.endsWith('\\') && r + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++r]}`;
    const m = /^\s*#\s*([a-z_]+)\b\s*(.*)$/.exec(line);
    if (!m) continue;
    const word = m[1];
    const rest = m[2].trim();
    switch (word) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        const cond = word === 'if' ? rest : word === 'ifdef' ? `defined(${rest})` : `!defined(${rest})`;
        const open: CCondBranch = {
          kind: 'if',
          cond,
          prior: [],
          startRow: row,
          endRow: Number.MAX_SAFE_INTEGER,
        };
        into.branches.push(open);
        stack.push({ conds: [cond], open });
        break;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'else': {
        const top = stack[stack.length - 1];
        if (!top) break;
        top.open.endRow = row;
        const cond =
          word === 'elif'
            ? rest
            : word === 'elifdef'
              ? `defined(${rest})`
              : word === 'elifndef'
                ? `!defined(${rest})`
                : '';
        const open: CCondBranch = {
          kind: word === 'else' ? 'else' : 'elif',
          cond,
          prior: [...top.conds],
          startRow: row,
          endRow: Number.MAX_SAFE_INTEGER,
        };
        into.branches.push(open);
        if (cond) top.conds.push(cond);
        top.open = open;
        break;
      }
      case 'endif': {
        const top = stack.pop();
        if (top) top.open.endRow = row;
        break;
      }
      case 'include':
      case 'include_next':
      case 'import': {
        const inc = /^([<"])([^>"]+)[>"]/.exec(rest);
        if (inc) into.includes.push({ path: inc[2], system: inc[1] === '<', row });
        break;
      }
      case 'define': {
        const d = /^([A-Za-z_]\w*)(\()?/.exec(rest);
        if (d) into.macros.push({ name: d[1], row, endRow: r, params: d[2] !== undefined });
        break;
      }
    }
  }
}

const NOT_A_FUNCTION_NAME = new Set([
  '__attribute__',
  '__attribute',
  '__declspec',
  '_Alignas',
  'alignas',
  '__asm__',
  '__asm',
  'asm',
  'if',
  'while',
  'for',
  'switch',
  'return',
  'sizeof',
  'defined',
  'typeof',
  '__typeof__',
  'decltype',
  'int',
  'char',
  'void',
  'long',
  'short',
  'unsigned',
  'signed',
  'float',
  'double',
  'const',
  'volatile',
  '__extension__',
]);

/**
 * Top-level function definitions, from the tokens: a `{` at brace depth 0 whose head (the
 * tokens since the previous `;`, `}` or directive) ends with `name(...)`, optionally followed by
 * attributes or K&R parameter declarations. `extern "C" {` and `namespace x {` do not open a
 * level. Macro-generated definitions are not seen.
 */
function scanDefinitions(code: string): CTextDefinition[] {
  const out: CTextDefinition[] = [];
  const braces: boolean[] = []; // true: a transparent brace (extern "C", namespace)
  let depth = 0;
  let head: CToken[] = [];
  scanTokens(code, (t) => {
    if (t.pp) return;
    if (t.kind === 'punct' && t.text === '{') {
      if (depth === 0) {
        const transparent = isTransparentHead(head);
        braces.push(transparent);
        if (!transparent) {
          const def = definitionOfHead(head);
          if (def) out.push(def);
          depth++;
        }
        head = [];
        return;
      }
      braces.push(false);
      depth++;
      return;
    }
    if (t.kind === 'punct' && t.text === '}') {
      const transparent = braces.pop();
      if (!transparent && depth > 0) depth--;
      if (depth === 0) head = [];
      return;
    }
    if (depth > 0) return;
    if (t.kind === 'punct' && t.text === ';') {
      head = [];
      return;
    }
    if (head.length < 400) head.push(t);
  });
  return out;
}

function isTransparentHead(head: CToken[]): boolean {
  if (head.length >= 2 && head[head.length - 2].text === 'extern' && head[head.length - 1].kind === 'str')
    return true;
  return head.some((t) => t.text === 'namespace');
}

function definitionOfHead(head: CToken[]): CTextDefinition | null {
  if (head.some((t) => t.text === '=')) return null;
  // Candidates: identifiers directly before a '(' at paren depth 0; the last one whose group is
  // followed only by attributes, qualifiers or K&R declarations names the function.
  let depth = 0;
  const candidates: number[] = [];
  for (let i = 0; i < head.length; i++) {
    const t = head[i];
    if (t.text === '(') {
      if (depth === 0 && i > 0 && head[i - 1].kind === 'id' && !NOT_A_FUNCTION_NAME.has(head[i - 1].text))
        candidates.push(i - 1);
      depth++;
    } else if (t.text === ')') depth--;
  }
  for (let k = candidates.length - 1; k >= 0; k--) {
    const at = candidates[k];
    const close = matchingParen(head, at + 1);
    if (close < 0) continue;
    if (!plainTail(head, close + 1)) continue;
    const nameTok = head[at];
    const before = head.slice(0, at).map((t) => t.text);
    return {
      name: nameTok.text,
      row: nameTok.row,
      column: nameTok.column,
      isStatic: before.includes('static'),
    };
  }
  return null;
}

function matchingParen(tokens: CToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === '(') depth++;
    else if (tokens[i].text === ')' && --depth === 0) return i;
  }
  return -1;
}

/** After a function declarator: attributes, `const`, `noexcept`, K&R declarations; no calls. */
function plainTail(tokens: CToken[], from: number): boolean {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === '(') {
      const prev = tokens[i - 1]?.text;
      if (
        prev === '__attribute__' ||
        prev === '__attribute' ||
        prev === 'throw' ||
        prev === 'noexcept' ||
        prev === '__asm__' ||
        prev === 'asm'
      ) {
        const close = matchingParen(tokens, i);
        if (close < 0) return false;
        i = close;
        continue;
      }
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Guards

const ARCH_MACRO =
  /\b(__x86_64__|__x86_64|__amd64__|__amd64|_M_X64|_M_AMD64|__i[3-6]86__|__i386|i386|_M_IX86|_X86_|__X86__|__aarch64__|__arm64__|__arm64|_M_ARM64|__arm__|__arm|__thumb__|__thumb2__|__ARM_ARCH\w*|_M_ARM|__riscv\w*|__powerpc\w*|__ppc\w*|__PPC\w*|_ARCH_PPC\w*|__s390x__|__s390__|__mips\w*|__loongarch\w*|__wasm\w*|__SSE\w*|__AVX\w*|__ARM_NEON\w*|__ARM_FEATURE_\w+|__sparc\w*|__ia64__)\b/g;

const ARCH_MACRO_TEXT = new RegExp(ARCH_MACRO.source);

/** A condition such as `0` or `defined(X) && 0`: the branch is never compiled. */
function alwaysFalse(cond: string): boolean {
  const c = cond.replace(/\s+/g, '');
  return c === '0' || c === '(0)' || /&&0$|^0&&/.test(c);
}

const OS_MACRO =
  /\b(_WIN32|_WIN64|__WIN32__|__WINDOWS__|__CYGWIN__|__MINGW32__|__MINGW64__|__APPLE__|__MACH__|TARGET_OS_\w+|__FreeBSD__|__NetBSD__|__OpenBSD__|__DragonFly__|__sun|__sun__|__SVR4|__ANDROID__|_AIX|__HAIKU__|__EMSCRIPTEN__|__illumos__)\b/g;

/** Macro names of `re` (or of `extra`) that `cond` requires, each with whether it is negated. */
function macroUses(
  cond: string,
  re: RegExp,
  extra?: ReadonlySet<string>,
): { name: string; negated: boolean }[] {
  const out: { name: string; negated: boolean }[] = [];
  const ids =
    extra && extra.size > 0
      ? new RegExp(`${re.source}|\\b(${[...extra].map(escapeRegExp).join('|')})\\b`, 'g')
      : re;
  for (const m of cond.matchAll(ids)) {
    const before = cond.slice(0, m.index).replace(/\s+/g, '');
    out.push({ name: m[0], negated: /!(defined\(?)?$/.test(before) });
  }
  return out;
}

/** Does `cond` require an architecture macro to be defined (not `!defined(...)`)? */
function requiresArch(cond: string, extra?: ReadonlySet<string>): boolean {
  return macroUses(cond, ARCH_MACRO, extra).some((u) => !u.negated);
}

/** Does `cond` exclude an architecture (`!defined(__x86_64__)`), so that its #else requires it? */
function excludesArch(cond: string, extra?: ReadonlySet<string>): boolean {
  return macroUses(cond, ARCH_MACRO, extra).some((u) => u.negated);
}

/** The conditional branches that enclose a 0-based row. */
export function branchesAt(index: CTextIndex, row: number): CCondBranch[] {
  return index.branches.filter((b) => b.startRow < row && row < b.endRow);
}

/**
 * The condition of an enclosing branch that makes the row architecture-specific, if any:
 * `#if defined(__x86_64__)`, `#ifdef __aarch64__`, the `#else` of `#if !defined(__arm64__)`.
 * `extra` holds more macros that only some architectures define (see CPackage.archMacros).
 */
export function archGuardAt(index: CTextIndex, row: number, extra?: ReadonlySet<string>): string | null {
  for (const b of branchesAt(index, row)) {
    if (b.kind !== 'else' && requiresArch(b.cond, extra)) return b.cond;
    const excluding = b.kind !== 'if' ? b.prior.find((p) => excludesArch(p, extra)) : undefined;
    if (excluding) return `!(${excluding})`;
  }
  return null;
}

/** The condition of an enclosing branch that limits the row to an operating system other than Linux, if any. */
export function osGuardAt(index: CTextIndex, row: number): string | null {
  for (const b of branchesAt(index, row)) {
    if (b.kind !== 'else' && macroUses(b.cond, OS_MACRO).some((u) => !u.negated)) return b.cond;
  }
  return null;
}

/** Is the row inside `#if 0` (or a branch after an always-true one)? */
export function deadAt(index: CTextIndex, row: number): boolean {
  return branchesAt(index, row).some((b) => b.kind !== 'else' && alwaysFalse(b.cond));
}

/**
 * Is a file built only for GOARCH values in `arches` (by its name suffix and build
 * constraint)? `arches` holds GOARCH names (amd64, 386, arm64...).
 */
export function archConfined(
  src: Pick<CSource, 'constraint' | 'goos' | 'goarch'>,
  arches: Set<string>,
): boolean {
  if (src.goarch) return arches.has(src.goarch);
  if (src.constraint === null) return false;
  const self = { constraint: src.constraint, info: { goos: src.goos, isTest: false } };
  for (const g of KNOWN_GOARCH) {
    if (arches.has(g)) continue;
    if (satisfiableTogether([self, { constraint: { kind: 'tag', tag: g }, info: { isTest: false } }]))
      return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Inline assembly

export interface CAsm {
  row: number;
  column: number;
  endRow: number;
  /** The assembler template: the string literals before the first ':' concatenated. */
  template: string;
  /** Clobber list entries (`"memory"`, `"rax"`, `"x0"`). */
  clobbers: string[];
  /** The `#define` whose body holds the statement, when it is in a macro. */
  macro?: string;
}

const ASM_QUALIFIERS = new Set(['volatile', '__volatile__', '__volatile', 'goto', 'inline', '__inline__']);

/** Every GNU inline-assembly statement of a comment-free text (see maskComments). */
export function scanAsm(code: string): CAsm[] {
  const out: CAsm[] = [];
  let starts: number[] | null = null;
  let doneUntil = 0;
  for (const m of code.matchAll(/\b(?:__asm__|__asm|asm)\b/g)) {
    const at = m.index ?? 0;
    if (at < doneUntil) continue;
    starts ??= lineStarts(code);
    // Tokenize from the start of the logical line (a macro body may span continued lines), so
    // that strings, comments-turned-spaces and `#define NAME` are seen in context.
    let row = rowAt(starts, at);
    while (row > 0 && continued(code, starts[row] - 1)) row--;
    const from = starts[row];
    const tokens: CToken[] = [];
    let depth = 0;
    let opened = false;
    scanTokens(code.slice(from, Math.min(code.length, at + 65536)), (t) => {
      tokens.push(t);
      if (from + t.start < at) return undefined;
      if (t.text === '(') {
        depth++;
        opened = true;
      } else if (t.text === ')') depth--;
      else if (!opened && t.kind === 'punct') return false; // `asm` not followed by `(`
      return opened && depth === 0 ? false : undefined;
    });
    const i = tokens.findIndex((t) => from + t.start === at);
    if (i < 0 || tokens[i].kind !== 'id') continue;
    const asm = asmStatement(tokens, i);
    if (!asm) continue;
    asm.row += row;
    asm.endRow += row;
    const define = tokens[0]?.text === '#' && tokens[1]?.text === 'define' && tokens[2]?.kind === 'id';
    if (define && tokens[i].pp) asm.macro = tokens[2].text;
    out.push(asm);
    doneUntil = from + (tokens[tokens.length - 1]?.start ?? 0) + 1;
  }
  return out;
}

/** The asm statement whose keyword is `tokens[i]` (rows relative to the tokens). */
function asmStatement(tokens: CToken[], i: number): CAsm | null {
  let j = i + 1;
  while (j < tokens.length && tokens[j].kind === 'id' && ASM_QUALIFIERS.has(tokens[j].text)) j++;
  if (tokens[j]?.text !== '(') return null;
  let depth = 0;
  let section = 0;
  let template = '';
  const clobbers: string[] = [];
  let k = j;
  for (; k < tokens.length; k++) {
    const u = tokens[k];
    if (u.text === '(') depth++;
    else if (u.text === ')') {
      if (--depth === 0) break;
    } else if (u.text === ':' && depth === 1) section++;
    else if (u.kind === 'str' && depth === 1) {
      if (section === 0) template += cStringValue(u.text);
      else if (section === 3) clobbers.push(cStringValue(u.text));
    }
  }
  const t = tokens[i];
  return {
    row: t.row,
    column: t.column,
    endRow: tokens[Math.min(k, tokens.length - 1)].row,
    template,
    clobbers,
  };
}

interface ArchToken {
  re: RegExp;
  arches: string[];
}

const X86 = ['386', 'amd64', 'amd64p32'];
const ARM_ANY = ['arm', 'arm64'];

/** Instruction mnemonics and registers that only one family of architectures has. */
const ARCH_TOKENS: ArchToken[] = [
  {
    re: /(?:^|[\s;])(rdtscp?|rdpmc|cpuid|pause|[lms]fence|xgetbv|xsetbv|rdrand|rdseed|cmpxchg(?:8b|16b|[bwlq])?|xchg[bwlq]?|xadd[bwlq]?|lock|bswap[lq]?|bs[fr][wlq]?|popcnt[wlq]?|lzcnt|tzcnt|prefetch(?:t[012]|nta|w)|clflush(?:opt)?|clwb|int3|hlt|ud2|sysenter|vzeroupper|(?:mov|add|sub|lea|push|pop|xor|and|or|cmp|test|inc|dec|shl|shr|sar|imul)[bwlq]|movs[bwlq]|stos[bwlq]|rep[nz]?|crc32[bwlq])(?=$|[\s;])/im,
    arches: X86,
  },
  {
    re: /%%?(?:[re]?(?:ax|bx|cx|dx|si|di|bp|sp|ip)|[abcd][lh]|r(?:[89]|1[0-5])[dwb]?|[xyz]mm\d+|[cdefgs]s|eflags|rflags)\b/i,
    arches: X86,
  },
  {
    re: /(?:^|[\s;])(dmb|dsb|isb|yield|wf[ei]|sevl?|mrs|msr|ldrexd?|strexd?|mrc|mcr)(?=$|[\s;])/im,
    arches: ARM_ANY,
  },
  {
    re: /(?:^|[\s;])(ldx[rp]|stx[rp]|ldax[rp]|stlx[rp]|ldar|stlr|ldadd\w*|cas(?:al|a|l)?|swp(?:al|a|l)|svc|hvc|eret|brk|casp\w*)(?=$|[\s;])/im,
    arches: ['arm64'],
  },
  { re: /(?<![%\w])(?:w(?:[12]?\d|30)|xzr|wzr)\b/, arches: ['arm64'] },
  { re: /(?<![%\w])x(?:[12]?\d|30)\b/, arches: ['arm64', 'riscv64'] },
  { re: /\b\w+_el[0-3]\b/i, arches: ['arm64'] },
];

/** Bare register names a clobber list may hold. */
const CLOBBER_REGS: ArchToken[] = [
  { re: /^%?(?:[re]?(?:ax|bx|cx|dx|si|di|bp|sp)|r(?:[89]|1[0-5])[dwb]?|[xyz]mm\d+)$/i, arches: X86 },
  { re: /^(?:[xw](?:[12]?\d|30)|[vqdsb]\d+)$/i, arches: ['arm64', 'riscv64'] },
];

export interface ArchUse {
  /** The mnemonic or register as written. */
  token: string;
  /** GOARCH values where the statement can assemble. */
  arches: Set<string>;
}

/**
 * The architecture-specific mnemonics and registers of an asm statement, and the GOARCH values
 * they all fit (the intersection; the union when they contradict each other). Null when the
 * statement is portable as far as we can tell (`""`, `"nop"`, `".symver ..."`).
 */
export function asmArch(asm: CAsm): ArchUse | null {
  let found: { token: string; arches: string[] }[] = [];
  for (const t of ARCH_TOKENS) {
    const m = t.re.exec(asm.template);
    if (m) found.push({ token: (m[1] ?? m[0]).trim(), arches: t.arches });
  }
  for (const c of asm.clobbers) {
    for (const t of CLOBBER_REGS) if (t.re.test(c)) found.push({ token: c, arches: t.arches });
  }
  if (found.length === 0) return null;
  found = found.filter((f, i) => found.findIndex((g) => g.token === f.token) === i);
  let arches = new Set(found[0].arches);
  for (const f of found.slice(1)) {
    const next = new Set(f.arches.filter((a) => arches.has(a)));
    arches = next.size > 0 ? next : new Set([...arches, ...f.arches]);
  }
  return { token: found[0].token, arches };
}

// ---------------------------------------------------------------------------------------------
// Functions and prototypes (tree level)

export interface CParam {
  /** Empty for unnamed parameters. */
  name: string;
  /** Declared with `*` or `[]`. */
  pointer: boolean;
  type: string;
}

export interface CFunction {
  name: string;
  source: CSource;
  /** function_definition */
  node: Node;
  body: Node;
  nameNode: Node;
  params: CParam[];
  isStatic: boolean;
}

export interface CPrototype {
  name: string;
  source: CSource;
  /** The declaration node. */
  node: Node;
  nameNode: Node;
  isStatic: boolean;
  /** `__attribute__((weak))`, `alias(...)`: the link does not need a definition. */
  weak: boolean;
}

/** The identifier a declarator declares, unwrapping pointers, arrays and parentheses. */
export function declaratorName(d: Node | null): Node | null {
  let cur = d;
  while (cur) {
    switch (cur.type) {
      case 'identifier':
      case 'field_identifier':
        return cur;
      case 'pointer_declarator':
      case 'array_declarator':
      case 'parenthesized_declarator':
      case 'init_declarator':
      case 'attributed_declarator':
      case 'function_declarator':
        cur = cur.childForFieldName('declarator') ?? cur.namedChild(0);
        break;
      default:
        return null;
    }
  }
  return null;
}

/** The function_declarator that directly names a function (not a pointer-to-function variable). */
function functionDeclarator(d: Node | null): Node | null {
  let cur = d;
  while (cur && (cur.type === 'pointer_declarator' || cur.type === 'attributed_declarator')) {
    cur = cur.childForFieldName('declarator');
  }
  if (cur?.type !== 'function_declarator') return null;
  return cur.childForFieldName('declarator')?.type === 'identifier' ? cur : null;
}

function hasStorage(n: Node, word: string): boolean {
  return n.namedChildren.some((c) => c?.type === 'storage_class_specifier' && c.text === word);
}

function paramsOfDeclarator(fd: Node): CParam[] {
  const list = fd.childForFieldName('parameters');
  const out: CParam[] = [];
  for (const p of list?.namedChildren ?? []) {
    if (p?.type !== 'parameter_declaration') continue;
    const decl = p.childForFieldName('declarator');
    const type = p.childForFieldName('type')?.text ?? '';
    if (!decl && type === 'void') continue;
    const name = declaratorName(decl)?.text ?? '';
    let pointer = false;
    for (let d: Node | null = decl; d; d = d.childForFieldName('declarator')) {
      if (
        d.type === 'pointer_declarator' ||
        d.type === 'array_declarator' ||
        d.type === 'function_declarator'
      )
        pointer = true;
    }
    out.push({ name, pointer, type });
  }
  return out;
}

function functionsOfTree(src: CSource, root: Node): CFunction[] {
  const out: CFunction[] = [];
  for (const n of root.descendantsOfType('function_definition')) {
    if (!n) continue;
    const fd = functionDeclarator(n.childForFieldName('declarator'));
    const body = n.childForFieldName('body');
    const nameNode = fd?.childForFieldName('declarator');
    if (!fd || !body || !nameNode) continue;
    out.push({
      name: nameNode.text,
      source: src,
      node: n,
      body,
      nameNode,
      params: paramsOfDeclarator(fd),
      isStatic: hasStorage(n, 'static'),
    });
  }
  return out;
}

function prototypesOfTree(src: CSource, root: Node): CPrototype[] {
  const out: CPrototype[] = [];
  const visit = (parent: Node): void => {
    for (const n of parent.namedChildren) {
      if (!n) continue;
      // Top-level declarations, also inside preprocessor conditionals and `extern "C"` blocks.
      if (
        n.type.startsWith('preproc_if') ||
        n.type === 'preproc_else' ||
        n.type === 'preproc_elif' ||
        n.type === 'linkage_specification' ||
        n.type === 'declaration_list'
      ) {
        visit(n);
        continue;
      }
      if (n.type !== 'declaration') continue;
      const weak = /\b(weak|alias|weakref)\b/.test(n.text);
      for (const d of n.childrenForFieldName('declarator')) {
        const fd = functionDeclarator(d);
        const nameNode = fd?.childForFieldName('declarator');
        if (!fd || !nameNode) continue;
        out.push({
          name: nameNode.text,
          source: src,
          node: n,
          nameNode,
          isStatic: hasStorage(n, 'static'),
          weak,
        });
      }
    }
  };
  visit(root);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The package view

export interface CgoFlag {
  file: GoFile;
  directive: CgoDirective;
}

export interface GoExport {
  name: string;
  file: GoFile;
  directive: Directive;
}

/** A call in C code: the called name and the call node. */
export interface CCall {
  name: string;
  node: Node;
}

/** Per-package C analysis; get it with `cPackage(ctx)`. */
export class CPackage {
  readonly pkg: Package;
  /** Go files that import "C" and can be built. */
  readonly cgoFiles: GoFile[];
  /** Every C source of the package: preambles first, then the package's C/C++/header/asm files. */
  readonly sources: CSource[];
  /** The package has a .syso object (its symbols are unknown). */
  readonly hasSyso: boolean;
  private readonly parseC: (text: string) => Tree;
  private readonly indexes = new Map<CSource, CTextIndex>();
  private readonly asmCache = new Map<CSource, CAsm[]>();
  private readonly functionsBySource = new Map<CSource, CFunction[]>();
  private readonly byName = new Map<string, CFunction[]>();
  private readonly callCache = new WeakMap<CFunction, CCall[]>();
  private readonly retainCache = new Map<CFunction, Map<number, CStore> | 'busy'>();
  private exportsCache: Map<string, GoExport> | null = null;
  private archMacroCache: Set<string> | null = null;

  constructor(ctx: Pick<PackageContext, 'pkg' | 'parseC'>) {
    this.pkg = ctx.pkg;
    this.parseC = ctx.parseC;
    this.cgoFiles = cgoFiles(ctx.pkg);
    const sources = this.cgoFiles.map(preambleSource);
    this.hasSyso = false;
    // Without a Go file that imports "C" the go command does not compile the C files.
    if (this.cgoFiles.length > 0) {
      for (const a of ctx.pkg.aux) {
        if (a.name.endsWith('.syso')) {
          this.hasSyso = true;
          continue;
        }
        const kind = auxKind(a.name);
        if (!kind) continue;
        const s = auxSource(a, kind);
        if (kind !== 'header' && !isBuildable(s.constraint, s.goos, s.goarch)) continue;
        sources.push(s);
      }
    }
    this.sources = sources;
  }

  /** Sources whose text is C that tree-sitter-c can read (preambles, .c, .h; C++ too, loosely). */
  get cSources(): CSource[] {
    return this.sources.filter((s) => s.kind !== 'asm');
  }

  /** The text index of a source (comments masked, conditionals, includes, macros, definitions). */
  index(src: CSource): CTextIndex {
    let ix = this.indexes.get(src);
    if (!ix) {
      ix = indexCText(src.text);
      this.indexes.set(src, ix);
    }
    return ix;
  }

  /** The tree of a source, or null when it is too big (or assembly). Freed with the package. */
  tree(src: CSource): Tree | null {
    if (src.big || src.kind === 'asm' || src.text === '') return null;
    return this.parseC(src.text);
  }

  // --- definitions and calls -----------------------------------------------------------------

  /** Function definitions of every parseable source (parses them all; prefer `resolve`). */
  functions(): CFunction[] {
    return this.cSources.flatMap((s) => this.functionsIn(s));
  }

  /** Function definitions of one source (from its tree; none for big sources). */
  functionsIn(src: CSource): CFunction[] {
    let fns = this.functionsBySource.get(src);
    if (!fns) {
      const t = src.text.includes('{') ? this.tree(src) : null;
      fns = t ? functionsOfTree(src, t.rootNode) : [];
      this.functionsBySource.set(src, fns);
    }
    return fns;
  }

  /** Definitions of `name` in the package; only the sources whose text defines it are parsed. */
  definitionsOf(name: string): CFunction[] {
    let defs = this.byName.get(name);
    if (!defs) {
      defs = [];
      for (const s of this.cSources) {
        if (!s.text.includes(name) || !this.index(s).definitions.some((d) => d.name === name)) continue;
        for (const f of this.functionsIn(s)) if (f.name === name) defs.push(f);
      }
      this.byName.set(name, defs);
    }
    return defs;
  }

  /** Prototypes written directly in a source (top level, not from its includes). */
  prototypes(src: CSource): CPrototype[] {
    if (!src.text.includes('(')) return [];
    const t = this.tree(src);
    return t ? prototypesOfTree(src, t.rootNode) : [];
  }

  /** Local headers of the package a source includes, transitively (matched by path, then by base name). */
  includedHeaders(src: CSource): CSource[] {
    const headers = this.sources.filter((s) => s.kind === 'header');
    if (headers.length === 0) return [];
    const out: CSource[] = [];
    const queue = [src];
    while (queue.length > 0) {
      const cur = queue.shift()!;
      for (const inc of this.index(cur).includes) {
        const h = findHeader(headers, inc.path);
        if (h && h !== src && !out.includes(h)) {
          out.push(h);
          queue.push(h);
        }
      }
    }
    return out;
  }

  /** Every place a header is included from (source and 0-based row). */
  includeSites(header: CSource): { source: CSource; row: number }[] {
    const out: { source: CSource; row: number }[] = [];
    const headers = this.sources.filter((s) => s.kind === 'header');
    for (const s of this.cSources) {
      if (!s.text.includes(header.name)) continue;
      for (const inc of this.index(s).includes)
        if (findHeader(headers, inc.path) === header) out.push({ source: s, row: inc.row });
    }
    return out;
  }

  /**
   * The definition a call of `name` made from `from` reaches: one in the same source, then one in
   * a header it includes, then a non-static one anywhere in the package.
   */
  resolve(name: string, from: CSource): CFunction | undefined {
    const defs = this.definitionsOf(name);
    if (defs.length === 0) return undefined;
    const own = defs.find((d) => d.source === from);
    if (own) return own;
    const headers = this.includedHeaders(from);
    const inHeader = defs.find((d) => headers.includes(d.source));
    if (inHeader) return inHeader;
    return defs.find((d) => !d.isStatic && d.source.kind !== 'header') ?? defs.find((d) => !d.isStatic);
  }

  /** Names defined as functions anywhere in the package (text scan: includes big sources and C++). */
  definedNames(): Set<string> {
    const out = new Set<string>();
    for (const s of this.cSources) {
      if (!s.text.includes('{')) continue;
      for (const d of this.index(s).definitions) out.add(d.name);
    }
    return out;
  }

  /** Names that are `#define`d anywhere in the package's C. */
  macroNames(): Set<string> {
    const out = new Set<string>();
    for (const s of this.cSources) for (const m of this.index(s).macros) out.add(m.name);
    return out;
  }

  /**
   * Where a macro is expanded: every occurrence of its name in the package's C outside its own
   * `#define`, with the macro whose body holds the occurrence, if any.
   */
  macroUses(name: string): { source: CSource; row: number; inMacro?: CMacro }[] {
    const out: { source: CSource; row: number; inMacro?: CMacro }[] = [];
    const re = new RegExp(`\\b${escapeRegExp(name)}\\b`, 'g');
    for (const s of this.cSources) {
      if (!s.text.includes(name)) continue;
      const ix = this.index(s);
      const starts = lineStarts(ix.code);
      for (const m of ix.code.matchAll(re)) {
        const row = rowAt(starts, m.index ?? 0);
        const inMacro = ix.macros.find((d) => d.row <= row && row <= d.endRow);
        if (inMacro?.name === name) continue;
        out.push({ source: s, row, inMacro });
      }
    }
    return out;
  }

  /** Does a package assembly file (.S/.s/.sx, assembled by the C compiler in a cgo package) mention `name`? */
  asmMentions(name: string): boolean {
    const re = new RegExp(`\\b${escapeRegExp(name)}\\b`);
    return this.sources.some((s) => s.kind === 'asm' && re.test(s.text));
  }

  /** The calls in a function body, by name (calls through pointers have no name and are left out). */
  callsOf(fn: CFunction): CCall[] {
    let calls = this.callCache.get(fn);
    if (!calls) {
      calls = [];
      for (const c of fn.body.descendantsOfType('call_expression')) {
        const f = c ? unwrapExpr(c.childForFieldName('function')) : null;
        if (c && f?.type === 'identifier') calls.push({ name: f.text, node: c });
      }
      this.callCache.set(fn, calls);
    }
    return calls;
  }

  /**
   * The visible functions `fn` hands control to on the same thread: the ones it calls, and the
   * ones it passes by name to another call (`makecontext(&ctx, body, 0)`, `qsort(..., cmp)`);
   * start routines given to thread-creating calls run elsewhere and are left out.
   */
  successors(fn: CFunction): CFunction[] {
    const out: CFunction[] = [];
    const add = (f: CFunction | undefined) => {
      if (f && f !== fn && !out.includes(f)) out.push(f);
    };
    for (const call of this.callsOf(fn)) {
      add(this.resolve(call.name, fn.source));
      if (call.name in THREAD_APIS) continue;
      for (const a of cArgs(call.node)) {
        let u = unwrapExpr(a);
        if (u?.type === 'pointer_expression' && u.childForFieldName('operator')?.text === '&')
          u = unwrapExpr(u.childForFieldName('argument'));
        if (u?.type === 'identifier') add(this.resolve(u.text, fn.source));
      }
    }
    return out;
  }

  /** `fn` and every visible function it reaches (see successors), breadth first. */
  reachable(fn: CFunction): CFunction[] {
    const out = [fn];
    for (let i = 0; i < out.length && out.length < 500; i++) {
      for (const next of this.successors(out[i])) if (!out.includes(next)) out.push(next);
    }
    return out;
  }

  /** A path from `from` (see successors) to a call satisfying `pred`, or null. */
  findCall(
    from: CFunction,
    pred: (c: CCall) => boolean,
  ): { call: CCall; in: CFunction; path: CFunction[] } | null {
    const seen = new Set<CFunction>([from]);
    const queue: { fn: CFunction; path: CFunction[] }[] = [{ fn: from, path: [from] }];
    while (queue.length > 0 && seen.size < 500) {
      const { fn, path } = queue.shift()!;
      const hit = this.callsOf(fn).find(pred);
      if (hit) return { call: hit, in: fn, path };
      for (const next of this.successors(fn)) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push({ fn: next, path: [...path, next] });
      }
    }
    return null;
  }

  // --- inline assembly -----------------------------------------------------------------------

  /** The inline-assembly statements of a source. */
  asm(src: CSource): CAsm[] {
    let a = this.asmCache.get(src);
    if (!a) {
      a =
        src.kind === 'asm' || !/\b(?:__asm__|__asm|asm)\b/.test(src.text)
          ? []
          : scanAsm(this.index(src).code);
      this.asmCache.set(src, a);
    }
    return a;
  }

  /**
   * Why a row of a source only ever compiles for some architectures, or null: an enclosing
   * `#if defined(__x86_64__)`-style guard, a file that is built for those GOARCH values only
   * (name suffix or build constraint), or, for a header, every place it is included from.
   */
  archContext(src: CSource, row: number, arches: Set<string>, depth = 0): string | null {
    const guard = archGuardAt(this.index(src), row, this.archMacros());
    if (guard) return `#if ${guard}`;
    if (src.kind === 'header') {
      if (depth > 8) return null;
      const sites = this.includeSites(src);
      if (sites.length === 0) return 'never included';
      const reasons = sites.map((s) => this.archContext(s.source, s.row, arches, depth + 1));
      return reasons.every((r) => r !== null) ? (reasons[0] ?? null) : null;
    }
    if (archConfined(src, arches))
      return src.goarch ? `the _${src.goarch} file name` : 'its build constraint';
    return null;
  }

  // --- Go side of the package ----------------------------------------------------------------

  /** Go functions the package exports to C with `//export`, by name. */
  goExports(): Map<string, GoExport> {
    if (!this.exportsCache) {
      this.exportsCache = new Map();
      for (const f of this.cgoFiles) {
        if (!f.text.includes('//export')) continue;
        for (const d of f.directives) {
          if (d.name === 'export' && !d.spaced && d.args[0] && !d.inFunction) {
            this.exportsCache.set(d.args[0], { name: d.args[0], file: f, directive: d });
          }
        }
      }
    }
    return this.exportsCache;
  }

  /** Every `#cgo` directive of the package's cgo files. */
  cgoFlags(): CgoFlag[] {
    const out: CgoFlag[] = [];
    for (const f of this.cgoFiles)
      for (const d of f.cgo?.directives ?? []) out.push({ file: f, directive: d });
    return out;
  }

  /**
   * `#cgo` directives that can bring symbols into the link: `pkg-config`, and LDFLAGS with
   * `-l`, library or object files, `-Wl,...` options, `-framework`, or `-undefined`.
   */
  linkInputs(): CgoFlag[] {
    return this.cgoFlags().filter(({ directive: d }) => {
      if (d.verb === 'pkg-config') return true;
      if (d.verb !== 'LDFLAGS') return false;
      return d.args.some((a) =>
        /^-l|^-Wl,|^-framework$|^-undefined$|^-rdynamic$|\.(a|so(\.\d+)*|o|dylib|lib|tbd|syso)$/.test(a),
      );
    });
  }

  /**
   * Macros that only some architectures define, so that `#ifdef NAME` is an architecture guard:
   * macros set by GOARCH-conditional `#cgo` flags (`#cgo amd64 CFLAGS: -DHAVE_RDTSC`), and macros
   * whose every `#define` sits under an architecture guard (`#if defined(__x86_64__)` /
   * `#define MY_X64` / `#endif`), followed through chains of such definitions.
   */
  archMacros(): ReadonlySet<string> {
    if (this.archMacroCache) return this.archMacroCache;
    const set = new Set<string>();
    for (const { directive: d } of this.cgoFlags()) {
      if (d.verb !== 'CFLAGS' && d.verb !== 'CPPFLAGS' && d.verb !== 'CXXFLAGS') continue;
      const alts = d.condition.split(/\s+/).filter(Boolean);
      if (alts.length === 0 || !alts.every((a) => a.split(',').some((t) => KNOWN_GOARCH.includes(t))))
        continue;
      for (let i = 0; i < d.args.length; i++) {
        const a = d.args[i] === '-D' ? `-D${d.args[++i] ?? ''}` : d.args[i];
        const m = /^-D([A-Za-z_]\w*)/.exec(a);
        if (m) set.add(m[1]);
      }
    }
    // Only sources that mention an architecture macro can define derived ones.
    const defs: { ix: CTextIndex; macro: CMacro }[] = [];
    for (const src of this.cSources) {
      if (!ARCH_MACRO_TEXT.test(src.text)) continue;
      const ix = this.index(src);
      if (ix.branches.length === 0) continue;
      for (const macro of ix.macros) defs.push({ ix, macro });
    }
    const byName = new Map<string, { ix: CTextIndex; macro: CMacro }[]>();
    for (const d of defs) byName.set(d.macro.name, [...(byName.get(d.macro.name) ?? []), d]);
    for (let round = 0, changed = true; changed && round < 4; round++) {
      changed = false;
      for (const [name, list] of byName) {
        if (set.has(name)) continue;
        if (list.every((d) => archGuardAt(d.ix, d.macro.row, set) !== null)) {
          set.add(name);
          changed = true;
        }
      }
    }
    this.archMacroCache = set;
    return set;
  }

  /**
   * Quoted `#include`s of the package's C that name no file of the package directory (other
   * than cgo's generated `_cgo_export.h`), and included `.c`/`.cc` files: C code that exists
   * but that this analysis cannot see.
   */
  unseenIncludes(): { source: CSource; include: CInclude }[] {
    const out: { source: CSource; include: CInclude }[] = [];
    const files = this.sources.filter((s) => s.kind !== 'preamble');
    for (const s of this.cSources) {
      if (!s.text.includes('include')) continue;
      for (const inc of this.index(s).includes) {
        if (inc.system || inc.path.endsWith('_cgo_export.h')) continue;
        if (/\.(c|cc|cpp|cxx)$/.test(inc.path) || !findHeader(files, inc.path))
          out.push({ source: s, include: inc });
      }
    }
    return out;
  }

  // --- parameters C keeps ---------------------------------------------------------------------

  /**
   * The parameters of `fn` that it keeps after it returns, by index, with the store (or call)
   * that keeps each one.
   */
  retained(fn: CFunction): Map<number, CStore> {
    const cached = this.retainCache.get(fn);
    if (cached === 'busy') return new Map();
    if (cached) return cached;
    this.retainCache.set(fn, 'busy');
    const result = retainedParams(this, fn);
    this.retainCache.set(fn, result);
    return result;
  }

  // --- signals and threads ---------------------------------------------------------------------

  /** Every `sigaction`/`signal`-style installation in the package's C code. */
  signalInstalls(): CSignalInstall[] {
    return signalInstalls(this);
  }

  /** Every thread creation (`pthread_create`, `thrd_create`, ...) in the package's C code. */
  threadStarts(): CThreadStart[] {
    return threadStarts(this);
  }

  /** The function definition that contains a node of `src`'s tree. */
  enclosingFunction(src: CSource, n: Node): CFunction | undefined {
    let p: Node | null = n.parent;
    while (p && p.type !== 'function_definition') p = p.parent;
    if (!p) return undefined;
    const id = p.id;
    return this.functionsIn(src).find((f) => f.node.id === id);
  }
}

function findHeader(headers: CSource[], path: string): CSource | undefined {
  const clean = path.replace(/^\.\//, '');
  const base = clean.slice(clean.lastIndexOf('/') + 1);
  return (
    headers.find((h) => h.path.endsWith(`/${clean}`) || h.path === clean) ??
    headers.find((h) => h.name === base)
  );
}

/** Offsets where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** The 0-based row of an offset, given the line starts. */
function rowAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const packages = new WeakMap<Package, CPackage>();

/** The C analysis of the context's package, shared by every rule that asks. */
export function cPackage(ctx: Pick<PackageContext, 'pkg' | 'parseC'>): CPackage {
  let c = packages.get(ctx.pkg);
  if (!c) {
    c = new CPackage(ctx);
    packages.set(ctx.pkg, c);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Expressions

/** Strips parentheses and casts. */
export function unwrapExpr(n: Node | null): Node | null {
  let cur = n;
  while (cur) {
    if (cur.type === 'parenthesized_expression') cur = cur.namedChild(0);
    else if (cur.type === 'cast_expression') cur = cur.childForFieldName('value');
    else break;
  }
  return cur;
}

/** Arguments of a call_expression. */
export function cArgs(call: Node): Node[] {
  return (
    call
      .childForFieldName('arguments')
      ?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? []
  );
}

function isNullExpr(n: Node | null): boolean {
  const u = unwrapExpr(n);
  if (!u) return true;
  return u.type === 'null' || u.text === 'NULL' || u.text === 'nullptr' || u.text === '0';
}

/**
 * The variable an lvalue is rooted at: `g`, `g.f`, `g[i]`, `p->f`, `*p`. `deref` says whether
 * the path goes through memory the variable points to (`->`, `*`, subscript) rather than the
 * variable's own storage.
 */
export function lvalueRoot(n: Node | null): { name: string; deref: boolean } | null {
  let cur = unwrapExpr(n);
  let deref = false;
  while (cur) {
    switch (cur.type) {
      case 'identifier':
        return { name: cur.text, deref };
      case 'field_expression':
        if (cur.childForFieldName('operator')?.text === '->') deref = true;
        cur = unwrapExpr(cur.childForFieldName('argument'));
        break;
      case 'subscript_expression':
        deref = true;
        cur = unwrapExpr(cur.childForFieldName('argument'));
        break;
      case 'pointer_expression':
        if (cur.childForFieldName('operator')?.text === '*') deref = true;
        cur = unwrapExpr(cur.childForFieldName('argument'));
        break;
      default:
        return null;
    }
  }
  return null;
}

/** Declarations inside a function: name → facts. */
interface LocalVar {
  isStatic: boolean;
  isArray: boolean;
  init: Node | null;
}

function localsOf(fn: CFunction): Map<string, LocalVar> {
  const out = new Map<string, LocalVar>();
  for (const d of fn.body.descendantsOfType('declaration')) {
    if (!d) continue;
    const isStatic =
      hasStorage(d, 'static') || hasStorage(d, 'thread_local') || d.text.startsWith('_Thread_local');
    for (const decl of d.childrenForFieldName('declarator')) {
      if (!decl) continue;
      const name = declaratorName(decl);
      if (!name) continue;
      const inner = decl.type === 'init_declarator' ? decl.childForFieldName('declarator') : decl;
      out.set(name.text, {
        isStatic,
        isArray: inner?.type === 'array_declarator',
        init: decl.type === 'init_declarator' ? decl.childForFieldName('value') : null,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parameters C keeps (the CGO003 analysis)

export interface CStore {
  fn: CFunction;
  /** Index of the kept parameter. */
  param: number;
  /** The assignment or call that keeps it. */
  node: Node;
  /**
   * Where it goes: memory that outlives the call (`lasting`), or memory behind another parameter
   * of `fn` (`param`: whether that outlives the call depends on what the caller passes there).
   */
  target: { kind: 'lasting' } | { kind: 'param'; index: number };
  /** In words: "the static variable `saved`", "memory behind the parameter `ctx`". */
  into: string;
  /** For a pointer handed to another function that keeps it: that function's store. */
  via?: CStore;
  /** How many calls deep the store is (0: in `fn` itself). */
  depth: number;
  /**
   * Other parameters of `fn` that decide whether the store happens (they appear in the conditions
   * of the `if`/`switch`/`?:` around it). A caller that passes a constant there may never take
   * that path (`create(dict, BY_COPY)` against `if (mode == BY_REF) d->dict = dict;`), so such
   * calls are not counted.
   */
  guards: number[];
}

/** Retention through helpers is followed this many calls deep. */
const MAX_STORE_DEPTH = 2;

const ALLOCATORS = new Set([
  'malloc',
  'calloc',
  'realloc',
  'strdup',
  'strndup',
  'aligned_alloc',
  'valloc',
  'memalign',
]);

/** Library functions that keep a pointer argument after they return (argument index). */
const KEEPERS: Record<string, { arg: number; what: string; unless?: string }> = {
  pthread_create: { arg: 3, what: 'the thread started with pthread_create', unless: 'pthread_join' },
  thrd_create: { arg: 2, what: 'the thread started with thrd_create', unless: 'thrd_join' },
  pthread_setspecific: { arg: 1, what: 'thread-specific data (pthread_setspecific)' },
  setvbuf: { arg: 1, what: 'the stdio stream buffer (setvbuf)' },
  setbuf: { arg: 1, what: 'the stdio stream buffer (setbuf)' },
  setbuffer: { arg: 1, what: 'the stdio stream buffer (setbuffer)' },
  putenv: { arg: 0, what: 'the environment (putenv keeps the string)' },
};

/** Library calls whose result points into their first argument. */
const DERIVING_CALLS = new Set(['strchr', 'strrchr', 'strstr', 'memchr', 'strpbrk', 'rawmemchr', 'memrchr']);

/** What a pointer refers to, as far as one function body tells. */
type Memory =
  | { kind: 'stack' }
  | { kind: 'lasting'; what: string }
  | { kind: 'param'; index: number }
  | { kind: 'unknown' };

const STACK: Memory = { kind: 'stack' };
const UNKNOWN: Memory = { kind: 'unknown' };

/** The memory model of one function body: its parameters, locals and what the locals point to. */
class FunctionMemory {
  readonly locals: Map<string, LocalVar>;
  readonly paramIndex: Map<string, number>;
  readonly assigns: Node[];
  /** For each local: the expressions assigned to it (initializer first). */
  readonly sourcesOf = new Map<string, Node[]>();
  private readonly freed: Set<string>;

  constructor(
    readonly fn: CFunction,
    calls: CCall[],
  ) {
    this.locals = localsOf(fn);
    this.paramIndex = new Map(fn.params.map((p, i) => [p.name, i]));
    this.assigns = fn.body.descendantsOfType('assignment_expression').filter((n): n is Node => n !== null);
    for (const [name, v] of this.locals) if (v.init) this.sourcesOf.set(name, [v.init]);
    for (const a of this.assigns) {
      const left = unwrapExpr(a.childForFieldName('left'));
      const right = a.childForFieldName('right');
      if (left?.type === 'identifier' && right && a.childForFieldName('operator')?.text === '=') {
        const list = this.sourcesOf.get(left.text) ?? [];
        list.push(right);
        this.sourcesOf.set(left.text, list);
      }
    }
    this.freed = new Set(
      calls.filter((k) => k.name === 'free').map((k) => lvalueRoot(cArgs(k.node)[0] ?? null)?.name ?? ''),
    );
  }

  isGlobal(name: string): boolean {
    return !this.paramIndex.has(name) && !this.locals.has(name);
  }

  /** The storage of a variable itself (what `&name` points to). */
  storageOf(name: string): Memory {
    if (this.isGlobal(name)) return { kind: 'lasting', what: `the global \`${name}\`` };
    if (this.locals.get(name)?.isStatic) return { kind: 'lasting', what: `the static variable \`${name}\`` };
    return STACK;
  }

  /** What a pointer variable points to. */
  targetOf(name: string, seen = new Set<string>()): Memory {
    if (seen.has(name)) return UNKNOWN;
    seen.add(name);
    const param = this.paramIndex.get(name);
    if (param !== undefined) return { kind: 'param', index: param };
    if (this.isGlobal(name)) return { kind: 'lasting', what: `memory the global \`${name}\` points to` };
    const v = this.locals.get(name);
    if (v?.isStatic) return { kind: 'lasting', what: `memory the static variable \`${name}\` points to` };
    if (v?.isArray) return STACK;
    for (const src of this.sourcesOf.get(name) ?? []) {
      const m = this.pointee(src, seen, name);
      if (m.kind !== 'unknown') return m;
    }
    return UNKNOWN;
  }

  /** What a pointer expression points to. `local` names the variable it is assigned to, if any. */
  pointee(n: Node | null, seen = new Set<string>(), local?: string): Memory {
    const e = unwrapExpr(n);
    if (!e) return UNKNOWN;
    switch (e.type) {
      case 'identifier':
        return this.targetOf(e.text, seen);
      case 'pointer_expression': {
        if (e.childForFieldName('operator')?.text !== '&') return UNKNOWN;
        const root = lvalueRoot(e.childForFieldName('argument'));
        if (!root) return UNKNOWN;
        return root.deref ? this.targetOf(root.name, seen) : this.storageOf(root.name);
      }
      case 'field_expression':
      case 'subscript_expression': {
        // A pointer loaded from a structure: it lives as long as the structure's memory does.
        const root = lvalueRoot(e);
        return root ? (root.deref ? this.targetOf(root.name, seen) : this.storageOf(root.name)) : UNKNOWN;
      }
      case 'binary_expression':
        return this.pointee(e.childForFieldName('left'), seen, local);
      case 'conditional_expression':
        return this.pointee(e.childForFieldName('consequence'), seen, local);
      case 'call_expression': {
        const callee = unwrapExpr(e.childForFieldName('function'))?.text ?? '';
        if (ALLOCATORS.has(callee)) {
          if (local && this.freed.has(local)) return STACK; // freed before the function returns
          return { kind: 'lasting', what: `heap memory from ${callee} that the function does not free` };
        }
        if (DERIVING_CALLS.has(callee)) return this.pointee(cArgs(e)[0] ?? null, seen);
        return callee ? { kind: 'lasting', what: `memory returned by \`${callee}()\`` } : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }
}

/** Parameters of `fn` (other than `exclude`) named in the conditions that control `node`. */
function guardParams(fn: CFunction, node: Node, exclude: number[]): number[] {
  const index = new Map(fn.params.map((p, i) => [p.name, i]));
  const out = new Set<number>();
  for (let p = node.parent; p && p.id !== fn.body.id; p = p.parent) {
    if (!CONDITIONAL.has(p.type)) continue;
    const cond = p.childForFieldName('condition');
    if (!cond || (cond.startIndex <= node.startIndex && node.endIndex <= cond.endIndex)) continue;
    const ids = cond.type === 'identifier' ? [cond] : cond.descendantsOfType('identifier');
    for (const id of ids) {
      const i = id ? index.get(id.text) : undefined;
      if (i !== undefined && !exclude.includes(i)) out.add(i);
    }
  }
  return [...out];
}

const CONDITIONAL = new Set([
  'if_statement',
  'while_statement',
  'do_statement',
  'for_statement',
  'switch_statement',
  'conditional_expression',
]);

/** An argument whose value the caller fixes: a literal, or a name that is not one of its variables (enum, macro, global). */
function constantArg(n: Node | undefined, mem: FunctionMemory): boolean {
  const e = unwrapExpr(n ?? null);
  if (!e) return false;
  if (['number_literal', 'char_literal', 'string_literal', 'null', 'true', 'false'].includes(e.type))
    return true;
  return e.type === 'identifier' && mem.isGlobal(e.text);
}

function retainedParams(c: CPackage, fn: CFunction): Map<number, CStore> {
  const out = new Map<number, CStore>();
  if (!fn.params.some((p) => p.name !== '')) return out;
  const calls = c.callsOf(fn);
  const mem = new FunctionMemory(fn, calls);
  const callNames = new Set(calls.map((k) => k.name));

  fn.params.forEach((p, i) => {
    if (p.name === '') return;
    const derived = derivedLocals(p.name, mem.locals, mem.sourcesOf);
    const isDerived = (n: Node | null): boolean => derivedExpr(n, derived);
    /** A store target for memory `m`, unless it is the function's own stack or the parameter's own object. */
    const targetFor = (m: Memory): { target: CStore['target']; into: string } | null => {
      if (m.kind === 'lasting') return { target: { kind: 'lasting' }, into: m.what };
      if (m.kind === 'param' && m.index !== i)
        return { target: m, into: `memory behind the parameter \`${fn.params[m.index].name}\`` };
      return null;
    };
    let store: CStore | undefined;
    for (const a of mem.assigns) {
      if (!isDerived(a.childForFieldName('right'))) continue;
      const root = lvalueRoot(a.childForFieldName('left'));
      if (!root || derived.has(root.name)) continue;
      const t = targetFor(root.deref ? mem.targetOf(root.name) : mem.storageOf(root.name));
      if (!t || clearedLater(a, mem.assigns)) continue;
      const exclude = t.target.kind === 'param' ? [i, t.target.index] : [i];
      store = { fn, param: i, node: a, ...t, depth: 0, guards: guardParams(fn, a, exclude) };
      break;
    }
    if (!store) {
      for (const k of calls) {
        const args = cArgs(k.node);
        const keeper = KEEPERS[k.name];
        if (keeper && args.length > keeper.arg && isDerived(args[keeper.arg])) {
          if (keeper.unless && callNames.has(keeper.unless)) continue;
          store = {
            fn,
            param: i,
            node: k.node,
            target: { kind: 'lasting' },
            into: keeper.what,
            depth: 0,
            guards: guardParams(fn, k.node, [i]),
          };
          break;
        }
        const callee = c.resolve(k.name, fn.source);
        if (!callee || callee === fn) continue;
        for (const [j, s] of c.retained(callee)) {
          if (s.depth >= MAX_STORE_DEPTH || j >= args.length || !isDerived(args[j])) continue;
          // The callee keeps it only on a path chosen by an argument we pass as a constant: unknown.
          if (s.guards.some((g) => constantArg(args[g], mem))) continue;
          // Kept behind another parameter of the callee: it lasts if what we pass there does.
          const t =
            s.target.kind === 'lasting'
              ? { target: s.target, into: s.into }
              : isDerived(args[s.target.index] ?? null)
                ? null
                : targetFor(mem.pointee(args[s.target.index] ?? null));
          if (!t) continue;
          const passed = s.guards
            .map((g) => unwrapExpr(args[g] ?? null))
            .map((a) => (a?.type === 'identifier' ? mem.paramIndex.get(a.text) : undefined))
            .filter((g): g is number => g !== undefined && g !== i);
          const exclude = t.target.kind === 'param' ? [i, t.target.index] : [i];
          const guards = [...new Set([...passed, ...guardParams(fn, k.node, exclude)])];
          store = { fn, param: i, node: k.node, ...t, via: s, depth: s.depth + 1, guards };
          break;
        }
        if (store) break;
      }
    }
    if (store) out.set(i, store);
  });
  return out;
}

/** Locals that hold the parameter or a pointer computed from it. */
function derivedLocals(
  param: string,
  locals: Map<string, LocalVar>,
  sourcesOf: Map<string, Node[]>,
): Set<string> {
  const set = new Set([param]);
  for (let changed = true, rounds = 0; changed && rounds < 6; rounds++) {
    changed = false;
    for (const [name, srcs] of sourcesOf) {
      if (set.has(name) || !locals.has(name) || locals.get(name)?.isStatic) continue;
      if (srcs.some((s) => derivedExpr(s, set))) {
        set.add(name);
        changed = true;
      }
    }
  }
  return set;
}

/** Is the expression the pointer (or an address computed from it) held in one of `set`? */
function derivedExpr(n: Node | null, set: Set<string>): boolean {
  const e = unwrapExpr(n);
  if (!e) return false;
  switch (e.type) {
    case 'identifier':
      return set.has(e.text);
    case 'binary_expression': {
      const op = e.childForFieldName('operator')?.text;
      if (op !== '+' && op !== '-') return false;
      return (
        derivedExpr(e.childForFieldName('left'), set) ||
        (op === '+' && derivedExpr(e.childForFieldName('right'), set))
      );
    }
    case 'pointer_expression': {
      if (e.childForFieldName('operator')?.text !== '&') return false;
      const arg = unwrapExpr(e.childForFieldName('argument'));
      if (arg?.type === 'subscript_expression') return derivedExpr(arg.childForFieldName('argument'), set);
      if (arg?.type === 'field_expression')
        return (
          arg.childForFieldName('operator')?.text === '->' &&
          derivedExpr(arg.childForFieldName('argument'), set)
        );
      if (arg?.type === 'pointer_expression') return derivedExpr(arg.childForFieldName('argument'), set);
      return false;
    }
    case 'conditional_expression':
      return (
        derivedExpr(e.childForFieldName('consequence'), set) ||
        derivedExpr(e.childForFieldName('alternative'), set)
      );
    case 'assignment_expression':
      return derivedExpr(e.childForFieldName('right'), set);
    case 'comma_expression':
      return derivedExpr(e.childForFieldName('right'), set);
    case 'call_expression': {
      const callee = unwrapExpr(e.childForFieldName('function'))?.text ?? '';
      return DERIVING_CALLS.has(callee) && derivedExpr(cArgs(e)[0] ?? null, set);
    }
    default:
      return false;
  }
}

/** Is the same lvalue set back to NULL/0 later in the function (a pointer kept only during the call)? */
function clearedLater(store: Node, assigns: Node[]): boolean {
  const target = store.childForFieldName('left')?.text.replace(/\s+/g, '');
  return assigns.some(
    (a) =>
      a.startIndex > store.endIndex &&
      a.childForFieldName('left')?.text.replace(/\s+/g, '') === target &&
      isNullExpr(a.childForFieldName('right')),
  );
}

// ---------------------------------------------------------------------------------------------
// Signal handlers (the CGO013 analysis)

export type Disposition = 'ignore' | 'default' | 'function' | 'unknown';

export interface CSignalInstall {
  source: CSource;
  /** The sigaction/signal call. */
  node: Node;
  fn?: CFunction;
  api: string;
  /** The signal's macro name (`SIGURG`), or null when it is not a constant name. */
  signal: string | null;
  disposition: Disposition;
  /** The handler's name when the disposition is a function. */
  handlerName?: string;
  /** The handler's definition, when visible. */
  handler?: CFunction;
  /**
   * sigaction: does `sa_flags` include SA_ONSTACK (null: the flags come from somewhere we cannot
   * follow). signal() and friends never set it: false.
   */
  onstack: boolean | null;
  /** The flags as written (`SA_SIGINFO | SA_RESTART`), for messages. */
  flagsText?: string;
  /** The previous action is saved (sigaction's third argument, or signal()'s result is kept). */
  savesOld: boolean;
  /** The visible handler calls (or re-installs) a saved previous action; null: handler not visible. */
  chains: boolean | null;
  /**
   * Installed by a `__attribute__((constructor))` function, before the Go runtime starts: Go then
   * finds the handler, installs its own, and forwards the signals it does not need to it.
   */
  early: boolean;
}

const SIGNAL_APIS = new Set(['sigaction', 'signal', 'sigset', 'bsd_signal', 'sysv_signal']);

function signalInstalls(c: CPackage): CSignalInstall[] {
  const out: CSignalInstall[] = [];
  const savedNames = new Set<string>();
  const pending: { src: CSource; call: Node; api: string; fn?: CFunction }[] = [];
  for (const src of c.cSources) {
    if (!/\b(sigaction|signal|sigset|bsd_signal|sysv_signal)\s*\(/.test(src.text)) continue;
    const t = c.tree(src);
    if (!t) continue;
    for (const call of t.rootNode.descendantsOfType('call_expression')) {
      const f = call ? unwrapExpr(call.childForFieldName('function')) : null;
      if (!call || f?.type !== 'identifier' || !SIGNAL_APIS.has(f.text)) continue;
      // A function of the package with that name is not the libc one.
      if (c.definitionsOf(f.text).length > 0) continue;
      const fn = c.enclosingFunction(src, call);
      pending.push({ src, call, api: f.text, fn });
      const args = cArgs(call);
      if (f.text === 'sigaction' && args[2] && !isNullExpr(args[2])) {
        const r = lvalueRoot(addressOf(args[2]));
        if (r) savedNames.add(r.name);
      } else if (f.text !== 'sigaction') {
        const kept = resultTarget(call);
        if (kept) savedNames.add(kept);
      }
    }
  }
  // Aliases: a saved action's handler copied into another variable (`prev = old.sa_sigaction`).
  for (const p of pending) {
    if (!p.fn) continue;
    for (const a of p.fn.body.descendantsOfType('assignment_expression')) {
      const right = a?.childForFieldName('right');
      if (!a || !right || !mentions(right, savedNames)) continue;
      const root = lvalueRoot(a.childForFieldName('left'));
      if (root) savedNames.add(root.name);
    }
  }
  for (const p of pending) {
    const inst = describeInstall(c, p.src, p.call, p.api, p.fn, savedNames);
    if (inst) out.push(inst);
  }
  return out;
}

function addressOf(n: Node): Node | null {
  const u = unwrapExpr(n);
  if (u?.type === 'pointer_expression' && u.childForFieldName('operator')?.text === '&')
    return u.childForFieldName('argument');
  return u;
}

/** The variable a call's result is stored in (`prev = signal(...)`, `T prev = signal(...)`). */
function resultTarget(call: Node): string | null {
  let p = call.parent;
  while (p && (p.type === 'parenthesized_expression' || p.type === 'cast_expression')) p = p.parent;
  if (p?.type === 'assignment_expression') return lvalueRoot(p.childForFieldName('left'))?.name ?? null;
  if (p?.type === 'init_declarator') return declaratorName(p.childForFieldName('declarator'))?.text ?? null;
  return null;
}

function mentions(n: Node, names: Set<string>): boolean {
  if (n.type === 'identifier') return names.has(n.text);
  return n.descendantsOfType('identifier').some((i) => i !== null && names.has(i.text));
}

function signalName(n: Node | undefined): string | null {
  const u = n ? unwrapExpr(n) : null;
  return u?.type === 'identifier' && /^SIG[A-Z0-9]+$/.test(u.text) ? u.text : null;
}

function dispositionOf(
  c: CPackage,
  src: CSource,
  n: Node | null | undefined,
): { d: Disposition; name?: string; fn?: CFunction } {
  let u = unwrapExpr(n ?? null);
  if (u?.type === 'pointer_expression' && u.childForFieldName('operator')?.text === '&')
    u = unwrapExpr(u.childForFieldName('argument'));
  if (!u) return { d: 'unknown' };
  if (u.text === 'SIG_IGN') return { d: 'ignore' };
  if (u.text === 'SIG_DFL' || isNullExpr(u)) return { d: 'default' };
  if (u.type === 'identifier') {
    const fn = c.resolve(u.text, src);
    // A named function (visible or not); an upper-case name is most likely a macro.
    if (fn || !/^[A-Z_][A-Z0-9_]*$/.test(u.text)) return { d: 'function', name: u.text, fn };
  }
  return { d: 'unknown' };
}

function describeInstall(
  c: CPackage,
  src: CSource,
  call: Node,
  api: string,
  fn: CFunction | undefined,
  savedNames: Set<string>,
): CSignalInstall | null {
  const args = cArgs(call);
  if (args.length < 2) return null;
  const signal = signalName(args[0]);
  let disp: { d: Disposition; name?: string; fn?: CFunction };
  let onstack: boolean | null = false;
  let flagsText: string | undefined;
  let savesOld: boolean;
  if (api === 'sigaction') {
    if (isNullExpr(args[1])) return null; // a query, not an installation
    const act = actionFields(c, fn, call, args[1]);
    if (!act) return null;
    disp = act.handler ? dispositionOf(c, src, act.handler) : { d: 'unknown' };
    onstack = act.onstack;
    flagsText = act.flagsText;
    savesOld = args.length > 2 && !isNullExpr(args[2]);
  } else {
    disp = dispositionOf(c, src, args[1]);
    savesOld = resultTarget(call) !== null;
  }
  let chains: boolean | null = null;
  if (disp.fn) chains = c.reachable(disp.fn).some((f) => chainsTo(f, savedNames));
  return {
    source: src,
    node: call,
    fn,
    api,
    signal,
    disposition: disp.d,
    handlerName: disp.name,
    handler: disp.fn,
    onstack,
    flagsText,
    savesOld,
    chains,
    early: fn !== undefined && isConstructor(fn),
  };
}

/** A function that runs before main (and before the Go runtime initialises): `__attribute__((constructor))`. */
export function isConstructor(fn: CFunction): boolean {
  const head = fn.node.text.slice(0, Math.max(0, fn.node.text.indexOf('{')));
  return /\b__attribute__\s*\(\(\s*(__)?constructor(__)?\b/.test(head);
}

/** Does a function call through, or re-install, a saved previous action? */
function chainsTo(f: CFunction, saved: Set<string>): boolean {
  if (saved.size === 0) return false;
  for (const call of f.body.descendantsOfType('call_expression')) {
    if (!call) continue;
    const callee = call.childForFieldName('function');
    if (callee && mentions(callee, saved)) return true;
    const name = unwrapExpr(callee)?.text ?? '';
    if (
      SIGNAL_APIS.has(name) &&
      cArgs(call)
        .slice(1, 2)
        .some((a) => mentions(a, saved))
    )
      return true;
  }
  return false;
}

interface ActionFields {
  handler: Node | null;
  onstack: boolean | null;
  flagsText?: string;
}

/**
 * The handler and flags of the `struct sigaction` passed as `arg` (`&sa`, or a pointer
 * variable): its initializer, and the assignments to its fields before the call in the same
 * function (anywhere in the package for a global).
 */
function actionFields(c: CPackage, fn: CFunction | undefined, call: Node, arg: Node): ActionFields | null {
  const target = addressOf(arg);
  let handler: Node | null = null;
  const flagOps: { op: string; value: Node }[] = [];
  /** `{ .sa_handler = h, .sa_flags = ... }` */
  const readInitializer = (list: Node): void => {
    for (const pair of list.namedChildren) {
      if (pair?.type !== 'initializer_pair') continue;
      const field = pair.childForFieldName('designator')?.text.replace(/^\./, '') ?? '';
      const value = pair.childForFieldName('value');
      if (!value) continue;
      if (field === 'sa_handler' || field === 'sa_sigaction') handler = value;
      if (field === 'sa_flags') flagOps.push({ op: '=', value });
    }
  };
  // `&(struct sigaction){ .sa_handler = h }`: everything is in the literal.
  if (target?.type === 'compound_literal_expression') {
    const list = target.childForFieldName('value');
    if (list?.type === 'initializer_list') readInitializer(list);
    return { handler, ...evalFlags(flagOps, false) };
  }
  const root = target ? lvalueRoot(target) : null;
  if (!root) return null;
  const name = root.name;
  const locals = fn ? localsOf(fn) : new Map<string, LocalVar>();
  const isLocal = locals.has(name) || (fn?.params.some((p) => p.name === name) ?? false);
  let fromElsewhere = fn?.params.some((p) => p.name === name) ?? false;

  const init = locals.get(name)?.init;
  if (init) {
    const u = unwrapExpr(init);
    if (u?.type === 'initializer_list') readInitializer(u);
    else fromElsewhere = true; // copied from another struct or pointer
  }
  const scopes: CFunction[] =
    isLocal && fn ? [fn] : c.cSources.filter((s) => s.text.includes(name)).flatMap((s) => c.functionsIn(s));
  for (const scope of scopes) {
    for (const a of scope.body.descendantsOfType('assignment_expression')) {
      if (!a) continue;
      if (scope === fn && a.startIndex > call.startIndex) continue;
      const left = unwrapExpr(a.childForFieldName('left'));
      const value = a.childForFieldName('right');
      if (!value) continue;
      if (left?.type !== 'field_expression') {
        if (left?.type === 'identifier' && left.text === name) fromElsewhere = true;
        continue;
      }
      const base = lvalueRoot(left.childForFieldName('argument'));
      if (base?.name !== name) continue;
      const field = left.childForFieldName('field')?.text;
      const op = a.childForFieldName('operator')?.text ?? '=';
      if (field === 'sa_handler' || field === 'sa_sigaction') handler = value;
      else if (field === 'sa_flags') flagOps.push({ op, value });
    }
    for (const k of c.callsOf(scope)) {
      if (scope === fn && k.node.startIndex > call.startIndex) continue;
      const a0 = cArgs(k.node)[0];
      // The struct was filled by a query (`sigaction(sig, NULL, &sa)`) or copied in.
      if (
        k.name === 'sigaction' &&
        cArgs(k.node)[2] &&
        lvalueRoot(addressOf(cArgs(k.node)[2]))?.name === name
      )
        fromElsewhere = true;
      if (k.name === 'memcpy' && a0 && lvalueRoot(addressOf(a0))?.name === name) fromElsewhere = true;
    }
  }
  return { handler, ...evalFlags(flagOps, fromElsewhere) };
}

/** Folds `sa_flags` assignments: which SA_ names end up set, or null when not known. */
function evalFlags(
  ops: { op: string; value: Node }[],
  startUnknown: boolean,
): { onstack: boolean | null; flagsText?: string } {
  let set = new Set<string>();
  let unknown = startUnknown;
  const texts: string[] = [];
  for (const { op, value } of ops) {
    const names = flagNames(value);
    if (op === '=') {
      texts.length = 0;
      texts.push(value.text);
      set = new Set(names.names);
      unknown = names.unknown;
    } else if (op === '|=') {
      texts.push(value.text);
      for (const n of names.names) set.add(n);
      if (names.unknown) unknown = true;
    } else if (op === '&=') {
      const u = unwrapExpr(value);
      if (u?.type === 'unary_expression' && u.childForFieldName('operator')?.text === '~') {
        for (const n of flagNames(u.childForFieldName('argument')!).names) set.delete(n);
      } else unknown = true;
    } else unknown = true;
  }
  const flagsText = texts.join(' | ') || undefined;
  if (set.has('SA_ONSTACK')) return { onstack: true, flagsText };
  return { onstack: unknown ? null : false, flagsText };
}

/** SA_ names OR-ed together in an expression; unknown when anything else contributes. */
function flagNames(n: Node): { names: string[]; unknown: boolean } {
  const names: string[] = [];
  let unknown = false;
  const visit = (e: Node | null): void => {
    const u = unwrapExpr(e);
    if (!u) return;
    if (u.type === 'identifier') {
      if (/^SA_[A-Z_]+$/.test(u.text)) names.push(u.text);
      else unknown = true;
    } else if (u.type === 'number_literal') {
      if (Number(u.text) !== 0) unknown = true;
    } else if (u.type === 'binary_expression' && u.childForFieldName('operator')?.text === '|') {
      visit(u.childForFieldName('left'));
      visit(u.childForFieldName('right'));
    } else unknown = true;
  };
  visit(n);
  return { names, unknown };
}

// ---------------------------------------------------------------------------------------------
// Threads (the CGO014 analysis)

export interface CThreadStart {
  source: CSource;
  /** The thread-creating call. */
  node: Node;
  api: string;
  /** The start routine's name, when it is named directly. */
  routineName?: string;
  /** Its definition, when visible. */
  routine?: CFunction;
}

/** Thread-creating functions and the index of their start-routine argument. */
const THREAD_APIS: Record<string, number> = {
  pthread_create: 2,
  thrd_create: 1,
  CreateThread: 2,
  _beginthreadex: 2,
  _beginthread: 0,
  uv_thread_create: 1,
  g_thread_new: 1,
};

function threadStarts(c: CPackage): CThreadStart[] {
  const out: CThreadStart[] = [];
  for (const src of c.cSources) {
    if (
      !/\b(pthread_create|thrd_create|CreateThread|_beginthread(ex)?|uv_thread_create|g_thread_new)\s*\(/.test(
        src.text,
      )
    )
      continue;
    const t = c.tree(src);
    if (!t) continue;
    for (const call of t.rootNode.descendantsOfType('call_expression')) {
      const f = call ? unwrapExpr(call.childForFieldName('function')) : null;
      if (!call || f?.type !== 'identifier' || !(f.text in THREAD_APIS)) continue;
      const arg = cArgs(call)[THREAD_APIS[f.text]];
      let r = arg ? unwrapExpr(arg) : null;
      if (r?.type === 'pointer_expression' && r.childForFieldName('operator')?.text === '&')
        r = unwrapExpr(r.childForFieldName('argument'));
      const start: CThreadStart = { source: src, node: call, api: f.text };
      if (r?.type === 'identifier') {
        start.routineName = r.text;
        start.routine = c.resolve(r.text, src);
      }
      out.push(start);
    }
  }
  return out;
}

/** Calls that switch the running stack (coroutines, non-local jumps). */
export const STACK_SWITCHERS = new Set([
  'swapcontext',
  'makecontext',
  'setcontext',
  'setjmp',
  'longjmp',
  '_setjmp',
  '_longjmp',
  'sigsetjmp',
  'siglongjmp',
  '__builtin_setjmp',
  '__builtin_longjmp',
  'jump_fcontext',
  'make_fcontext',
  'ontop_fcontext',
  'co_switch',
  'coro_transfer',
]);
