// The crash lens's parsing half: unwrap.ts (log wrappers), parse.ts (the traceback grammar) and
// buckets.ts. Hand-written fixtures follow the runtime's printing code (panic.go printpanics,
// traceback.go goroutineheader/printcreatedby1, signal_unix.go fatalsignal, dumpregs) and the race
// detector's report; then, with `go` on PATH, real crashes produced by Go during the test; then
// wrapped variants, garbage, and a 300 MB dump streamed with bounded memory.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { bucketGoroutines, bucketKey, createBucketer } from '../src/crash/buckets.js';
import type { Goroutine, ParsedCrash } from '../src/crash/model.js';
import { createLineSplitter, createParser, isStdFunc, parseCrashText } from '../src/crash/parse.js';
import { createUnwrapper, unwrapLine } from '../src/crash/unwrap.js';
import { findGo, findGoToolchains, type GoTool, needTool } from './support/toolchain.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const byId = (c: ParsedCrash, id: number): Goroutine => {
  const g = c.goroutines.find((x) => x.id === id);
  assert.ok(g, `goroutine ${id} parsed`);
  return g;
};

// ---- hand-written fixtures ---------------------------------------------------------------------

/** Go 1.21+: a test panic re-raised (Go 1.25 wording), with created-by goroutine ids. */
const REPANICKED = lines(
  '=== RUN   TestParse',
  '--- FAIL: TestParse (0.00s)',
  'panic: runtime error: index out of range [5] with length 3 [recovered, repanicked]',
  '',
  'goroutine 7 [running]:',
  'testing.tRunner.func1.2({0x5a2c40, 0xc000016120})',
  '\t/usr/local/go/src/testing/testing.go:1734 +0x21c',
  'testing.tRunner.func1()',
  '\t/usr/local/go/src/testing/testing.go:1737 +0x35e',
  'panic({0x5a2c40?, 0xc000016120?})',
  '\t/usr/local/go/src/runtime/panic.go:792 +0x132',
  'example.com/app/parse.Fields(...)',
  '\t/src/app/parse/fields.go:41',
  'example.com/app/parse.TestParse(0xc000003340)',
  '\t/src/app/parse/fields_test.go:12 +0x1d',
  'testing.tRunner(0xc000003340, 0x61d7a8)',
  '\t/usr/local/go/src/testing/testing.go:1792 +0xf4',
  'created by testing.(*T).Run in goroutine 1',
  '\t/usr/local/go/src/testing/testing.go:1851 +0x413',
  '',
  'goroutine 1 [chan receive]:',
  'testing.(*T).Run(0xc000003180, {0x5e3b1b?, 0xc000057b30?}, 0x61d7a8)',
  '\t/usr/local/go/src/testing/testing.go:1859 +0x431',
  'main.main()',
  '\t_testmain.go:45 +0x9b',
  'exit status 2',
  'FAIL\texample.com/app/parse\t0.004s',
);

/** Go 1.20+ nested panics: later panics are tab-indented, message continuation lines too. */
const NESTED = lines(
  'panic: first [recovered]',
  '\tpanic: second',
  '\tline two of second',
  '',
  'goroutine 1 [running]:',
  'main.main.func1()',
  '\t/tmp/x/main.go:8 +0x49',
  'panic({0x46d4e0?, 0x497580?})',
  '\t/usr/lib/go-1.23/src/runtime/panic.go:785 +0x132',
  'main.main()',
  '\t/tmp/x/main.go:11 +0x3e',
  'exit status 2',
);

/** cgo callback on the wrong stack: `fatal: morestack on g0` then SIGTRAP, Go 1.23 headers. */
const MORESTACK = lines(
  'fatal: morestack on g0',
  'SIGTRAP: trace trap',
  'PC=0x46b0e2 m=0 sigcode=128',
  'signal arrived during cgo execution',
  '',
  'goroutine 1 gp=0xc0000061c0 m=0 mp=0x55b8a0 [syscall, locked to thread]:',
  'runtime.cgocall(0x48a7d0, 0xc000070f18)',
  '\t/usr/lib/go-1.23/src/runtime/cgocall.go:167 +0x4b fp=0xc000070ef0 sp=0xc000070eb8 pc=0x40a2ab',
  'main._Cfunc_run_callback()',
  '\t_cgo_gotypes.go:62 +0x3f fp=0xc000070f18 sp=0xc000070ef0 pc=0x48a55f',
  'main.main()',
  '\t/src/app/main.go:23 +0x17 fp=0xc000070f50 sp=0xc000070f18 pc=0x48a6f7',
  '',
  'goroutine 2 gp=0xc000006700 m=nil [force gc (idle)]:',
  'runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)',
  '\t/usr/lib/go-1.23/src/runtime/proc.go:424 +0xce fp=0xc000040fa8 sp=0xc000040f88 pc=0x46506e',
  'created by runtime.init.7 in goroutine 1',
  '\t/usr/lib/go-1.23/src/runtime/proc.go:325 +0x1a',
  '',
  'rax    0x0',
  'rbx    0x7ffc6a0c56a0',
  'rip    0x46b0e2',
  'rflags 0x246',
  'cs     0x33',
  'fs     0x0',
  'gs     0x0',
  'exit status 2',
);

/** abort() in C code called through cgo. */
const CGO_ABORT = lines(
  'SIGABRT: abort',
  'PC=0x7f1c2a0a9e2c m=0 sigcode=18446744073709551610',
  'signal arrived during cgo execution',
  '',
  'goroutine 1 [syscall]:',
  'runtime.cgocall(0x4841d0, 0xc00005cf70)',
  '\t/usr/lib/go-1.19/src/runtime/cgocall.go:158 +0x5c fp=0xc00005cf48 sp=0xc00005cf10 pc=0x40455c',
  'main._Cfunc_explode()',
  '\t_cgo_gotypes.go:41 +0x45 fp=0xc00005cf70 sp=0xc00005cf48 pc=0x484105',
  'main.main()',
  '\t/src/app/main.go:9 +0x17 fp=0xc00005cf80 sp=0xc00005cf70 pc=0x484137',
  '',
  'rax    0x0',
  'rip    0x7f1c2a0a9e2c',
  'exit status 2',
);

/** A goroutine dump of a long-running server: minutes, scan, locks, elision, Go 1.25 annotations. */
const DUMP_VARIANTS = lines(
  'goroutine 12 [chan receive, 15 minutes]:',
  'main.worker(0xc000120000)',
  '\t/src/app/worker.go:20 +0x45',
  'created by main.start in goroutine 1',
  '\t/src/app/worker.go:11 +0x6b',
  '',
  'goroutine 13 [chan receive, 1 minutes]:',
  'main.worker(0xc000120060)',
  '\t/src/app/worker.go:20 +0x45',
  'created by main.start in goroutine 1',
  '\t/src/app/worker.go:11 +0x6b',
  '',
  'goroutine 14 [syscall (scan), 3 minutes, locked to thread]:',
  'syscall.Syscall(0x0, 0x3, 0xc000180000, 0x8000)',
  '\t/usr/local/go/src/syscall/syscall_linux.go:73 +0x25',
  '',
  'goroutine 15 [running]:',
  '\tgoroutine running on other thread; stack unavailable',
  'created by main.start in goroutine 1',
  '\t/src/app/worker.go:12 +0x8e',
  '',
  'goroutine 16 [select (durable), synctest bubble 1]:',
  'main.loop()',
  '\tC:/Users/dev/app/loop.go:9 +0x2a',
  '',
  'goroutine 17 [running]:',
  'main.f(0x0?)',
  '\t/src/app/rec.go:3 +0x16',
  '...4000 frames elided...',
  'main.f(0x0?)',
  '\t/src/app/rec.go:3 +0x16',
  'main.main()',
  '\t/src/app/rec.go:5 +0x11',
  '',
  'goroutine 18 [semacquire]:',
  'sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)',
  '\t/usr/lib/go-1.19/src/runtime/sema.go:77 +0x25',
  '...additional frames elided...',
  'created by main.start',
  '\t/src/app/worker.go:13 +0xa1',
  '',
  'goroutine 19 [chan send]:',
  'main.pipe.func1()',
  '\t/src/app/pipe.go:7 +0x2c',
  'created by main.pipe in goroutine 12',
  '\t/src/app/pipe.go:6 +0x5f',
  '[originating from goroutine 12]:',
  'main.pipe(...)',
  '\t/src/app/pipe.go:6 +0x5f',
  'created by main.start',
  '\t/src/app/worker.go:11 +0x6b',
  '',
  'goroutine 20 [syscall]:',
  'non-Go function at pc=0x7f3a1c2d4e5f',
  'runtime.cgocall(0x4841d0, 0xc00005cf70)',
  '\t/usr/lib/go-1.19/src/runtime/cgocall.go:158 +0x5c',
);

const RACE = lines(
  '==================',
  'WARNING: DATA RACE',
  'Read at 0x00c00001c0b8 by goroutine 8:',
  '  main.reader()',
  '      /src/app/race.go:14 +0x3c',
  '',
  'Previous write at 0x00c00001c0b8 by main goroutine:',
  '  main.main()',
  '      /src/app/race.go:21 +0x8e',
  '',
  'Goroutine 8 (running) created at:',
  '  main.main()',
  '      /src/app/race.go:20 +0x84',
  '==================',
  'Found 1 data race(s)',
  'exit status 66',
);

/** A GOTRACEBACK=crash panic: the other threads' SIGQUIT dumps follow `-----`. */
const CRASH_RELAY = lines(
  'panic: crash me',
  '',
  'goroutine 1 [running]:',
  'main.main()',
  '\t/src/app/main.go:10 +0x27',
  '',
  '-----',
  '',
  'SIGQUIT: quit',
  'PC=0x45e8a3 m=2 sigcode=18446744073709551610',
  '',
  'goroutine 0 [idle]:',
  'runtime.futex(0x4f8a48, 0x80, 0x0, 0x0, 0x0, 0x0)',
  '\t/usr/lib/go-1.19/src/runtime/sys_linux_amd64.s:560 +0x23',
  '',
  'rax    0xca',
  'rip    0x45e8a3',
);

const THREADS = lines(
  'runtime: program exceeds 10000-thread limit',
  'fatal error: thread exhaustion',
  '',
  'runtime stack:',
  'runtime.throw({0x4b5a3e?, 0x0?})',
  '\t/usr/local/go/src/runtime/panic.go:1023 +0x5c fp=0x7ffd5d1b1e80 sp=0x7ffd5d1b1e50 pc=0x43a21c',
  'runtime.checkmcount()',
  '\t/usr/local/go/src/runtime/proc.go:838 +0x8c fp=0x7ffd5d1b1ea8 sp=0x7ffd5d1b1e80 pc=0x43d98c',
  '',
  'goroutine 1 [running]:',
  'main.main()',
  '\t/src/app/main.go:30 +0x5d',
);

describe('parse: hand-written fixtures', () => {
  it('a re-panicked test panic (Go 1.25): message, flags, crashing goroutine, created-by goroutine', () => {
    const c = parseCrashText(REPANICKED);
    assert.equal(c.kind, 'panic');
    assert.equal(c.panics.length, 1);
    assert.deepEqual(c.panics[0], {
      kind: 'panic',
      message: 'runtime error: index out of range [5] with length 3',
      recovered: true,
      repanicked: true,
      inputLine: 3,
    });
    assert.equal(c.crashingGoroutine, 7);
    assert.equal(c.exitStatus, 2);
    const g = byId(c, 7);
    assert.equal(g.state, 'running');
    assert.equal(g.inputLine, 5);
    assert.deepEqual(
      g.frames.map((f) => f.func),
      [
        'testing.tRunner.func1.2',
        'testing.tRunner.func1',
        'panic',
        'example.com/app/parse.Fields',
        'example.com/app/parse.TestParse',
        'testing.tRunner',
      ],
    );
    const fields = g.frames[3];
    assert.equal(fields.args, '...');
    assert.equal(fields.file, '/src/app/parse/fields.go');
    assert.equal(fields.line, 41);
    assert.equal(fields.offset, undefined);
    assert.equal(fields.runtime, false);
    assert.equal(fields.inputLine, 12);
    assert.equal(g.frames[0].args, '{0x5a2c40, 0xc000016120}');
    assert.equal(g.frames[0].offset, '+0x21c');
    assert.equal(g.frames[0].runtime, true);
    assert.equal(g.frames[2].runtime, true, 'panic is the runtime');
    assert.equal(g.createdBy?.func, 'testing.(*T).Run');
    assert.equal(g.createdBy?.goroutine, 1);
    assert.equal(g.createdBy?.line, 1851);
    assert.equal(g.createdBy?.inputLine, 18);
    assert.equal(byId(c, 1).frames[1].file, '_testmain.go');
    // the test runner's lines are messages, the traceback's are not
    assert.deepEqual(
      c.messages.map((m) => [m.inputLine, m.text]),
      [
        [1, '=== RUN   TestParse'],
        [2, '--- FAIL: TestParse (0.00s)'],
        [27, 'FAIL\texample.com/app/parse\t0.004s'],
      ],
    );
    assert.equal(c.lines, 27);
    assert.equal(c.unwrapped, 0);
  });

  it('nested panics and indented continuation lines', () => {
    const c = parseCrashText(NESTED);
    assert.deepEqual(
      c.panics.map((p) => [p.message, p.recovered, p.repanicked, p.inputLine]),
      [
        ['first', true, false, 1],
        ['second\nline two of second', false, false, 2],
      ],
    );
    assert.equal(c.crashingGoroutine, 1);
    assert.deepEqual(c.messages, []);
  });

  it('Go 1.19 prints continuation lines unindented; they still belong to the message', () => {
    const c = parseCrashText(lines('panic: second', 'line two', '', 'goroutine 1 [running]:', 'main.main()'));
    assert.equal(c.panics[0].message, 'second\nline two');
    assert.equal(byId(c, 1).frames[0].file, undefined);
  });

  it('fatal: morestack on g0, a SIGTRAP header, PC line, cgo note, Go 1.23 gp= headers and registers', () => {
    const c = parseCrashText(MORESTACK);
    assert.equal(c.kind, 'fatal');
    assert.deepEqual(
      c.panics.map((p) => [p.kind, p.message]),
      [['fatal', 'morestack on g0']],
    );
    assert.deepEqual(c.signal, {
      name: 'SIGTRAP',
      description: 'trace trap',
      inputLine: 2,
      pc: '0x46b0e2',
      m: 0,
      sigcode: '128',
      duringCgo: true,
      registers: {
        rax: '0x0',
        rbx: '0x7ffc6a0c56a0',
        rip: '0x46b0e2',
        rflags: '0x246',
        cs: '0x33',
        fs: '0x0',
        gs: '0x0',
      },
    });
    assert.equal(c.crashingGoroutine, 1);
    const g = byId(c, 1);
    assert.equal(g.extra, 'gp=0xc0000061c0 m=0 mp=0x55b8a0');
    assert.equal(g.state, 'syscall');
    assert.equal(g.lockedToThread, true);
    assert.deepEqual(
      g.frames.map((f) => [f.func, f.file, f.line, f.offset]),
      [
        ['runtime.cgocall', '/usr/lib/go-1.23/src/runtime/cgocall.go', 167, '+0x4b'],
        ['main._Cfunc_run_callback', '_cgo_gotypes.go', 62, '+0x3f'],
        ['main.main', '/src/app/main.go', 23, '+0x17'],
      ],
    );
    assert.equal(byId(c, 2).extra, 'gp=0xc000006700 m=nil');
    assert.equal(byId(c, 2).createdBy?.goroutine, 1);
    assert.deepEqual(c.messages, [{ text: 'signal arrived during cgo execution', inputLine: 4 }]);
    assert.equal(c.exitStatus, 2);
  });

  it('SIGABRT from C: kind signal, the goroutine in syscall', () => {
    const c = parseCrashText(CGO_ABORT);
    assert.equal(c.kind, 'signal');
    assert.equal(c.signal?.name, 'SIGABRT');
    assert.equal(c.signal?.sigcode, '18446744073709551610');
    assert.equal(c.signal?.duringCgo, true);
    assert.equal(c.crashingGoroutine, 1);
    assert.equal(byId(c, 1).state, 'syscall');
    assert.equal(c.panics.length, 0);
  });

  it('SIGILL with instruction bytes; a Windows exit status in hex', () => {
    const c = parseCrashText(
      lines(
        'SIGILL: illegal instruction',
        'PC=0x4a1b2c m=3 sigcode=2',
        'instruction bytes: 0xf 0xb 0x0 0x0',
        '',
        'goroutine 9 [running]:',
        'example.com/simd.sum({0xc000180000, 0x10, 0x10})',
        '\t/src/simd/sum_amd64.s:12 +0x1c',
        'exit status 0xc000001d',
      ),
    );
    assert.equal(c.kind, 'signal');
    assert.deepEqual(
      [c.signal?.name, c.signal?.m, c.signal?.instructionBytes],
      ['SIGILL', 3, '0xf 0xb 0x0 0x0'],
    );
    assert.equal(c.exitStatus, 0xc000001d);
    assert.equal(c.crashingGoroutine, 9);
    assert.deepEqual(c.messages, []);
  });

  it('cgo export wrappers have no package; autogenerated files', () => {
    const c = parseCrashText(
      lines(
        'panic: runtime error: cgo result is unpinned Go pointer or points to unpinned Go pointer',
        '',
        'goroutine 1 gp=0xc0000061c0 m=0 mp=0x4fbf40 [running]:',
        'runtime.cgoCheckResult({0x4718c0, 0xc00009e000})',
        '\t/usr/lib/go-1.23/src/runtime/cgocall.go:770 +0x4b fp=0xc000054d30 sp=0xc000054cf8 pc=0x45d52b',
        '_cgoexp_0d39558b7484_GoFoo(0x7fff34a95198)',
        '\t_cgo_gotypes.go:55 +0x8e fp=0xc000054d58 sp=0xc000054d30 pc=0x46a90e',
        'runtime.cgocallbackg(0x46a880, 0x7fff34a95198, 0x0)',
        '\t<autogenerated>:1 +0x29 fp=0xc000054ea8 sp=0xc000054e80 pc=0x468629',
      ),
    );
    assert.deepEqual(
      byId(c, 1).frames.map((f) => [f.func, f.file, f.line, f.runtime]),
      [
        ['runtime.cgoCheckResult', '/usr/lib/go-1.23/src/runtime/cgocall.go', 770, true],
        ['_cgoexp_0d39558b7484_GoFoo', '_cgo_gotypes.go', 55, false],
        ['runtime.cgocallbackg', '<autogenerated>', 1, true],
      ],
    );
    assert.deepEqual(c.messages, []);
  });

  it('a nil dereference: panic with a [signal ...] line', () => {
    const c = parseCrashText(
      lines(
        'panic: runtime error: invalid memory address or nil pointer dereference',
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x457c76]',
        '',
        'goroutine 1 [running]:',
        'main.(*T).get(...)',
        '\t/tmp/x/nilptr.go:5',
        'main.main()',
        '\t/tmp/x/nilptr.go:9 +0x16',
        'exit status 2',
      ),
    );
    assert.equal(c.kind, 'panic');
    assert.deepEqual(c.signal, {
      name: 'SIGSEGV',
      description: 'segmentation violation',
      code: '0x1',
      addr: '0x0',
      pc: '0x457c76',
      inputLine: 2,
    });
    assert.equal(byId(c, 1).frames[0].func, 'main.(*T).get');
    assert.deepEqual(c.messages, []);
  });

  it('dump variants: minutes, scan, locked, annotations, elision, unavailable stacks, ancestors, non-Go frames', () => {
    const c = parseCrashText(DUMP_VARIANTS);
    assert.equal(c.kind, 'dump');
    assert.equal(c.crashingGoroutine, null);
    assert.equal(c.goroutines.length, 9);
    assert.equal(byId(c, 12).minutes, 15);
    assert.equal(byId(c, 12).state, 'chan receive');
    assert.equal(byId(c, 13).minutes, 1);
    const s = byId(c, 14);
    assert.deepEqual([s.state, s.scan, s.minutes, s.lockedToThread], ['syscall', true, 3, true]);
    const r = byId(c, 15);
    assert.equal(r.stackUnavailable, true);
    assert.equal(r.frames.length, 0);
    assert.equal(r.createdBy?.line, 12);
    const b = byId(c, 16);
    assert.equal(b.state, 'select (durable)');
    assert.deepEqual(b.annotations, ['synctest bubble 1']);
    assert.equal(b.frames[0].file, 'C:/Users/dev/app/loop.go');
    assert.equal(b.frames[0].line, 9);
    const e = byId(c, 17);
    assert.deepEqual([e.elided, e.elidedFrames, e.frames.length], [true, 4000, 3]);
    const e2 = byId(c, 18);
    assert.deepEqual([e2.elided, e2.elidedFrames, e2.createdBy?.func], [true, undefined, 'main.start']);
    const a = byId(c, 19);
    assert.equal(a.createdBy?.goroutine, 12);
    assert.equal(a.ancestors?.length, 1);
    assert.equal(a.ancestors?.[0].goroutine, 12);
    assert.deepEqual(
      a.ancestors?.[0].frames.map((f) => f.func),
      ['main.pipe'],
    );
    assert.equal(a.ancestors?.[0].createdBy?.func, 'main.start');
    assert.equal(a.frames.length, 1);
    const n = byId(c, 20);
    assert.deepEqual(
      n.frames.map((f) => [f.func, f.pc]),
      [
        ['non-Go function', '0x7f3a1c2d4e5f'],
        ['runtime.cgocall', undefined],
      ],
    );
    assert.deepEqual(c.messages, []);
  });

  it('a race report: accesses, goroutines, kind race, message kept for the classifiers', () => {
    const c = parseCrashText(RACE);
    assert.equal(c.kind, 'race');
    assert.equal(c.exitStatus, 66);
    assert.equal(c.races?.length, 1);
    const r = c.races?.[0];
    assert.equal(r?.inputLine, 2);
    assert.deepEqual(
      r?.accesses.map((a) => [
        a.access,
        a.previous,
        a.addr,
        a.goroutine,
        a.frames.map((f) => `${f.func}:${f.line}`),
      ]),
      [
        ['Read', false, '0x00c00001c0b8', 8, ['main.reader:14']],
        ['Previous write', true, '0x00c00001c0b8', 1, ['main.main:21']],
      ],
    );
    assert.deepEqual(
      r?.goroutines.map((g) => [g.id, g.state, g.frames.map((f) => `${f.func}:${f.line}`)]),
      [[8, 'running', ['main.main:20']]],
    );
    assert.deepEqual(
      c.messages.map((m) => m.text),
      ['WARNING: DATA RACE', 'Found 1 data race(s)'],
    );
    assert.equal(c.goroutines.length, 0);
  });

  it('GOTRACEBACK=crash: the relayed SIGQUIT dumps do not replace the panic', () => {
    const c = parseCrashText(CRASH_RELAY);
    assert.equal(c.kind, 'panic');
    assert.equal(c.signal, null);
    assert.equal(c.crashingGoroutine, 1);
    assert.deepEqual(
      c.goroutines.map((g) => g.id),
      [1, 0],
    );
    assert.deepEqual(c.messages, []);
  });

  it('runtime: lines before a fatal error, and the runtime stack section', () => {
    const c = parseCrashText(THREADS);
    assert.equal(c.kind, 'fatal');
    assert.equal(c.panics[0].message, 'thread exhaustion');
    assert.deepEqual(c.messages, [{ text: 'runtime: program exceeds 10000-thread limit', inputLine: 1 }]);
    assert.deepEqual(
      c.runtimeStack.map((f) => [f.func, f.line, f.inputLine]),
      [
        ['runtime.throw', 1023, 5],
        ['runtime.checkmcount', 838, 7],
      ],
    );
    assert.equal(c.crashingGoroutine, 1);
  });

  it('fatal error lines the classifiers read: concurrent map writes, cgocallback, unknown caller pc', () => {
    for (const msg of [
      'concurrent map writes',
      'concurrent map read and map write',
      'cgocallback SP out of bounds',
      'unknown caller pc',
      'all goroutines are asleep - deadlock!',
    ]) {
      const c = parseCrashText(lines(`fatal error: ${msg}`, '', 'goroutine 1 [running]:', 'main.main()'));
      assert.equal(c.kind, 'fatal');
      assert.deepEqual(
        c.panics.map((p) => [p.kind, p.message]),
        [['fatal error', msg]],
      );
    }
    const cb = parseCrashText(
      lines(
        'runtime: cgocallback with sp=0x7ffd5e5f4a00 out of bounds [0xc000050000, 0xc000058000]',
        'fatal error: cgocallback SP out of bounds',
      ),
    );
    assert.equal(cb.messages[0].text.startsWith('runtime: cgocallback with sp='), true);
  });

  it('shapes without a traceback: loader, exec, link, build, unknown', () => {
    const cases: [string, string][] = [
      ['loader', './app: error while loading shared libraries: libssl.so.3: cannot open shared object file'],
      [
        'loader',
        "./app: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./app)",
      ],
      ['loader', 'Error relocating ./app: __res_search: symbol not found'],
      ['exec', 'exec /app: exec format error'],
      ['exec', 'sh: 1: ./bin: Exec format error'],
      ['exec', 'bash: ./app: cannot execute binary file: Exec format error'],
      ['exec', 'This program can only be run on AMD64 processors with v3 microarchitecture support.'],
      ['exec', 'exec ./app: no such file or directory'],
      ['link', 'main.main: relocation target runtime.fastrand not defined'],
      [
        'link',
        "/usr/bin/ld: /tmp/go-link-1/000001.o: in function `_cgo_1': undefined reference to `sqlite3_open'",
      ],
      ['link', 'main.foo: invalid reference to runtime.secret'],
      ['link', 'duplicated definition of symbol main.helper, from main and example.com/x'],
      ['build', './db_test.go:5:8: use of cgo in test db_test.go not supported'],
      ['build', './main.go:10:6: missing function body'],
      ['unknown', 'hello world'],
      ['unknown', 'fatal: not a git repository (or any of the parent directories): .git'],
      ['unknown', 'SIGTERM: shutting down gracefully'],
      ['unknown', 'Binary was compiled with CGO_ENABLED=0, go-sqlite3 requires cgo to work. This is a stub'],
    ];
    for (const [kind, text] of cases) {
      const c = parseCrashText(lines('# example.com/app', text));
      assert.equal(c.kind, kind, text);
      assert.equal(c.panics.length, 0, text);
      assert.ok(
        c.messages.some((m) => m.text === text && m.inputLine === 2),
        `${text} kept as a message`,
      );
    }
  });

  it('interleaved unrelated lines are kept as messages and do not break a goroutine', () => {
    const c = parseCrashText(
      lines(
        'panic: boom',
        '',
        'goroutine 1 [running]:',
        'main.handle(0x1)',
        'time=2024-01-01T00:00:00Z level=info msg="request done" status=200',
        '\t/src/app/h.go:7 +0x1d',
        '{"level":"warn","msg":"slow"}',
        'main.main()',
        '\t/src/app/main.go:3 +0x11',
      ),
    );
    assert.deepEqual(
      byId(c, 1).frames.map((f) => [f.func, f.line]),
      [
        ['main.handle', 7],
        ['main.main', 3],
      ],
    );
    assert.deepEqual(
      c.messages.map((m) => m.inputLine),
      [5, 7],
    );
  });

  it('the runtime flag: standard library and runtime frames, not modules or main', () => {
    assert.equal(isStdFunc('runtime.gopark'), true);
    assert.equal(isStdFunc('net/http.(*conn).serve'), true);
    assert.equal(isStdFunc('internal/runtime/syscall.Syscall6'), true);
    assert.equal(isStdFunc('main.main'), false);
    assert.equal(isStdFunc('github.com/a/b.(*T).M'), false);
    assert.equal(isStdFunc('gopkg.in/yaml.v3.(*decoder).unmarshal'), false);
    assert.equal(isStdFunc('golang.org/x/sync/errgroup.(*Group).Go.func1'), false);
  });

  it('push() accepts text with newlines and \\r\\n line ends', () => {
    const p = createParser();
    p.push(REPANICKED.replaceAll('\n', '\r\n'));
    const c = p.finish();
    assert.equal(c.panics[0].message, 'runtime error: index out of range [5] with length 3');
    assert.equal(byId(c, 7).frames[4].file, '/src/app/parse/fields_test.go');
  });

  it('empty input', () => {
    const c = createParser().finish();
    assert.equal(c.kind, 'unknown');
    assert.equal(c.lines, 0);
    assert.deepEqual([c.panics, c.goroutines, c.messages, c.runtimeStack], [[], [], [], []]);
    assert.equal(c.signal, null);
    assert.equal(c.crashingGoroutine, null);
    assert.equal(c.exitStatus, null);
  });
});

// ---- buckets ----------------------------------------------------------------------------------

describe('buckets', () => {
  const dump = lines(
    'panic: boom',
    '',
    'goroutine 40 [running]:',
    'main.crash()',
    '\t/src/main.go:5 +0x1',
    '',
    ...[11, 12, 13].flatMap((id, i) => [
      `goroutine ${id} [chan receive, ${i * 10 + 2} minutes]:`,
      `main.worker(0x${id}, {0xc000${id}, 0x3})`,
      '\t/src/main.go:20 +0x45',
      'created by main.start in goroutine 1',
      `\t/src/main.go:11 +0x${id}`,
      '',
    ]),
    'goroutine 14 [chan receive]:',
    'main.worker(0x1, {0x0, 0x0})',
    '\t/src/main.go:20 +0x45',
    'created by main.start in goroutine 1',
    '\t/src/main.go:11 +0x6b',
    '',
    'goroutine 15 [chan receive, locked to thread]:',
    'main.worker(0x1, {0x0, 0x0})',
    '\t/src/main.go:20 +0x45',
    'created by main.start in goroutine 1',
    '\t/src/main.go:11 +0x6b',
    '',
    'goroutine 16 [chan receive]:',
    'main.worker(0x1, {0x0, 0x0})',
    '\t/src/main.go:21 +0x45',
    'created by main.start in goroutine 1',
    '\t/src/main.go:11 +0x6b',
    '',
    'goroutine 17 [chan receive]:',
    'main.worker(0x1, {0x0, 0x0})',
    '\t/src/main.go:20 +0x45',
    'created by main.other in goroutine 1',
    '\t/src/main.go:11 +0x6b',
  );

  it('groups by state, lock, frames and creator; ignores args, ids, minutes, offsets and creator goroutine', () => {
    const c = parseCrashText(dump);
    const bs = bucketGoroutines(c.goroutines, c.crashingGoroutine);
    assert.deepEqual(
      bs.map((b) => [b.count, b.crashing, b.ids, b.minMinutes, b.maxMinutes, b.lockedToThread]),
      [
        [1, true, [40], undefined, undefined, false],
        [4, false, [11, 12, 13, 14], 2, 22, false],
        [1, false, [15], undefined, undefined, true],
        [1, false, [16], undefined, undefined, false],
        [1, false, [17], undefined, undefined, false],
      ],
    );
    assert.deepEqual(bs[1].frames, [{ func: 'main.worker', file: '/src/main.go', line: 20 }]);
    assert.deepEqual(bs[1].createdBy, { func: 'main.start', file: '/src/main.go', line: 11 });
    assert.equal(bs[1].state, 'chan receive');
    assert.equal(bs[1].inputLine, 7);
  });

  it('caps stored ids but keeps the count; the crashing id is always stored', () => {
    const b = createBucketer({ maxIds: 3 });
    const g = (id: number): Goroutine => ({
      id,
      state: 'select',
      lockedToThread: false,
      frames: [{ func: 'main.loop', args: '', file: '/a.go', line: 1, runtime: false, inputLine: 1 }],
      elided: false,
      inputLine: 1,
    });
    for (let i = 1; i <= 10; i++) b.add(g(i), i === 9);
    const [only] = b.buckets();
    assert.equal(only.count, 10);
    assert.deepEqual(only.ids, [1, 2, 3, 9]);
    assert.equal(only.crashing, true);
    assert.equal(b.count, 10);
    assert.equal(bucketKey(g(1)), bucketKey(g(2)));
  });

  it('the parser sink and the bucketer see every goroutine, even those not kept', () => {
    const b = createBucketer();
    const p = createParser({ keepGoroutines: 2, onGoroutine: (g, crashing) => b.add(g, crashing) });
    for (const l of dump.split('\n')) p.push(l);
    const c = p.finish();
    assert.equal(c.goroutineCount, 8);
    assert.equal(c.goroutines.length, 2);
    assert.equal(c.goroutinesOmitted, 6);
    assert.deepEqual(
      b.buckets().map((x) => x.count),
      [1, 4, 1, 1, 1],
    );
  });
});

// ---- wrappers ---------------------------------------------------------------------------------

describe('unwrap', () => {
  it('recognises each wrapper by its shape and leaves other lines alone', () => {
    const cases: [string, string, string[]][] = [
      [
        '{"log":"panic: boom\\n","stream":"stderr","time":"2024-01-01T00:00:00.1Z"}',
        'panic: boom',
        ['docker-json'],
      ],
      [
        '{"log":"\\t/src/main.go:5 +0x1d\\n","stream":"stderr","time":"2024-01-01T00:00:00.1Z"}',
        '\t/src/main.go:5 +0x1d',
        ['docker-json'],
      ],
      ['2024-01-01T00:00:00.123456789Z goroutine 1 [running]:', 'goroutine 1 [running]:', ['timestamp']],
      ['2024-01-01T00:00:00.0000000Z \t/src/main.go:5 +0x1d', '\t/src/main.go:5 +0x1d', ['timestamp']],
      ['2024-01-01T00:00:00+02:00 main.main()', 'main.main()', ['timestamp']],
      ['2024-01-01T00:00:00.1Z stderr F panic: boom', 'panic: boom', ['cri']],
      ['[pod/api-7d9f8c-xk2lp/app] panic: boom', 'panic: boom', ['kubectl-prefix']],
      [
        '[pod/api-7d9f8c-xk2lp/app] 2024-01-01T00:00:00.5Z main.main()',
        'main.main()',
        ['kubectl-prefix', 'timestamp'],
      ],
      ['Jan 02 15:04:05 node1 app[1234]: fatal error: boom', 'fatal error: boom', ['journald']],
      ['Jan  2 15:04:05.123456 node1 app[1234]: \tmain.go:3', '\tmain.go:3', ['journald']],
      ['2024-01-02T15:04:05+0000 node1 app[1234]: panic: x', 'panic: x', ['journald']],
      ['\x1b[31mpanic: boom\x1b[0m', 'panic: boom', []],
      ['api-1  | panic: boom', 'panic: boom', ['compose']],
      ['\x1b[36mworker_2  |\x1b[0m \tmain.go:3 +0x1d', '\tmain.go:3 +0x1d', ['compose']],
      ['a | b', 'a | b', []],
      [
        'time=2024-01-01T00:00:00Z level=info msg=hello',
        'time=2024-01-01T00:00:00Z level=info msg=hello',
        [],
      ],
      ['{"level":"info","msg":"hello"}', '{"level":"info","msg":"hello"}', []],
      ['2009/11/10 23:00:00 log line', '2009/11/10 23:00:00 log line', []],
      [
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1]',
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1]',
        [],
      ],
      ['[originating from goroutine 1]:', '[originating from goroutine 1]:', []],
      ['{"log":', '{"log":', []],
    ];
    for (const [input, text, wrappers] of cases) {
      assert.deepEqual(unwrapLine(input), { text, wrappers }, input);
    }
  });

  it('joins Docker and CRI partial lines', () => {
    const out: [string, boolean, number][] = [];
    const u = createUnwrapper((t, w, i) => out.push([t, w, i]));
    u.push('{"log":"panic: a very ","stream":"stderr","time":"t"}');
    u.push('{"log":"long message\\n","stream":"stderr","time":"t"}');
    u.push('2024-01-01T00:00:00Z stderr P part one, ');
    u.push('2024-01-01T00:00:00Z stderr F part two');
    u.push('2024-01-01T00:00:00Z stderr P dangling');
    u.push('plain');
    u.push('{"log":"never finished","stream":"stderr","time":"t"}');
    u.flush();
    assert.deepEqual(out, [
      ['panic: a very long message', true, 0],
      ['part one, part two', true, 2],
      ['dangling', true, 4],
      ['plain', false, 5],
      ['never finished', true, 6],
    ]);
  });

  const WRAPS: [string, (l: string, i: number) => string][] = [
    [
      'docker json-file',
      (l) => JSON.stringify({ log: `${l}\n`, stream: 'stderr', time: '2024-01-01T00:00:00.1Z' }),
    ],
    ['kubectl --timestamps', (l, i) => `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.123456789Z ${l}`],
    [
      'kubectl --prefix --timestamps',
      (l) => `[pod/api-7d9f8c-xk2lp/app] 2024-01-01T00:00:00.000000001Z ${l}`,
    ],
    ['journald', (l) => `Mar 14 09:26:53 worker-3 api[4242]: ${l}`],
    ['GitHub Actions', (l) => `2024-01-01T00:00:00.0000000Z ${l}`],
    ['CRI', (l) => `2024-01-01T00:00:00.1Z stderr F ${l}`],
    ['docker compose', (l) => `api-1  | ${l}`],
  ];

  for (const [name, wrap] of WRAPS) {
    it(`a ${name} crash parses like the plain one`, () => {
      for (const text of [REPANICKED, MORESTACK, DUMP_VARIANTS, RACE]) {
        const plain = parseCrashText(text);
        const src = text.split('\n');
        src.pop();
        const c = parseCrashText(`${src.map(wrap).join('\n')}\n`);
        assert.equal(c.unwrapped, src.length);
        assert.deepEqual({ ...c, unwrapped: 0 }, plain);
      }
    });
  }
});

// ---- robustness -------------------------------------------------------------------------------

function invariants(c: ParsedCrash): void {
  assert.ok(
    ['panic', 'fatal', 'signal', 'dump', 'race', 'loader', 'exec', 'link', 'build', 'unknown'].includes(
      c.kind,
    ),
  );
  for (const g of c.goroutines) {
    assert.ok(Number.isInteger(g.id) && g.inputLine >= 1 && g.inputLine <= c.lines);
    for (const f of g.frames)
      assert.ok(f.inputLine > g.inputLine && f.inputLine <= c.lines && f.func.length > 0);
  }
  for (const m of c.messages) assert.ok(m.inputLine >= 1 && m.inputLine <= c.lines);
  for (const p of c.panics) assert.ok(p.inputLine >= 1 && p.inputLine <= c.lines);
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('robustness', () => {
  it('garbage and mangled fixtures never throw', () => {
    const rand = rng(42);
    const pieces = [REPANICKED, NESTED, MORESTACK, CGO_ABORT, DUMP_VARIANTS, RACE, CRASH_RELAY, THREADS]
      .join('\n')
      .split('\n');
    for (let round = 0; round < 300; round++) {
      const p = createParser({ keepGoroutines: 5, maxMessages: 20 });
      const n = Math.floor(rand() * 80);
      for (let i = 0; i < n; i++) {
        let l = pieces[Math.floor(rand() * pieces.length)];
        const r = rand();
        if (r < 0.2) l = l.slice(0, Math.floor(rand() * l.length));
        else if (r < 0.3) l = l.slice(Math.floor(rand() * l.length));
        else if (r < 0.4)
          l = String.fromCharCode(...Array.from({ length: 20 }, () => Math.floor(rand() * 0x3000)));
        else if (r < 0.45) l = `{"log":${JSON.stringify(l)}`;
        p.push(l);
      }
      invariants(p.finish());
    }
    for (const text of [
      'goroutine',
      'goroutine x [running]:',
      'goroutine 1 [running',
      'panic:',
      '\t:',
      '\tpanic: ',
      'created by ',
      '()',
      '.()',
      '[signal',
      'SIGSEGV: x\nPC=zz',
      '==================\nWARNING: DATA RACE\nRead at 0x1 by goroutine 2:\n  ()\n      x:1',
    ]) {
      invariants(parseCrashText(text));
    }
  });

  it('caps: frames per stack, panic continuation lines, message length', () => {
    const deep = [
      'goroutine 1 [running]:',
      ...Array.from({ length: 2000 }, (_, i) => [`main.f${i}()`, `\t/src/a.go:${i + 1} +0x1`]).flat(),
    ];
    const c = parseCrashText(lines(...deep));
    assert.equal(byId(c, 1).frames.length, 1000);
    assert.equal(byId(c, 1).elided, true);
    assert.deepEqual(c.messages, []);
    const long = parseCrashText(
      lines('panic: first line', ...Array.from({ length: 500 }, (_, i) => `log ${i}`), 'x'.repeat(100_000)),
    );
    assert.equal(long.panics[0].message.split('\n').length, 200);
    assert.equal(long.messages.length, 302);
    assert.equal(long.messages[long.messages.length - 1].text.length, 8192);
  });

  it("a binary file's bytes", () => {
    const bytes = readFileSync(process.execPath).subarray(0, 8 << 20);
    const p = createParser();
    const s = createLineSplitter((l) => p.push(l));
    s.write(new TextDecoder('utf-8').decode(bytes));
    s.end();
    const c = p.finish();
    invariants(c);
    assert.equal(c.kind === 'panic' || c.kind === 'fatal', false);
    assert.ok(c.messages.length <= 20_000);
  });

  it('a 300 MB dump streams through push() with bounded memory', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage().heapUsed;
    const bucketer = createBucketer();
    const parser = createParser({ onGoroutine: (g, crashing) => bucketer.add(g, crashing) });
    const splitter = createLineSplitter((l) => parser.push(l));
    const stacks = [
      (id: number) =>
        `goroutine ${id} [chan receive, ${id % 90} minutes]:\nmain.worker(0xc${id.toString(16).padStart(9, '0')}, 0x${(id % 7).toString(16)})\n\t/srv/app/worker.go:42 +0x45\nmain.pool.func1()\n\t/srv/app/pool.go:17 +0x2c\ncreated by main.pool in goroutine 1\n\t/srv/app/pool.go:15 +0x8e\n`,
      (id: number) =>
        `goroutine ${id} [select]:\nnet/http.(*persistConn).writeLoop(0xc${id.toString(16).padStart(9, '0')})\n\t/usr/local/go/src/net/http/transport.go:2410 +0xf2\ncreated by net/http.(*Transport).dialConn in goroutine ${id - 1}\n\t/usr/local/go/src/net/http/transport.go:1777 +0x16f1\n`,
      (id: number) =>
        `goroutine ${id} [IO wait, ${id % 5} minutes]:\ninternal/poll.runtime_pollWait(0x7f${id.toString(16)}, 0x72)\n\t/usr/local/go/src/runtime/netpoll.go:343 +0x85\ninternal/poll.(*pollDesc).wait(0xc000${id % 1000}?, 0x0?, 0x0)\n\t/usr/local/go/src/internal/poll/fd_poll_runtime.go:84 +0x27\nnet.(*conn).Read(0xc000012345, {0xc000${id % 977}, 0x1000, 0x1000})\n\t/usr/local/go/src/net/net.go:179 +0x45\n`,
      (id: number) =>
        `goroutine ${id} [semacquire, locked to thread]:\nsync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)\n\t/usr/local/go/src/runtime/sema.go:77 +0x25\nexample.com/db.(*Pool).get(0xc000${id % 4})\n\t/root/go/pkg/mod/example.com/db@v1.2.3/pool.go:${100 + (id % 3)} +0x1a\n`,
    ];
    const target = 300 * 1024 * 1024;
    let bytes = 0;
    let id = 1;
    let peak = 0;
    let chunks = 0;
    splitter.write(
      'panic: out of patience\n\ngoroutine 1 [running]:\nmain.main()\n\t/srv/app/main.go:9 +0x1d\n\n',
    );
    while (bytes < target) {
      let chunk = '';
      while (chunk.length < 1 << 20) {
        chunk += stacks[id % stacks.length](id + 1);
        chunk += id % 1000 === 0 ? 'level=info msg="interleaved log line"\n\n' : '\n';
        id++;
      }
      bytes += chunk.length;
      splitter.write(chunk);
      if (++chunks % 16 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
    splitter.end();
    const c = parser.finish();
    const buckets = bucketer.buckets();
    gc();
    const retained = process.memoryUsage().heapUsed - base;
    const mb = (n: number) => Math.round(n / 1048576);
    assert.equal(c.kind, 'panic');
    assert.equal(c.goroutineCount, id);
    assert.equal(c.goroutines.length, 20_000);
    assert.equal(c.goroutinesOmitted, id - 20_000);
    assert.equal(
      buckets.reduce((n, b) => n + b.count, 0),
      id,
    );
    assert.equal(buckets[0].crashing, true);
    // main, three single-bucket stacks, and one stack whose line takes three values
    assert.equal(buckets.length, 7);
    assert.ok(c.messages.length > 0 && c.messages.length <= 10_000);
    assert.ok(peak < 400 * 1048576, `peak heap ${mb(peak)} MB during a ${mb(bytes)} MB stream`);
    assert.ok(retained < 150 * 1048576, `retained heap ${mb(retained)} MB after the stream`);
  });
});

// ---- real crashes -----------------------------------------------------------------------------

const PROGRAMS: Record<string, string> = {
  nilmap: `package main

import "time"

func main() {
	go func() {
		var m map[string]int
		m["a"] = 1
	}()
	time.Sleep(time.Second)
}
`,
  deadlock: `package main

func main() {
	c := make(chan int)
	<-c
}
`,
  quit: `package main

import (
	"fmt"
	"sync"
	"time"
)

func worker(c chan int) { <-c }

func main() {
	var mu sync.Mutex
	mu.Lock()
	for i := 0; i < 3; i++ {
		go worker(make(chan int))
	}
	go func() { mu.Lock() }()
	fmt.Println("ready")
	time.Sleep(time.Hour)
}
`,
  cgosegv: `package main

/*
static void crash(void) { *(volatile int*)0 = 1; }
*/
import "C"

func main() {
	C.crash()
}
`,
};

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function run(bin: string, env: NodeJS.ProcessEnv, quitWhenReady = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (quitWhenReady && d.includes('ready')) setTimeout(() => child.kill('SIGQUIT'), 200);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

const go = findGo();

describe('real crashes (Go on PATH)', { skip: needTool('go', go) }, () => {
  const toolchains: GoTool[] = go ? findGoToolchains() : [];
  let dir = '';
  const bins = new Map<string, string>();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gotrap-crash-'));
    for (const t of toolchains) {
      for (const [name, src] of Object.entries(PROGRAMS)) {
        const d = join(dir, `${name}-${t.minor}`);
        execFileSync('mkdir', ['-p', d]);
        writeFileSync(join(d, 'main.go'), src);
        const bin = join(d, name);
        execFileSync(t.bin, ['build', '-o', bin, 'main.go'], {
          cwd: d,
          env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', CGO_ENABLED: '1', GO111MODULE: 'off' },
          stdio: 'pipe',
        });
        bins.set(`${name}-${t.minor}`, bin);
      }
    }
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a nil map write in a goroutine', async () => {
    for (const t of toolchains) {
      const r = await run(bins.get(`nilmap-${t.minor}`)!, {});
      assert.equal(r.code, 2);
      const c = parseCrashText(r.stderr);
      assert.equal(c.kind, 'panic', t.version);
      assert.equal(c.panics[0].message, 'assignment to entry in nil map');
      assert.notEqual(c.crashingGoroutine, 1);
      const g = byId(c, c.crashingGoroutine!);
      assert.equal(g.state, 'running');
      assert.equal(g.frames[0].func, 'main.main.func1');
      assert.ok(g.frames[0].file?.endsWith('/main.go'));
      assert.equal(g.frames[0].line, 8);
      assert.equal(g.createdBy?.func, 'main.main');
      assert.equal(g.createdBy?.line, 6);
      assert.equal(g.createdBy?.goroutine, t.minor >= 21 ? 1 : undefined);
      assert.deepEqual(c.messages, []);
    }
  });

  it('a deadlock', async () => {
    for (const t of toolchains) {
      const r = await run(bins.get(`deadlock-${t.minor}`)!, {});
      assert.equal(r.code, 2);
      const c = parseCrashText(r.stderr);
      assert.equal(c.kind, 'fatal');
      assert.deepEqual(
        c.panics.map((p) => [p.kind, p.message]),
        [['fatal error', 'all goroutines are asleep - deadlock!']],
      );
      assert.equal(c.crashingGoroutine, 1);
      const g = byId(c, 1);
      assert.equal(g.state, 'chan receive');
      assert.deepEqual(
        g.frames.map((f) => [f.func, f.line]),
        [['main.main', 5]],
      );
    }
  });

  it('a SIGQUIT dump with GOTRACEBACK=all', async () => {
    for (const t of toolchains) {
      const r = await run(bins.get(`quit-${t.minor}`)!, { GOTRACEBACK: 'all' }, true);
      assert.equal(r.code, 2, r.stderr);
      const c = parseCrashText(r.stderr);
      assert.equal(c.kind, 'dump');
      assert.equal(c.signal?.name, 'SIGQUIT');
      assert.equal(c.signal?.description, 'quit');
      assert.equal(c.signal?.sigcode, '0');
      if (process.arch === 'x64') assert.match(c.signal?.registers?.rip ?? '', /^0x[0-9a-f]+$/);
      assert.deepEqual(c.messages, []);
      const buckets = bucketGoroutines(c.goroutines, c.crashingGoroutine);
      assert.equal(buckets[0].crashing, true);
      const workers = buckets.find((b) => b.frames.some((f) => f.func === 'main.worker'));
      assert.equal(workers?.count, 3);
      assert.equal(workers?.state, 'chan receive');
      assert.equal(workers?.createdBy?.func, 'main.main');
      const mutex = buckets.find((b) => b.frames.some((f) => f.func === 'main.main.func1'));
      assert.ok(['semacquire', 'sync.Mutex.Lock'].includes(mutex?.state ?? ''), mutex?.state);
      assert.ok(byId(c, 1).frames.some((f) => f.func === 'main.main'));
      if (t.minor >= 23) assert.match(byId(c, 1).extra ?? '', /^gp=0x[0-9a-f]+ m=/);
    }
  });

  it('a SIGSEGV in C code called through cgo', async () => {
    for (const t of toolchains) {
      const r = await run(bins.get(`cgosegv-${t.minor}`)!, {});
      assert.equal(r.code, 2);
      const c = parseCrashText(r.stderr);
      assert.equal(c.signal?.name, 'SIGSEGV');
      assert.equal(c.signal?.addr, '0x0');
      if (c.kind === 'fatal') {
        // Go 1.19: a fatal error, the [signal ...] line and the runtime stack.
        assert.equal(c.panics[0].message, 'unexpected signal during runtime execution');
        assert.ok(c.runtimeStack.some((f) => f.func === 'runtime.sigpanic'));
      } else {
        // Go 1.23: the SIGSEGV header, PC line and `signal arrived during cgo execution`.
        assert.equal(c.kind, 'signal', t.version);
        assert.equal(c.panics.length, 0);
        assert.equal(c.signal?.duringCgo, true);
        assert.equal(c.signal?.sigcode, '1');
      }
      const g = byId(c, c.crashingGoroutine!);
      assert.equal(g.state, 'syscall');
      const i = g.frames.findIndex((f) => f.func === 'runtime.cgocall');
      assert.ok(i >= 0);
      assert.equal(g.frames[i + 1].func, 'main._Cfunc_crash');
    }
  });

  it('a real crash wrapped by docker, kubectl and journald parses like the plain one', async () => {
    const t = toolchains[0];
    const r = await run(bins.get(`quit-${t.minor}`)!, { GOTRACEBACK: 'all' }, true);
    const plain = parseCrashText(r.stderr);
    const src = r.stderr.split('\n');
    if (src[src.length - 1] === '') src.pop();
    const wraps: ((l: string) => string)[] = [
      (l) => JSON.stringify({ log: `${l}\n`, stream: 'stderr', time: '2024-05-01T10:00:00.000000001Z' }),
      (l) => `2024-05-01T10:00:00.123456789Z ${l}`,
      (l) => `May 01 10:00:00 node-1 app[77]: ${l}`,
    ];
    for (const wrap of wraps) {
      const c = parseCrashText(src.map(wrap).join('\n'));
      assert.equal(c.unwrapped, src.length);
      assert.deepEqual({ ...c, unwrapped: 0 }, plain);
    }
  });

  it('a race detector report', async () => {
    const t = toolchains[0];
    const d = join(dir, 'race');
    execFileSync('mkdir', ['-p', d]);
    writeFileSync(
      join(d, 'main.go'),
      'package main\n\nimport "time"\n\nvar x int\n\nfunc main() {\n\tgo func() { x = 1 }()\n\tx = 2\n\ttime.Sleep(100 * time.Millisecond)\n\t_ = x\n}\n',
    );
    execFileSync(t.bin, ['build', '-race', '-o', join(d, 'race'), 'main.go'], {
      cwd: d,
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', CGO_ENABLED: '1', GO111MODULE: 'off' },
      stdio: 'pipe',
    });
    const r = await run(join(d, 'race'), {});
    assert.equal(r.code, 66);
    const c = parseCrashText(r.stderr);
    assert.equal(c.kind, 'race');
    const race = c.races?.[0];
    assert.equal(race?.accesses.length, 2);
    assert.ok(race?.accesses.every((a) => a.frames.length > 0 && a.frames[0].file?.endsWith('main.go')));
    assert.equal(race?.accesses[1].previous, true);
    assert.ok(c.messages.some((m) => m.text === 'WARNING: DATA RACE'));
  });
});
