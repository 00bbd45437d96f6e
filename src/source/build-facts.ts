// What the build lens needs to know about a package, from the text of its files alone (no parse):
// which files use cgo, whether a `!cgo` file stands in for them (and whether that stand-in is a
// stub that only fails at run time), `#cgo LDFLAGS: -static`, GOMAXPROCS calls, `package main`.

import { type Constraint, constraintToString } from './constraint.js';
import { fileImports } from './facts.js';
import type { GoFile, Package } from './model.js';

/** A non-test file that is not always built: its constraint, name suffixes and imports. */
export interface ConditionalFile {
  file: string;
  constraint: Constraint | null;
  goos?: string;
  goarch?: string;
  imports: string[];
}

export interface BuildPackageFacts {
  /** `package main`. */
  main: boolean;
  /** Non-test files that import "C". */
  cgoFiles: string[];
  /** Non-test files whose build constraint requires `!cgo` (the package's cgo-off counterpart). */
  nocgoFiles: string[];
  /**
   * A `!cgo` file whose string literals speak of cgo (`"requires cgo"`, `CGO_ENABLED=0`): a stub
   * that builds without cgo and fails at run time.
   */
  cgoStub: { file: string; line: number; text: string } | null;
  /** `#cgo [cond] LDFLAGS: ... -static ...` lines. */
  staticLdflags: { file: string; line: number; column: number; text: string }[];
  /** `runtime.GOMAXPROCS(n)` with a literal n >= 1, or `os.Setenv("GOMAXPROCS", ...)`. */
  setsGomaxprocs: { file: string; line: number }[];
  /** Imports of the non-test files that are always built (no constraint, no GOOS/GOARCH suffix). */
  unconditionalImports: string[];
  /** The same, file by file (`go build main.go` builds only the files it names). */
  unconditionalFiles: { file: string; imports: string[] }[];
  /** The other non-test files, judged per build (tags, GOOS/GOARCH, cgo). */
  conditional: ConditionalFile[];
}

const CGO_LDFLAGS = /^\s*(?:\/\/\s*)?#cgo\b([^:]*)\bLDFLAGS:(.*)$/;
/** A string that says cgo is missing, on a line that fails with it (an error value or a panic). */
const STUB_TEXT = /"[^"\n]*(?:\bcgo\b|CGO_ENABLED)[^"\n]*"/i;
const FAILS = /\b(?:errors\.New|fmt\.Errorf|panic)\(/;
const GOMAXPROCS_CALL = /\bruntime\.GOMAXPROCS\(\s*([^)]*)\)/;
const GOMAXPROCS_ENV = /\bos\.Setenv\(\s*"GOMAXPROCS"/;

/** `import "C"` alone or in an import block, from the text (reading `f.cgo` would parse the file). */
function importsC(f: GoFile): boolean {
  return /^import\s+"C"|^\s+"C"\s*(?:\/\/.*)?$/m.test(f.text);
}

function requiresNoCgo(f: GoFile): boolean {
  return f.constraint !== null && /!cgo\b/.test(constraintToString(f.constraint));
}

export function buildPackageFacts(pkg: Package): BuildPackageFacts {
  const out: BuildPackageFacts = {
    main: pkg.name === 'main',
    cgoFiles: [],
    nocgoFiles: [],
    cgoStub: null,
    staticLdflags: [],
    setsGomaxprocs: [],
    unconditionalImports: [],
    unconditionalFiles: [],
    conditional: [],
  };
  const always = new Set<string>();
  for (const f of pkg.files) {
    if (f.isTest) continue;
    const cgo = f.text.includes('"C"') && importsC(f);
    const imports = fileImports(f);
    if (f.constraint === null && f.nameGoos === undefined && f.nameGoarch === undefined) {
      for (const i of imports) always.add(i);
      out.unconditionalFiles.push({ file: f.path, imports });
    } else {
      out.conditional.push({
        file: f.path,
        constraint: f.constraint,
        ...(f.nameGoos ? { goos: f.nameGoos } : {}),
        ...(f.nameGoarch ? { goarch: f.nameGoarch } : {}),
        imports,
      });
    }
    if (cgo) {
      out.cgoFiles.push(f.path);
      f.lines.forEach((line, i) => {
        const m = CGO_LDFLAGS.exec(line);
        if (m && /(^|\s)-static(\s|$)/.test(m[2])) {
          out.staticLdflags.push({
            file: f.path,
            line: i + 1,
            column: line.indexOf('#cgo') + 1,
            text: line.trim().replace(/^\/\/\s*/, ''),
          });
        }
      });
    }
    if (requiresNoCgo(f)) {
      out.nocgoFiles.push(f.path);
      if (!out.cgoStub) {
        const i = f.lines.findIndex((l) => !/^\s*\/\//.test(l) && STUB_TEXT.test(l) && FAILS.test(l));
        if (i >= 0)
          out.cgoStub = { file: f.path, line: i + 1, text: STUB_TEXT.exec(f.lines[i])![0].slice(1, -1) };
      }
    }
    if (f.text.includes('GOMAXPROCS')) {
      f.lines.forEach((line, i) => {
        if (/^\s*\/\//.test(line)) return;
        const call = GOMAXPROCS_CALL.exec(line);
        const setsByCall = call && !/^\s*(0|-\d+)?\s*$/.test(call[1]);
        if (setsByCall || GOMAXPROCS_ENV.test(line)) out.setsGomaxprocs.push({ file: f.path, line: i + 1 });
      });
    }
  }
  out.unconditionalImports = [...always].sort();
  return out;
}
