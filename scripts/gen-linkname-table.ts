// Generates src/source/linkname/table.generated.ts from the shared linkname data set
// (linkname-targets.json: std symbols pulled with //go:linkname, per Go release).
//
//   node dist/scripts/gen-linkname-table.js [path-to-json]
//
// The default input is ../shared/data/linkname-targets.json relative to the repository root.
// The output is deterministic: the same JSON always gives the same bytes, formatted the way
// biome formats it, so the committed file never drifts.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CellRow, HallOfShame, SymbolRow, TableData } from '../src/source/linkname/table.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_INPUT = resolve(REPO_ROOT, '..', 'shared', 'data', 'linkname-targets.json');
const OUTPUT = resolve(REPO_ROOT, 'src', 'source', 'linkname', 'table.generated.ts');
const LINE_WIDTH = 110;
const INDENT = 2;

// ---------------------------------------------------------------------------------------------
// Input shape (only what is used)

interface InputCell {
  exists: boolean;
  linkable: boolean | null;
  why: string;
  signature?: string;
}

interface InputSymbol {
  symbol: string;
  signature: string;
  releases: Record<string, InputCell>;
  sources: string[];
  hall_of_shame?: { release: string; file: string; line: number; packages: string[] };
  platform_notes?: string[];
}

interface Input {
  meta: { generated: string; platform: string; releases_examined: Record<string, string> };
  symbols: InputSymbol[];
}

// ---------------------------------------------------------------------------------------------
// Evidence strings

/** One `golang/go <path> @ <locations>: \`<line>\`` evidence string, per release tree. */
interface Evidence {
  path: string;
  /** A parenthesised remark after the path, e.g. `not built on linux/amd64; signature source`. */
  remark: string;
  /** Release tree (`go1.23.5`) → line (`32`, `1-10`, or '' when not given). */
  lines: Map<string, string>;
  quote: string;
}

const EVIDENCE = /^golang\/go (\S+)(?: \(([^)]*)\))? @ (.+?): `(.*)`/;

function parseEvidence(text: string, trees: string[]): Evidence | null {
  const m = EVIDENCE.exec(text);
  if (!m) return null;
  return { path: m[1], remark: m[2] ?? '', lines: parseLocations(m[3], trees), quote: m[4] };
}

/** `[go1.19.8 L18, go1.20.2 L18]`, `[go1.23.5 L26 .. go1.26.10 L26]`, `go1.23.5 L314`, `go1.26.10`. */
function parseLocations(text: string, trees: string[]): Map<string, string> {
  const body = text.replace(/^\[/, '').replace(/\]$/, '');
  const out = new Map<string, string>();
  if (body.includes(' .. ')) {
    const [from, to] = body.split(' .. ').map(parseLocation);
    const a = trees.indexOf(from.tree);
    const b = trees.indexOf(to.tree);
    if (a < 0 || b < 0) return out;
    for (let i = a; i <= b; i++) out.set(trees[i], '');
    out.set(from.tree, from.line);
    out.set(to.tree, to.line);
    return out;
  }
  for (const part of body.split(', ')) {
    const loc = parseLocation(part);
    if (trees.includes(loc.tree)) out.set(loc.tree, loc.line);
  }
  return out;
}

function parseLocation(text: string): { tree: string; line: string } {
  const [tree, line] = text.trim().split(/\s+/);
  return { tree, line: line?.startsWith('L') ? line.slice(1) : '' };
}

// ---------------------------------------------------------------------------------------------
// Choosing the definition a cell rests on

const OTHER_PLATFORMS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'illumos',
  'ios',
  'js',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  '386',
  'arm',
  'arm64',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'ppc64',
  'ppc64le',
  'riscv64',
  's390x',
  'wasm',
]);

/** A file named for another GOOS or GOARCH (`sys_darwin.go`, `sys_linux_arm64.s`). */
function otherPlatformFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.(go|s)$/, '');
  return base.split('_').some((part) => OTHER_PLATFORMS.has(part));
}

/** File names a `why` text cites in parentheses: `one-arg ... (time_nofake.go)`. */
function whyFiles(why: string): string[] {
  return [...why.matchAll(/\(([\w.]+\.(?:go|s))\)/g)].map((m) => m[1]);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How strongly an evidence line defines `symbol`; 0 when it does not. */
function definitionRank(quote: string, symbol: string): number {
  const dot = symbol.lastIndexOf('.');
  const pkg = symbol.slice(0, dot);
  const name = escapeRe(symbol.slice(dot + 1));
  const line = quote.trim();
  if (new RegExp(`^func ${name}[(\\[]`).test(line)) return line.endsWith('{') ? 30 : 15;
  if (new RegExp(`^var ${name}\\b`).test(line)) return 30;
  const pkgLast = escapeRe(pkg.slice(pkg.lastIndexOf('/') + 1));
  if (new RegExp(`^TEXT (${pkgLast})?·${name}[(<]`).test(line)) return 30;
  if (new RegExp(`^//go:linkname \\S+ ${escapeRe(symbol)}$`).test(line)) return 25;
  if (new RegExp(`^//go:linkname ${name}$`).test(line)) return 20;
  return 0;
}

function scoreEvidence(ev: Evidence, symbol: string, files: string[]): number {
  if (otherPlatformFile(ev.path)) return 0;
  const rank = definitionRank(ev.quote, symbol);
  if (rank === 0) return 0;
  if (ev.remark) return 1;
  const base = ev.path.slice(ev.path.lastIndexOf('/') + 1);
  return rank + (files.includes(base) ? 100 : 0);
}

/** `src/runtime/time_nofake.go L32` for the release tree, or null when no line defines it there. */
function provenance(evidence: Evidence[], symbol: string, tree: string, why: string): string | null {
  const files = whyFiles(why);
  let best: Evidence | null = null;
  let bestScore = 0;
  for (const ev of evidence) {
    if (!ev.lines.has(tree)) continue;
    const score = scoreEvidence(ev, symbol, files);
    if (score > bestScore) {
      best = ev;
      bestScore = score;
    }
  }
  if (!best) return null;
  const line = best.lines.get(tree);
  const remark = best.remark ? ` (${best.remark})` : '';
  return line ? `${best.path} L${line}${remark}` : `${best.path}${remark}`;
}

const LINK_TEST_PREFIX = /^link test, linux\/amd64, .*? with default flags: /;

function linkTestSummary(sym: InputSymbol): string {
  const line = sym.sources.find((s) => LINK_TEST_PREFIX.test(s));
  return line ? line.replace(LINK_TEST_PREFIX, '') : '';
}

// ---------------------------------------------------------------------------------------------
// Building the table

function releaseTrees(input: Input): { minors: number[]; trees: Record<number, string> } {
  const trees: Record<number, string> = {};
  for (const [release, text] of Object.entries(input.meta.releases_examined)) {
    const minor = minorOf(release);
    const tree = /^go1\.\d+(\.\d+)?/.exec(text)?.[0];
    if (!tree) throw new Error(`releases_examined[${release}]: no release tree in ${JSON.stringify(text)}`);
    trees[minor] = tree;
  }
  const minors = Object.keys(trees)
    .map(Number)
    .sort((a, b) => a - b);
  return { minors, trees };
}

function minorOf(release: string): number {
  const m = /^1\.(\d+)$/.exec(release);
  if (!m) throw new Error(`unexpected release key ${release}`);
  return Number(m[1]);
}

function checkCell(symbol: string, release: string, cell: InputCell | undefined): InputCell {
  if (!cell) throw new Error(`${symbol}: no cell for ${release}`);
  if (typeof cell.exists !== 'boolean') throw new Error(`${symbol} ${release}: exists is not a boolean`);
  if (cell.linkable !== null && typeof cell.linkable !== 'boolean') {
    throw new Error(`${symbol} ${release}: linkable is neither boolean nor null`);
  }
  if (typeof cell.why !== 'string') throw new Error(`${symbol} ${release}: why is not a string`);
  return cell;
}

function buildSymbol(sym: InputSymbol, minors: number[], trees: Record<number, string>): SymbolRow {
  const treeList = minors.map((m) => trees[m]);
  const evidence = sym.sources
    .map((s) => parseEvidence(s, treeList))
    .filter((e): e is Evidence => e !== null);
  const whys: string[] = [];
  const cells: CellRow[] = [];
  const signatures: Record<number, string> = {};
  for (const minor of minors) {
    const cell = checkCell(sym.symbol, `1.${minor}`, sym.releases[`1.${minor}`]);
    if (!whys.includes(cell.why)) whys.push(cell.why);
    if (cell.signature && cell.signature !== sym.signature) signatures[minor] = cell.signature;
    const at = provenance(evidence, sym.symbol, trees[minor], cell.why);
    cells.push([cell.exists, cell.linkable, whys.indexOf(cell.why), at]);
  }
  const row: SymbolRow = {
    symbol: sym.symbol,
    signature: sym.signature,
    whys,
    cells,
    linkTest: linkTestSummary(sym),
  };
  if (Object.keys(signatures).length > 0) row.signatures = signatures;
  if (sym.hall_of_shame) row.hallOfShame = hallOfShame(sym.hall_of_shame);
  if (sym.platform_notes?.length) row.notes = sym.platform_notes;
  return row;
}

function hallOfShame(h: NonNullable<InputSymbol['hall_of_shame']>): HallOfShame {
  return { release: h.release, file: h.file, line: h.line, packages: [...h.packages] };
}

function buildTable(input: Input, dataFile: string): TableData {
  const { minors, trees } = releaseTrees(input);
  const symbols = input.symbols.map((s) => buildSymbol(s, minors, trees));
  return { dataFile, generated: input.meta.generated, platform: input.meta.platform, minors, trees, symbols };
}

/** Cells the link tests contradict (exists without an `ok` under -checklinkname=0, and so on). */
function crossCheck(table: TableData): string[] {
  const problems: string[] = [];
  for (const row of table.symbols) {
    const results = parseLinkTest(row.linkTest);
    row.cells.forEach(([exists, linkable], i) => {
      const result = results.get(table.trees[table.minors[i]]);
      if (result === undefined) return;
      const where = `${row.symbol} 1.${table.minors[i]}`;
      const links = result === 'ok' || result.endsWith('-checklinkname=0: ok)');
      if (links !== exists) problems.push(`${where}: exists=${exists} but the link test says ${result}`);
      // A missing symbol is linkable: false by convention; only existing ones are checked.
      const refused = result.startsWith('invalid reference');
      if (exists && linkable !== null && linkable === refused) {
        problems.push(`${where}: linkable=${linkable} but the link test says ${result}`);
      }
    });
  }
  return problems;
}

function parseLinkTest(summary: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of summary.split(/; (?=go1\.)/)) {
    const colon = part.indexOf(': ');
    if (colon > 0) out.set(part.slice(0, colon), part.slice(colon + 2));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Printing (in the layout biome's formatter gives, so that `biome check` accepts the file as is)

type Value = string | number | boolean | null | Value[] | { [key: string]: Value | undefined };

function quote(s: string): string {
  const singles = (s.match(/'/g) ?? []).length;
  const doubles = (s.match(/"/g) ?? []).length;
  const q = singles > doubles ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += `\\${q}`;
    else if (ch === '\n') out += '\\n';
    else if (ch < ' ') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return q + out + q;
}

function isRecord(v: Value): v is { [key: string]: Value | undefined } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function entries(v: { [key: string]: Value | undefined }): [string, Value][] {
  return Object.entries(v).filter((e): e is [string, Value] => e[1] !== undefined);
}

function key(k: string): string {
  return /^([A-Za-z_$][\w$]*|\d+)$/.test(k) ? k : quote(k);
}

function inline(v: Value): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  const parts = entries(v).map(([k, x]) => `${key(k)}: ${inline(x)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

/** An array of several objects (or arrays) that each hold more than one thing always breaks. */
function mustBreak(v: Value): boolean {
  if (!Array.isArray(v) || v.length < 2) return false;
  return v.every((x) => (Array.isArray(x) ? x.length > 1 : isRecord(x) && entries(x).length > 1));
}

function print(v: Value, indent: number, lead: string, trail: string): string[] {
  const pad = ' '.repeat(indent);
  const flat = `${pad}${lead}${inline(v)}${trail}`;
  const composite = Array.isArray(v) || isRecord(v);
  if (!composite) {
    // A long value moves below its key, as the formatter does, unless the key is shorter than
    // the indentation plus three (then breaking would gain too little).
    const keyWidth = lead.length - ': '.length; // lead is `key: `, or '' in an array
    if (flat.length <= LINE_WIDTH || keyWidth < INDENT + 3) return [flat];
    return [`${pad}${lead.trimEnd()}`, `${pad}  ${inline(v)}${trail}`];
  }
  if (flat.length <= LINE_WIDTH && !mustBreak(v)) return [flat];
  if (Array.isArray(v)) {
    return [`${pad}${lead}[`, ...v.flatMap((x) => print(x, indent + 2, '', ',')), `${pad}]${trail}`];
  }
  const body = entries(v as { [key: string]: Value }).flatMap(([k, x]) =>
    print(x, indent + 2, `${key(k)}: `, ','),
  );
  return [`${pad}${lead}{`, ...body, `${pad}}${trail}`];
}

function render(table: TableData, inputLabel: string): string {
  const header = [
    `// Code generated by scripts/gen-linkname-table.ts from ${inputLabel}`,
    `// (meta.generated ${table.generated}). DO NOT EDIT: change the data and run \`npm run gen:linkname\`.`,
    '',
    "import type { TableData } from './table.js';",
    '',
  ];
  const body = print(table as unknown as Value, 0, 'export const TABLE: TableData = ', ';');
  return `${[...header, ...body].join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

function main(argv: string[]): void {
  const input = argv[0] ? resolve(argv[0]) : DEFAULT_INPUT;
  const data = JSON.parse(readFileSync(input, 'utf8')) as Input;
  const dataFile = input.slice(input.lastIndexOf('/') + 1);
  const table = buildTable(data, dataFile);
  for (const problem of crossCheck(table)) console.error(`warning: ${problem}`);
  const label = relative(REPO_ROOT, input).split('\\').join('/');
  const text = render(table, label);
  writeFileSync(OUTPUT, text);
  console.log(
    `wrote ${relative(process.cwd(), OUTPUT)}: ${table.symbols.length} symbols, ${text.length} bytes`,
  );
}

main(process.argv.slice(2));
