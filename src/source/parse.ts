// Go file → GoFile model: package clause, imports, directives, top-level declarations, build
// constraints, the cgo preamble. Built on a tree-sitter tree plus a few line scans for the
// things that live in comments.

import type { Node, Parser, Tree } from 'web-tree-sitter';
import {
  type Constraint,
  ConstraintError,
  fileNameInfo,
  parseGoBuild,
  parsePlusBuildLines,
} from './constraint.js';
import type {
  CgoDirective,
  CgoPreamble,
  Directive,
  GoFile,
  Import,
  Param,
  Pos,
  Span,
  TopDecl,
} from './model.js';
import { lineStates, spanOf, splitLines, splitQuoted, utf8Length } from './text.js';

/** `//go:x`, `// go:x`, `//go: x`, `//export x`, `//extern x`, `//line x`. */
const DIRECTIVE_LINE = /^([ \t]*)\/\/( *)(go:( *)([A-Za-z_][A-Za-z0-9_]*)|export\b|extern\b|line\b)(.*)$/;
const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/;

export interface ParsedExtras {
  /** Error from a malformed `//go:build` / `// +build` line. */
  constraintError?: { line: number; message: string };
  /** True once the syntax tree was built (a rule touched a tree-based field). */
  readonly parsed: boolean;
}

/**
 * A GoFile whose header facts (package name, build constraint, generated marker, file-name
 * suffixes) come from a cheap line scan, and whose tree-based facts (imports, directives,
 * declarations, cgo preamble, syntax errors) are computed on first use. Rules that look at
 * `text` first never pay for a parse of files they cannot fire on.
 */
export function parseGoFile(parser: Parser, path: string, text: string): GoFile & ParsedExtras {
  const lines = splitLines(text);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const info = fileNameInfo(name);
  const head = scanHeader(lines);
  const header = headerOf(lines, head.packageRow, headerDirectives(lines, head.packageRow));

  let tree: Tree | null = null;
  const cache: Partial<Pick<GoFile, 'imports' | 'directives' | 'decls' | 'cgo' | 'errors'>> = {};
  const getTree = (): Tree => {
    if (!tree) {
      tree = parser.parse(text);
      if (!tree) throw new Error(`tree-sitter could not parse ${path}`);
    }
    return tree;
  };
  const span = (n: Node): Span => spanOf(lines, n.startPosition, n.endPosition);
  const mayHaveDirectives = /\/\/ *(go:|export\b|extern\b|line\b)/.test(text);

  const file: GoFile & ParsedExtras = {
    path,
    name,
    text,
    lines,
    get tree() {
      return getTree();
    },
    get root() {
      return getTree().rootNode;
    },
    packageName: head.packageName,
    packagePos: head.packagePos,
    get imports() {
      cache.imports ??= importsOf(getTree().rootNode, span);
      return cache.imports;
    },
    get directives() {
      cache.directives ??= mayHaveDirectives
        ? directivesOf(text, lines, head.packageRow, () => file.decls)
        : [];
      return cache.directives;
    },
    get decls() {
      cache.decls ??= topDecls(getTree().rootNode, lines);
      return cache.decls;
    },
    constraint: header.constraint,
    buildLine: header.buildLine,
    constraintError: header.error,
    nameGoos: info.goos,
    nameGoarch: info.goarch,
    isTest: info.isTest,
    get cgo() {
      if (cache.cgo === undefined) {
        cache.cgo = text.includes('"C"') ? cgoPreambleOf(getTree().rootNode, lines, span) : null;
      }
      return cache.cgo;
    },
    generated: header.generated,
    get errors() {
      if (!cache.errors) {
        const root = getTree().rootNode;
        cache.errors = root.hasError ? syntaxErrors(root, lines) : [];
      }
      return cache.errors;
    },
    get parsed() {
      return tree !== null;
    },
  };
  return file;
}

/** The package clause, found by skipping blank lines and comments at the top of the file. */
function scanHeader(lines: string[]): { packageRow: number; packageName: string; packagePos?: Span } {
  let inBlock = false;
  for (let r = 0; r < lines.length; r++) {
    let t = lines[r];
    if (inBlock) {
      const end = t.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      t = t.slice(end + 2);
    }
    for (;;) {
      t = t.trimStart();
      if (t.startsWith('/*')) {
        const end = t.indexOf('*/', 2);
        if (end < 0) {
          inBlock = true;
          t = '';
          break;
        }
        t = t.slice(end + 2);
        continue;
      }
      break;
    }
    if (t === '' || t.startsWith('//')) continue;
    const m = /^package\s+([\p{L}_][\p{L}\p{N}_]*)/u.exec(t);
    if (!m) return { packageRow: r, packageName: '' };
    const col = lines[r].indexOf('package') + 1;
    return {
      packageRow: r,
      packageName: m[1],
      packagePos: { line: r + 1, column: col, endLine: r + 1, endColumn: col + utf8Length(m[0]) },
    };
  }
  return { packageRow: lines.length, packageName: '' };
}

/** `//go:build` lines of the header (before the package clause: comments only, no tree needed). */
function headerDirectives(lines: string[], packageRow: number): Directive[] {
  const out: Directive[] = [];
  for (let row = 0; row < packageRow && row < lines.length; row++) {
    const m = /^\/\/go:build(\s.*)?$/.exec(lines[row].trimEnd());
    if (!m) continue;
    const text = lines[row].trimEnd();
    out.push({
      line: row + 1,
      column: 1,
      endLine: row + 1,
      endColumn: 1 + utf8Length(text),
      name: 'build',
      args: (m[1] ?? '').trim().split(/\s+/).filter(Boolean),
      text,
      spaced: false,
      inFunction: false,
      afterPackage: false,
    });
  }
  return out;
}

// --- imports -----------------------------------------------------------------------------------

function importsOf(root: Node, span: (n: Node) => Span): Import[] {
  const out: Import[] = [];
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'import_declaration') continue;
    for (const spec of decl.descendantsOfType('import_spec')) {
      if (!spec) continue;
      const pathNode = spec.childForFieldName('path');
      if (!pathNode) continue;
      const nameNode = spec.childForFieldName('name');
      out.push({ ...span(spec), path: unquote(pathNode.text), name: nameNode?.text });
    }
  }
  return out;
}

function unquote(lit: string): string {
  if (lit.length >= 2 && (lit[0] === '"' || lit[0] === '`')) return lit.slice(1, -1);
  return lit;
}

// --- declarations ------------------------------------------------------------------------------

function normType(n: Node | null): string {
  return n ? n.text.replace(/\s+/g, ' ').trim() : '';
}

export function paramsOf(list: Node | null): Param[] {
  if (!list) return [];
  if (list.type !== 'parameter_list') return [{ name: '', type: normType(list), variadic: false }];
  const out: Param[] = [];
  for (const p of list.namedChildren) {
    if (!p) continue;
    if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
    const type = normType(p.childForFieldName('type'));
    const variadic = p.type === 'variadic_parameter_declaration';
    const names = p.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (names.length === 0) out.push({ name: '', type, variadic });
    for (const n of names) out.push({ name: n.text, type, variadic });
  }
  return out;
}

function topDecls(root: Node, lines: string[]): TopDecl[] {
  const out: TopDecl[] = [];
  const span = (n: Node): Span => spanOf(lines, n.startPosition, n.endPosition);
  const pos = (n: Node): Pos => {
    const s = span(n);
    return { line: s.line, column: s.column };
  };
  for (const d of root.namedChildren) {
    if (!d) continue;
    if (d.type === 'function_declaration' || d.type === 'method_declaration') {
      const nameNode = d.childForFieldName('name');
      if (!nameNode) continue;
      const recv = d.type === 'method_declaration' ? paramsOf(d.childForFieldName('receiver')) : undefined;
      out.push({
        ...span(d),
        kind: d.type === 'method_declaration' ? 'method' : 'func',
        name: nameNode.text,
        hasBody: d.childForFieldName('body') !== null,
        receiver: recv?.[0]?.type,
        params: paramsOf(d.childForFieldName('parameters')),
        results: paramsOf(d.childForFieldName('result')),
        namePos: pos(nameNode),
        node: d,
      });
    } else if (d.type === 'var_declaration' || d.type === 'const_declaration') {
      const kind = d.type === 'var_declaration' ? 'var' : 'const';
      const specType = kind === 'var' ? 'var_spec' : 'const_spec';
      for (const spec of specsOf(d, specType)) {
        const type = spec.childForFieldName('type');
        const value = spec.childForFieldName('value');
        for (const n of spec.childrenForFieldName('name')) {
          if (!n) continue;
          out.push({
            ...span(spec),
            kind,
            name: n.text,
            hasBody: value !== null,
            type: type ? normType(type) : undefined,
            namePos: pos(n),
            node: spec,
          });
        }
      }
    } else if (d.type === 'type_declaration') {
      for (const spec of d.namedChildren) {
        if (!spec || (spec.type !== 'type_spec' && spec.type !== 'type_alias')) continue;
        const n = spec.childForFieldName('name');
        if (!n) continue;
        out.push({
          ...span(spec),
          kind: 'type',
          name: n.text,
          hasBody: true,
          type: normType(spec.childForFieldName('type')),
          namePos: pos(n),
          node: spec,
        });
      }
    }
  }
  return out;
}

/** The specs of a var/const declaration: direct children, or inside a parenthesised list. */
function specsOf(decl: Node, specType: string): Node[] {
  const out: Node[] = [];
  for (const c of decl.namedChildren) {
    if (!c) continue;
    if (c.type === specType) out.push(c);
    else if (c.type.endsWith('_spec_list')) {
      for (const s of c.namedChildren) if (s?.type === specType) out.push(s);
    }
  }
  return out;
}

// --- directives --------------------------------------------------------------------------------

/**
 * Directive comments from the text alone: a line whose first token is `//` in code (not inside a
 * block comment or raw string) is a line comment. `decl` is resolved on first use (it needs the
 * declarations, hence the tree); everything else costs no parse.
 */
function directivesOf(
  text: string,
  lines: string[],
  packageRow: number,
  decls: () => TopDecl[],
): Directive[] {
  const out: Directive[] = [];
  const states = lineStates(text);
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row];
    if (!line.includes('//')) continue;
    const m = DIRECTIVE_LINE.exec(line);
    if (!m) continue;
    const st = states[row];
    if (!st || st.inBlockComment || st.inRawString) continue;
    const indent = m[1].length;
    const isGo = m[3].startsWith('go:');
    const name = isGo ? m[5] : m[3];
    const rest = m[6];
    const spaced = m[2].length > 0 || (isGo && m[4].length > 0);
    const dirText = line.slice(indent).trimEnd();
    let decl: TopDecl | undefined | null = null;
    out.push({
      line: row + 1,
      column: indent + 1,
      endLine: row + 1,
      endColumn: indent + 1 + utf8Length(dirText),
      name,
      args: rest.trim() === '' ? [] : rest.trim().split(/\s+/),
      text: dirText,
      spaced,
      inFunction: st.braceDepth > 0,
      afterPackage: row > packageRow,
      get decl() {
        if (decl === null) decl = followingDecl(row, lines, decls());
        return decl;
      },
    });
  }
  return out;
}

/** The top-level declaration after `row`, reached over blank lines and comment lines only. */
function followingDecl(row: number, lines: string[], decls: TopDecl[]): TopDecl | undefined {
  const next = decls.find((d) => d.line - 1 > row);
  if (!next) return undefined;
  for (let r = row + 1; r < next.line - 1; r++) {
    const t = lines[r].trim();
    if (t !== '' && !t.startsWith('//')) return undefined;
  }
  return next;
}

// --- header: build constraints and generated marker ------------------------------------------

interface Header {
  constraint: Constraint | null;
  buildLine?: Span & { text: string };
  error?: { line: number; message: string };
  generated: boolean;
}

function headerOf(lines: string[], packageRow: number, directives: Directive[]): Header {
  const h: Header = { constraint: null, generated: false };
  for (let r = 0; r < packageRow && r < lines.length; r++) {
    if (GENERATED.test(lines[r].trimEnd())) h.generated = true;
  }
  const build = directives.find((d) => d.name === 'build' && !d.spaced && !d.afterPackage && !d.inFunction);
  if (build) {
    h.buildLine = { ...build, text: build.text };
    const expr = build.text.replace(/^\/\/go:build/, '');
    try {
      h.constraint = parseGoBuild(expr);
    } catch (e) {
      if (!(e instanceof ConstraintError)) throw e;
      h.error = { line: build.line, message: e.message };
    }
    return h;
  }
  const plus: string[] = [];
  for (let r = 0; r < packageRow && r < lines.length; r++) {
    const m = /^\s*\/\/ \+build(?:\s+(.*))?$/.exec(lines[r]);
    if (m) plus.push(m[1] ?? '');
  }
  if (plus.length > 0) {
    try {
      h.constraint = parsePlusBuildLines(plus);
    } catch (e) {
      if (!(e instanceof ConstraintError)) throw e;
    }
  }
  return h;
}

// --- cgo preamble ------------------------------------------------------------------------------

function cgoPreambleOf(root: Node, lines: string[], span: (n: Node) => Span): CgoPreamble | null {
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'import_declaration') continue;
    for (const spec of decl.descendantsOfType('import_spec')) {
      if (!spec || unquote(spec.childForFieldName('path')?.text ?? '') !== 'C') continue;
      // The preamble is the comment group directly above `import "C"` (or above the spec in a group).
      const anchor = spec.parent?.type === 'import_spec_list' ? spec : decl;
      const group = commentGroupAbove(anchor);
      return buildPreamble(group, lines, span(spec));
    }
  }
  return null;
}

function commentGroupAbove(anchor: Node): Node[] {
  const group: Node[] = [];
  let next = anchor;
  for (let p = anchor.previousSibling; p && p.type === 'comment'; p = p.previousSibling) {
    if (next.startPosition.row - p.endPosition.row > 1) break;
    group.unshift(p);
    next = p;
  }
  return group;
}

function buildPreamble(group: Node[], lines: string[], importPos: Span): CgoPreamble {
  const text: string[] = [];
  const lineMap: number[] = [];
  const columnMap: number[] = [];
  for (const c of group) {
    const row = c.startPosition.row;
    const startCol = spanOf(lines, c.startPosition, c.startPosition).column;
    if (c.text.startsWith('//')) {
      text.push(c.text.slice(2));
      lineMap.push(row + 1);
      columnMap.push(startCol + 2);
    } else {
      const body = c.text.slice(2, c.text.endsWith('*/') ? -2 : undefined);
      const parts = body.split(/\r?\n/);
      parts.forEach((part, i) => {
        text.push(part);
        lineMap.push(row + i + 1);
        columnMap.push(i === 0 ? startCol + 2 : 1);
      });
    }
  }
  const directives: CgoDirective[] = [];
  text.forEach((t, i) => {
    const d = parseCgoDirective(t, lineMap[i], columnMap[i]);
    if (d) directives.push(d);
  });
  return { text: text.join('\n'), lineMap, columnMap, directives, importPos };
}

export function parseCgoDirective(t: string, line: number, column: number): CgoDirective | null {
  const m = /^(\s*)#cgo\s+([^:]*):(.*)$/.exec(t);
  if (!m) return null;
  const words = m[2].trim().split(/\s+/);
  const verb = words.pop() ?? '';
  return {
    line,
    column: column + m[1].length,
    endLine: line,
    endColumn: column + t.trimEnd().length,
    condition: words.join(' '),
    verb,
    args: splitQuoted(m[3].trim()),
    text: t.trim(),
  };
}

// --- syntax errors -----------------------------------------------------------------------------

function syntaxErrors(root: Node, lines: string[]): Pos[] {
  const out: Pos[] = [];
  const walk = (n: Node): void => {
    if (out.length >= 5) return;
    if (n.isError || n.isMissing) {
      const s = spanOf(lines, n.startPosition, n.endPosition);
      out.push({ line: s.line, column: s.column });
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) walk(c);
  };
  walk(root);
  return out;
}
