// Shared helpers of the YAML readers (GitHub Actions, GitLab CI, CircleCI, goreleaser,
// Kubernetes): parse every document with positions, resolve aliases and `<<:` merge keys, and
// hand the readers a small positioned tree (maps, sequences, scalars) plus the helpers they share
// (script text with a per-line position map, setting construction, posix directory joins).

import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, Scalar } from 'yaml';
import type { BuildFile, Env, GoCommand, Installs, Loc, Setting, ShellResult } from './model.js';
import { joinRel } from './paths.js';
import { type ShellContext, scanShell } from './shell.js';

export interface Pos {
  line: number;
  column: number;
}

export interface Problem {
  file: string;
  line?: number;
  message: string;
}

export interface YScalar {
  kind: 'scalar';
  pos: Pos;
  /** The scalar as text: the source of a plain scalar (`1.20` stays `1.20`), else the string value. */
  text: string;
  /** True for an empty or `null`/`~` plain scalar. */
  isNull: boolean;
  style: 'plain' | 'single' | 'double' | 'literal' | 'folded';
  tag?: string;
  /** Position of the first character of every line of `text`. */
  lineMap: Pos[];
}

export interface YPair {
  key: string;
  keyPos: Pos;
  value: YNode | null;
}

export interface YMap {
  kind: 'map';
  pos: Pos;
  pairs: YPair[];
  tag?: string;
}

export interface YSeq {
  kind: 'seq';
  pos: Pos;
  items: YNode[];
  tag?: string;
}

export type YNode = YScalar | YMap | YSeq;

export interface ParsedYaml {
  /** One root per document (null for an empty document). */
  docs: (YNode | null)[];
  problems: Problem[];
}

/**
 * Parses every document of `text`; never throws. Syntax errors become problems with a line.
 * `at` parses a piece of a larger file: its first line is file line `lineOffset + 1`, and
 * `lines` are the file's lines (positions and scalar line maps then refer to the file).
 */
export function parseYaml(
  text: string,
  file: string,
  at?: { lineOffset: number; lines: string[] },
): ParsedYaml {
  const problems: Problem[] = [];
  const docs: (YNode | null)[] = [];
  try {
    const lc = new LineCounter();
    const src = typeof text === 'string' ? text : '';
    const parsed = parseAllDocuments(src, { lineCounter: lc, merge: true, prettyErrors: false });
    const list = Array.isArray(parsed) ? parsed : [];
    const lines = at?.lines ?? src.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    const offset = at?.lineOffset ?? 0;
    for (const doc of list) {
      for (const err of doc.errors) {
        const where = lc.linePos(err.pos?.[0] ?? 0);
        problems.push({
          file,
          line: where.line + offset,
          message: `YAML syntax error: ${firstLine(err.message)}`,
        });
      }
      try {
        const conv = new Converter(lc, lines, offset);
        docs.push(conv.convert(doc.contents));
      } catch (e) {
        problems.push({ file, message: `cannot read YAML document: ${firstLine(String(e))}` });
        docs.push(null);
      }
    }
  } catch (e) {
    problems.push({ file, message: `cannot parse YAML: ${firstLine(String(e))}` });
  }
  return { docs, problems };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).trim();
}

class Converter {
  private readonly anchors = new Map<string, Node>();
  private readonly memo = new Map<Node, YNode | null>();
  private readonly inProgress = new Set<Node>();

  constructor(
    private readonly lc: LineCounter,
    private readonly lines: string[],
    private readonly lineOffset = 0,
  ) {}

  private pos(offset: number | undefined): Pos {
    const p = this.lc.linePos(offset ?? 0);
    return { line: p.line + this.lineOffset, column: p.col };
  }

  convert(n: unknown): YNode | null {
    if (n === null || n === undefined) return null;
    if (isAlias(n)) {
      const target = this.anchors.get(n.source);
      if (!target) return null;
      if (this.inProgress.has(target)) return null;
      return this.memo.has(target) ? (this.memo.get(target) ?? null) : this.convert(target);
    }
    const node = n as Node;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) this.anchors.set(anchor, node);
    if (this.memo.has(node)) return this.memo.get(node) ?? null;
    if (this.inProgress.has(node)) return null;
    this.inProgress.add(node);
    let out: YNode | null = null;
    try {
      out = this.convertNode(node);
    } finally {
      this.inProgress.delete(node);
    }
    this.memo.set(node, out);
    return out;
  }

  private convertNode(node: Node): YNode | null {
    const tag = typeof node.tag === 'string' && node.tag.startsWith('!') ? node.tag : undefined;
    const pos = this.pos(node.range?.[0]);
    if (isScalar(node)) return this.scalar(node, pos, tag);
    if (isSeq(node)) {
      const items: YNode[] = [];
      for (const it of node.items) {
        const c = this.convert(it);
        if (c) items.push(c);
      }
      return { kind: 'seq', pos, items, tag };
    }
    if (isMap(node)) {
      const pairs: YPair[] = [];
      const merges: YNode[] = [];
      for (const p of node.items) {
        const key = p.key as Node | null;
        if (isScalar(key) && isMergeKey(key)) {
          const v = this.convert(p.value);
          if (v) merges.push(v);
          continue;
        }
        let name: string | null = null;
        let keyPos = pos;
        if (isScalar(key)) {
          name = key.value === null || key.value === undefined ? '' : scalarText(key);
          keyPos = this.pos(key.range?.[0]);
        } else if (isAlias(key)) {
          const k = this.convert(key);
          if (k?.kind === 'scalar') name = k.text;
          keyPos = this.pos(key.range?.[0]);
        }
        const value = this.convert(p.value);
        if (name === null) continue;
        pairs.push({ key: name, keyPos, value });
      }
      // Explicit keys win over merged ones; earlier merge sources win over later ones.
      for (const m of merges) {
        const sources = m.kind === 'seq' ? m.items : [m];
        for (const s of sources) {
          if (s.kind !== 'map') continue;
          for (const p of s.pairs) if (!pairs.some((q) => q.key === p.key)) pairs.push(p);
        }
      }
      return { kind: 'map', pos, pairs, tag };
    }
    return null;
  }

  private scalar(node: Scalar, pos: Pos, tag: string | undefined): YScalar {
    const style: YScalar['style'] =
      node.type === Scalar.BLOCK_LITERAL
        ? 'literal'
        : node.type === Scalar.BLOCK_FOLDED
          ? 'folded'
          : node.type === Scalar.QUOTE_DOUBLE
            ? 'double'
            : node.type === Scalar.QUOTE_SINGLE
              ? 'single'
              : 'plain';
    const v = node.value;
    const isNull = style === 'plain' && (v === null || v === undefined);
    const text = isNull ? '' : scalarText(node);
    return {
      kind: 'scalar',
      pos,
      text,
      isNull,
      style,
      tag,
      lineMap: this.lineMap(text, style, pos, this.pos(node.range?.[1]).line),
    };
  }

  private lineMap(text: string, style: YScalar['style'], pos: Pos, endLine: number): Pos[] {
    const out = text.split('\n');
    if (style === 'literal') {
      // The header (`|`) is at pos; content line i is on file line pos.line + 1 + i.
      let indent = -1;
      for (let l = pos.line; l < this.lines.length; l++) {
        const s = this.lines[l];
        if (s.trim() !== '') {
          indent = s.length - s.trimStart().length;
          break;
        }
      }
      return out.map((o, i) => {
        const line = pos.line + 1 + i;
        const src = this.lines[line - 1] ?? '';
        const column = o !== '' && src.endsWith(o) ? src.length - o.length + 1 : Math.max(indent, 0) + 1;
        return { line, column };
      });
    }
    const first: Pos =
      style === 'folded'
        ? { line: pos.line + 1, column: 1 }
        : { line: pos.line, column: pos.column + (style === 'plain' ? 0 : 1) };
    const res: Pos[] = [];
    let cur = pos.line + 1;
    out.forEach((o, i) => {
      if (i === 0 && style !== 'folded') {
        res.push(first);
        return;
      }
      const t = o.trimStart();
      const lead = o.length - t.length;
      if (t === '') {
        res.push({ line: Math.min(cur, this.lines.length || 1), column: 1 });
        return;
      }
      for (let l = cur; l <= Math.min(this.lines.length, endLine); l++) {
        const src = this.lines[l - 1];
        const st = src.trimStart();
        if (st !== '' && (t.startsWith(st) || st.startsWith(t))) {
          res.push({ line: l, column: Math.max(1, src.length - st.length - lead + 1) });
          cur = l + 1;
          return;
        }
      }
      // Not found on a later line (an escape such as `\n` in a quoted scalar): same line.
      res.push(res[res.length - 1] ?? first);
    });
    return res;
  }
}

function isMergeKey(key: Scalar): boolean {
  const v = key.value;
  return (typeof v === 'symbol' && v.description === '<<') || (v === '<<' && key.type === Scalar.PLAIN);
}

function scalarText(node: Scalar): string {
  const v = node.value;
  if (typeof v === 'string') return v;
  if (node.type === Scalar.PLAIN && typeof node.source === 'string') return node.source;
  if (v === null || v === undefined) return '';
  return String(v);
}

// ---- Access helpers --------------------------------------------------------------------------

export function asMap(n: YNode | null | undefined): YMap | null {
  return n?.kind === 'map' ? n : null;
}

export function asSeq(n: YNode | null | undefined): YSeq | null {
  return n?.kind === 'seq' ? n : null;
}

export function asScalar(n: YNode | null | undefined): YScalar | null {
  return n?.kind === 'scalar' ? n : null;
}

export function getPair(n: YNode | null | undefined, key: string): YPair | null {
  if (n?.kind !== 'map') return null;
  for (const p of n.pairs) if (p.key === key) return p;
  return null;
}

export function get(n: YNode | null | undefined, key: string): YNode | null {
  return getPair(n, key)?.value ?? null;
}

/** Follows a path of keys through nested maps. */
export function getPath(n: YNode | null | undefined, ...keys: string[]): YNode | null {
  let cur: YNode | null | undefined = n;
  for (const k of keys) cur = get(cur, k);
  return cur ?? null;
}

/** A scalar's text, null for anything else (or a null scalar). */
export function str(n: YNode | null | undefined): string | null {
  if (n?.kind !== 'scalar' || n.isNull) return null;
  return n.text;
}

/** The items of a sequence, a single non-sequence node as a one-item list, [] for nothing. */
export function listOf(n: YNode | null | undefined): YNode[] {
  if (!n) return [];
  if (n.kind === 'seq') return n.items;
  if (n.kind === 'scalar' && n.isNull) return [];
  return [n];
}

/** Strings of a scalar-or-list node (non-scalar items are skipped). */
export function strings(n: YNode | null | undefined): string[] {
  const out: string[] = [];
  for (const it of listOf(n)) {
    const s = str(it);
    if (s !== null) out.push(s);
  }
  return out;
}

export function isTrue(n: YNode | null | undefined): boolean {
  const s = str(n);
  return s !== null && /^(true|yes|on)$/i.test(s.trim());
}

/**
 * A work limit for walks over the tree: aliases make it a graph whose paths can be exponentially
 * many (`&a [*b, *b]`), so every walk that follows them counts its steps.
 */
export class Budget {
  constructor(public left: number) {}
  take(): boolean {
    this.left--;
    return this.left >= 0;
  }
}

/** Plain JS value of a node, with every scalar as a string (null for a null scalar). */
export function toPlain(
  n: YNode | null | undefined,
  budget: Budget = new Budget(100_000),
  depth = 0,
): unknown {
  if (!n || depth > 50 || !budget.take()) return null;
  if (n.kind === 'scalar') return n.isNull ? null : n.text;
  if (n.kind === 'seq') return n.items.map((i) => toPlain(i, budget, depth + 1));
  const o: Record<string, unknown> = {};
  for (const p of n.pairs) o[p.key] = toPlain(p.value, budget, depth + 1);
  return o;
}

export function loc(file: string, p: Pos): Loc {
  return { file, line: p.line, column: p.column };
}

export function setting(
  name: string,
  value: string | null,
  file: string,
  p: Pos,
  via: Setting['via'] = 'yaml',
): Setting {
  return { name, value, loc: loc(file, p), via };
}

// ---- Directories -------------------------------------------------------------------------------

/** `rel` joined to `base` (null when the base is unknown, `rel` absolute, or above the root). */
export function joinDir(base: string | null, rel: string): string | null {
  return base === null ? null : joinRel(base, rel);
}

// ---- GOMAXPROCS collection ---------------------------------------------------------------------

/** Adds every GOMAXPROCS setting of `env` not already in `out` (compared by name and location). */
export function collectGomaxprocs(out: Setting[], env: Env | undefined): void {
  const s = env?.GOMAXPROCS;
  if (!s) return;
  if (
    out.some((o) => o.loc.file === s.loc.file && o.loc.line === s.loc.line && o.loc.column === s.loc.column)
  )
    return;
  out.push(s);
}

/** Splits a flags string the way a shell would split plain words (quotes group, no expansion). */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) cur += s[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** Cartesian product of named value lists, capped at `cap` combinations. */
export function product(dims: [string, unknown[]][], cap: number): Record<string, unknown>[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [k, vals] of dims) {
    const next: Record<string, unknown>[] = [];
    for (const c of combos) {
      for (const v of vals) {
        if (next.length >= cap) break;
        next.push({ ...c, [k]: v });
      }
    }
    combos = next;
  }
  return combos;
}

/** Deep equality of plain values. */
export function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => plainEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

// ---- Results shared by the CI readers ----------------------------------------------------------

export interface CiResult {
  commands: GoCommand[];
  installs: Installs[];
  gomaxprocs: Setting[];
  problems: Problem[];
}

export function emptyCiResult(): CiResult {
  return { commands: [], installs: [], gomaxprocs: [], problems: [] };
}

/** Adds a setting to `env` and remembers it when it is GOMAXPROCS. */
export function putSetting(res: { gomaxprocs: Setting[] }, env: Env, s: Setting): void {
  env[s.name] = s;
  if (s.name === 'GOMAXPROCS') collectGomaxprocs(res.gomaxprocs, env);
}

/**
 * Runs the shell reader over one script scalar (`text` is its text after the reader's own
 * substitutions, same line count), adds the commands and installs to `res`, and returns the
 * shell's result (null when the shell reader failed).
 */
export function scanScript(
  res: CiResult,
  node: YScalar,
  text: string,
  ctx: Omit<ShellContext, 'line' | 'column' | 'lineMap'>,
): ShellResult | null {
  const first = node.lineMap[0] ?? node.pos;
  let sr: ShellResult;
  try {
    sr = scanShell(text, {
      ...ctx,
      line: first.line,
      column: first.column,
      lineMap: node.lineMap,
      ...(current.readFile ? { readFile: current.readFile } : {}),
    });
  } catch (e) {
    res.problems.push({
      file: ctx.file,
      line: first.line,
      message: `cannot read script: ${firstLine(String(e))}`,
    });
    return null;
  }
  res.commands.push(...sr.commands);
  res.installs.push(...sr.installs);
  collectGomaxprocs(res.gomaxprocs, sr.env);
  for (const c of sr.commands) collectGomaxprocs(res.gomaxprocs, c.env);
  return sr;
}

/** Runs `body`, turning an exception into a problem (the readers never throw). */
export function guarded<T extends { problems: Problem[] }>(
  file: { path: string } | null | undefined,
  res: T,
  body: () => void,
): T {
  try {
    body();
  } catch (e) {
    res.problems.push({
      file: String(file?.path ?? ''),
      message: `cannot read file: ${firstLine(String(e))}`,
    });
  }
  return res;
}

/** The first document that is a map (CI files hold one document; a GitLab `spec:` header is skipped). */
export function mainDoc(docs: (YNode | null)[]): YMap | null {
  let found: YMap | null = null;
  for (const d of docs) {
    const m = asMap(d);
    if (!m) continue;
    if (m.pairs.length === 1 && m.pairs[0].key === 'spec' && docs.length > 1) continue;
    found = m;
    break;
  }
  return found;
}

/**
 * The frame every CI-file reader shares: parse (syntax errors become problems), take the main
 * document, run `body` on it, and turn anything thrown into a problem.
 */
/** What a CI reader may use besides the file: other files of the scan, for `source`/`.` in scripts. */
export interface CiOptions {
  readFile?: (path: string) => string | null;
}

/** The options of the reader now running (readers are synchronous, so one at a time). */
let current: CiOptions = {};

export function readCiFile(
  file: BuildFile,
  body: (root: YMap, res: CiResult) => void,
  opts: CiOptions = {},
): CiResult {
  const res = emptyCiResult();
  const saved = current;
  current = opts;
  try {
    return readCiBody(file, res, body);
  } finally {
    current = saved;
  }
}

function readCiBody(file: BuildFile, res: CiResult, body: (root: YMap, res: CiResult) => void): CiResult {
  return guarded(file, res, () => {
    const parsed = parseYaml(file.text, file.path);
    res.problems.push(...parsed.problems);
    const root = mainDoc(parsed.docs);
    if (root) body(root, res);
  });
}
