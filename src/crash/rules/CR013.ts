import type { Related } from '../../core/finding.js';
import { type CrashRule, type LineMatch, matchLines } from '../rule.js';

interface Diagnosis {
  re: RegExp;
  rules: string[];
  /** What this message means, from the match. */
  explain(m: RegExpExecArray): string;
}

// Order matters only within one line: the first pattern that matches a line explains it.
const DIAGNOSES: Diagnosis[] = [
  {
    re: /invalid reference to (\S+)/,
    rules: ['LN006'],
    explain: (m) => `Go 1.23+ linkers refuse //go:linkname pulls of ${m[1]} (not marked for linkname)`,
  },
  {
    // Starts only at a token boundary, so a long line without spaces is scanned once, not once per character.
    re: /(?:^|\s)([^\s(]+)\(\.text\): relocation target ([^\s.]+) not defined/,
    rules: ['BLD001', 'BLD002'],
    explain: (m) =>
      `${m[1]} needs the C symbol ${m[2]} but the link has no C library for it (a static or cgo-less link ` +
      'of a package that needs libc)',
  },
  {
    re: /relocation target (\S+\.\S+) not defined/,
    rules: ['LN005'],
    explain: (m) =>
      `nothing defines ${m[1]}: a //go:linkname pull names a symbol that does not exist (typo, removed, or its package is not linked)`,
  },
  {
    re: /reference to undefined builtin "?([^"\s]+)"?/,
    rules: ['LN005'],
    explain: (m) => `${m[1]} is a compiler intrinsic with no symbol to link against`,
  },
  {
    re: /duplicated definition of symbol (\S+?),?(?:\s|$)/,
    rules: ['LN002'],
    explain: (m) => `${m[1]} is defined twice: a //go:linkname push onto a symbol that already has a body`,
  },
  {
    re: /\/\/go:linkname only allowed in Go files that import "unsafe"/,
    rules: ['LN001'],
    explain: () => 'the file with //go:linkname does not import "unsafe"',
  },
  {
    re: /missing function body/,
    rules: ['LN003', 'LN001'],
    explain: () =>
      'a body-less function is not a linkname pull (malformed or ignored //go:linkname, or no "unsafe" import)',
  },
  {
    re: /use of cgo in test (\S+) not supported/,
    rules: ['CGO012'],
    explain: (m) => `${m[1]} imports "C": move the cgo code into a non-test file of the package`,
  },
  {
    re: /undefined reference to [`'‘]?([^'’`\s]+)['’]?/,
    rules: ['CGO008'],
    explain: (m) =>
      `the C linker found no definition of ${m[1]}: a prototype without a definition or a missing -l library`,
  },
  {
    re: /Using '([^']+)' in statically linked applications requires at runtime the shared libraries/,
    rules: ['BLD001'],
    explain: (m) =>
      `${m[1]} in a static glibc link: it will load NSS modules at run time and can crash (build with -tags netgo,osusergo)`,
  },
];

/** What each linked rule adds, in the related list. */
const RULE_HINTS: Record<string, string> = {
  LN001: 'linkname-without-unsafe: the source lens points at the directive',
  LN002: 'linkname-duplicate-definition: the source lens points at the push',
  LN003: 'directive-malformed: the source lens finds directives gc ignores',
  LN005: 'linkname-unknown-target: the source lens points at the pull and suggests the closest name',
  LN006: 'linkname-blocked: the source lens knows which targets each release blocks',
  CGO008: 'undefined-c-function: the source lens finds the prototype without a definition',
  CGO012: 'cgo-in-test-file: the source lens finds import "C" in _test.go files',
  BLD001: 'static-glibc-nss: the build lens finds the static cgo link',
  BLD002: 'cgo-silently-disabled: the build lens finds builds that turn cgo off',
};

interface Found {
  hit: LineMatch;
  diagnosis: Diagnosis;
}

export const CR013: CrashRule = {
  id: 'CR013',
  name: 'linker-and-compiler',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: 'the build failed with a linkname, cgo or static-link error gotrap explains',
  docs: {
    symptom:
      'Build output such as:\n\n```\n# example.com/app\nmain.main: relocation target runtime.nanotme not defined\n```\n\n' +
      '```\nlink: main: invalid reference to runtime.acquirem\n```\n\n' +
      '```\nlink: duplicated definition of symbol runtime.nanotime, from main and runtime\n```\n\n' +
      '```\n./main.go:6:3: //go:linkname only allowed in Go files that import "unsafe"\n./main.go:7:6: missing function body\n```\n\n' +
      "```\n/tmp/go-build/main.cgo2.c:56: undefined reference to `blend_colors'\ncollect2: error: ld returned 1 exit status\n```\n\n" +
      '```\nuse of cgo in test /src/crc/crc_test.go not supported\n```\n\n' +
      "and GNU ld's warning `Using 'getaddrinfo' in statically linked applications requires at runtime the " +
      'shared libraries from the glibc version used for linking`, which does not fail the build but predicts a crash.',
    why:
      'Each message is the toolchain rejecting a trap the source and build lenses describe: a linkname pull ' +
      'to a symbol that does not exist or a reference to an intrinsic (LN005), a pull Go 1.23+ blocks (LN006), a push ' +
      'onto a defined symbol (LN002), a directive in a file without `unsafe` (LN001) or a malformed one that ' +
      'leaves a body-less function (LN003), cgo in a test file (CGO012), a C prototype with no definition ' +
      '(CGO008), a static link against glibc NSS (BLD001), or a package that needs libc linked without it ' +
      '(`net(.text): relocation target __errno_location not defined`, BLD001/BLD002).',
    fix:
      'Follow the rule the finding names (`gotrap explain <ID>`); running `gotrap scan` on the module points ' +
      'at the directive, file or build line to change.',
    versions:
      '`invalid reference to` since Go 1.23 (escape hatch `-ldflags=-checklinkname=0`); the others in every ' +
      'release; the exact prefixes vary (`link:` or a timestamp before duplicate-definition errors).',
    references: [
      'cmd/link',
      'cmd/compile documentation, "Compiler Directives"',
      'cmd/cgo documentation',
      'catalog LN001–LN006, CGO008, CGO012, BLD001, BLD002',
    ],
    bad: [
      {
        title: 'A linkname pull to a misspelled runtime function',
        files: [
          {
            name: 'build.log',
            text: '$ go build ./...\n# example.com/clock\nmain.main: relocation target runtime.nanotme not defined\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The pull names an existing function',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport _ "unsafe"\n\n//go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n\n' +
              'func main() { println(nanotime()) }\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const found: Found[] = [];
    for (const line of matchLines(
      crash,
      DIAGNOSES.map((d) => d.re),
    )) {
      const diagnosis = DIAGNOSES.find((d) => d.re.test(line.line.text))!;
      // Re-run the matching diagnosis's own pattern for its groups.
      const match = diagnosis.re.exec(line.line.text)!;
      found.push({ hit: { line: line.line, match }, diagnosis });
    }
    if (found.length === 0) return;
    const unsafeMissing = found.some((f) => f.diagnosis.rules[0] === 'LN001');
    const rulesOf = (f: Found) =>
      f.diagnosis.re.source === 'missing function body' && unsafeMissing ? ['LN001'] : f.diagnosis.rules;
    const first = found[0];
    const explain = (f: Found) =>
      f.diagnosis.re.source === 'missing function body' && unsafeMissing
        ? 'a body-less function whose //go:linkname gc ignored, because the file does not import "unsafe"'
        : f.diagnosis.explain(f.hit.match);
    const distinct = new Set<string>();
    const related: Related[] = [];
    for (const f of found) {
      const explanation = explain(f);
      if (f !== first) related.push({ line: f.hit.line.inputLine, message: explanation });
      for (const rule of rulesOf(f)) {
        if (distinct.has(rule)) continue;
        distinct.add(rule);
        related.push({ rule, message: RULE_HINTS[rule] ?? `gotrap explain ${rule}` });
      }
    }
    const more =
      found.length > 1
        ? ` (and ${found.length - 1} more toolchain message${found.length > 2 ? 's' : ''})`
        : '';
    report({
      line: first.hit.line.inputLine,
      message: `${explain(first)} [${rulesOf(first).join('/')}]${more}`,
      related: related.slice(0, 12),
    });
  },
};
