// The bundled linkname knowledge: per Go release (1.19 to 1.26, linux/amd64), whether each
// commonly pulled std symbol exists, whether a non-std pull links, why, and its declaration.
// The rows live in table.generated.ts (made by scripts/gen-linkname-table.ts from the shared
// data set); this module answers questions about them.

import type { GoVersion } from '../../core/goversion.js';
import { parseSignature } from './abi.js';
import type { LinknameKB, TargetInfo } from './kb.js';
import { TABLE } from './table.generated.js';

// ---------------------------------------------------------------------------------------------
// Shape of the generated table

export interface TableData {
  /** Base name of the data file the table was generated from. */
  dataFile: string;
  /** The data set's `meta.generated` date. */
  generated: string;
  platform: string;
  /** Minor releases, ascending; `cells` follow this order. */
  minors: number[];
  /** The release tree examined for each minor: `{ 23: 'go1.23.5' }`. */
  trees: Record<number, string>;
  symbols: SymbolRow[];
}

export interface SymbolRow {
  /** `runtime.nanotime` */
  symbol: string;
  /** Declaration in the newest release that has one. */
  signature: string;
  /** Minors whose declaration differs from `signature`. */
  signatures?: Record<number, string>;
  /** Distinct `why` texts; cells refer to them by index. */
  whys: string[];
  /** One per entry of `TableData.minors`. */
  cells: CellRow[];
  /** Link-test results per toolchain: `go1.19.8: ok; go1.21.13: ok; ...`. */
  linkTest: string;
  hallOfShame?: HallOfShame;
  /** Differences seen on other platforms or GOEXPERIMENTs. */
  notes?: string[];
}

/**
 * One release of one symbol: does a linker symbol exist, does a non-std pull link (null before
 * 1.23, which has no check), the index of its `why` text in `SymbolRow.whys`, and the golang/go
 * file (and line) that defines or declares it in that release tree (`src/runtime/x.go L32`).
 */
export type CellRow = [exists: boolean, linkable: boolean | null, why: number, at: string | null];

/** Packages the std source names as pulling the symbol ("hall of shame" comments). */
export interface HallOfShame {
  release: string;
  file: string;
  line: number;
  packages: string[];
}

// ---------------------------------------------------------------------------------------------

/** `runtime.nanotime` → [`runtime`, `nanotime`]; `internal/abi.F` → [`internal/abi`, `F`]. */
export function splitSymbol(symbol: string): [pkg: string, name: string] {
  const slash = symbol.lastIndexOf('/');
  const dot = symbol.indexOf('.', slash + 1);
  if (dot < 0) return ['', symbol];
  return [symbol.slice(0, dot), symbol.slice(dot + 1)];
}

export class BundledKB implements LinknameKB {
  private readonly rows = new Map<string, SymbolRow>();

  constructor(private readonly data: TableData = TABLE) {
    for (const row of data.symbols) this.rows.set(row.symbol, row);
  }

  minors(): number[] {
    return [...this.data.minors];
  }

  /** Every symbol in the table, in table order. */
  symbols(): string[] {
    return this.data.symbols.map((r) => r.symbol);
  }

  lookup(symbol: string, version: GoVersion): TargetInfo | null {
    const row = this.rows.get(symbol);
    const i = this.cellIndex(version);
    if (!row || i < 0) return null;
    const [exists, linkable, why] = row.cells[i];
    const minor = this.data.minors[i];
    const signatureText = row.signatures?.[minor] ?? row.signature;
    const info: TargetInfo = {
      symbol,
      release: `1.${minor}`,
      exists,
      linkable,
      why: row.whys[why],
      signatureText,
      source: this.provenance(row, i),
    };
    const signature = parseSignature(signatureText);
    if (signature) info.signature = signature;
    return info;
  }

  symbolsOf(pkg: string, version: GoVersion): string[] {
    const i = this.cellIndex(version);
    if (i < 0) return [];
    return this.data.symbols
      .filter((r) => splitSymbol(r.symbol)[0] === pkg && r.cells[i][0])
      .map((r) => r.symbol);
  }

  /** The newest release in the table where `symbol` exists; null when it never does (or is unknown). */
  lastRelease(symbol: string): number | null {
    return lastRelease(this, symbol);
  }

  hallOfShame(symbol: string): HallOfShame | null {
    return this.rows.get(symbol)?.hallOfShame ?? null;
  }

  notes(symbol: string): string[] {
    return this.rows.get(symbol)?.notes ?? [];
  }

  private cellIndex(version: GoVersion): number {
    if (version.major !== 1) return -1;
    return this.data.minors.indexOf(version.minor);
  }

  /**
   * `gotrap linkname table (linkname-targets.json, 2026-11-23): golang/go src/runtime/time_nofake.go
   * @ go1.23.5 L32; link test go1.23.5: ok`.
   */
  private provenance(row: SymbolRow, i: number): string {
    const tree = this.data.trees[this.data.minors[i]];
    const table = `gotrap linkname table (${this.data.dataFile}, ${this.data.generated})`;
    return `${table}: ${this.definitionText(row, i, tree)}; ${linkTestText(row.linkTest, tree)}`;
  }

  private definitionText(row: SymbolRow, i: number, tree: string): string {
    const at = row.cells[i][3];
    if (at) return `golang/go ${withTree(at, tree)}`;
    const near = nearestDefinition(row, i);
    const nearText = near
      ? ` (nearest: golang/go ${withTree(near.at, this.data.trees[this.data.minors[near.index]])})`
      : '';
    return `no linux/amd64 definition in golang/go @ ${tree}${nearText}`;
  }
}

/** `src/runtime/x.go L32` + `go1.23.5` → `src/runtime/x.go @ go1.23.5 L32`. */
function withTree(at: string, tree: string): string {
  const m = /^(\S+) L(\S+)(.*)$/.exec(at);
  if (m) return `${m[1]} @ ${tree} L${m[2]}${m[3]}`;
  const space = at.indexOf(' ');
  return space < 0 ? `${at} @ ${tree}` : `${at.slice(0, space)} @ ${tree}${at.slice(space)}`;
}

/** The closest other release whose cell names a file (older first on ties). */
function nearestDefinition(row: SymbolRow, i: number): { at: string; index: number } | null {
  for (let d = 1; d < row.cells.length; d++) {
    for (const j of [i - d, i + d]) {
      const at = row.cells[j]?.[3];
      if (at) return { at, index: j };
    }
  }
  return null;
}

function linkTestText(summary: string, tree: string): string {
  for (const part of summary.split(/; (?=go1\.)/)) {
    if (part.startsWith(`${tree}: `)) return `link test ${part}`;
  }
  return `no link test for ${tree} (source analysis only)`;
}

function versionOf(minor: number): GoVersion {
  return { major: 1, minor, patch: 0 };
}

/**
 * The first release after `fromMinor` (within the KB's releases) where `symbol` no longer exists
 * ('absent') or a non-std pull is refused ('blocked'). Null when no later release breaks it, or
 * when the KB knows nothing of the symbol.
 */
export function firstBreak(
  kb: LinknameKB,
  symbol: string,
  fromMinor: number,
): { minor: number; reason: 'absent' | 'blocked' } | null {
  for (const minor of kb.minors()) {
    if (minor <= fromMinor) continue;
    const info = kb.lookup(symbol, versionOf(minor));
    if (!info) continue;
    if (!info.exists) return { minor, reason: 'absent' };
    if (info.linkable === false) return { minor, reason: 'blocked' };
  }
  return null;
}

/** The newest of the KB's releases where `symbol` exists; null when none (or unknown). */
export function lastRelease(kb: LinknameKB, symbol: string): number | null {
  let last: number | null = null;
  for (const minor of kb.minors()) {
    if (kb.lookup(symbol, versionOf(minor))?.exists) last = minor;
  }
  return last;
}
