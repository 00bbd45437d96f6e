// Source-lens rule shape. A rule either checks one package at a time (scope 'package': runs
// where the package was parsed, with the syntax trees) or the whole program from the facts
// every package exported (scope 'program': runs once, after all packages, without trees).

import type { Tree } from 'web-tree-sitter';
import type { Fix, Related, Severity } from '../core/finding.js';
import type { GoVersion } from '../core/goversion.js';
import type { RuleMeta } from '../core/rule.js';
import type { BuildPackageFacts } from './build-facts.js';
import type { Constraint } from './constraint.js';
import type { LinknameKB } from './linkname/kb.js';
import type { GoFile, Package, Pos, Span } from './model.js';

/** Where a finding points: a tree-sitter node, a span, or a position. */
export type At =
  | { startPosition: { row: number; column: number }; endPosition: { row: number; column: number } }
  | Span
  | Pos;

export interface ReportSpec {
  /** A file of the package, or a display path (package .c files, go.mod). */
  file: GoFile | string;
  at: At;
  message: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  related?: Related[];
  fix?: Fix;
}

/** Versions a check is judged under (design.md, "Three Go versions"). */
export interface Versions {
  /** The linking toolchain: --go, else go.mod toolchain, else go.mod go. Null when unknown. */
  toolchain: GoVersion | null;
  /** The module's language version: go.mod go line. */
  language: GoVersion | null;
}

/** Settings from `.gotrap.yaml` that rules read. */
export interface SourceOptions {
  /** C functions that take ownership of the memory passed to them (`cgo.releases`). */
  cgoReleases: readonly string[];
}

export const DEFAULT_SOURCE_OPTIONS: SourceOptions = { cgoReleases: [] };

export interface PackageContext {
  pkg: Package;
  options: SourceOptions;
  /**
   * Parses C text (a cgo preamble, a package .c/.h file) with tree-sitter-c. Trees are cached
   * per text and freed when the package is done; do not keep them.
   */
  parseC(text: string): Tree;
  versions: Versions;
  /** The tree is Go's own source (`module std`). */
  std: boolean;
  kb: LinknameKB;
  report(spec: ReportSpec): void;
  /**
   * Records a serializable fact about this package for the rule's own `checkProgram`, which
   * runs once after every package (e.g. "this package locks the OS thread in init").
   */
  exportFact(value: unknown): void;
}

export interface ProgramContext {
  /** Every package of every scanned module; each carries its own versions and std flag. */
  packages: PackageFacts[];
  kb: LinknameKB;
  report(spec: ReportSpec): void;
}

interface SourceRuleBase extends RuleMeta {
  lens: 'source';
  /**
   * Cheap text prefilter: the rule can only fire on a package where some Go file's text matches.
   * Packages where no rule's prefilter matches are not parsed at all.
   */
  prefilter?: RegExp;
}

export interface PackageRule extends SourceRuleBase {
  scope: 'package';
  check(ctx: PackageContext): void;
  /** Optional second pass over every package's facts, with the values `check` exported. */
  checkProgram?(ctx: ProgramContext): void;
}

export interface ProgramRule extends SourceRuleBase {
  scope: 'program';
  check(ctx: ProgramContext): void;
}

export type SourceRule = PackageRule | ProgramRule;

// ---------------------------------------------------------------------------------------------
// Facts: the serializable summary of a package that program rules read.

export interface LinknameFact extends Span {
  file: string;
  /** The local name (first argument). */
  local: string;
  /** Second argument (`pkg.name`); absent for the one-argument form. */
  target?: string;
  /** What the local name declares in this package. */
  localKind: 'func' | 'method' | 'var' | 'none';
  /** Funcs: has a Go body; vars: has an initializer. */
  hasBody: boolean;
  /** The local name is referenced somewhere in the package besides its declaration. */
  used: boolean;
  /** The directive's file: its build constraint and file-name GOOS/GOARCH (absent in older facts). */
  build?: FileBuildFact;
  /** The directive's file imports "unsafe" (without it the compiler rejects the directive, LN001). */
  unsafe?: boolean;
}

/** Where a file is built: its `//go:build` constraint and its `_GOOS_GOARCH` name suffixes. */
export interface FileBuildFact {
  constraint: Constraint | null;
  goos?: string;
  goarch?: string;
}

export interface PackageFacts {
  dir: string;
  name: string;
  importPath: string;
  module: string | null;
  /** Union of the imports of the package's non-test files. */
  imports: string[];
  /** Top-level funcs/vars with a Go body or initializer, funcs declared body-less but implemented
   * in the package's .s files, and plain declarations: everything that defines a symbol
   * `importPath.name`. */
  defined: string[];
  /**
   * Names of `defined` whose every definition sits in a file with a build constraint or a
   * GOOS/GOARCH suffix, with those files (path and build facts). A defined name missing here is
   * defined in a file that is always built.
   */
  definedOnlyIn?: Record<string, ({ file: string } & FileBuildFact)[]>;
  /** Body-less function declarations (no assembly body in the package). */
  bodiless: string[];
  /** Symbols of other packages this package defines through a two-argument push. */
  pushes: { target: string; file: string; line: number }[];
  /** Every `//go:linkname` directive of the package's non-test and test files. */
  linknames: LinknameFact[];
  /** `TEXT other∕pkg·name(SB)`: symbols of other packages this package defines in assembly. */
  asmDefines?: { target: string; file: string; line: number }[];
  /** `CALL pkg·name(SB)`-style references from the package's .s files to other packages. */
  asmRefs: { target: string; file: string; line: number; column: number }[];
  versions: Versions;
  std: boolean;
  /** What the build lens reads (cgo files, `!cgo` stand-ins, static LDFLAGS); absent unless asked for. */
  build?: BuildPackageFacts;
  /** Facts package rules exported with `ctx.exportFact`, by rule id. */
  exports: Record<string, unknown[]>;
}
