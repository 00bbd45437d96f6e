import type { Node } from 'web-tree-sitter';
import type { Severity } from '../../core/finding.js';
import { atLeast } from '../../core/goversion.js';
import { ConstraintError, parseGoBuild } from '../constraint.js';
import { signatureHasBody } from '../facts.js';
import type { Directive, GoFile, Package } from '../model.js';
import type { PackageContext, PackageRule } from '../rule.js';
import { editDistance } from '../text.js';

// ---------------------------------------------------------------------------------------------
// What the toolchain knows. Checked against cmd/compile/internal/noder (lex.go pragmaFlag,
// noder.go pragma), go/build and cmd/go (build, embed, generate, debug) and x/tools (fix).

/** Where a directive has to stand for gc to accept it. */
type Placement =
  | 'func' // directly above a func or method declaration (blank lines and comments may intervene)
  | 'type' // directly above a type spec
  | 'header' // before the package clause
  | 'free'; // anywhere (linkname, cgo_*) or placed by another tool (embed, generate, fix)

interface Known {
  placement: Placement;
  /** Only packages that gc compiles as the runtime / as the standard library may use it. */
  only?: 'runtime' | 'std' | 'cgo';
  /** First and last Go minor release that honours it (inclusive). */
  since?: number;
  until?: number;
  /** gc only records it for GOARCH=wasm. */
  wasm?: boolean;
}

const RUNTIME_ONLY: Known = { placement: 'func', only: 'runtime' };
const CGO_ONLY: Known = { placement: 'free', only: 'cgo' };

/** Every `//go:` word some Go release (through 1.26, plus the newest sources) gives a meaning. */
const KNOWN: ReadonlyMap<string, Known> = new Map<string, Known>([
  // go command and compiler
  ['build', { placement: 'header', since: 17 }],
  ['debug', { placement: 'header', since: 21 }],
  ['linkname', { placement: 'free' }],
  ['linknamestd', { placement: 'free' }],
  // tools with their own placement rules (not checked here)
  ['embed', { placement: 'free', since: 16 }],
  ['generate', { placement: 'free' }],
  ['fix', { placement: 'free' }],
  // function pragmas (cmd/compile/internal/noder: funcPragmas)
  ['noinline', { placement: 'func' }],
  ['nosplit', { placement: 'func' }],
  ['noescape', { placement: 'func' }],
  ['norace', { placement: 'func' }],
  ['nocheckptr', { placement: 'func' }],
  ['uintptrescapes', { placement: 'func' }],
  ['uintptrkeepalive', { placement: 'func', only: 'std', since: 19 }],
  ['registerparams', { placement: 'func', since: 17 }],
  // gc's "go:cgo_" prefix check reserves this one for cgo-generated files too.
  ['cgo_unsafe_args', { placement: 'func', only: 'cgo' }],
  ['systemstack', RUNTIME_ONLY],
  ['nowritebarrier', RUNTIME_ONLY],
  ['nowritebarrierrec', RUNTIME_ONLY],
  ['yeswritebarrierrec', RUNTIME_ONLY],
  // Only a pragma under GOEXPERIMENT=fieldtrack; otherwise gc ignores it, wherever it stands.
  ['nointerface', { placement: 'free' }],
  ['wasmimport', { placement: 'func', since: 21, wasm: true }],
  ['wasmexport', { placement: 'func', since: 24, wasm: true }],
  // type pragma, removed in Go 1.20 (runtime/internal/sys.NotInHeap replaced it)
  ['notinheap', { placement: 'type', until: 19 }],
  // cgo's own directives, written into _cgo_ files (std may use them by hand)
  ['cgo_export_static', CGO_ONLY],
  ['cgo_export_dynamic', CGO_ONLY],
  ['cgo_import_static', CGO_ONLY],
  ['cgo_import_dynamic', CGO_ONLY],
  ['cgo_ldflag', CGO_ONLY],
  ['cgo_dynamic_linker', CGO_ONLY],
]);

/**
 * `//go:` words other compilers and tools own: TinyGo (export, extern, inline, align, section,
 * nobounds, interrupt, variadic, wasm-module) and the pre-1.13 go/build marker. They are not
 * typos of gc directives even when they are spelled close to one (`inline` vs `noinline`).
 */
const FOREIGN: ReadonlySet<string> = new Set([
  'export',
  'extern',
  'inline',
  'align',
  'section',
  'nobounds',
  'interrupt',
  'variadic',
  'wasm-module',
  'binary-only-package',
]);

/** Words that start prose, not a command, after a spaced `// go:generate`. */
const PROSE = new Set(
  'a an and are below by can comment comments directive directives do does for here in is it its line lines may must of on or should that the this to was were will with would'.split(
    ' ',
  ),
);

// ---------------------------------------------------------------------------------------------

export const LN003: PackageRule = {
  id: 'LN003',
  name: 'directive-malformed',
  severity: 'warning',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'package',
  title: 'A compiler directive that gc ignores or rejects: spaced, misspelled, misplaced or malformed',
  prefilter: /\/\/ *go: *[A-Za-z_]|\/\/ +export\b/,
  trainer: { difficulty: 1, essential: ['wallClock', 'Elapsed'] },
  docs: {
    symptom:
      'Depending on the mistake, either the build stops or the directive silently does nothing:\n\n' +
      '```\n./clock.go:9:6: missing function body                 (// go:linkname with a space)\n' +
      './hash.go:12:3: misplaced compiler directive           (//go:nosplit above a var, inside a body,\n' +
      '                                                        or //go:build below the package clause)\n' +
      './copy.go:7:6: can only use //go:noescape with external func implementations\n' +
      './main.go:8:3: usage: //go:linkname localname [linkname]\n' +
      './pool.go:5:3: //go:systemstack only allowed in runtime\n```\n\n' +
      'The silent cases build and run: `// go:build ignore` (with a space) leaves the file in every ' +
      'build, `//go:noinlne` leaves the function inlinable, `//go:linkname` with no arguments above a ' +
      'function with a body links nothing, and `//go:debug` below the package clause sets no GODEBUG ' +
      'default (`go vet` reports that last one).',
    why:
      'gc treats a line comment as a directive only when it starts exactly with `//go:` followed by the ' +
      'directive name: `// go:x` and `//go: x` are ordinary comments (cgo is just as strict about ' +
      '`//export`). Outside the standard library gc skips unknown `//go:` words silently, so a misspelling ' +
      'goes unnoticed. Function directives ' +
      '(`noinline`, `nosplit`, `noescape`, `norace`, `nocheckptr`, `uintptrescapes`, ...) attach to the ' +
      'next declaration and gc insists that it be a function: a directive left above a `var`, `type` or ' +
      '`import`, before `package`, at the end of the file or inside a function body is an error. ' +
      '`//go:build` counts only in the file header, before `package`; below it gc reports it as ' +
      'misplaced. `//go:linkname` takes one or two arguments (more is a usage error; none means gc does ' +
      'not recognise it at all). `//go:noescape` describes a function whose body is elsewhere (assembly), ' +
      'so gc refuses it on a function with a Go body. Some directives are reserved: `systemstack` and the ' +
      'write-barrier ones for the runtime, `uintptrkeepalive` for the standard library, the `cgo_*` ones ' +
      'for files cgo generates.\n\n' +
      'Severity: error where gc (Go 1.19 and later) stops the build — misplaced function directives, ' +
      '`//go:build` after `package`, `//go:linkname` with three or more arguments, `//go:noescape` on a ' +
      'Go body, reserved directives, and a spaced or empty linkname above a body-less function (`missing ' +
      'function body`). Warning where the directive is silently dropped — spaced forms, misspellings, ' +
      'misplaced `//go:debug`. In the standard library an unknown `//go:` word is itself an error.',
    fix:
      'Write the directive flush: `//go:linkname local pkg.name`, no space after `//` or after the colon. ' +
      'Fix the spelling. Keep function directives in the comment block right above the `func` they ' +
      'describe (blank lines and other comments in between are fine) and put `//go:build` on the first ' +
      'lines of the file, followed by a blank line and then `package`:\n\n' +
      '```go\n//go:build linux\n\npackage clock\n\nimport _ "unsafe"\n\n' +
      '//go:linkname wallClock runtime.nanotime\nfunc wallClock() int64\n```\n\n' +
      'Drop `//go:noescape` from functions written in Go (escape analysis sees their body anyway).',
    versions:
      'All releases. Go 1.21 added `//go:debug` and `//go:wasmimport` for general use, Go 1.24 ' +
      '`//go:wasmexport`; `//go:notinheap` was removed in Go 1.20. Words that were a directive in any ' +
      'release, or that TinyGo defines (`//go:inline`, `//go:export`, `//go:extern`, `//go:section`, ' +
      '`//go:align`...), are never reported as misspellings.',
    references: [
      'cmd/compile documentation, "Compiler Directives"',
      'src/cmd/compile/internal/noder/noder.go (pragma: "misplaced compiler directive", linkname usage) and lex.go (pragmaFlag)',
      'src/cmd/compile/internal/syntax/parser.go (where pending directives are attached or reported)',
      'go/build: "Build Constraints" (//go:build must precede the package clause)',
      'golang.org/x/tools/go/analysis/passes/directive (//go:debug placement)',
    ],
    bad: [
      {
        title: 'A space after the slashes turns the linkname into a comment',
        files: [
          {
            name: 'clock.go',
            text:
              'package clock\n\nimport _ "unsafe"\n\n' +
              '// go:linkname wallClock runtime.nanotime\nfunc wallClock() int64\n\n' +
              'func Elapsed(since int64) int64 { return wallClock() - since }\n',
          },
        ],
      },
      {
        title: 'A function directive left above a variable',
        files: [
          {
            name: 'hash.go',
            text:
              'package hash\n\n//go:noinline\nvar seed uint64 = 14695981039346656037\n\n' +
              'func fastHash(b []byte) uint64 {\n\th := seed\n\tfor _, c := range b {\n\t\th = (h ^ uint64(c)) * 1099511628211\n\t}\n\treturn h\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Flush directives right above their functions',
        files: [
          {
            name: 'clock.go',
            text:
              'package clock\n\nimport _ "unsafe"\n\n' +
              '//go:linkname wallClock runtime.nanotime\nfunc wallClock() int64\n\n' +
              'func Elapsed(since int64) int64 { return wallClock() - since }\n',
          },
          {
            name: 'hash.go',
            text:
              'package clock\n\nvar seed uint64 = 14695981039346656037\n\n' +
              '// fastHash is kept out of line so profiles show it.\n//\n//go:noinline\n' +
              'func fastHash(b []byte) uint64 {\n\th := seed\n\tfor _, c := range b {\n\t\th = (h ^ uint64(c)) * 1099511628211\n\t}\n\treturn h\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const file of ctx.pkg.files) {
      if (file.directives.length === 0) continue;
      const lines = file.lines;
      for (const d of file.directives) {
        const finding = d.spaced
          ? spacedForm(ctx, file, d)
          : checkDirective(ctx, file, d, lines[d.line - 1] ?? '');
        if (finding) {
          ctx.report({ file, at: d, message: finding.message, severity: finding.severity, fix: finding.fix });
        }
      }
    }
  },
};

interface Problem {
  message: string;
  severity: Severity;
  fix?: {
    description: string;
    edit?: { line: number; column: number; endLine: number; endColumn: number; text: string };
  };
}

// --- (a) spaced forms ----------------------------------------------------------------------------

function spacedForm(ctx: PackageContext, file: GoFile, d: Directive): Problem | null {
  const isGo = /^\/\/\s*go:/.test(d.text);
  if (!isGo) return spacedExport(file, d);
  const word = d.text.replace(/^\/\/\s*go:\s*/, '').split(/\s+/)[0];
  const known = KNOWN.get(word);
  if (!known || !looksIntended(word, d, file, ctx.pkg)) return null;
  const flush = `//go:${word}${d.args.length > 0 ? ` ${d.args.join(' ')}` : ''}`;
  const fix = {
    description: `remove the space: \`${flush}\``,
    edit: { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, text: flush },
  };
  const where = d.text.startsWith('//go:') ? 'after the colon' : 'after `//`';
  let severity: Severity = 'warning';
  let effect: string;
  if (word === 'linkname' || word === 'linknamestd') {
    const local = d.args[0];
    const fn = ctx.pkg.files.flatMap((f) => f.decls).find((x) => x.name === local && x.kind === 'func');
    if (fn && !fn.hasBody && !asmDefines(ctx.pkg, local)) {
      severity = 'error';
      effect = `\`${local}\` stays a Go function without a body and the build stops with "missing function body"`;
    } else if (fn?.hasBody) {
      effect = `\`${local}\` is never published as \`${d.args[1] ?? 'its own symbol'}\`, so whatever pulls that name fails to link`;
    } else {
      effect = `\`${local}\` is not linked to \`${d.args[1] ?? 'anything'}\``;
    }
  } else if (word === 'build') {
    effect = `the file is compiled in every configuration instead of only where \`${d.args.join(' ')}\` holds`;
  } else if (word === 'debug') {
    effect = `the GODEBUG default \`${d.args[0]}\` is not set`;
  } else if (word === 'embed') {
    effect = `\`${d.decl?.name ?? 'the variable'}\` stays empty: nothing is embedded`;
  } else if (word === 'generate') {
    effect = '`go generate` never runs the command';
  } else {
    effect = d.decl
      ? `\`${d.decl.name}\` is compiled as if the line were not there`
      : 'the directive has no effect';
  }
  return {
    severity,
    message: `\`${d.text}\` has a space ${where}, so it is an ordinary comment, not a directive: ${effect}; write \`${flush}\``,
    fix,
  };
}

/** Only forms that look like a directive someone meant, not prose that mentions one. */
function looksIntended(word: string, d: Directive, file: GoFile, pkg: Package): boolean {
  const a = d.args;
  const ident = /^[A-Za-z_][A-Za-z0-9_]*$/;
  switch (word) {
    case 'linkname':
    case 'linknamestd':
      // The local name must be declared in the package; otherwise the line is documentation.
      return (
        (a.length === 1 || a.length === 2) &&
        ident.test(a[0]) &&
        (a.length === 1 || /\./.test(a[1])) &&
        pkg.files.some((f) => f.decls.some((x) => x.name === a[0] && (x.kind === 'func' || x.kind === 'var')))
      );
    case 'build':
      if (d.afterPackage || a.length === 0) return false;
      // The file is constrained anyway (a real `//go:build`, or `// +build` lines, which Go still
      // honours when there is no //go:build line): the spaced copy changes nothing.
      if (file.constraint !== null) return false;
      try {
        parseGoBuild(a.join(' '));
        return true;
      } catch (e) {
        if (e instanceof ConstraintError) return false;
        throw e;
      }
    case 'debug':
      return !d.afterPackage && a.length === 1 && /^[\w.-]+=[\w.-]*$/.test(a[0]);
    case 'embed':
      // go:embed needs a typed var without initializer; anything else is prose.
      return (
        a.length > 0 &&
        !PROSE.has(a[0].toLowerCase()) &&
        d.decl?.kind === 'var' &&
        !d.decl.hasBody &&
        !!d.decl.type
      );
    case 'generate':
      return a.length > 0 && /^[\w./$-]+$/.test(a[0]) && !PROSE.has(a[0].toLowerCase());
    case 'fix':
      return a.length === 1 && a[0] === 'inline';
    case 'wasmimport':
      return a.length === 2 && (d.decl?.kind === 'func' || d.decl?.kind === 'method');
    case 'wasmexport':
      return a.length === 1 && (d.decl?.kind === 'func' || d.decl?.kind === 'method');
    default: {
      // cgo_* directives are machine-written; a spaced one is prose.
      if (word.startsWith('cgo_') && word !== 'cgo_unsafe_args') return false;
      if (a.length > 0 || file.generated || d.inFunction) return false;
      // A function or type directive counts only where it would have applied.
      const placement = KNOWN.get(word)?.placement;
      if (placement === 'func') return d.decl?.kind === 'func' || d.decl?.kind === 'method';
      if (placement === 'type') return d.decl?.kind === 'type';
      return true;
    }
  }
}

/** `// export Name` right above `func Name` in a cgo file: cgo only sees `//export Name`. */
function spacedExport(file: GoFile, d: Directive): Problem | null {
  if (d.name !== 'export' || d.args.length !== 1) return null;
  if (!file.imports.some((i) => i.path === 'C')) return null;
  const fn = d.decl;
  if (fn?.kind !== 'func' || fn.name !== d.args[0]) return null;
  const flush = `//export ${fn.name}`;
  // When the preamble itself refers to the function, the link fails for sure.
  const usedByC = new RegExp(`\\b${fn.name}\\b`).test(file.cgo?.text ?? '');
  return {
    severity: usedByC ? 'error' : 'warning',
    message:
      `\`${d.text}\` has a space after \`//\`, so cgo does not export \`${fn.name}\` to C; ` +
      (usedByC
        ? `the C code in the preamble that refers to it fails to link ("undefined reference to \`${fn.name}'")`
        : 'C code that calls it fails to link with an undefined reference') +
      `; write \`${flush}\``,
    fix: {
      description: `remove the space: \`${flush}\``,
      edit: { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, text: flush },
    },
  };
}

// --- (b)–(f) and reserved directives ---------------------------------------------------------------

function checkDirective(ctx: PackageContext, file: GoFile, d: Directive, rawLine: string): Problem | null {
  if (!d.text.startsWith('//go:')) return null; // //export, //extern, //line
  const verb = d.text.slice('//go:'.length).split(/\s+/)[0];
  const known = KNOWN.get(verb);
  if (!known) return unknownWord(ctx, verb, d);

  if (verb === 'linkname') return linknameArgs(ctx, d, rawLine);
  if (verb === 'build') return misplacedBuild(d);
  if (verb === 'debug') return misplacedDebug(file, d);

  const reserved = reservedUse(ctx, file, verb, known, d);
  if (reserved) return reserved;
  if (known.placement === 'func' || known.placement === 'type') {
    const misplaced = misplacedPositional(ctx, file, verb, known, d);
    if (misplaced) return misplaced;
  }
  if (verb === 'noescape') return noescapeWithBody(file, d);
  return null;
}

/** (b) An unknown word close to a known one. */
function unknownWord(ctx: PackageContext, verb: string, d: Directive): Problem | null {
  if (verb.length < 3 || FOREIGN.has(verb)) return null;
  const folded = verb.toLowerCase(); // gc is case-sensitive: //go:NoSplit is not //go:nosplit
  let best: string | null = null;
  let bestDist = 99;
  for (const k of KNOWN.keys()) {
    const limit = k.length >= 5 ? 2 : 1;
    const dist = Math.min(editDistance(verb, k, limit), editDistance(folded, k, limit));
    if (dist <= limit && dist < bestDist) {
      best = k;
      bestDist = dist;
    }
  }
  if (!best) return null;
  const fixed = d.text.replace(`//go:${verb}`, `//go:${best}`);
  const effect = ctx.std
    ? 'in the standard library gc rejects it ("is not allowed in the standard library")'
    : `the toolchain ignores unknown \`//go:\` words without a message, so ${ignoredEffect(best, d)}`;
  return {
    severity: ctx.std ? 'error' : 'warning',
    message: `\`//go:${verb}\` is not a Go directive (did you mean \`//go:${best}\`?); ${effect}`,
    fix: {
      description: `spell it \`//go:${best}\``,
      edit: { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, text: fixed },
    },
  };
}

/** What is lost when the toolchain skips a misspelled directive. */
function ignoredEffect(meant: string, d: Directive): string {
  const target = d.decl ? `\`${d.decl.name}\`` : 'the code below it';
  switch (meant) {
    case 'build':
      return 'the file has no build constraint and is compiled everywhere';
    case 'debug':
      return 'the GODEBUG default is not set';
    case 'generate':
      return '`go generate` never runs the command';
    case 'embed':
      return `nothing is embedded into ${target}`;
    case 'fix':
      return '`go fix` does not inline callers';
    case 'linkname':
    case 'linknamestd':
      return 'no symbol is linked';
    default:
      return `${target} is compiled as if the line were not there`;
  }
}

/** (c) `//go:linkname` takes one or two arguments. */
function linknameArgs(ctx: PackageContext, d: Directive, rawLine: string): Problem | null {
  if (d.args.length > 2) {
    return {
      severity: 'error',
      message:
        `\`//go:linkname\` takes a local name and at most one target, but here it has ${d.args.length} arguments ` +
        '(a trailing comment counts too); gc stops with "usage: //go:linkname localname [linkname]"',
      fix: { description: 'keep `//go:linkname local pkg.name` alone on its line' },
    };
  }
  if (d.args.length > 0) return null;
  // gc matches the prefix "go:linkname " (with the space): with trailing blanks it is a usage
  // error, without them the word is not recognised at all.
  if (/^\s*\/\/go:linkname\s+$/.test(rawLine)) {
    return {
      severity: 'error',
      message: '`//go:linkname` has no arguments; gc stops with "usage: //go:linkname localname [linkname]"',
      fix: { description: 'name the local symbol and the target: `//go:linkname local pkg.name`' },
    };
  }
  if (ctx.std) {
    return {
      severity: 'error',
      message:
        '`//go:linkname` without arguments is not recognised as a linkname; in the standard library gc rejects it ' +
        '("is not allowed in the standard library")',
      fix: { description: 'name the local symbol and the target: `//go:linkname local pkg.name`' },
    };
  }
  const fn = d.decl && (d.decl.kind === 'func' || d.decl.kind === 'method') ? d.decl : undefined;
  if (fn && !fn.hasBody && !asmDefines(ctx.pkg, fn.name)) {
    return {
      severity: 'error',
      message:
        `\`//go:linkname\` without arguments is not a linkname to gc, so \`${fn.name}\` stays a function without a body ` +
        'and the build stops with "missing function body"',
      fix: { description: `name the target: \`//go:linkname ${fn.name} pkg.name\`` },
    };
  }
  return {
    severity: 'warning',
    message: `\`//go:linkname\` without arguments${fn ? ` above \`${fn.name}\`` : ''} is not recognised by gc and links nothing`,
    fix: { description: 'name the local symbol and the target, or delete the line' },
  };
}

/** (d) `//go:build` below the package clause. */
function misplacedBuild(d: Directive): Problem | null {
  if (!d.afterPackage && !d.inFunction) return null;
  return {
    severity: 'error',
    message:
      '`//go:build` after the package clause is not a build constraint (the go command reads constraints only ' +
      'from the file header) and gc stops with "misplaced compiler directive"; move it above `package`, followed ' +
      'by a blank line',
    fix: { description: 'move the line to the top of the file, before `package`, followed by a blank line' },
  };
}

/** `//go:debug` works only in the header of a main package or a _test.go file. */
function misplacedDebug(file: GoFile, d: Directive): Problem | null {
  const mainOrTest = file.packageName === 'main' || file.isTest;
  if (!mainOrTest) {
    return {
      severity: 'warning',
      message:
        `\`${d.text}\` in package ${file.packageName} has no effect: the go command reads //go:debug only in a main ` +
        'package or a _test.go file (go vet: "//go:debug directive only valid in package main or test"); set it in the program\'s main package or go.mod `godebug` block',
    };
  }
  if (d.afterPackage || d.inFunction) {
    return {
      severity: 'warning',
      message:
        `\`${d.text}\` after the package clause has no effect: the go command reads //go:debug only before ` +
        '`package` (go vet: "//go:debug directive only valid before package declaration"); move it to the file header',
      fix: { description: 'move the line above `package`' },
    };
  }
  return null;
}

/** Directives gc reserves for the runtime, the standard library or cgo-generated files. */
function reservedUse(
  ctx: PackageContext,
  file: GoFile,
  verb: string,
  known: Known,
  d: Directive,
): Problem | null {
  if (!known.only || ctx.std) return null;
  if (known.only === 'cgo') {
    if (file.name.startsWith('_cgo_')) return null;
    // cgo_import_dynamic with a library argument is allowed everywhere (x/sys/unix relies on it).
    if (verb === 'cgo_import_dynamic' && quotedFields(d.text).length >= 4) return null;
    return {
      severity: 'error',
      message: `\`//go:${verb}\` is reserved for files cgo generates; gc stops with "${d.text} only allowed in cgo-generated code"`,
      fix: {
        description:
          verb === 'cgo_ldflag'
            ? 'pass linker flags with a `#cgo LDFLAGS: ...` line in the cgo preamble instead'
            : `delete \`//go:${verb}\`; only cgo writes it, into its own generated files`,
      },
    };
  }
  const what = known.only === 'runtime' ? 'in runtime' : 'in the standard library';
  const gcSays =
    known.only === 'runtime'
      ? `//go:${verb} only allowed in runtime`
      : `//go:${verb} is only allowed in the standard library`;
  return {
    severity: 'error',
    message: `\`//go:${verb}\` is only allowed ${what}; gc stops with "${gcSays}"`,
    fix: { description: `delete \`//go:${verb}\`` },
  };
}

/** (e) A function (or type) directive that does not stand above a function (or type). */
function misplacedPositional(
  ctx: PackageContext,
  file: GoFile,
  verb: string,
  known: Known,
  d: Directive,
): Problem | null {
  const target = known.placement === 'func' ? 'a function declaration' : 'a type declaration';
  let where: string | null;
  if (known.placement === 'func' && d.inFunction) where = 'it is inside a function body';
  else if (!d.afterPackage) where = 'it stands before the package clause';
  else where = misplacement(file, d, known.placement === 'func' ? 'func' : 'type');
  if (!where) return null;

  let severity: Severity = 'error';
  let effect = 'gc stops with "misplaced compiler directive"';
  if (known.until !== undefined) {
    const tc = ctx.versions.toolchain;
    if (tc && atLeast(tc, known.until + 1)) {
      severity = 'warning';
      effect = `it has no effect (Go 1.${known.until + 1} removed it; Go 1.${known.until} and older stop with "misplaced compiler directive")`;
    }
  } else if (known.wasm) {
    effect = `a GOARCH=wasm build stops with "misplaced go:${verb} directive"`;
    if (!wasmOnly(file)) severity = 'warning';
  }
  return {
    severity,
    message: `\`//go:${verb}\` must stand above ${target} (blank lines and comments may come between), but ${where}; ${effect}`,
    fix: {
      description: `move \`//go:${verb}\` into the comment block right above the ${known.placement === 'func' ? 'function' : 'type'} it is meant for, or delete it`,
    },
  };
}

/** What follows the directive, when it is not what the directive needs; null when it is. */
function misplacement(file: GoFile, d: Directive, placement: 'func' | 'type'): string | null {
  if (nextDeclaration(file, d)?.keyword === placement) return null;
  const comment = commentNode(file, d);
  if (!comment) return null;
  let next = comment.nextNamedSibling;
  while (next && next.type === 'comment') next = next.nextNamedSibling;
  if (!next) {
    return comment.parent?.type === 'source_file'
      ? 'nothing follows it before the end of the file'
      : 'nothing follows it in its block';
  }
  if (next.type === 'ERROR' || next.hasError) return null;
  const grouped = (n: Node) => /^\w+\s*\(/.test(n.text);
  if (placement === 'func') {
    if (next.type === 'function_declaration' || next.type === 'method_declaration') return null;
  } else {
    if (next.type === 'type_spec' || next.type === 'type_alias') return null;
    if (next.type === 'type_declaration' && !grouped(next)) return null;
  }
  return `it is followed by ${describe(next, grouped)}`;
}

function describe(n: Node, grouped: (n: Node) => boolean): string {
  switch (n.type) {
    case 'function_declaration':
      return 'a function declaration';
    case 'method_declaration':
      return 'a method declaration';
    case 'var_declaration':
      return grouped(n) ? 'a grouped `var (...)` declaration' : 'a var declaration';
    case 'const_declaration':
      return grouped(n) ? 'a grouped `const (...)` declaration' : 'a const declaration';
    case 'type_declaration':
      return grouped(n) ? 'a grouped `type (...)` declaration' : 'a type declaration';
    case 'import_declaration':
      return 'an import declaration';
    case 'package_clause':
      return 'the package clause';
    case 'var_spec':
    case 'const_spec':
    case 'type_spec':
    case 'type_alias':
      return 'a spec inside a grouped declaration';
    case 'field_declaration':
      return 'a struct field';
    default:
      return `${n.type.replace(/_/g, ' ')}`;
  }
}

/** (f) `//go:noescape` on a function with a Go body. */
function noescapeWithBody(file: GoFile, d: Directive): Problem | null {
  const fast = nextDeclaration(file, d);
  if (fast?.keyword === 'func' && !fast.hasBody) return null;
  const comment = commentNode(file, d);
  let next = comment?.nextNamedSibling ?? null;
  while (next && next.type === 'comment') next = next.nextNamedSibling;
  if (!next || (next.type !== 'function_declaration' && next.type !== 'method_declaration')) return null;
  if (!next.childForFieldName('body')) return null;
  const name = next.childForFieldName('name')?.text ?? 'the function';
  return {
    severity: 'error',
    message:
      `\`//go:noescape\` is for functions implemented outside Go, but \`${name}\` has a Go body; gc stops with ` +
      '"can only use //go:noescape with external func implementations"',
    fix: { description: `delete \`//go:noescape\` (escape analysis already reads the body of \`${name}\`)` },
  };
}

/**
 * Text fast path (no parse): for a directive at column 1 outside braces, the first following line
 * that is not blank or a `//` comment, when it opens a `func` or a single `type` declaration.
 * Undefined when the text alone cannot tell (then the tree decides).
 */
function nextDeclaration(
  file: GoFile,
  d: Directive,
): { keyword: 'func' | 'type'; hasBody: boolean } | undefined {
  if (d.column !== 1 || d.inFunction) return undefined;
  const lines = file.lines;
  for (let r = d.line; r < lines.length; r++) {
    const t = lines[r];
    if (t.trim() === '' || /^\s*\/\//.test(t)) continue;
    if (t.startsWith('func ') || t.startsWith('func(')) {
      return { keyword: 'func', hasBody: signatureHasBody(lines, r, 4) };
    }
    if (/^type\s+[\p{L}_]/u.test(t)) return { keyword: 'type', hasBody: true };
    return undefined;
  }
  return undefined;
}

// --- helpers -----------------------------------------------------------------------------------

function commentNode(file: GoFile, d: Directive): Node | null {
  const n = file.root.descendantForPosition({ row: d.line - 1, column: d.column - 1 });
  return n && n.type === 'comment' && n.startPosition.row === d.line - 1 ? n : null;
}

/** An assembly file of the package defines `·name`. */
function asmDefines(pkg: Package, name: string): boolean {
  const re = new RegExp(`^\\s*TEXT\\s+[^\\n]*·${name.replace(/[$]/g, '\\$')}(?:<[^>]*>)?\\(SB\\)`, 'm');
  return pkg.aux.some((a) => a.name.endsWith('.s') && re.test(a.text));
}

/** The file is built only for wasm (by name or constraint). */
function wasmOnly(file: GoFile): boolean {
  if (file.nameGoarch === 'wasm' || file.nameGoos === 'js' || file.nameGoos === 'wasip1') return true;
  return /\b(wasm|js|wasip1)\b/.test(file.buildLine?.text ?? '');
}

/** Fields the way gc's pragmaFields splits cgo directives (double-quoted runs stay whole). */
function quotedFields(s: string): string[] {
  return s.match(/"[^"]*"|[^\s"]+/g) ?? [];
}
