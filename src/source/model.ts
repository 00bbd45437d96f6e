// The Go source model: what the source lens knows about files, packages and the module.
// Built from text by parse.ts (web-tree-sitter); never touches the file system.

import type { Node, Tree } from 'web-tree-sitter';
import type { GoVersion } from '../core/goversion.js';
import type { Constraint } from './constraint.js';

/** A 1-based position: line and byte column, as gc prints them. */
export interface Pos {
  line: number;
  column: number;
}

export interface Span extends Pos {
  endLine: number;
  endColumn: number;
}

export interface Import extends Span {
  path: string;
  /** Alias as written: an identifier, `_` or `.`; absent when none. */
  name?: string;
}

/**
 * A comment that is, or looks like, a compiler directive: `//go:linkname a b`, `// go:linkname`,
 * `//go: build`, `//go:nosplit`, `//line`, `//export`, `//extern`.
 */
export interface Directive extends Span {
  /** The word after `go:` (`linkname`, `build`, `nosplit`) or `export`/`extern`/`line`. */
  name: string;
  /** Whitespace-separated arguments after the name. */
  args: string[];
  /** The whole comment text. */
  text: string;
  /** `// go:x` (space after the slashes) or `//go: x` (space after the colon): not a directive to gc. */
  spaced: boolean;
  /** Inside a function body. */
  inFunction: boolean;
  /** After the package clause. */
  afterPackage: boolean;
  /** The top-level declaration that follows it (skipping blank lines and comments), if any. */
  decl?: TopDecl;
}

export interface Param {
  /** Empty for unnamed parameters. */
  name: string;
  /** Type text as written, whitespace-normalised. */
  type: string;
  /** `...T` */
  variadic: boolean;
}

export type TopDeclKind = 'func' | 'method' | 'var' | 'const' | 'type';

export interface TopDecl extends Span {
  kind: TopDeclKind;
  name: string;
  /** Functions and methods: a body is present. Vars: an initializer is present. */
  hasBody: boolean;
  /** Methods: receiver type text (`*T`). */
  receiver?: string;
  params?: Param[];
  results?: Param[];
  /** Vars: declared type text, if written. */
  type?: string;
  /** Position of the name. */
  namePos: Pos;
  node: Node;
}

export interface CgoDirective extends Span {
  /** `#cgo linux,amd64 LDFLAGS: -lfoo` → condition `linux,amd64`, verb `LDFLAGS`, args. */
  condition: string;
  verb: string;
  args: string[];
  text: string;
}

export interface CgoPreamble {
  /** The preamble text exactly as C sees it (comment markers removed). */
  text: string;
  /** For each line of `text`, the 1-based line in the Go file it came from. */
  lineMap: number[];
  /** For each line of `text`, the byte column in the Go file where that line's text starts (1-based). */
  columnMap: number[];
  directives: CgoDirective[];
  /** The `import "C"` spec. */
  importPos: Span;
}

export interface GoFile {
  /** Display path: relative to the working directory, `/` separators. */
  path: string;
  /** Base name. */
  name: string;
  text: string;
  /** `text` split into lines (`\r\n` or `\n`), once, for everything that reads by line. */
  lines: string[];
  tree: Tree;
  root: Node;
  /** Empty when the file has no package clause (a parse error). */
  packageName: string;
  packagePos?: Span;
  imports: Import[];
  directives: Directive[];
  decls: TopDecl[];
  /** `//go:build` (or legacy `// +build`) constraint, if any. */
  constraint: Constraint | null;
  /** The `//go:build` directive line, when present. */
  buildLine?: Span & { text: string };
  /** GOOS/GOARCH from the `_GOOS_GOARCH.go` / `_test` file-name suffixes. */
  nameGoos?: string;
  nameGoarch?: string;
  isTest: boolean;
  cgo: CgoPreamble | null;
  /** `// Code generated ... DO NOT EDIT.` before the package clause. */
  generated: boolean;
  /** Syntax errors tree-sitter recovered from (first few). */
  errors: Pos[];
}

/** A non-Go file that belongs to a package directory (.c, .h, .s, .syso...). */
export interface AuxFile {
  path: string;
  name: string;
  text: string;
}

export interface Package {
  /** Directory display path ('.' for the root). */
  dir: string;
  /** Package clause name. `foo_test` for external test packages. */
  name: string;
  /** Module path + directory relative to the module root; `main` packages keep their path. */
  importPath: string;
  files: GoFile[];
  /** .c .cc .cpp .h .hh .hpp .S .s .syso in the directory (shared by every package of the dir). */
  aux: AuxFile[];
  module: ModuleInfo | null;
}

export interface ModuleInfo {
  /** Display path of go.mod. */
  file: string;
  /** Directory of go.mod (display path, '.' for the working directory). */
  dir: string;
  path: string;
  /** `go` line. */
  go: GoVersion | null;
  goLine?: number;
  /** `toolchain` line (go1.22.3 → 1.22.3). */
  toolchain: GoVersion | null;
  toolchainLine?: number;
  /** `module std` (a Go source tree). */
  isStd: boolean;
}
