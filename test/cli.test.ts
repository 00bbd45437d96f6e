// Contract tests for the command line (design.md, "Command line" and "Output stability"):
// each test builds a small Go module under the system temp directory and runs the real CLI
// (`dist/src/cli/main.js`) on it, judging exit status, stdout and stderr.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');
const STACK = /at .*\.js:\d+|^\s+at .+:\d+:\d+\)?$/m;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function gotrap(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', GOTRAP_STATS: '' },
  });
  if (r.error) throw r.error;
  assert.equal(r.signal, null, `gotrap ${args.join(' ')} was killed (${r.signal}); stderr: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, STACK, `gotrap ${args.join(' ')} printed a stack trace`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  rule: string;
  name: string;
  severity: string;
  lens: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  findings: JsonFinding[];
  summary: {
    files: number;
    findings: number;
    durationMs: number;
    skipped: { file: string; reason: string }[];
  };
}

function json(cwd: string, ...args: string[]): { status: number | null; report: JsonReport } {
  const r = gotrap(cwd, 'scan', '--format', 'json', ...args);
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport };
}

/** (rule, file, line) of every finding, the way cases are judged. */
function keys(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.rule} ${f.file}:${f.line ?? '-'}`);
}

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A fresh directory under the temp dir holding `files` (paths with `/`). */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'gotrap-cli-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    const abs = join(root, ...path.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

const GO_MOD = 'module example.com/trap\n\ngo 1.22\n';

/** A file that trips LN001 on line 5 (the directive), column 1. */
function badGo(pkg: string, fn = 'nanotime'): string {
  return `package ${pkg}\n\nimport "fmt"\n\n//go:linkname ${fn} runtime.nanotime\nfunc ${fn}() int64\n\nvar _ = fmt.Sprint\n`;
}
const BAD_LINE = 5;

const GOOD_GO =
  'package trap\n\nimport (\n\t"fmt"\n\t_ "unsafe" // for go:linkname\n)\n\n' +
  '//go:linkname nanotime runtime.nanotime\nfunc nanotime() int64\n\nfunc Now() { fmt.Println(nanotime()) }\n';

function compare(a: JsonFinding, b: JsonFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if ((a.line ?? 0) !== (b.line ?? 0)) return (a.line ?? 0) - (b.line ?? 0);
  if ((a.column ?? 0) !== (b.column ?? 0)) return (a.column ?? 0) - (b.column ?? 0);
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

describe('scan: a module with an LN001 trap', () => {
  const dir = fixture({ 'go.mod': GO_MOD, 'bad.go': badGo('trap') });

  it('exits 1 and prints path:line:col in text', () => {
    const r = gotrap(dir, 'scan');
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`^bad\\.go:${BAD_LINE}:1: error LN001 linkname-without-unsafe: `, 'm'));
  });

  it('--format json is one object with the documented shape', () => {
    const r = gotrap(dir, 'scan', '--format', 'json');
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'gotrap');
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.equal(report.findings.length, 1);
    const f = report.findings[0];
    assert.equal(f.rule, 'LN001');
    assert.equal(f.name, 'linkname-without-unsafe');
    assert.equal(f.severity, 'error');
    assert.equal(f.lens, 'source');
    assert.match(f.message, /import "unsafe"/);
    assert.equal(f.file, 'bad.go');
    assert.equal(f.line, BAD_LINE);
    assert.equal(f.column, 1);
    assert.equal(report.summary.files, 1);
    assert.equal(report.summary.findings, 1);
    assert.equal(typeof report.summary.durationMs, 'number');
    assert.ok(report.summary.durationMs >= 0);
    assert.deepEqual(report.summary.skipped, []);
  });

  it('--fail-on none exits 0 but still reports', () => {
    const r = gotrap(dir, 'scan', '--fail-on', 'none');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /LN001/);
  });

  it('--rules narrows the rules that run; unknown ids are a usage error', () => {
    assert.deepEqual(keys(json(dir, '--rules', 'LN001').report), [`LN001 bad.go:${BAD_LINE}`]);
    assert.deepEqual(keys(json(dir, '--rules', 'linkname-without-unsafe').report), [
      `LN001 bad.go:${BAD_LINE}`,
    ]);
    const other = json(dir, '--rules', 'LN002');
    assert.equal(other.status, 0);
    assert.deepEqual(keys(other.report), []);

    const r = gotrap(dir, 'scan', '--rules', 'LN001,XX999');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /unknown rule "XX999"/);
  });

  it('bad --severity / --fail-on values are usage errors', () => {
    for (const args of [
      ['--severity', 'fatal'],
      ['--fail-on', 'loud'],
      ['--format', 'xml'],
    ]) {
      const r = gotrap(dir, 'scan', ...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, new RegExp(args[1]));
    }
  });

  it('--format sarif is SARIF 2.1.0 JSON with the finding', () => {
    const r = gotrap(dir, 'scan', '--format', 'sarif');
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string } };
        results: {
          ruleId: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
          partialFingerprints: Record<string, string>;
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].tool.driver.name, 'gotrap');
    const [res] = sarif.runs[0].results;
    assert.equal(res.ruleId, 'LN001');
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'bad.go');
    assert.equal(res.locations[0].physicalLocation.region.startLine, BAD_LINE);
    assert.ok(Object.keys(res.partialFingerprints).length > 0);
  });

  it('--format github prints workflow commands', () => {
    const r = gotrap(dir, 'scan', '--format', 'github');
    assert.equal(r.status, 1);
    assert.ok(r.stdout.startsWith('::error '), r.stdout);
    assert.match(r.stdout, new RegExp(`file=bad\\.go,line=${BAD_LINE},col=1`));
  });
});

describe('scan: severities, ordering and paths', () => {
  // a.go: an error (LN001). warn.go: a warning (GT002, a reason-less suppression). info.go: an
  // info (GT003, a suppression that matches nothing). pkg/z.go and pkg/y.go: two traps each.
  const dir = fixture({
    'go.mod': GO_MOD,
    'warn.go': 'package trap\n\n//gotrap:ignore LN001\nfunc W() {}\n',
    'info.go': 'package trap\n\n//gotrap:ignore LN001 -- kept for the demo\nfunc I() {}\n',
    'a.go': badGo('trap'),
    'pkg/z.go': badGo('pkg', 'z1') + '\n//go:linkname z2 runtime.nanotime\nfunc z2() int64\n',
    'pkg/y.go': badGo('pkg', 'y1') + '\n//go:linkname y2 runtime.nanotime\nfunc y2() int64\n',
  });

  it('findings are sorted by file, line, column, rule with relative / paths', () => {
    const { report } = json(dir);
    assert.deepEqual(keys(report), [
      `LN001 a.go:${BAD_LINE}`,
      'GT003 info.go:3',
      `LN001 pkg/y.go:${BAD_LINE}`,
      'LN001 pkg/y.go:10',
      `LN001 pkg/z.go:${BAD_LINE}`,
      'LN001 pkg/z.go:10',
      'GT002 warn.go:3',
    ]);
    assert.deepEqual([...report.findings].sort(compare), report.findings);
    assert.equal(report.summary.findings, report.findings.length);
    assert.equal(report.summary.files, 5);
  });

  it('paths are relative to the working directory, not to the scanned path', () => {
    const { report } = json(join(dir, 'pkg'), '.');
    assert.deepEqual(keys(report), [
      `LN001 y.go:${BAD_LINE}`,
      'LN001 y.go:10',
      `LN001 z.go:${BAD_LINE}`,
      'LN001 z.go:10',
    ]);
    const up = json(join(dir, 'pkg'), '../a.go');
    assert.deepEqual(keys(up.report), [`LN001 ../a.go:${BAD_LINE}`]);
  });

  it('--severity filters the output', () => {
    const errors = json(dir, '--severity', 'error').report;
    assert.ok(errors.findings.length > 0);
    assert.ok(errors.findings.every((f) => f.severity === 'error'));
    const warnings = json(dir, '--severity', 'warning').report;
    assert.deepEqual(
      warnings.findings.map((f) => f.severity).filter((s) => s !== 'error'),
      ['warning'],
    );
    assert.equal(json(dir, '--severity', 'info').report.findings.length, 7);
  });

  it('--fail-on picks the severity that fails', () => {
    const warnOnly = ['warn.go'];
    assert.equal(gotrap(dir, 'scan', ...warnOnly).status, 0);
    assert.equal(gotrap(dir, 'scan', '--fail-on', 'warning', ...warnOnly).status, 1);
    assert.equal(gotrap(dir, 'scan', '--fail-on', 'error', ...warnOnly).status, 0);
    const infoOnly = ['info.go'];
    assert.equal(gotrap(dir, 'scan', '--fail-on', 'warning', ...infoOnly).status, 0);
    assert.equal(gotrap(dir, 'scan', '--fail-on', 'info', ...infoOnly).status, 1);
    assert.equal(gotrap(dir, 'scan', '--fail-on', 'none', '--severity', 'info').status, 0);
    assert.equal(gotrap(dir, 'scan', '--fail-on', 'warning', 'a.go').status, 1);
  });

  it('findings filtered out by --severity do not fail the run', () => {
    assert.equal(gotrap(dir, 'scan', '--fail-on', 'info', '--severity', 'error', 'warn.go').status, 0);
  });
});

describe('scan: a clean module', () => {
  it('exits 0 and says "no findings"', () => {
    const dir = fixture({ 'go.mod': GO_MOD, 'clock.go': GOOD_GO });
    const r = gotrap(dir, 'scan');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /no findings/);
    const { status, report } = json(dir);
    assert.equal(status, 0);
    assert.deepEqual(report.findings, []);
    assert.equal(report.summary.files, 1);
  });
});

describe('scan: suppressions', () => {
  const head = 'package trap\n\nimport "fmt"\n\n';
  const tail = 'func nanotime() int64\n\nvar _ = fmt.Sprint\n';

  it('//gotrap:ignore RULE -- reason on the line above silences the finding', () => {
    const dir = fixture({
      'go.mod': GO_MOD,
      'x.go': `${head}//gotrap:ignore LN001 -- measured, see issue 12\n//go:linkname nanotime runtime.nanotime\n${tail}`,
    });
    const r = gotrap(dir, 'scan');
    assert.equal(r.status, 0);
    assert.doesNotMatch(r.stdout, /LN001 linkname/);
    const { status, report } = json(dir);
    assert.equal(status, 0);
    assert.deepEqual(report.findings, []);
    // SARIF keeps the suppressed finding, with its justification (design.md, Output stability).
    const sarif = JSON.parse(gotrap(dir, 'scan', '--format', 'sarif').stdout) as {
      runs: { results: { ruleId: string; suppressions?: { justification?: string }[] }[] }[];
    };
    const [res] = sarif.runs[0].results;
    assert.equal(res.ruleId, 'LN001');
    assert.equal(res.suppressions?.[0].justification, 'measured, see issue 12');
  });

  it('a line suppression covers its own line and the next, not the line above', () => {
    const dir = fixture({
      'go.mod': GO_MOD,
      'x.go': `${head}//go:linkname nanotime runtime.nanotime\n${tail.replace('int64\n', 'int64 //gotrap:ignore LN001 -- ok\n')}`,
    });
    // The finding is on the directive line (5); the comment is on line 6, so it does not reach
    // back: only the line itself and the line below are covered.
    assert.deepEqual(keys(json(dir).report), ['LN001 x.go:5', 'GT003 x.go:6']);
  });

  it('a suppression without a reason is reported (GT002) and silences nothing', () => {
    const dir = fixture({
      'go.mod': GO_MOD,
      'x.go': `${head}//gotrap:ignore LN001\n//go:linkname nanotime runtime.nanotime\n${tail}`,
    });
    const { status, report } = json(dir);
    assert.equal(status, 1);
    assert.deepEqual(keys(report), ['GT002 x.go:5', 'LN001 x.go:6']);
    const gt002 = report.findings[0];
    assert.equal(gt002.severity, 'warning');
    assert.equal(gt002.name, 'suppression-without-reason');
  });

  it('a suppression that matches nothing is reported (GT003)', () => {
    const dir = fixture({
      'go.mod': GO_MOD,
      'x.go': `${head}//gotrap:ignore LN001 -- left over\nfunc F() {}\n\nvar _ = fmt.Sprint\n`,
    });
    const { status, report } = json(dir);
    assert.equal(status, 0);
    assert.deepEqual(keys(report), ['GT003 x.go:5']);
    assert.equal(report.findings[0].name, 'unused-suppression');
    assert.match(report.findings[0].message, /LN001/);
  });

  it('//gotrap:file-ignore RULE -- reason silences the whole file, and only that file', () => {
    const dir = fixture({
      'go.mod': GO_MOD,
      'x.go':
        `//gotrap:file-ignore LN001 -- generated shim\n${head}` +
        `//go:linkname nanotime runtime.nanotime\n${tail}\n//go:linkname two runtime.nanotime\nfunc two() int64\n`,
      'y.go': badGo('trap', 'other'),
    });
    const { status, report } = json(dir);
    assert.equal(status, 1);
    assert.deepEqual(keys(report), [`LN001 y.go:${BAD_LINE}`]);
  });
});

describe('scan: .gotrap.yaml', () => {
  it('is found upward from the scanned path and can disable a rule', () => {
    const dir = fixture({
      '.gotrap.yaml': 'rules: {disable: [LN001]}\n',
      'go.mod': GO_MOD,
      'pkg/inner/bad.go': badGo('inner'),
    });
    const r = gotrap(join(dir, 'pkg', 'inner'), 'scan');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /no findings/);
    // --config names another file explicitly; without the disable the finding is back.
    writeFileSync(join(dir, 'empty.yaml'), '# nothing\n');
    const again = json(join(dir, 'pkg', 'inner'), '--config', join(dir, 'empty.yaml'));
    assert.deepEqual(keys(again.report), [`LN001 bad.go:${BAD_LINE}`]);
  });

  it('severity: changes a rule severity', () => {
    const dir = fixture({
      '.gotrap.yaml': 'severity: {LN001: warning}\n',
      'go.mod': GO_MOD,
      'bad.go': badGo('trap'),
    });
    const { status, report } = json(dir);
    assert.equal(status, 0);
    assert.equal(report.findings.length, 1);
    assert.equal(report.findings[0].rule, 'LN001');
    assert.equal(report.findings[0].severity, 'warning');
    assert.equal(gotrap(dir, 'scan', '--fail-on', 'warning').status, 1);
    writeFileSync(join(dir, '.gotrap.yaml'), 'severity: {LN001: off}\n');
    assert.deepEqual(json(dir).report.findings, []);
  });

  it('exclude: skips matching paths', () => {
    const dir = fixture({
      '.gotrap.yaml': 'exclude: ["skip/**", "*_gen.go"]\n',
      'go.mod': GO_MOD,
      'skip/a.go': badGo('skip'),
      'skip/deep/b.go': badGo('deep'),
      'keep/c.go': badGo('keep'),
      'keep/d_gen.go': badGo('keep', 'gen'),
    });
    const { status, report } = json(dir);
    assert.equal(status, 1);
    assert.deepEqual(keys(report), [`LN001 keep/c.go:${BAD_LINE}`]);
    assert.equal(report.summary.files, 1);
  });

  it('exclude: patterns are relative to the config file, whatever the working directory', () => {
    const dir = fixture({
      '.gotrap.yaml': 'exclude: ["gen/**"]\n',
      'go.mod': GO_MOD,
      'gen/a.go': badGo('gen'),
      'app/gen/b.go': badGo('gen'),
    });
    assert.deepEqual(keys(json(dir).report), [`LN001 app/gen/b.go:${BAD_LINE}`]);
    // From app/, `gen/b.go` is not under the config's gen/; ../gen/a.go is.
    assert.deepEqual(keys(json(join(dir, 'app'), '.', '..').report), [`LN001 gen/b.go:${BAD_LINE}`]);
  });

  it('malformed YAML is a usage error naming the file, without a stack trace', () => {
    const dir = fixture({ '.gotrap.yaml': 'rules: [unclosed\n  - : :\n', 'go.mod': GO_MOD, 'a.go': GOOD_GO });
    const r = gotrap(dir, 'scan');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /\.gotrap\.yaml:\d+: invalid YAML/);
    assert.ok(r.stderr.includes(join(dir, '.gotrap.yaml')), r.stderr);
  });

  it('a valid YAML with a wrong setting is a usage error too', () => {
    const dir = fixture({ '.gotrap.yaml': 'severity: {LN001: loud}\n', 'go.mod': GO_MOD, 'a.go': GOOD_GO });
    const r = gotrap(dir, 'scan');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.gotrap\.yaml:1: severity\.LN001 must be one of/);
  });
});

describe('scan: walking', () => {
  const dir = fixture({
    'go.mod': GO_MOD,
    'root.go': badGo('trap'),
    'testdata/t.go': badGo('t'),
    'vendor/example.com/v/v.go': badGo('v'),
    '.hidden/h.go': badGo('h'),
    '_under/u.go': badGo('u'),
    'pkg/testdata/deep.go': badGo('deep'),
    'nested/go.mod': 'module example.com/nested\n\ngo 1.21\n',
    'nested/n.go': badGo('nested'),
  });
  const files = (r: JsonReport): string[] => [...new Set(r.findings.map((f) => f.file))];

  it('skips testdata, vendor, dot and underscore directories; scans nested modules', () => {
    const { report } = json(dir);
    assert.deepEqual(files(report), ['nested/n.go', 'root.go']);
    assert.equal(report.summary.files, 2);
  });

  it('scans skipped directories when they are named explicitly', () => {
    assert.deepEqual(files(json(dir, 'testdata').report), ['testdata/t.go']);
    assert.deepEqual(files(json(dir, '.hidden').report), ['.hidden/h.go']);
    assert.deepEqual(files(json(dir, '_under').report), ['_under/u.go']);
    assert.deepEqual(files(json(dir, 'vendor').report), ['vendor/example.com/v/v.go']);
    assert.deepEqual(files(json(dir, 'pkg/testdata/deep.go').report), ['pkg/testdata/deep.go']);
    assert.deepEqual(files(json(dir, './...').report), ['nested/n.go', 'root.go']);
  });

  it('--include-vendor scans vendor but still skips the others', () => {
    assert.deepEqual(files(json(dir, '--include-vendor').report), [
      'nested/n.go',
      'root.go',
      'vendor/example.com/v/v.go',
    ]);
  });
});

describe('rules and explain', () => {
  const ids = [
    ...['GT001', 'GT002', 'GT003', 'GT004'],
    ...['LN001', 'LN002', 'LN003', 'LN004', 'LN005', 'LN006', 'LN007', 'LN008', 'LN009'],
    ...['BLD001', 'BLD002', 'BLD003', 'BLD004', 'BLD005', 'BLD006'],
  ];
  const cwd = tmpdir();

  it('`rules` lists every rule in text', () => {
    const r = gotrap(cwd, 'rules');
    assert.equal(r.status, 0);
    for (const id of ids) assert.match(r.stdout, new RegExp(`^${id}\\s+\\S`, 'm'), id);
    assert.match(r.stdout, /^LN001\s+linkname-without-unsafe\s+error\s+source\s/m);
  });

  it('`rules --format json` is an array of rule metadata', () => {
    const r = gotrap(cwd, 'rules', '--format', 'json');
    assert.equal(r.status, 0);
    const rules = JSON.parse(r.stdout) as {
      id: string;
      name: string;
      severity: string;
      lens: string;
      title: string;
    }[];
    for (const id of ids)
      assert.ok(
        rules.some((x) => x.id === id),
        id,
      );
    const ln001 = rules.find((x) => x.id === 'LN001');
    assert.equal(ln001?.name, 'linkname-without-unsafe');
    assert.equal(ln001?.severity, 'error');
    assert.equal(new Set(rules.map((x) => x.id)).size, rules.length);
    // Names are unique within a lens; the catalog names one trap in two lenses.
    assert.equal(new Set(rules.map((x) => `${x.lens} ${x.name}`)).size, rules.length);
    const shared = rules.filter((x) => x.name === 'static-glibc-nss').map((x) => x.id);
    assert.deepEqual(shared, ['BLD001', 'BIN001']);
    assert.ok(rules.every((x) => x.title.length > 0));
  });

  it('`explain` by id or name prints Symptom, Why and Fix', () => {
    const byId = gotrap(cwd, 'explain', 'LN001');
    assert.equal(byId.status, 0);
    assert.match(byId.stdout, /^LN001\s+linkname-without-unsafe/);
    for (const section of ['Symptom', 'Why', 'Fix'])
      assert.match(byId.stdout, new RegExp(`^${section}$`, 'm'));
    assert.match(byId.stdout, /import _ "unsafe"/);
    const byName = gotrap(cwd, 'explain', 'linkname-without-unsafe');
    assert.equal(byName.status, 0);
    assert.equal(byName.stdout, byId.stdout);
  });

  it('`explain` of an unknown rule exits 2', () => {
    const r = gotrap(cwd, 'explain', 'XX999');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /unknown rule "XX999"/);
  });
});
