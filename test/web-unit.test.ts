// The trainer's logic that needs no browser: when an exercise counts as solved (checked on every
// rule's own bad and good examples), positions, the Markdown renderer and the playground's
// multi-file format. The page itself is tested in Chromium by web.test.ts.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadNodeGrammars } from '../src/cli/grammars.js';
import { serveSite } from '../src/cli/train.js';
import { ALL_RULES, SOURCE_RULES } from '../src/rules.js';
import type { Grammars } from '../src/source/grammar.js';
import { BundledKB } from '../src/source/linkname/table.js';
import { analyzeFiles } from '../src/web/analysis.js';
import { exercisesFrom } from '../src/web/exercises.js';
import { codeOf, judge, missingEssentials } from '../src/web/judge.js';
import { escapeHtml, renderMarkdown, safeUrl } from '../src/web/markdown.js';
import { byteColumnToIndex, spanToRange } from '../src/web/positions.js';
import { formatArchive, parseArchive } from '../src/web/txtar.js';

const kb = new BundledKB();
let g: Grammars;
before(async () => {
  g = await loadNodeGrammars();
});

const exercises = exercisesFrom(ALL_RULES);

describe('trainer exercises', () => {
  it('there is one per source rule, made from the rule record', () => {
    assert.deepEqual(
      exercises.map((e) => e.id),
      SOURCE_RULES.map((r) => r.id),
    );
    for (const e of exercises) assert.ok(e.files.length > 0, `${e.id} has files`);
  });

  const run = (files: Array<{ name: string; text: string }>) =>
    analyzeFiles(g, kb, files, { rules: SOURCE_RULES });
  const verdictOf = (e: (typeof exercises)[number], files: Array<{ name: string; text: string }>) => {
    const a = run(files);
    return judge({
      rule: e.id,
      essential: e.essential,
      baseline: run(e.files).findings,
      ...a,
      files,
    });
  };

  for (const e of exercises) {
    describe(e.id, () => {
      it('the untouched code parses, raises the finding and keeps its essentials', () => {
        const base = run(e.files);
        assert.deepEqual(base.errors, []);
        assert.deepEqual(base.parseErrors, []);
        assert.ok(
          base.findings.some((f) => f.rule === e.id),
          `the bad example raises no ${e.id} finding`,
        );
        assert.deepEqual(missingEssentials(e.files, e.essential), []);
        assert.equal(verdictOf(e, e.files).solved, false);
      });
      it("the rule's good example solves it", { skip: e.fixed ? false : 'no good example' }, () => {
        const v = verdictOf(e, e.fixed!);
        assert.ok(v.solved, `the good example is not judged solved: ${JSON.stringify(v)}`);
      });
      it('deleting the code does not', { skip: e.essential.length > 0 ? false : 'no essentials' }, () => {
        const gutted = e.files.map((f) => (f.name.endsWith('.go') ? { ...f, text: 'package x\n' } : f));
        const v = verdictOf(e, gutted);
        assert.equal(v.solved, false);
        assert.deepEqual(v.missing, e.essential);
      });
    });
  }

  it('a rule that failed keeps it unsolved', () => {
    const e = exercises.find((x) => x.id === 'LN001')!;
    const v = judge({
      rule: e.id,
      essential: [],
      baseline: [],
      findings: [],
      suppressed: [],
      parseErrors: [],
      errors: ['LN001 failed on package p: boom'],
      files: e.files,
    });
    assert.equal(v.solved, false);
  });

  it('silencing the finding with //gotrap:ignore is not a fix', () => {
    const e = exercises.find((x) => x.id === 'LN001')!;
    const base = analyzeFiles(g, kb, e.files, { rules: SOURCE_RULES });
    const files = e.files.map((f) => ({
      ...f,
      text: f.text.replace('//go:linkname', '//gotrap:ignore LN001 -- later\n//go:linkname'),
    }));
    const a = analyzeFiles(g, kb, files, { rules: SOURCE_RULES });
    assert.equal(a.findings.filter((f) => f.rule === 'LN001').length, 0);
    const v = judge({ rule: 'LN001', essential: e.essential, baseline: base.findings, ...a, files });
    assert.equal(v.solved, false);
    assert.equal(v.remaining.length, 1);
  });

  it('a broken parse and a new finding keep it unsolved', () => {
    const e = exercises.find((x) => x.id === 'LN001')!;
    const base = analyzeFiles(g, kb, e.files, { rules: SOURCE_RULES });
    const fixed = [
      {
        name: 'clock.go',
        text: e.files[0].text.replace('import "time"', 'import (\n\t"time"\n\t_ "unsafe"\n)'),
      },
    ];
    const ok = analyzeFiles(g, kb, fixed, { rules: SOURCE_RULES });
    const judgeOf = (files: typeof fixed, a: typeof ok) =>
      judge({ rule: 'LN001', essential: e.essential, baseline: base.findings, ...a, files });
    assert.ok(judgeOf(fixed, ok).solved);
    const broken = [{ name: 'clock.go', text: `${fixed[0].text}\nfunc (` }];
    const b = analyzeFiles(g, kb, broken, { rules: SOURCE_RULES });
    assert.equal(b.parseErrors.length, 1);
    assert.equal(judgeOf(broken, b).solved, false);
    const worse = [{ name: 'clock.go', text: fixed[0].text.replace('//go:linkname', '// go:linkname') }];
    const w = analyzeFiles(g, kb, worse, { rules: SOURCE_RULES });
    const v = judgeOf(worse, w);
    assert.equal(v.solved, false);
    assert.deepEqual(
      v.added.map((f) => f.rule),
      ['LN003'],
    );
  });

  it('identifiers in comments and strings do not count as kept; the cgo preamble does', () => {
    const go =
      '// semaWait\npackage p\n\n/*\nint on_fault(void);\n// skipped\n*/\nimport "C"\n\nvar s = "Register"\n';
    assert.deepEqual(
      missingEssentials([{ name: 'x.go', text: go }], ['semaWait', 'on_fault', 'Register', 'skipped']),
      ['semaWait', 'Register', 'skipped'],
    );
    assert.match(codeOf('x.go', 'x := C.CString("a") // C.free'), /C\.CString\( {3}\)/);
    assert.deepEqual(
      missingEssentials([{ name: 'x.go', text: 'p := C.CString(s)' }], ['C.CString', 'CString', 'String']),
      ['String'],
    );
  });
});

describe('positions', () => {
  it('turns byte columns into string offsets', () => {
    assert.equal(byteColumnToIndex('héllo', 1), 0);
    assert.equal(byteColumnToIndex('héllo', 4), 2); // h=1 byte, é=2 bytes
    assert.equal(byteColumnToIndex('a😀b', 6), 2 + 1); // 😀 is 4 bytes, 2 UTF-16 units
    assert.equal(byteColumnToIndex('abc', 99), 3);
  });
  it('maps a finding span onto the text', () => {
    const text = 'ab\ncdé f\nxyz\n';
    assert.deepEqual(spanToRange(text, { line: 2, column: 1, endLine: 2, endColumn: 5 }), { from: 3, to: 6 });
    assert.deepEqual(spanToRange(text, { line: 2, column: 6 }), { from: 7, to: 8 });
    assert.deepEqual(spanToRange(text, { line: 3 }), { from: 9, to: 12 });
    assert.deepEqual(spanToRange(text, { line: 1, column: 2, endLine: 3, endColumn: 2 }), {
      from: 1,
      to: 10,
    });
  });
});

describe('markdown', () => {
  it('escapes HTML everywhere and links only safe URLs', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> `<b>` [x](javascript:alert(1)) [ok](https://go.dev/x?a=1&b=2) **"q"**',
    );
    assert.doesNotMatch(html, /<script|<b>|javascript:/);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /<code>&lt;b&gt;<\/code>/);
    assert.match(html, /<a href="https:\/\/go\.dev\/x\?a=1&amp;b=2" rel="noopener noreferrer">ok<\/a>/);
    assert.match(html, /<strong>&quot;q&quot;<\/strong>/);
    assert.equal(safeUrl('#/rule/LN004'), true);
    assert.equal(safeUrl('data:text/html,x'), false);
    assert.equal(escapeHtml(`<'&">`), '&lt;&#39;&amp;&quot;&gt;');
  });
  it('renders fences, lists, headings, tables and emphasis', () => {
    const md = [
      'Text with *em* and snake_case_name and `a*b*c`.',
      '',
      '```go',
      'if a < b {',
      '```',
      '',
      '- one',
      '  still one',
      '- two',
      '',
      '## Head',
      '',
      '| A | B |',
      '|---|---|',
      '| x \\| y | z |',
    ].join('\n');
    const html = renderMarkdown(md, { headingOffset: 1 });
    assert.match(html, /<em>em<\/em>/);
    assert.match(html, /snake_case_name/);
    assert.match(html, /<code>a\*b\*c<\/code>/);
    assert.match(html, /<pre><code class="language-go">if a &lt; b \{<\/code><\/pre>/);
    assert.match(html, /<ul><li>one still one<\/li><li>two<\/li><\/ul>/);
    assert.match(html, /<h3>Head<\/h3>/);
    assert.match(html, /<td>x \| y<\/td><td>z<\/td>/);
  });
  it('renders every rule page without leaking markup', () => {
    for (const r of ALL_RULES) {
      for (const text of [r.docs.symptom, r.docs.why, r.docs.fix, r.docs.versions]) {
        const html = renderMarkdown(text);
        assert.doesNotMatch(
          html.replace(/<\/?(p|pre|code|ul|ol|li|em|strong|a|h\d|table|thead|tbody|tr|th|td)\b[^>]*>/g, ''),
          /<|```/,
          r.id,
        );
      }
    }
  });
});

describe('playground archive', () => {
  it('splits -- name -- files and names a bare text', () => {
    assert.deepEqual(parseArchive('package main\n'), [
      { name: 'main.go', text: 'package main\n', firstLine: 1 },
    ]);
    assert.deepEqual(parseArchive('module example.com/m\n\ngo 1.22'), [
      { name: 'go.mod', text: 'module example.com/m\n\ngo 1.22\n', firstLine: 1 },
    ]);
    const files = parseArchive('-- go.mod --\nmodule m\n-- a/x.go --\npackage a\n\nfunc F() {}\n');
    assert.deepEqual(
      files.map((f) => [f.name, f.firstLine]),
      [
        ['go.mod', 2],
        ['a/x.go', 4],
      ],
    );
    assert.deepEqual(parseArchive(formatArchive(files)), files);
  });
});

describe('gotrap train', () => {
  it('serves a site folder with the right content types and nothing outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotrap-site-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
      writeFileSync(join(dir, 'assets', 'g.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
      const site = await serveSite(dir);
      try {
        assert.match(site.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
        const page = await fetch(site.url);
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
        const wasm = await fetch(`${site.url}assets/g.wasm`);
        assert.equal(wasm.headers.get('content-type'), 'application/wasm');
        assert.equal((await wasm.arrayBuffer()).byteLength, 4);
        assert.equal((await fetch(`${site.url}missing.js`)).status, 404);
        assert.notEqual((await fetch(`${site.url}..%2f..%2fetc%2fpasswd`)).status, 200);
        assert.equal((await fetch(site.url, { method: 'POST' })).status, 405);
      } finally {
        await site.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says clearly when the site is not built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotrap-nosite-'));
    try {
      await assert.rejects(
        serveSite(dir),
        /the trainer is not built: .*index\.html is missing \(run `npm run build:web`\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the URL, serves until interrupted, and exits 0', async () => {
    const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
    const child = spawn(process.execPath, [main, 'train', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) ok(m[0]);
      });
      child.once('exit', (code) => fail(new Error(`gotrap train exited with ${code}: ${out}`)));
    });
    // npm test builds the site before the tests run.
    assert.equal((await fetch(url)).status, 200, 'the page is served');
    const code = await new Promise<number | null>((ok) => {
      child.once('exit', (c) => ok(c));
      child.kill('SIGINT');
    });
    assert.equal(code, 0);
  });

  it('rejects a bad port', async () => {
    const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
    const child = spawn(process.execPath, [main, 'train', '--port', 'x'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const code = await new Promise<number | null>((ok) => child.once('exit', (c) => ok(c)));
    assert.equal(code, 2);
    assert.match(err, /--port: expected a number from 0 to 65535/);
  });
});
