import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, ScanResult } from '../src/core/finding.js';
import type { RuleMeta } from '../src/core/rule.js';
import {
  codeLanguage,
  renderExplain,
  renderRuleMarkdown,
  renderRulesIndex,
  renderRulesTable,
} from '../src/report/explain.js';
import { escapeData, escapeProperty, renderGithub } from '../src/report/github.js';
import { FORMATS, isFormat, render } from '../src/report/index.js';
import { renderJson } from '../src/report/json.js';
import { renderText, utf16Column } from '../src/report/text.js';

const CGO_RULE: RuleMeta = {
  id: 'CGO001',
  name: 'c-alloc-not-freed',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  title: 'C memory from C.CString is never freed',
  docs: {
    symptom: 'The process RSS grows without bound; the Go heap stays flat.',
    why: 'C.CString allocates with malloc; the Go garbage collector never frees C memory.',
    fix: 'Call `C.free(unsafe.Pointer(p))`, usually with defer.',
    versions: 'All Go releases with cgo.',
    references: ['https://pkg.go.dev/cmd/cgo', 'golang/go#12345', 'src/runtime/cgocall.go'],
    bad: [{ title: 'Leaks one string per call', files: [{ name: 'main.go', text: 'p := C.CString(s)\n' }] }],
    good: [
      {
        title: 'Frees the string',
        files: [
          { name: 'main.go', text: 'p := C.CString(s)\ndefer C.free(unsafe.Pointer(p))\n' },
          { name: 'Dockerfile', text: 'FROM golang:1.22\n' },
        ],
      },
    ],
  },
};

const BIN_RULE: RuleMeta = {
  id: 'BIN001',
  name: 'glibc-too-new',
  severity: 'error',
  lens: 'binary',
  subsystem: 'binary',
  title: 'Binary needs a newer glibc than the target has',
  docs: {
    symptom: 'version `GLIBC_2.34` not found (required by ./app)',
    why: 'The dynamic loader refuses binaries whose version needs the libc does not provide.',
    fix: 'Build with CGO_ENABLED=0 or on the oldest glibc you target.',
    versions: 'Any Go release linked against glibc.',
    references: ['https://sourceware.org/glibc/wiki/Versioning'],
    bad: [{ title: 'Built on a new distro', files: [{ name: 'build.sh', text: 'go build -o app .\n' }] }],
    good: [
      { title: 'Static build', files: [{ name: 'build.sh', text: 'CGO_ENABLED=0 go build -o app .\n' }] },
    ],
  },
};

const RULES = [BIN_RULE, CGO_RULE];
const lookup = (id: string) => RULES.find((r) => r.id === id);

const LINES: Record<string, string[]> = {
  'pkg/a.go': [
    'package a',
    '',
    '\tp := C.CString("héllo")',
    '\tq := C.CString(s) //gotrap:ignore CGO001 -- freed by caller',
  ],
  'pkg/b.go': ['package b', 'func f() {', '\tx := C.CString(name)', '}'],
};
const getLines = (file: string) => LINES[file];

const CGO_IN_B: Finding = {
  rule: 'CGO001',
  name: 'c-alloc-not-freed',
  severity: 'warning',
  lens: 'source',
  message: 'C.CString result is never freed',
  file: 'pkg/b.go',
  line: 3,
  column: 7,
  endLine: 3,
  endColumn: 22,
  related: [{ file: 'pkg/b.go', line: 4, message: 'function returns here' }],
  fix: { description: 'add defer C.free(unsafe.Pointer(x))' },
};

const CGO_IN_A: Finding = {
  rule: 'CGO001',
  name: 'c-alloc-not-freed',
  severity: 'warning',
  lens: 'source',
  message: 'C.CString result is never freed',
  file: 'pkg/a.go',
  line: 3,
  column: 7,
  endLine: 3,
  endColumn: 26,
};

const BINARY: Finding = {
  rule: 'BIN001',
  name: 'glibc-too-new',
  severity: 'error',
  lens: 'binary',
  message: 'needs GLIBC_2.34, target has 2.31',
  file: 'bin/app',
};

const SUPPRESSED: Finding = {
  rule: 'CGO001',
  name: 'c-alloc-not-freed',
  severity: 'warning',
  lens: 'source',
  message: 'C.CString result is never freed',
  file: 'pkg/a.go',
  line: 4,
  column: 7,
  suppressed: { kind: 'inline', reason: 'freed by caller', line: 4 },
};

function scanResult(): ScanResult {
  return {
    findings: [CGO_IN_B, BINARY, CGO_IN_A],
    suppressed: [SUPPRESSED],
    files: 3,
    skipped: [{ file: 'big.go', reason: 'larger than 5 MB' }],
    durationMs: 12.4,
    extra: { binaries: [{ file: 'bin/app', goos: 'linux' }] },
  };
}

const ANSI = /\u001b\[/;

describe('json reporter', () => {
  const text = renderJson(scanResult(), { version: '1.2.3' });
  const doc = JSON.parse(text);

  it('has the documented top level', () => {
    assert.equal(doc.schemaVersion, 1);
    assert.deepEqual(doc.tool, { name: 'gotrap', version: '1.2.3' });
    assert.deepEqual(Object.keys(doc), ['schemaVersion', 'tool', 'findings', 'summary', 'binaries']);
    assert.deepEqual(doc.binaries, [{ file: 'bin/app', goos: 'linux' }]);
  });

  it('is pretty-printed with a trailing newline', () => {
    assert.ok(text.endsWith('}\n'));
    assert.ok(text.includes('\n  "tool": {\n    "name": "gotrap"'));
  });

  it('sorts findings and leaves suppressed ones out', () => {
    const where = doc.findings.map((f: Finding) => `${f.file}:${f.line ?? ''}`);
    assert.deepEqual(where, ['bin/app:', 'pkg/a.go:3', 'pkg/b.go:3']);
    assert.ok(!doc.findings.some((f: Finding) => f.line === 4 && f.file === 'pkg/a.go'));
  });

  it('omits fields that are not set', () => {
    assert.deepEqual(Object.keys(doc.findings[0]), ['rule', 'name', 'severity', 'lens', 'message', 'file']);
    assert.deepEqual(doc.findings[2].related, [
      { file: 'pkg/b.go', line: 4, message: 'function returns here' },
    ]);
    assert.deepEqual(doc.findings[2].fix, { description: 'add defer C.free(unsafe.Pointer(x))' });
  });

  it('counts the summary', () => {
    assert.deepEqual(doc.summary, {
      files: 3,
      findings: 3,
      durationMs: 12,
      skipped: [{ file: 'big.go', reason: 'larger than 5 MB' }],
      suppressed: 1,
    });
  });

  it('does not let extra sections replace the core keys', () => {
    const result = { ...scanResult(), extra: { findings: 'oops', crash: { kind: 'panic' } } };
    const parsed = JSON.parse(renderJson(result, { version: '0' }));
    assert.equal(parsed.findings.length, 3);
    assert.deepEqual(parsed.crash, { kind: 'panic' });
  });
});

describe('text reporter', () => {
  const plain = renderText(scanResult(), { color: false, rules: lookup, getLines });
  const lines = plain.split('\n');

  it('prints one header per finding in sorted order', () => {
    const headers = lines.filter((l) => /^\S/.test(l) && l.includes(': '));
    assert.deepEqual(headers.slice(0, 3), [
      'bin/app: error BIN001 glibc-too-new: needs GLIBC_2.34, target has 2.31',
      'pkg/a.go:3:7: warning CGO001 c-alloc-not-freed: C.CString result is never freed',
      'pkg/b.go:3:7: warning CGO001 c-alloc-not-freed: C.CString result is never freed',
    ]);
  });

  it('draws the source line with carets under the byte span', () => {
    // pkg/a.go:3 is `\tp := C.CString("héllo")`: bytes 7..25 cover `C.CString("héllo")`,
    // 18 characters because é is two bytes.
    const i = lines.indexOf(
      'pkg/a.go:3:7: warning CGO001 c-alloc-not-freed: C.CString result is never freed',
    );
    assert.equal(lines[i + 1], '    p := C.CString("héllo")');
    assert.equal(lines[i + 2], `         ${'^'.repeat(18)}`);
  });

  it('prints related locations and the fix', () => {
    const i = lines.findIndex((l) => l.startsWith('pkg/b.go:3:7:'));
    assert.equal(lines[i + 1], '    x := C.CString(name)');
    assert.equal(lines[i + 2], `         ${'^'.repeat(15)}`);
    assert.equal(lines[i + 3], '  related pkg/b.go:4: function returns here');
    assert.equal(lines[i + 4], '  fix: add defer C.free(unsafe.Pointer(x))');
  });

  it('lists the rules that fired and ends with a summary', () => {
    assert.ok(plain.includes('  BIN001  Binary needs a newer glibc than the target has\n'));
    assert.ok(plain.includes('  CGO001  C memory from C.CString is never freed\n'));
    assert.equal(
      lines.at(-2),
      '3 findings (1 error, 2 warnings, 0 infos) in 3 files, 1 skipped, 1 suppressed',
    );
    assert.equal(lines.at(-1), '');
  });

  it('uses colour only when asked', () => {
    assert.doesNotMatch(plain, ANSI);
    const colored = renderText(scanResult(), { color: true, rules: lookup, getLines });
    assert.match(colored, /\u001b\[31merror\u001b\[0m/);
    assert.match(colored, /\u001b\[33mwarning\u001b\[0m/);
  });

  it('prints only findings when quiet', () => {
    const quiet = renderText(scanResult(), { color: false, rules: lookup, quiet: true });
    assert.equal(quiet.trimEnd().split('\n').length, 5);
    assert.ok(!quiet.includes('findings'));
    const empty = { ...scanResult(), findings: [], suppressed: [], skipped: [] };
    assert.equal(renderText(empty, { color: false, rules: lookup, quiet: true }), '');
  });

  it('says so when nothing was found', () => {
    const empty = { ...scanResult(), findings: [], suppressed: [], skipped: [], files: 1 };
    assert.equal(renderText(empty, { color: false, rules: lookup }), 'no findings in 1 file\n');
  });
});

describe('github reporter', () => {
  it('writes one workflow command per reported finding', () => {
    const out = renderGithub(scanResult()).split('\n');
    assert.equal(out.length, 4);
    assert.equal(
      out[0],
      '::error file=bin/app,title=BIN001 glibc-too-new::needs GLIBC_2.34, target has 2.31',
    );
    assert.equal(
      out[1],
      '::warning file=pkg/a.go,line=3,col=7,endLine=3,endColumn=26,title=CGO001 c-alloc-not-freed::' +
        'C.CString result is never freed',
    );
    assert.equal(
      out[2],
      '::warning file=pkg/b.go,line=3,col=7,endLine=3,endColumn=22,title=CGO001 c-alloc-not-freed::' +
        'C.CString result is never freed%0Arelated pkg/b.go:4: function returns here' +
        '%0Afix: add defer C.free(unsafe.Pointer(x))',
    );
  });

  it('escapes data and properties', () => {
    assert.equal(escapeData('100%\r\nok: a,b'), '100%25%0D%0Aok: a,b');
    assert.equal(escapeProperty('dir,x/a:b.go%'), 'dir%2Cx/a%3Ab.go%25');
    const odd: Finding = { ...BINARY, severity: 'info', file: 'a,b:c.go', message: '50%\ndone' };
    const result = { ...scanResult(), findings: [odd], suppressed: [] };
    assert.equal(
      renderGithub(result),
      '::notice file=a%2Cb%3Ac.go,title=BIN001 glibc-too-new::50%25%0Adone\n',
    );
  });
});

describe('format dispatch', () => {
  it('knows the four formats', () => {
    assert.deepEqual([...FORMATS], ['text', 'json', 'sarif', 'github']);
    assert.ok(isFormat('sarif'));
    assert.ok(!isFormat('xml'));
  });

  it('renders each format through one entry point', () => {
    const opts = { version: '1.0.0', rules: RULES, color: false, getLines };
    assert.equal(JSON.parse(render('json', scanResult(), opts)).schemaVersion, 1);
    assert.equal(JSON.parse(render('sarif', scanResult(), opts)).version, '2.1.0');
    assert.ok(render('text', scanResult(), opts).includes('BIN001  Binary needs'));
    assert.ok(render('github', scanResult(), opts).startsWith('::error '));
  });
});

describe('byte to UTF-16 columns', () => {
  it('counts multi-byte characters once', () => {
    assert.equal(utf16Column('abc', 2), 2);
    assert.equal(utf16Column('héllo', 4), 3); // after é (2 bytes)
    assert.equal(utf16Column('✓x', 4), 2); // ✓ is 3 bytes, 1 unit
    assert.equal(utf16Column('😀x', 5), 3); // 😀 is 4 bytes, 2 units
    assert.equal(utf16Column('ab', 3), 3); // end of line
    assert.equal(utf16Column('ab', 5), 5); // past the end keeps the distance
  });
});

describe('rule documentation', () => {
  it('explains every section in the terminal', () => {
    const text = renderExplain(CGO_RULE, { color: false });
    for (const section of ['Symptom', 'Why', 'Fix', 'Go versions', 'References']) {
      assert.match(text, new RegExp(`^${section}$`, 'm'));
    }
    assert.ok(text.startsWith('CGO001  c-alloc-not-freed\nC memory from C.CString is never freed\n'));
    assert.match(text, /severity {3}warning/);
    assert.match(text, /subsystem {2}cgo/);
    assert.ok(
      text.includes('Bad example: Leaks one string per call\n  -- main.go --\n    p := C.CString(s)'),
    );
    assert.ok(text.includes('Good example: Frees the string'));
    assert.ok(text.includes('  - golang/go#12345'));
    assert.doesNotMatch(text, ANSI);
    assert.match(renderExplain(CGO_RULE, { color: true }), ANSI);
  });

  it('writes a markdown page with typed code blocks', () => {
    const md = renderRuleMarkdown(CGO_RULE);
    assert.match(md, /^# CGO001: c-alloc-not-freed$/m);
    for (const section of [
      'Symptom',
      'Why',
      'Fix',
      'Go versions',
      'Bad example',
      'Good example',
      'References',
    ]) {
      assert.match(md, new RegExp(`^## ${section}$`, 'm'));
    }
    assert.ok(md.includes('```go\np := C.CString(s)\n```'));
    assert.ok(md.includes('```dockerfile\nFROM golang:1.22\n```'));
    assert.ok(md.includes('- <https://pkg.go.dev/cmd/cgo>'));
    assert.ok(md.includes('- [golang/go#12345](https://github.com/golang/go/issues/12345)'));
  });

  it('picks code languages from file names', () => {
    const names = [
      'x.go',
      'y.h',
      'Dockerfile',
      'build.Dockerfile',
      'Makefile',
      'rules.mk',
      'ci.yml',
      'go.mod',
    ];
    assert.deepEqual(names.map(codeLanguage), [
      'go',
      'c',
      'dockerfile',
      'dockerfile',
      'makefile',
      'makefile',
      'yaml',
      'text',
    ]);
  });

  it('lists rules as aligned text or JSON', () => {
    const table = renderRulesTable(RULES, 'text').split('\n');
    assert.equal(table[0], 'ID      NAME               SEVERITY  LENS    TITLE');
    assert.equal(
      table[1],
      'BIN001  glibc-too-new      error     binary  Binary needs a newer glibc than the target has',
    );
    assert.equal(
      table[2],
      'CGO001  c-alloc-not-freed  warning   source  C memory from C.CString is never freed',
    );
    const json = JSON.parse(renderRulesTable(RULES, 'json'));
    assert.deepEqual(json[1], {
      id: 'CGO001',
      name: 'c-alloc-not-freed',
      severity: 'warning',
      lens: 'source',
      subsystem: 'cgo',
      title: 'C memory from C.CString is never freed',
    });
  });

  it('indexes the pages by lens', () => {
    const index = renderRulesIndex(RULES);
    assert.ok(index.indexOf('## Source lens') < index.indexOf('## Binary lens'));
    assert.ok(index.includes('| [CGO001](CGO001.md) | c-alloc-not-freed | warning | cgo |'));
    assert.ok(index.includes('| [BIN001](BIN001.md) | glibc-too-new | error | binary |'));
    assert.ok(!index.includes('## Crash lens'));
  });
});
