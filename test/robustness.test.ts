// Hostile and odd inputs for `gotrap scan`: the real CLI must never print a stack trace, never
// hang, report what it could not read in `summary.skipped` (GT004) and exit as design.md says.
// The CLI runs with its stdin left open, so reading stdin by mistake would show up as a hang.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');
const STACK = /at .*\.js:\d+|^\s+at .+:\d+:\d+\)?$/m;
const TIMEOUT = 30_000;
/** node:test's own limit, a little above the child's, in case the child cannot be killed. */
const T = { timeout: TIMEOUT + 10_000 };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; kills it (and fails) when it takes longer than TIMEOUT. */
function gotrap(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', GOTRAP_STATS: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      try {
        assert.ok(!timedOut, `gotrap ${args.join(' ')} hung (killed after ${TIMEOUT} ms)`);
        assert.doesNotMatch(stderr, STACK, `gotrap ${args.join(' ')} printed a stack trace:\n${stderr}`);
        resolvePromise({ status, stdout, stderr });
      } catch (e) {
        reject(e);
      }
    });
  });
}

interface Report {
  findings: {
    rule: string;
    severity: string;
    file: string;
    line?: number;
    column?: number;
    message: string;
  }[];
  summary: { files: number; findings: number; skipped: { file: string; reason: string }[] };
}

async function scanJson(cwd: string, ...args: string[]): Promise<{ status: number | null; report: Report }> {
  const r = await gotrap(cwd, 'scan', '--format', 'json', ...args);
  return { status: r.status, report: JSON.parse(r.stdout) as Report };
}

const keys = (r: Report): string[] => r.findings.map((f) => `${f.rule} ${f.file}:${f.line ?? '-'}`);
const skippedReason = (r: Report, file: string): string | undefined =>
  r.summary.skipped.find((s) => s.file === file)?.reason;

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function fixture(files: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'gotrap-robust-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, ...path.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

const GO_MOD = 'module example.com/robust\n\ngo 1.22\n';
/** LN001 on line 3, column 1. */
const BAD = 'package x\n\n//go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n';

/** Asserts a GT004 finding exists for `file` and that it is listed as skipped with a reason. */
function assertSkipped(r: Report, file: string, reason: RegExp): void {
  const why = skippedReason(r, file);
  assert.ok(why, `${file} is not in summary.skipped: ${JSON.stringify(r.summary.skipped)}`);
  assert.match(why, reason);
  const gt004 = r.findings.find((f) => f.rule === 'GT004' && f.file === file);
  assert.ok(gt004, `no GT004 for ${file}`);
  assert.equal(gt004.severity, 'info');
}

describe('robustness: broken and hostile files', () => {
  it('a file with syntax errors still gets later findings, plus GT001', T, async () => {
    const dir = fixture({
      'go.mod': GO_MOD,
      'broken.go':
        'package x\n\nfunc broken( {\n\treturn ]]\n}\n\ntype T struct {\n\n' +
        '//go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n',
    });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assert.ok(keys(report).includes('LN001 broken.go:9'), keys(report).join('\n'));
    const gt001 = report.findings.filter((f) => f.rule === 'GT001');
    assert.ok(gt001.length >= 1);
    assert.equal(gt001[0].file, 'broken.go');
    assert.equal(gt001[0].severity, 'info');
    assert.equal(gt001[0].line, 3);
  });

  it('binary junk named x.go is skipped (GT004) and exits 0', T, async () => {
    const junk = randomBytes(4096);
    junk[0] = 0x7f;
    junk[17] = 0;
    junk[1000] = 0;
    const dir = fixture({ 'go.mod': GO_MOD, 'x.go': junk, 'ok.go': 'package x\n\nfunc F() {}\n' });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 0);
    assertSkipped(report, 'x.go', /binary/);
    assert.deepEqual(
      report.findings.map((f) => f.rule),
      ['GT004'],
    );
    assert.equal(report.summary.files, 1);
    const text = await gotrap(dir, 'scan');
    assert.equal(text.status, 0);
    assert.match(text.stdout, /x\.go: info GT004 skipped-file: skipped: binary/);
  });

  it('a Go file over 5 MB is skipped with its size; the others are scanned', T, async () => {
    const big = `package x\n${'// padding padding padding padding padding padding padding padding\n'.repeat(80_000)}`;
    assert.ok(big.length > 5 * 1024 * 1024);
    const dir = fixture({ 'go.mod': GO_MOD, 'big.go': big, 'bad.go': BAD });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assertSkipped(report, 'big.go', new RegExp(`larger than 5 MB \\(${big.length} bytes\\)`));
    assert.deepEqual(keys(report), ['LN001 bad.go:3', 'GT004 big.go:-']);
    assert.equal(report.summary.files, 1);
  });

  it('a Go file of exactly 5 MiB is still scanned', T, async () => {
    const limit = 5 * 1024 * 1024;
    const pad = '// padding padding padding padding padding padding padding padding\n';
    let text = BAD + pad.repeat(Math.floor((limit - BAD.length) / pad.length));
    text += `${'/'.repeat(limit - text.length - 1)}\n`;
    assert.equal(Buffer.byteLength(text), limit);
    const dir = fixture({ 'go.mod': GO_MOD, 'edge.go': text });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assert.deepEqual(keys(report), ['LN001 edge.go:3']);
    assert.deepEqual(report.summary.skipped, []);
  });

  it('a file that cannot be read is skipped with a reason', T, async (t) => {
    // chmod 000 does not stop root, so the test uses a link to /proc/self/mem: it opens and
    // stats as a regular file of size 0, but reading from offset 0 fails with EIO (the page at
    // address 0 is never mapped). When not root, a chmod 000 file is tried as well.
    const dir = fixture({ 'go.mod': GO_MOD, 'ok.go': BAD });
    const candidates: string[] = [];
    try {
      symlinkSync('/proc/self/mem', join(dir, 'mem.go'));
      readFileSync(join(dir, 'mem.go'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EIO') candidates.push('mem.go');
    }
    if (process.getuid?.() !== 0 && process.platform !== 'win32') {
      writeFileSync(join(dir, 'locked.go'), BAD, { mode: 0o000 });
      try {
        readFileSync(join(dir, 'locked.go'));
      } catch {
        candidates.push('locked.go');
      }
    }
    if (candidates.length === 0) {
      t.skip('no way to make an unreadable file on this system');
      return;
    }
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1); // ok.go's LN001; the unreadable files do not fail the run
    for (const file of candidates) assertSkipped(report, file, /unreadable|permission denied/);
    assert.ok(keys(report).includes('LN001 ok.go:3'));
  });

  it('a file symlink loop is skipped; a directory link cycle does not hang', T, async () => {
    const dir = fixture({ 'go.mod': GO_MOD, 'sub/s.go': BAD });
    symlinkSync('b.go', join(dir, 'a.go'));
    symlinkSync('a.go', join(dir, 'b.go'));
    symlinkSync('..', join(dir, 'sub', 'loop'));
    symlinkSync('.', join(dir, 'sub', 'self'));
    symlinkSync('s.go', join(dir, 'sub', 'alias.go'));
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assertSkipped(report, 'a.go', /symbolic link loop/);
    assertSkipped(report, 'b.go', /symbolic link loop/);
    // Links to files are followed (alias.go), links to directories are not: s.go once.
    assert.deepEqual(
      keys(report).filter((k) => k.startsWith('LN001')),
      ['LN001 sub/alias.go:3', 'LN001 sub/s.go:3'],
    );
    // Naming the looping link explicitly is no trap either.
    const loop = await scanJson(dir, 'sub/loop');
    assert.ok(loop.status === 0 || loop.status === 1);
    const named = await scanJson(dir, 'a.go');
    assert.equal(named.status, 0);
    assertSkipped(named.report, 'a.go', /symbolic link loop/);
  });

  it('a FIFO named p.go does not block the scan', T, async (t) => {
    const dir = fixture({ 'go.mod': GO_MOD, 'ok.go': BAD });
    const mk = spawnSync('mkfifo', [join(dir, 'p.go')]);
    if (mk.error || mk.status !== 0) {
      t.skip('mkfifo is not available');
      return;
    }
    symlinkSync('p.go', join(dir, 'q.go'));
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assertSkipped(report, 'p.go', /not a regular file/);
    assertSkipped(report, 'q.go', /not a regular file/);
    assert.ok(keys(report).includes('LN001 ok.go:3'));
    const named = await scanJson(dir, 'p.go');
    assert.equal(named.status, 0);
    assertSkipped(named.report, 'p.go', /not a regular file/);
  });

  it('a directory named d.go is walked, not read', T, async () => {
    const dir = fixture({ 'go.mod': GO_MOD, 'd.go/inner.go': BAD });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assert.deepEqual(keys(report), ['LN001 d.go/inner.go:3']);
    assert.deepEqual(report.summary.skipped, []);
  });
});

describe('robustness: nothing to scan and bad arguments', () => {
  it('a nonexistent path exits 2 naming it', T, async () => {
    const dir = fixture({ 'go.mod': GO_MOD, 'ok.go': BAD });
    const r = await gotrap(dir, 'scan', 'nope', '.');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no such file or directory: nope/);
  });

  it('an empty directory, or one with no Go files, exits 2 "nothing to scan"', T, async () => {
    const empty = fixture();
    const r = await gotrap(empty, 'scan');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /nothing to scan/);
    const notGo = fixture({ 'README.md': '# hi\n', 'testdata/x.go': BAD, '.git/y.go': BAD });
    const r2 = await gotrap(notGo, 'scan', '--format', 'json');
    assert.equal(r2.status, 2);
    assert.equal(r2.stdout, '');
    assert.match(r2.stderr, /nothing to scan/);
  });

  it('unknown flags and commands exit 2', T, async () => {
    const dir = fixture({ 'go.mod': GO_MOD, 'ok.go': BAD });
    const bogus = await gotrap(dir, 'scan', '--bogus');
    assert.equal(bogus.status, 2);
    assert.match(bogus.stderr, /unknown option '--bogus'/);
    const cmd = await gotrap(dir, 'frobnicate');
    assert.equal(cmd.status, 2);
    assert.match(cmd.stderr, /unknown command/);
    const go = await gotrap(dir, 'scan', '--go', 'banana');
    assert.equal(go.status, 2);
    assert.match(go.stderr, /--go: "banana" is not a Go version/);
  });

  it('scan does not read stdin: `-` is just a path that does not exist', T, async () => {
    const dir = fixture({ 'go.mod': GO_MOD, 'ok.go': BAD });
    const r = await gotrap(dir, 'scan', '-');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no such file or directory: -/);
  });
});

describe('robustness: odd but valid text', () => {
  it('an empty .go file and a bare package clause yield nothing', T, async () => {
    const dir = fixture({ 'go.mod': GO_MOD, 'empty.go': '', 'only.go': 'package x' });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 0);
    assert.equal(report.summary.files, 2);
    assert.deepEqual(report.summary.skipped, []);
    // gc rejects an empty file ("expected 'package'"); gotrap may say so with GT001 and nothing else.
    assert.ok(
      report.findings.every((f) => f.rule === 'GT001' && f.file === 'empty.go'),
      keys(report).join(),
    );
    const only = await scanJson(dir, 'only.go');
    assert.deepEqual(only.report.findings, []);
  });

  it('a leading byte order mark changes nothing', T, async () => {
    const dir = fixture({ 'go.mod': GO_MOD, 'bom.go': `\ufeff${BAD}` });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assert.deepEqual(keys(report), ['LN001 bom.go:3']);
    assert.equal(report.findings[0].column, 1);
  });

  it('CRLF line endings keep line numbers and suppression reasons right', T, async () => {
    const crlf = (s: string): string => s.replace(/\n/g, '\r\n');
    const dir = fixture({
      'go.mod': crlf(GO_MOD),
      'crlf.go': crlf(
        'package x\n\nimport "fmt"\n\n//go:linkname a runtime.nanotime\nfunc a() int64\n\n' +
          '//gotrap:ignore LN001 -- windows checkout\n//go:linkname b runtime.nanotime\nfunc b() int64\n\n' +
          'var _ = fmt.Sprint\n',
      ),
    });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assert.deepEqual(keys(report), ['LN001 crlf.go:5']);
    assert.equal(report.findings[0].column, 1);
    const sarif = JSON.parse((await gotrap(dir, 'scan', '--format', 'sarif')).stdout) as {
      runs: { results: { suppressions?: { justification?: string }[] }[] }[];
    };
    const justifications = sarif.runs[0].results
      .flatMap((r) => r.suppressions ?? [])
      .map((s) => s.justification);
    assert.deepEqual(justifications, ['windows checkout']);
    const text = await gotrap(dir, 'scan');
    assert.doesNotMatch(text.stdout, /\r/);
  });

  it('a file that is not UTF-8 is scanned, with right line numbers', T, async () => {
    const latin1 = Buffer.concat([
      Buffer.from('package x\n\n// caf'),
      Buffer.from([0xe9, 0x20, 0xff, 0xfe, 0x0a]),
      Buffer.from('var s = "'),
      Buffer.from([0xe9, 0x22, 0x0a]),
      Buffer.from('//go:linkname c runtime.nanotime\nfunc c() int64\n'),
    ]);
    const dir = fixture({ 'go.mod': GO_MOD, 'latin1.go': latin1 });
    const { status, report } = await scanJson(dir);
    assert.equal(status, 1);
    assert.deepEqual(
      keys(report).filter((k) => !k.startsWith('GT001')),
      ['LN001 latin1.go:5'],
    );
    const text = await gotrap(dir, 'scan');
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^latin1\.go:5:1: error LN001/m);
  });
});
