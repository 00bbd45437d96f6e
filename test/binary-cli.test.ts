// `gotrap audit` on the command line: files, directories with Go binaries among other files,
// stdin, --target, the common flags, output formats and exit statuses. The binaries are built
// from testdata/binary during the run (see test/support/binaries.ts); the tests that need none
// run everywhere.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Built, buildFixtures, FIXTURES, missingTool } from './support/binaries.js';
import { findGo, needTool } from './support/toolchain.js';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');
const STACK = /at .*\.js:\d+|^\s+at .+:\d+:\d+\)?$/m;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function gotrap(cwd: string, args: string[], input?: Uint8Array): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', GOTRAP_STATS: '1' },
  });
  if (r.error) throw r.error;
  assert.equal(r.signal, null, `gotrap ${args.join(' ')} was killed (${r.signal}); stderr: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, STACK, `gotrap ${args.join(' ')} printed a stack trace`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  schemaVersion: number;
  findings: { rule: string; severity: string; lens: string; file: string; line?: number; message: string }[];
  summary: { files: number; findings: number; skipped: { file: string; reason: string }[] };
  binaries: { file: string; linkage: string; goVersion: string; glibcMax: string | null; runsOn: string[] }[];
}

function json(
  cwd: string,
  args: string[],
  input?: Uint8Array,
): { status: number | null; report: JsonReport; stderr: string } {
  const r = gotrap(cwd, ['audit', '--format', 'json', ...args], input);
  assert.ok(r.stdout.startsWith('{'), `JSON on stdout; stderr: ${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

const rulesOf = (r: JsonReport) => r.findings.map((f) => `${f.rule}:${f.severity}`).sort();

// ---------------------------------------------------------------------------------------------
// Without binaries

describe('gotrap audit: usage', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gotrap-audit-cli-'));
    writeFileSync(join(dir, 'notes.txt'), 'not a binary\n');
    writeFileSync(join(dir, 'script.sh'), '#!/bin/sh\necho hi\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('needs at least one path', () => {
    const r = gotrap(dir, ['audit']);
    assert.equal(r.status, 2);
  });
  it('exits 2 for a missing file', () => {
    const r = gotrap(dir, ['audit', 'nosuch']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no such file or directory: nosuch/);
  });
  it('exits 2 when nothing is a Go binary, saying why', () => {
    const r = gotrap(dir, ['audit', '.']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nothing to audit: no Go binaries in \./);
    assert.match(r.stderr, /notes\.txt: not an executable/);
  });
  it('exits 2 for a --target it does not understand', () => {
    const r = gotrap(dir, ['audit', '--target', 'debian:99', 'notes.txt']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--target: unknown image or distribution "debian:99"/);
  });
  it('lists and explains the BIN rules', () => {
    const rules = gotrap(dir, ['rules', '--format', 'json']);
    assert.equal(rules.status, 0);
    const ids = (JSON.parse(rules.stdout) as { id: string }[]).map((r) => r.id);
    for (let i = 1; i <= 8; i++) assert.ok(ids.includes(`BIN00${i}`), `BIN00${i} listed`);
    const explain = gotrap(dir, ['explain', 'cgo-stub-dependency']);
    assert.equal(explain.status, 0);
    assert.match(explain.stdout, /BIN004/);
    assert.match(explain.stdout, /requires cgo to work\. This is a stub/);
  });
});

// ---------------------------------------------------------------------------------------------
// With binaries

const go = findGo();
const goSkip = needTool('go', go);
const NAMES = ['static', 'netcgo', 'cgostatic', 'windows'];

function skipOf(name: string): false | string {
  if (goSkip) return goSkip;
  const f = FIXTURES.find((x) => x.name === name)!;
  const missing = missingTool(f);
  return missing ? needTool(missing.split(' ')[0], false) : false;
}

describe('gotrap audit: binaries built with the Go toolchain on PATH', { skip: goSkip }, () => {
  let dir = '';
  let built = new Map<string, Built>();
  /** A directory of binaries among other files: bin/{static,netcgo}, text, an empty file, a hidden dir. */
  let tree = '';

  before(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'gotrap-audit-cli-'));
      built = await buildFixtures(go!.bin, join(dir, 'build'), NAMES);
      tree = join(dir, 'tree');
      mkdirSync(join(tree, 'bin'), { recursive: true });
      mkdirSync(join(tree, 'docs'), { recursive: true });
      mkdirSync(join(tree, '.cache'), { recursive: true });
      for (const n of ['static', 'netcgo']) {
        const p = built.get(n)?.path;
        if (p) copyFileSync(p, join(tree, 'bin', n));
      }
      if (built.get('static')?.path) copyFileSync(built.get('static')!.path!, join(tree, '.cache', 'hidden'));
      writeFileSync(join(tree, 'README.md'), '# tools\n');
      writeFileSync(join(tree, 'docs', 'run.sh'), '#!/bin/sh\nexec ./bin/static\n');
      writeFileSync(join(tree, 'empty'), '');
      // An ELF header and nothing else: malformed, skipped with a reason.
      writeFileSync(
        join(tree, 'broken.elf'),
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      );
    },
    { timeout: 900_000 },
  );
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('text: describes the binary and exits 0 without findings', { skip: skipOf('static') }, () => {
    const r = gotrap(join(dir, 'build'), ['audit', 'static']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^static: ELF linux\/amd64, go1\.\d+(\.\d+)?, no cgo, static$/m);
    assert.match(r.stdout, /runs on: /);
    assert.match(r.stdout, /no findings in 1 file/);
    const quiet = gotrap(join(dir, 'build'), ['audit', '--quiet', 'static']);
    assert.equal(quiet.stdout, '');
  });

  it('a directory: finds the Go binaries among other files and lists the rest as skipped, without findings', {
    skip: skipOf('static') || skipOf('netcgo'),
  }, () => {
    const { status, report } = json(tree, ['.']);
    assert.equal(status, 0);
    assert.deepEqual(
      report.binaries.map((b) => b.file),
      ['bin/netcgo', 'bin/static'],
    );
    assert.equal(report.summary.files, 2);
    const skipped = Object.fromEntries(report.summary.skipped.map((s) => [s.file, s.reason]));
    assert.deepEqual(Object.keys(skipped).sort(), ['README.md', 'broken.elf', 'docs/run.sh', 'empty']);
    assert.match(skipped['README.md'], /not an executable/);
    assert.match(skipped['broken.elf'], /malformed/);
    assert.ok(!report.findings.some((f) => f.rule === 'GT004'), 'no finding per skipped file');
    assert.ok(!report.binaries.some((b) => b.file.includes('.cache')), 'hidden directories are not walked');
    for (const f of report.findings) {
      assert.equal(f.lens, 'binary');
      assert.equal(f.line, undefined, 'binary findings carry no line');
    }
    assert.deepEqual(rulesOf(report), ['BIN002:info']);
    assert.equal(report.findings[0].file, 'bin/netcgo');
  });

  it('a file named explicitly that is not a Go binary is a GT004 info finding', {
    skip: skipOf('static'),
  }, () => {
    const { status, report } = json(tree, ['bin/static', 'README.md']);
    assert.equal(status, 0);
    assert.deepEqual(rulesOf(report), ['GT004:info']);
    assert.deepEqual(
      report.summary.skipped.map((s) => s.file),
      ['README.md'],
    );
  });

  it('--target decides the exit status: 1 for an error, 0 with --fail-on none', {
    skip: skipOf('netcgo'),
  }, () => {
    const old = json(tree, ['--target', 'debian:10', 'bin/netcgo']);
    assert.equal(old.status, 1);
    assert.deepEqual(rulesOf(old.report), ['BIN002:error']);
    const alpine = json(tree, ['--target', 'linux/amd64,alpine', 'bin/netcgo']);
    assert.equal(alpine.status, 1);
    assert.deepEqual(rulesOf(alpine.report), ['BIN003:error']);
    assert.equal(json(tree, ['--target', 'debian:10', '--fail-on', 'none', 'bin/netcgo']).status, 0);
    const arm = json(tree, ['--target', 'linux/arm64', 'bin/static']);
    assert.deepEqual([arm.status, rulesOf(arm.report)], [1, ['BIN008:error']]);
  });

  it('--rules, --severity and --fail-on filter like scan', { skip: skipOf('netcgo') }, () => {
    const only = json(tree, ['--target', 'alpine', '--rules', 'BIN002', 'bin/netcgo']);
    assert.deepEqual(
      [only.status, rulesOf(only.report)],
      [0, []],
      'BIN003 not selected; BIN002 is silent on musl',
    );
    const errorsOnly = json(tree, ['--severity', 'error', 'bin/netcgo']);
    assert.deepEqual([errorsOnly.status, rulesOf(errorsOnly.report)], [0, []]);
    const strict = json(tree, ['--fail-on', 'info', 'bin/netcgo']);
    assert.deepEqual([strict.status, rulesOf(strict.report)], [1, ['BIN002:info']]);
  });

  it('stdin: - reads the binary from standard input', { skip: skipOf('static') }, () => {
    const { status, report } = json(tree, ['-'], readFileSync(join(tree, 'bin', 'static')));
    assert.equal(status, 0);
    assert.deepEqual(
      report.binaries.map((b) => b.file),
      ['-'],
    );
  });

  it('cgostatic: BIN001 fails the run; SARIF and GitHub output carry it without a line', {
    skip: skipOf('cgostatic'),
  }, () => {
    const cwd = join(dir, 'build');
    const { status, report } = json(cwd, ['cgostatic']);
    assert.equal(status, 1);
    assert.deepEqual(rulesOf(report), ['BIN001:error']);
    const sarif = gotrap(cwd, ['audit', '--format', 'sarif', 'cgostatic']);
    assert.equal(sarif.status, 1);
    const run = (
      JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: unknown[] }[] }[] }
    ).runs[0];
    assert.deepEqual(
      run.results.map((r) => r.ruleId),
      ['BIN001'],
    );
    const gh = gotrap(cwd, ['audit', '--format', 'github', 'cgostatic']);
    assert.match(gh.stdout, /^::error file=cgostatic,title=BIN001 static-glibc-nss::/m);
  });

  it('a Windows binary is audited too (PE)', { skip: skipOf('windows') }, () => {
    const { status, report } = json(join(dir, 'build'), ['windows.exe']);
    assert.equal(status, 0);
    assert.equal(report.binaries[0].linkage, 'pie');
  });

  it('large files are read lazily, not loaded whole', { skip: skipOf('static') }, () => {
    const big = join(dir, 'big');
    copyFileSync(join(tree, 'bin', 'static'), big);
    // A sparse tail of 2 GiB: reading the whole file would take seconds and gigabytes.
    truncateSync(big, 2 * 1024 * 1024 * 1024);
    const started = Date.now();
    const r = gotrap(dir, ['audit', '--format', 'json', 'big']);
    assert.equal(r.status, 0, r.stderr);
    const stats = JSON.parse(/GOTRAP_STATS (\{.*\})/.exec(r.stderr)?.[1] ?? '{}') as { maxRssKB?: number };
    assert.ok((stats.maxRssKB ?? 0) < 512 * 1024, `peak RSS ${stats.maxRssKB} KB`);
    assert.ok(Date.now() - started < 60_000);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.binaries[0].linkage, 'static');
  });
});
