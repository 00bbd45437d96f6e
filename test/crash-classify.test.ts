// The crash lens's classifiers: every log under testdata/crash/{go1.19,go1.23,handwritten,wrapped}
// is triaged and compared with its sibling `.expect.json` (cause, kind, exit status, findings as
// [rule, line]); then the ranking (table order, CR005 before CR016), the exclusions the catalog
// spells out, the rule records, and inputs that are not crashes at all.
//
//   go1.19/       real output captured from Go 1.19.8 on linux/amd64 (programs in programs/)
//   go1.23/       real output captured from Go 1.23.5
//   handwritten/  what Go 1.19 cannot produce, written after Go's printing code
//   wrapped/      logs wrapped by docker, kubectl, journald, CRI, GitHub Actions, interleaved

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validateRuleMeta } from '../src/core/rule.js';
import { CRASH_RULES } from '../src/crash/classify.js';
import { type TriageResult, triageText } from '../src/crash/triage.js';
import { ALL_RULES } from '../src/rules.js';
import { byRuleLine, CRASH_TESTDATA, type Expect, summarize } from './support/crash-fixtures.js';

const FIXTURE_DIRS = ['go1.19', 'go1.23', 'handwritten', 'wrapped'];

interface Fixture {
  name: string;
  log: string;
  expect: Expect;
}

function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of FIXTURE_DIRS) {
    for (const name of readdirSync(join(CRASH_TESTDATA, dir)).sort()) {
      if (!name.endsWith('.log')) continue;
      const base = join(CRASH_TESTDATA, dir, name.slice(0, -4));
      out.push({
        name: `${dir}/${name}`,
        log: readFileSync(`${base}.log`, 'utf8'),
        expect: JSON.parse(readFileSync(`${base}.expect.json`, 'utf8')) as Expect,
      });
    }
  }
  return out;
}

function triage(text: string): TriageResult {
  return triageText(text, { file: 'crash.log' });
}

function rules(r: TriageResult): string[] {
  return r.findings.map((f) => f.rule).sort();
}

const ALL = fixtures();

describe('crash fixtures', () => {
  it('every log has an expectation and every expectation a log', () => {
    for (const dir of FIXTURE_DIRS) {
      const names = readdirSync(join(CRASH_TESTDATA, dir));
      for (const n of names) {
        if (n.endsWith('.log')) assert.ok(names.includes(n.replace(/\.log$/, '.expect.json')), `${dir}/${n}`);
        else if (n.endsWith('.expect.json'))
          assert.ok(names.includes(n.replace(/\.expect\.json$/, '.log')), `${dir}/${n}`);
        else if (n !== 'README.md') assert.fail(`unexpected file ${dir}/${n}`);
      }
    }
  });
  for (const f of ALL) {
    it(f.name, () => {
      const r = triageText(f.log, { file: f.name });
      assert.deepEqual(r.errors, []);
      const got = summarize(r);
      const want = { ...f.expect, findings: [...f.expect.findings].sort(byRuleLine) };
      const detail = r.findings.map((x) => `  ${x.rule}:${x.line} ${x.message}`).join('\n');
      assert.deepEqual(
        got,
        want,
        `triage differs from ${f.name.replace(/\.log$/, '.expect.json')}:\n${detail}`,
      );
    });
  }
  it('covers every crash rule as a cause, with a fixture outside handwritten/ where Go can produce it', () => {
    for (const rule of CRASH_RULES) {
      const as = ALL.filter((f) => f.expect.cause === rule.id);
      assert.ok(as.length > 0, `${rule.id} is the cause of no fixture`);
    }
    // The classes Go 1.19/1.23 printed for real on linux/amd64 here.
    const real = new Set(ALL.filter((f) => /^go1\.\d+\//.test(f.name)).map((f) => f.expect.cause));
    for (const id of ['CR001', 'CR002', 'CR003', 'CR004', 'CR005', 'CR006', 'CR007', 'CR010', 'CR011']) {
      assert.ok(real.has(id), `${id}: no captured real output`);
    }
    for (const id of ['CR013', 'CR014', 'CR015', 'CR016'])
      assert.ok(real.has(id), `${id}: no captured real output`);
  });
});

describe('crash classification: ranking', () => {
  const nss = ALL.find((f) => f.name === 'go1.19/static-nss.log')!.log;
  it('tries CR005 before CR016: a crash in an NSS wrapper is not reported as a C crash', () => {
    const r = triage(nss);
    assert.equal(r.crash.cause, 'CR005');
    assert.deepEqual(rules(r), ['CR005']);
  });
  it('the same crash in user C code is CR016', () => {
    const r = triage(nss.replaceAll('os/user._Cfunc_mygetpwnam_r', 'main._Cfunc_parse_record'));
    assert.equal(r.crash.cause, 'CR016');
    assert.deepEqual(rules(r), ['CR016']);
  });
  it('recognises the net wrappers and _nss_ frames as NSS', () => {
    for (const func of [
      'net._C2func_getaddrinfo',
      'net._C2func_getnameinfo',
      'os/user._Cfunc_mygetgrouplist',
    ]) {
      assert.equal(triage(nss.replaceAll('os/user._Cfunc_mygetpwnam_r', func)).crash.cause, 'CR005', func);
    }
  });
  it('reports every match and takes the first in table order as the cause', () => {
    // A cgo pointer-check panic raised in a background goroutine: CR003 (earlier row) and CR004.
    const log =
      'panic: runtime error: cgo argument has Go pointer to Go pointer\n\ngoroutine 9 [running]:\n' +
      'main.send.func1(0xc000012080)\n\t/src/app/send.go:18 +0x2c\nmain.send(...)\n\t/src/app/send.go:18\n' +
      'created by main.main\n\t/src/app/main.go:12 +0x25\nexit status 2\n';
    const r = triage(log);
    assert.equal(r.crash.cause, 'CR003');
    assert.deepEqual(r.crash.matched, ['CR003', 'CR004']);
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.line]),
      [
        ['CR003', 1],
        ['CR004', 1],
      ],
    );
  });
  it('a deadlock inside init is CR001 only, never also CR002', () => {
    const r = triage(ALL.find((f) => f.name === 'go1.19/init-deadlock.log')!.log);
    assert.deepEqual(rules(r), ['CR001']);
  });
  it('runs only the selected rules, and the cause comes from those', () => {
    const log = ALL.find((f) => f.name === 'handwritten/morestack-on-g0.log')!.log;
    const r = triageText(log, { file: 'x', ruleIds: new Set(['CR016']) });
    assert.equal(r.crash.cause, 'CR016');
    assert.deepEqual(rules(r), ['CR016']);
  });
});

describe('crash classification: what must not match', () => {
  it('a panic in a test (created by testing.(*T).Run) is not CR003', () => {
    const r = triage(ALL.find((f) => f.name === 'go1.19/test-panic.log')!.log);
    assert.equal(r.crash.kind, 'panic');
    assert.equal(r.crash.cause, null);
  });
  it('a panic on goroutine 1 is not CR003', () => {
    const r = triage(ALL.find((f) => f.name === 'handwritten/nil-dereference.log')!.log);
    assert.equal(r.crash.cause, null);
  });
  it('a SIGQUIT dump of a goroutine waiting in C is a dump, not a C crash', () => {
    const r = triage(ALL.find((f) => f.name === 'handwritten/sigquit-dump.log')!.log);
    assert.equal(r.crash.kind, 'dump');
    assert.deepEqual(rules(r), []);
  });
  it('a method named init does not make a deadlock CR001', () => {
    const log =
      'fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n' +
      'main.(*pool).init(0xc000010000)\n\t/src/app/pool.go:9 +0x25\nmain.main()\n\t/src/app/main.go:5 +0x1d\n';
    assert.deepEqual(rules(triage(log)), ['CR002']);
  });
  it('ordinary log lines that mention stack overflow or out of memory are not runtime fatals', () => {
    const log =
      'level=info msg="see the stack overflow answer for details"\nlevel=warn msg="cache near out of memory"\n' +
      'concurrent map writes are forbidden by our style guide\n';
    assert.deepEqual(rules(triage(log)), []);
  });
  it('unknown caller pc is CR015, naming CGO013 as one possible cause, not CR007', () => {
    const r = triage(ALL.find((f) => f.name === 'handwritten/unknown-caller-pc.log')!.log);
    assert.deepEqual(rules(r), ['CR015']);
    assert.ok(r.findings[0].related?.some((x) => x.rule === 'CGO013'));
  });
  it('a Go nil dereference with a signal line is not a C crash', () => {
    assert.deepEqual(rules(triage(ALL.find((f) => f.name === 'handwritten/nil-dereference.log')!.log)), []);
  });
});

describe('crash classification: findings', () => {
  it('links each class to the rules the catalog explains it with', () => {
    const want: Record<string, string[]> = {
      'go1.19/init-deadlock.log': ['RT001'],
      'go1.19/goroutine-panic.log': ['RT004'],
      'go1.19/cgo-pointer.log': ['CGO002', 'CGO003'],
      'go1.19/static-nss.log': ['BLD001', 'BIN001'],
      'go1.19/thread-exhaustion.log': ['CGO010'],
      'go1.19/signal-onstack.log': ['CGO013'],
      'handwritten/cgocallback-go122.log': ['CGO014'],
      'handwritten/glibc-version-backtick.log': ['BIN002', 'BLD003'],
      'go1.19/missing-lib.log': ['BIN003', 'BLD003'],
      'go1.19/exec-format-bash.log': ['BIN008'],
      'handwritten/microarch-v3.log': ['BIN006'],
      'go1.23/link-invalid-reference.log': ['LN006'],
      'go1.19/link-linkname-typo.log': ['LN005'],
      'go1.19/link-undefined-builtin.log': ['LN005'],
      'handwritten/static-relocation-c-symbol.log': ['BLD001', 'BLD002'],
      'go1.19/link-duplicate-definition.log': ['LN002'],
      'go1.19/compile-linkname-without-unsafe.log': ['LN001'],
      'go1.19/vet-cgo-in-test.log': ['CGO012'],
      'go1.19/link-undefined-reference.log': ['CGO008'],
      'go1.19/static-nss-link-warnings.log': ['BLD001'],
      'go1.19/cgo-stub.log': ['BLD002', 'BIN004'],
      'go1.19/c-segfault.log': ['CGO001', 'CGO002', 'CGO003', 'CGO011'],
    };
    for (const [name, related] of Object.entries(want)) {
      const r = triage(ALL.find((f) => f.name === name)!.log);
      const got = new Set(r.findings.flatMap((f) => f.related ?? []).map((x) => x.rule));
      for (const id of related)
        assert.ok(got.has(id), `${name}: related ${id} missing (${[...got].join(', ')})`);
    }
  });
  it('thread exhaustion without cgo frames points at process limits, not CGO010', () => {
    const r = triage(ALL.find((f) => f.name === 'handwritten/newosproc.log')!.log);
    const f = r.findings[0];
    assert.equal(f.rule, 'CR006');
    assert.ok(!f.related?.some((x) => x.rule === 'CGO010'));
    assert.match(f.message, /ulimit -u|pids\.max/);
  });
  it('names the thread limit and says when SetMaxThreads changed it', () => {
    const r = triage(ALL.find((f) => f.name === 'go1.19/thread-exhaustion.log')!.log);
    assert.match(r.findings[0].message, /12-thread limit .*SetMaxThreads/);
  });
  it('lowers exec ENOENT to a warning (the file may really be missing)', () => {
    const r = triage(ALL.find((f) => f.name === 'handwritten/exec-no-such-file-docker.log')!.log);
    assert.equal(r.findings[0].severity, 'warning');
    const lib = triage(ALL.find((f) => f.name === 'go1.19/missing-lib.log')!.log);
    assert.equal(lib.findings[0].severity, 'error');
    assert.match(lib.findings[0].message, /libgreet\.so/);
  });
  it('explains GLIBCXX/CXXABI misses as libstdc++, not glibc', () => {
    const r = triage(ALL.find((f) => f.name === 'handwritten/glibcxx-version.log')!.log);
    assert.match(r.findings[0].message, /libstdc\+\+/);
    assert.doesNotMatch(r.findings[0].message, /machine's glibc/);
    const g = triage(ALL.find((f) => f.name === 'handwritten/glibc-version-backtick.log')!.log);
    assert.match(g.findings[0].message, /GLIBC_2\.34/);
  });
  it('narrows "missing function body" to LN001 when the unsafe error is there too', () => {
    const r = triage(ALL.find((f) => f.name === 'go1.19/compile-linkname-without-unsafe.log')!.log);
    const related = (r.findings[0].related ?? []).map((x) => x.rule).filter(Boolean);
    assert.deepEqual(related, ['LN001']);
    const alone = triage('# example.com/clock\n./clock.go:9:6: missing function body\n');
    assert.deepEqual(
      (alone.findings[0].related ?? []).map((x) => x.rule),
      ['LN003', 'LN001'],
    );
  });
  it('reports the crash object: goroutines, the panicking goroutine and buckets', () => {
    const r = triage(ALL.find((f) => f.name === 'go1.19/thread-exhaustion.log')!.log);
    assert.equal(r.crash.goroutines, 45);
    assert.equal(r.crash.panicGoroutine, 1);
    assert.ok(r.crash.buckets.length >= 2 && r.crash.buckets.length < 45);
    assert.equal(
      r.crash.buckets.reduce((n, b) => n + b.count, 0),
      45,
    );
    const blocked = r.crash.buckets.find((b) => b.frames.some((f) => f.func === 'main._Cfunc_block'));
    assert.ok(blocked && blocked.count > 1 && blocked.state === 'syscall');
  });
  it('infers the exit status only where the catalog fixes it', () => {
    assert.equal(triage('fatal error: concurrent map writes\n').crash.exitStatus, 2);
    assert.equal(triage('fatal error: concurrent map writes\n').crash.exitStatusInferred, true);
    // GOTRACEBACK=crash dies of SIGABRT (134) without saying so: unknown, not 2.
    assert.equal(
      triage(ALL.find((f) => f.name === 'go1.19/gotraceback-crash.log')!.log).crash.exitStatus,
      null,
    );
    const printed = triage(
      ALL.find((f) => f.name === 'go1.19/deadlock.log')!.log.replace('exit status 2', 'exit status 7'),
    );
    assert.equal(printed.crash.exitStatus, 7);
    assert.equal(printed.crash.exitStatusInferred, false);
  });
});

describe('crash rules: records', () => {
  it('CR001–CR016 in table order, registered with every other rule', () => {
    assert.deepEqual(
      CRASH_RULES.map((r) => r.id),
      Array.from({ length: 16 }, (_, i) => `CR${String(i + 1).padStart(3, '0')}`),
    );
    for (const r of CRASH_RULES) {
      assert.ok(ALL_RULES.includes(r), r.id);
      validateRuleMeta(r);
      assert.equal(r.lens, 'crash');
    }
  });
  it('has the catalog severities', () => {
    const errors = new Set(['CR001', 'CR004', 'CR005', 'CR009', 'CR010', 'CR011', 'CR012', 'CR013', 'CR014']);
    for (const r of CRASH_RULES) assert.equal(r.severity, errors.has(r.id) ? 'error' : 'warning', r.id);
  });
  it('each bad example is a log that triggers its rule; each good example triggers nothing', () => {
    for (const r of CRASH_RULES) {
      const bad = r.docs.bad[0].files.find((f) => f.name.endsWith('.log'));
      assert.ok(bad, `${r.id}: the bad example is a .log`);
      assert.ok(rules(triage(bad.text)).includes(r.id), `${r.id}: its bad example is not recognised`);
      for (const g of r.docs.good.flatMap((e) => e.files)) {
        assert.ok(!rules(triage(g.text)).includes(r.id), `${r.id}: good example ${g.name} triggers it`);
      }
    }
  });
  it('docs name exact messages and references', () => {
    for (const r of CRASH_RULES) {
      assert.match(r.docs.symptom, /```/, `${r.id}: symptom shows the message`);
      assert.ok(r.docs.references.length > 0);
    }
  });
});

describe('crash triage: inputs that are not crashes', () => {
  it('garbage, empty and binary-looking text give a result, never an exception', () => {
    const bytes = new Uint8Array(64 * 1024);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    const inputs = [
      '',
      '\n\n\n',
      new TextDecoder().decode(bytes),
      'goroutine 1 [running]:\n',
      'goroutine x [\npanic: \n\tpanic: \n[signal \nSIGSEGV: \nPC=\ncreated by \n',
      'panic: ' + 'x'.repeat(200_000),
      '\u0000\u0001\u0002panic: boom\u0000\n',
      `${'fatal error: all goroutines are asleep - deadlock!\n'.repeat(3)}goroutine 1 [chan receive]:\nmain.init.0()\n`,
      'created by main.main\n\t/src/x.go:1 +0x1\n',
    ];
    for (const text of inputs) {
      const r = triage(text);
      assert.deepEqual(r.errors, []);
      assert.ok(typeof r.crash.kind === 'string');
    }
  });
  it('unrelated text is kind unknown with no cause', () => {
    const r = triage(ALL.find((f) => f.name === 'handwritten/garbage.log')!.log);
    assert.equal(r.crash.kind, 'unknown');
    assert.equal(r.crash.cause, null);
    assert.deepEqual(r.findings, []);
  });
  it('a fixture directory README exists for each kind of fixture', () => {
    for (const dir of FIXTURE_DIRS) assert.ok(existsSync(join(CRASH_TESTDATA, dir, 'README.md')), dir);
  });
});
