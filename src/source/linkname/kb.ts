// Linkname knowledge: for a target `pkg.name` in a Go release — does it exist, what is its
// signature, may a non-std package pull it? Backed by the bundled per-release table
// (table.generated.ts, made by scripts/gen-linkname-table.ts from shared data) and, when its
// VERSION is the release being judged, a Go source tree (goroot.ts).

import type { GoVersion } from '../../core/goversion.js';
import type { Param } from '../model.js';

export interface Signature {
  /** 'var' for `var name T`: `results` then holds the variable (name and type). Absent means 'func'. */
  kind?: 'func' | 'var';
  params: Param[];
  results: Param[];
}

export interface TargetInfo {
  /** `runtime.nanotime` */
  symbol: string;
  /** The release these facts are for (major.minor). */
  release: string;
  /** A linker symbol of that name exists on linux/amd64 in that release. */
  exists: boolean;
  /** 1.23+: a pull from a non-std package links. null before 1.23 (no check). */
  linkable: boolean | null;
  /** Short reason (marker, push, assembly, blocked list, intrinsic...). */
  why: string;
  /** Go declaration text, e.g. `func nanotime() int64`, when known. */
  signatureText?: string;
  signature?: Signature;
  /** Where the fact came from, e.g. `golang/go src/runtime/time_nofake.go @ go1.23.5` or a GOROOT path. */
  source: string;
}

export interface LinknameKB {
  /**
   * Facts for `symbol` in `version` (only major.minor counts). Null when nothing is known
   * (symbol not in the table, release outside it, and no matching GOROOT).
   */
  lookup(symbol: string, version: GoVersion): TargetInfo | null;
  /** Every symbol the KB knows in package `pkg` (import path) for `version`, for suggestions. */
  symbolsOf(pkg: string, version: GoVersion): string[];
  /** Minor releases the table covers, ascending (19..26). */
  minors(): number[];
}
