// `gotrap triage` on the command line — files, stdin, formats, exit statuses, inputs that are not
// logs — and then real crashes: with Go installed, the programs in testdata/crash/programs and the
// repository's bad LN/CGO cases are built and crashed during the run, and what they print must
// triage the way the captured fixture of the same crash does (testdata/crash/go1.19, go1.23).
// Without Go those tests are skipped with a visible reason (under CI=true a missing go fails).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { triageText } from '../src/crash/triage.js';
import { byRuleLine, CRASH_TESTDATA, type Expect, summarize } from './support/crash-fixtures.js';
import { findGoToolchains, type GoTool, hasCommand, needTool } from './support/toolchain.js';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');
const REPO_TESTDATA = join(import.meta.dirname, '..', '..', 'testdata', 'src');
const PROGRAMS = join(CRASH_TESTDATA, 'programs');
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function gotrap(cwd: string, args: string[], input?: string | Uint8Array): Run {
  const r = spawnSync(process.execPath, [CLI, 'triage', ...args], {
    cwd,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  assert.equal(
    r.signal,
    null,
    `gotrap triage ${args.join(' ')} was killed (${r.signal}); stderr: ${r.stderr}`,
  );
  assert.doesNotMatch(r.stderr, STACK, `gotrap triage ${args.join(' ')} printed a stack trace`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface CrashObject {
  kind: string;
  cause: string | null;
  exitStatus: number | null;
  goroutines: number;
  panicGoroutine: number | null;
  buckets: { count: number; state: string; frames: { func: string; file?: string; line?: number }[] }[];
}

interface JsonReport {
  findings: {
    rule: string;
    severity: string;
    lens: string;
    file: string;
    line?: number;
    related?: { rule?: string }[];
  }[];
  summary: { files: number; findings: number };
  crash: CrashObject;
}

function json(
  cwd: string,
  args: string[],
  input?: string | Uint8Array,
): { status: number | null; report: JsonReport } {
  const r = gotrap(cwd, ['--format', 'json', ...args], input);
  assert.ok(r.stdout.startsWith('{'), `JSON on stdout; stderr: ${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport };
}

const fixture = (name: string) => join(CRASH_TESTDATA, `${name}.log`);
const expectOf = (name: string) =>
  JSON.parse(readFileSync(join(CRASH_TESTDATA, `${name}.expect.json`), 'utf8')) as Expect;

describe('gotrap triage: command line', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gotrap-triage-'));
    cpSync(CRASH_TESTDATA, join(dir, 'crash'), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file: text report, exit 1 for an error-severity class', () => {
    const r = gotrap(dir, ['crash/go1.19/init-deadlock.log']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^crash\/go1\.19\/init-deadlock\.log: Go runtime fatal error in goroutine 1/m);
    assert.match(r.stdout, /cause: CR001 /);
    assert.match(r.stdout, /^crash\/go1\.19\/init-deadlock\.log:1: error CR001 init-deadlock: /m);
    assert.match(r.stdout, /fatal error: all goroutines are asleep - deadlock!/);
    assert.match(r.stdout, /RT001/);
  });
  it('exits 0 when only warnings remain (default --fail-on error), 1 with --fail-on warning', () => {
    assert.equal(gotrap(dir, ['crash/go1.19/deadlock.log']).status, 0);
    assert.equal(gotrap(dir, ['crash/go1.19/deadlock.log', '--fail-on', 'warning']).status, 1);
    assert.equal(gotrap(dir, ['crash/go1.19/init-deadlock.log', '--fail-on', 'none']).status, 0);
  });
  it('writes the crash object in JSON', () => {
    const { status, report } = json(dir, ['crash/go1.19/thread-exhaustion.log']);
    assert.equal(status, 0);
    const c = report.crash;
    assert.deepEqual(Object.keys(c).slice(0, 5), [
      'kind',
      'cause',
      'exitStatus',
      'exitStatusInferred',
      'goroutines',
    ]);
    assert.equal(c.kind, 'fatal');
    assert.equal(c.cause, 'CR006');
    assert.equal(c.exitStatus, 2);
    assert.equal(c.goroutines, 45);
    assert.equal(c.panicGoroutine, 1);
    assert.ok(c.buckets.length > 0);
    for (const b of c.buckets) {
      assert.equal(typeof b.count, 'number');
      assert.equal(typeof b.state, 'string');
      assert.ok(Array.isArray(b.frames));
    }
    assert.deepEqual(
      report.findings.map((f) => [f.rule, f.file, f.line, f.lens]),
      [['CR006', 'crash/go1.19/thread-exhaustion.log', 1, 'crash']],
    );
    assert.ok(report.findings[0].related?.some((r) => r.rule === 'CGO010'));
  });
  it('reads stdin without a file and with -', () => {
    const log = readFileSync(fixture('go1.19/goroutine-panic'), 'utf8');
    for (const args of [[], ['-']]) {
      const { report } = json(dir, args, log);
      assert.equal(report.crash.cause, 'CR003');
      assert.deepEqual(
        report.findings.map((f) => [f.rule, f.file, f.line]),
        [['CR003', '-', 1]],
      );
    }
  });
  it('unwraps container logs read from stdin', () => {
    const { report } = json(dir, [], readFileSync(fixture('wrapped/docker-json-goroutine-panic'), 'utf8'));
    assert.equal(report.crash.cause, 'CR003');
    assert.deepEqual(
      report.findings.map((f) => f.line),
      [2],
    );
  });
  it('--rules and --severity narrow the findings', () => {
    const log = 'crash/handwritten/morestack-on-g0.log';
    assert.deepEqual(
      json(dir, [log]).report.findings.map((f) => f.rule),
      ['CR008', 'CR016'],
    );
    const only = json(dir, [log, '--rules', 'CR016']).report;
    assert.deepEqual(
      only.findings.map((f) => f.rule),
      ['CR016'],
    );
    assert.equal(only.crash.cause, 'CR016');
    assert.deepEqual(
      json(dir, [log, '--rules', 'c-code-crash']).report.findings.map((f) => f.rule),
      ['CR016'],
    );
    const bad = gotrap(dir, [log, '--rules', 'CGO001']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown rule "CGO001"/);
  });
  it('writes SARIF and GitHub annotations', () => {
    const sarif = gotrap(dir, ['crash/go1.19/static-nss.log', '--format', 'sarif']);
    const doc = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] };
    assert.deepEqual(
      doc.runs[0].results.map((r) => r.ruleId),
      ['CR005'],
    );
    const gh = gotrap(dir, ['crash/go1.19/static-nss.log', '--format', 'github']);
    assert.match(gh.stdout, /^::error file=crash\/go1\.19\/static-nss\.log,line=1/m);
  });
  it('garbage is a result (kind unknown, no cause), exit 0', () => {
    const r = gotrap(dir, ['crash/handwritten/garbage.log']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /no Go crash, loader, link or build error recognised/);
    const { report } = json(dir, ['crash/handwritten/garbage.log']);
    assert.equal(report.crash.kind, 'unknown');
    assert.equal(report.crash.cause, null);
    assert.deepEqual(report.findings, []);
  });
  it('an executable, a compressed log or UTF-16 text: a clear message and exit 2', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['app', readFileSync(process.execPath).subarray(0, 1 << 20), /ELF executable.*gotrap audit/],
      ['crash.log.gz', gzipSync('panic: boom\n'), /gzip-compressed/],
      ['utf16.log', Buffer.from('\ufeffpanic: boom\n', 'utf16le'), /UTF-16/],
      ['blob.bin', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) % 251), /binary data/],
    ];
    for (const [name, bytes, why] of cases) {
      writeFileSync(join(dir, name), bytes);
      const r = gotrap(dir, [name]);
      assert.equal(r.status, 2, `${name}: ${r.stdout}`);
      assert.match(r.stderr, why, name);
      assert.equal(r.stdout, '');
      // Less than a pipe's buffer: gotrap stops reading at once, so a larger write would fail with EPIPE.
      const s = gotrap(dir, ['-'], bytes.subarray(0, 16 * 1024));
      assert.equal(s.status, 2, `${name} on stdin`);
      assert.match(s.stderr, /stdin is /);
    }
  });
  it('empty input, a missing file and a directory: exit 2 with a message', () => {
    writeFileSync(join(dir, 'empty.log'), '');
    writeFileSync(join(dir, 'blank.log'), '\n\n  \n');
    for (const [args, input, why] of [
      [['empty.log'], '', /nothing to triage: empty\.log is empty/],
      [['blank.log'], '', /nothing to triage/],
      [[], '', /nothing to triage: stdin is empty/],
      [['no-such.log'], '', /cannot read no-such\.log: ENOENT/],
      [['crash'], '', /crash is not a file/],
    ] as [string[], string, RegExp][]) {
      const r = gotrap(dir, args, input);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, why);
    }
  });
  it('streams a huge dump and a line without an end', () => {
    // 60,000 goroutines in three shapes, written as a file and read in chunks.
    const path = join(dir, 'huge.log');
    const fd = openSync(path, 'w');
    writeFileSync(fd, 'SIGQUIT: quit\nPC=0x46b5a1 m=0 sigcode=0\n\n');
    const shapes = [
      'goroutine %d [chan receive, 3 minutes]:\nmain.worker(0xc000010000)\n\t/src/app/w.go:12 +0x45\ncreated by main.main\n\t/src/app/main.go:9 +0x9d\n\n',
      'goroutine %d [IO wait]:\ninternal/poll.runtime_pollWait(0x7f, 0x72)\n\t/usr/local/go/src/runtime/netpoll.go:305 +0x89\n\n',
      'goroutine %d [select]:\nmain.loop()\n\t/src/app/loop.go:40 +0x12\n\n',
    ];
    let chunk = '';
    for (let i = 1; i <= 60_000; i++) {
      chunk += shapes[i % 3].replace('%d', String(i));
      if (chunk.length > 1 << 20) {
        writeFileSync(fd, chunk);
        chunk = '';
      }
    }
    writeFileSync(fd, chunk);
    closeSync(fd);
    const { report } = json(dir, ['huge.log']);
    assert.equal(report.crash.kind, 'dump');
    assert.equal(report.crash.goroutines, 60_000);
    assert.deepEqual(
      report.crash.buckets.map((b) => b.count),
      [20_000, 20_000, 20_000],
    );
    writeFileSync(join(dir, 'long.log'), `panic: ${'x'.repeat(3_000_000)}`);
    const long = json(dir, ['long.log']);
    assert.equal(long.report.crash.kind, 'panic');
  });
});

// ---------------------------------------------------------------------------------------------
// Real crashes

const toolchains = findGoToolchains();
const go119 = toolchains.find((t) => t.minor === 19);
const go123 = toolchains.find((t) => t.minor === 23);
const skip119 =
  needTool('go', toolchains.length > 0) ||
  (go119 ? false : `version: needs Go 1.19 (have ${toolchains.map((t) => t.version).join(', ')})`);
const skipCgo = skip119 || needTool('gcc', hasCommand('gcc'));

interface Proc {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved as written (both go to one file). */
  output: string;
}

/** Runs a command with stdout and stderr merged in order. */
function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Proc> {
  const out = join(opts.cwd, `.out-${process.hrtime.bigint()}`);
  const fd = openSync(out, 'w');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? goEnv(), stdio: ['ignore', fd, fd] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      closeSync(fd);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      closeSync(fd);
      resolvePromise({ status, signal, output: readFileSync(out, 'utf8') });
    });
  });
}

function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['GOARCH', 'GOOS', 'GOAMD64', 'GOTRACEBACK', 'GODEBUG', 'GOEXPERIMENT']) delete env[k];
  return {
    ...env,
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
    GO111MODULE: 'on',
    CGO_ENABLED: '1',
    ...extra,
  };
}

let work: string;

/** binfmt_misc has an aarch64 handler (qemu-user), so arm64 binaries run here. */
function arm64Emulated(): boolean {
  try {
    return readdirSync('/proc/sys/fs/binfmt_misc').some((n) => /aarch64|arm64/.test(n));
  } catch {
    return false;
  }
}

/** A fresh copy of a program (testdata/crash/programs/<name>) or a repository case directory. */
function copy(from: string, name: string): string {
  const dir = join(work, `${name}-${process.hrtime.bigint()}`);
  cpSync(from, dir, { recursive: true });
  return dir;
}

async function build(
  go: GoTool,
  dir: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<string> {
  const r = await run(go.bin, ['build', '-o', 'app', ...args, '.'], { cwd: dir, env: goEnv(env) });
  assert.equal(r.status, 0, `go build failed:\n${r.output}`);
  return join(dir, 'app');
}

/** Triage of real output must agree with the captured fixture of the same crash (exit status aside). */
function assertLike(output: string, fixtureName: string): void {
  const got = summarize(triageText(output, { file: 'live.log' }));
  const want = expectOf(fixtureName);
  const detail = `output:\n${output.slice(0, 4000)}`;
  assert.equal(got.cause, want.cause, detail);
  assert.equal(got.kind, want.kind, detail);
  assert.deepEqual(got.findings, [...want.findings].sort(byRuleLine), detail);
}

describe('gotrap triage: real crashes from Go 1.19', { concurrency: 4 }, () => {
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'gotrap-crash-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const program = (name: string) => copy(join(PROGRAMS, name), name);

  // [program, fixture, exit status the catalog says, cgo?]
  const direct: [string, string, number, boolean][] = [
    ['initdeadlock', 'go1.19/init-deadlock', 2, false],
    ['deadlock', 'go1.19/deadlock', 2, false],
    ['gopanic', 'go1.19/goroutine-panic', 2, false],
    ['cgoptr', 'go1.19/cgo-pointer', 2, true],
    ['threads', 'go1.19/thread-exhaustion', 2, true],
    ['sigonstack', 'go1.19/signal-onstack', 2, true],
    ['cseg', 'go1.19/c-segfault', 2, true],
    ['cabort', 'go1.19/c-abort', 2, true],
    ['mapw', 'go1.19/concurrent-map-writes', 2, false],
    ['stack', 'go1.19/stack-overflow', 2, false],
  ];
  for (const [name, fix, status, cgo] of direct) {
    const cause = expectOf(fix).cause;
    it(`${name}: ${cause}, exit status ${status}`, {
      skip: cgo ? skipCgo : skip119,
      timeout: 300_000,
    }, async () => {
      const bin = await build(go119!, program(name));
      const r = await run(bin, [], { cwd: work });
      assert.equal(r.status, status, r.output);
      assertLike(r.output, fix);
    });
  }

  it('static glibc NSS lookup: CR005 (machine-dependent)', { skip: skipCgo, timeout: 300_000 }, async (t) => {
    const dir = program('nss');
    const linked = await run(
      go119!.bin,
      ['build', '-o', 'app', '-ldflags', '-linkmode external -extldflags -static', '.'],
      {
        cwd: dir,
      },
    );
    if (linked.status !== 0) {
      t.skip(`static glibc link failed here (no libc.a?): testdata/crash/go1.19/static-nss.log covers CR005`);
      return;
    }
    // The link warnings are CR013 (BLD001) on their own.
    assertLike(linked.output, 'go1.19/static-nss-link-warnings');
    const r = await run(join(dir, 'app'), [], { cwd: work });
    if (r.status === 0) {
      t.skip(
        'the lookup did not crash on this machine (its nsswitch.conf names no dlopened service for passwd); the captured testdata/crash/go1.19/static-nss.log covers CR005',
      );
      return;
    }
    assert.equal(r.status, 2, r.output);
    assertLike(r.output, 'go1.19/static-nss');
  });

  it('missing shared library: CR010, exit status 127', { skip: skipCgo, timeout: 300_000 }, async () => {
    const dir = program('missinglib');
    const lib = spawnSync('gcc', ['-shared', '-fPIC', '-o', 'lib/libgreet.so', 'lib/greet.c'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(lib.status, 0, lib.stderr);
    const bin = await build(go119!, dir);
    rmSync(join(dir, 'lib'), { recursive: true });
    const r = await run(bin, [], { cwd: dir });
    assert.equal(r.status, 127, r.output);
    const got = summarize(triageText(r.output, { file: 'live.log' }));
    assert.deepEqual(
      [got.cause, got.kind, got.exitStatus, got.findings],
      ['CR010', 'loader', 127, [['CR010', 1]]],
    );
  });

  it('arm64 binary on this machine: CR011, shells exit 126', {
    skip: skip119 || needTool('bash', hasCommand('bash')),
    timeout: 300_000,
  }, async (t) => {
    if (process.arch !== 'x64') {
      t.skip(`needs an amd64 host (this is ${process.arch})`);
      return;
    }
    const bin = await build(go119!, program('arm'), [], { GOARCH: 'arm64', CGO_ENABLED: '0' });
    if (arm64Emulated()) {
      t.skip('an arm64 emulator is registered with binfmt_misc: the binary would run');
      return;
    }
    for (const shell of ['bash', 'sh']) {
      const r = await run(shell, ['-c', bin], { cwd: work });
      assert.equal(r.status, 126, `${shell}: ${r.output}`);
      const got = summarize(triageText(r.output, { file: 'live.log' }));
      assert.deepEqual([got.cause, got.findings], ['CR011', [['CR011', 1]]], r.output);
    }
    const launcher = await build(go119!, program('launcher'));
    const r = await run(launcher, [bin], { cwd: work });
    assert.match(r.output, /fork\/exec .*: exec format error/);
    assert.equal(summarize(triageText(r.output, { file: 'live.log' })).cause, 'CR011');
  });

  it('missing program interpreter: CR010 (bash 127; os/exec ENOENT as a warning)', {
    skip: skipCgo,
    timeout: 300_000,
  }, async () => {
    const bin = await build(go119!, program('interp'), ['-ldflags', '-I /lib/ld-gotrap-missing.so.1']);
    const bash = await run('bash', ['-c', bin], { cwd: work });
    assert.equal(bash.status, 127, bash.output);
    assertLike(bash.output, 'go1.19/missing-interpreter-bash');
    const launcher = await build(go119!, program('launcher'));
    const r = await run(launcher, [bin], { cwd: work });
    assert.match(r.output, /fork\/exec .*: no such file or directory/);
    const tr = triageText(r.output, { file: 'live.log' });
    assert.equal(tr.crash.cause, 'CR010');
    assert.equal(tr.findings[0].severity, 'warning');
  });

  it('CGO_ENABLED=0 with a cgo-only package: CR014', { skip: skip119, timeout: 300_000 }, async () => {
    const r = await run(go119!.bin, ['run', '.'], { cwd: program('stub'), env: goEnv({ CGO_ENABLED: '0' }) });
    assert.notEqual(r.status, 0);
    assertLike(r.output, 'go1.19/cgo-stub');
  });

  it('race detector: CR015, exit status 66', { skip: skipCgo, timeout: 300_000 }, async () => {
    const bin = await build(go119!, program('race'), ['-race']);
    const r = await run(bin, [], { cwd: work });
    assert.equal(r.status, 66, r.output);
    assertLike(r.output, 'go1.19/data-race');
  });

  it('test panic: a panic, but not CR003', { skip: skip119, timeout: 300_000 }, async () => {
    const r = await run(go119!.bin, ['test', '-count=1', '.'], { cwd: program('testpanic') });
    assert.equal(r.status, 1, r.output);
    assertLike(r.output, 'go1.19/test-panic');
  });

  it('GOTRACEBACK=crash: SIGABRT (134 in a shell), no SIGABRT line, exit status unknown', {
    skip: skip119,
    timeout: 300_000,
  }, async () => {
    const bin = await build(go119!, program('gopanic'));
    const r = await run(bin, [], { cwd: work, env: { ...goEnv(), GOTRACEBACK: 'crash' } });
    assert.equal(r.signal, 'SIGABRT', r.output);
    assert.doesNotMatch(r.output, /SIGABRT/);
    const tr = triageText(r.output, { file: 'live.log' });
    assert.equal(tr.crash.cause, 'CR003');
    assert.equal(tr.crash.exitStatus, null);
  });

  // The repository's own bad cases: build (or vet) output is CR013 naming the source rule.
  const builds: [string, 'build' | 'vet', string, string][] = [
    ['LN005/bad_typo_nanotme', 'build', 'go1.19/link-linkname-typo', 'LN005'],
    ['LN005/bad_intrinsic_callersp', 'build', 'go1.19/link-undefined-builtin', 'LN005'],
    ['LN002/bad_push_nanotime', 'build', 'go1.19/link-duplicate-definition', 'LN002'],
    ['LN001/bad_single_import', 'build', 'go1.19/compile-linkname-without-unsafe', 'LN001'],
    ['CGO008/bad_main_link_fails', 'build', 'go1.19/link-undefined-reference', 'CGO008'],
    ['CGO012/bad_internal_test_block_preamble', 'vet', 'go1.19/vet-cgo-in-test', 'CGO012'],
  ];
  for (const [tcase, cmd, fix, rule] of builds) {
    it(`go ${cmd} ${tcase}: CR013 → ${rule}`, {
      skip: rule.startsWith('CGO') ? skipCgo : skip119,
      timeout: 300_000,
    }, async () => {
      const r = await run(go119!.bin, [cmd, './...'], { cwd: copy(join(REPO_TESTDATA, tcase), 'case') });
      assert.notEqual(r.status, 0, r.output);
      assertLike(r.output, fix);
      const f = triageText(r.output, { file: 'live.log' }).findings[0];
      assert.ok(
        f.related?.some((x) => x.rule === rule),
        `${rule} not related: ${JSON.stringify(f.related)}`,
      );
    });
  }

  it('the CLI reads a real crash from a pipe', { skip: skip119, timeout: 300_000 }, async () => {
    const bin = await build(go119!, program('initdeadlock'));
    const r = await run(bin, [], { cwd: work });
    const { status, report } = json(work, [], r.output);
    assert.equal(status, 1);
    assert.equal(report.crash.cause, 'CR001');
    assert.equal(report.crash.exitStatus, 2);
  });
});

describe('gotrap triage: real output from Go 1.23', { concurrency: 4 }, () => {
  const skip23 =
    needTool('go', toolchains.length > 0) ||
    (go123 ? false : `version: no Go 1.23 installed (have ${toolchains.map((t) => t.version).join(', ')})`);
  let work23: string;
  before(() => {
    work23 = mkdtempSync(join(tmpdir(), 'gotrap-crash23-'));
    mkdirSync(work23, { recursive: true });
  });
  after(() => rmSync(work23, { recursive: true, force: true }));
  const fresh = (from: string) => {
    const dir = join(work23, `p-${process.hrtime.bigint()}`);
    cpSync(from, dir, { recursive: true });
    return dir;
  };

  for (const [name, fix] of [
    ['cseg', 'go1.23/c-segfault'],
    ['cabort', 'go1.23/c-abort'],
    ['cgoptr', 'go1.23/cgo-pointer-unpinned'],
    ['gopanic', 'go1.23/goroutine-panic'],
    ['initdeadlock', 'go1.23/init-deadlock'],
  ] as [string, string][]) {
    it(`${name}: ${expectOf(fix).cause}`, {
      skip: skip23 || needTool('gcc', hasCommand('gcc')),
      timeout: 300_000,
    }, async () => {
      const dir = fresh(join(PROGRAMS, name));
      const bin = await build(go123!, dir);
      const r = await run(bin, [], { cwd: dir });
      assert.equal(r.status, 2, r.output);
      assertLike(r.output, fix);
    });
  }
  it('link: main: invalid reference to runtime.acquirem: CR013 → LN006', {
    skip: skip23,
    timeout: 300_000,
  }, async () => {
    const r = await run(go123!.bin, ['build', './...'], {
      cwd: fresh(join(REPO_TESTDATA, 'LN006', 'bad_acquirem_go123')),
    });
    assert.notEqual(r.status, 0);
    assertLike(r.output, 'go1.23/link-invalid-reference');
  });
});
