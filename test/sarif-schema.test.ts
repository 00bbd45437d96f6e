// Validates the SARIF reporter against the official SARIF 2.1.0 schema shipped in
// @microsoft/jest-sarif (loaded from node_modules, never copied into the repository).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import type { Finding, ScanResult } from '../src/core/finding.js';
import type { RuleMeta } from '../src/core/rule.js';
import { fnv1a64, renderSarif } from '../src/report/sarif.js';

const SCHEMA_PATH = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

/**
 * The schema is written for JSON Schema draft-04, which Ajv 8 does not read. Its only
 * draft-04-specific keyword is the root `id` (`$id` since draft-06); with that renamed and the
 * `$schema` line dropped it compiles as draft-07 with the same meaning. One of its patterns
 * (`language`) has a stray `]` that is only legal without the regular-expression `u` flag, hence
 * `unicodeRegExp: false`.
 */
function loadValidator(): ValidateFunction {
  const path = createRequire(import.meta.url).resolve(SCHEMA_PATH);
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile({ $id: id, ...rest });
}

function rule(id: string, name: string, severity: RuleMeta['severity'], lens: RuleMeta['lens']): RuleMeta {
  return {
    id,
    name,
    severity,
    lens,
    subsystem: lens === 'binary' ? 'binary' : 'cgo',
    title: `${name} title`,
    docs: {
      symptom: 'What the user sees when it happens.',
      why: 'Which invariant of the runtime is broken.',
      fix: 'Change the code like **this**.',
      versions: 'Go 1.19 and later.',
      references: ['https://go.dev/cmd/cgo', 'golang/go#1'],
      bad: [{ title: 'bad', files: [{ name: 'a.go', text: 'package a\n' }] }],
      good: [{ title: 'good', files: [{ name: 'a.go', text: 'package a\n' }] }],
    },
  };
}

const RULES = [
  rule('CGO001', 'c-alloc-not-freed', 'warning', 'source'),
  rule('BIN001', 'glibc-too-new', 'error', 'binary'),
];

const LINES: Record<string, string[]> = {
  'dir with space/é.go': ['package a', '\tp := C.CString("héllo") // ✓', '\tp := C.CString("héllo") // ✓'],
};
const getLines = (file: string) => LINES[file];

function finding(line: number, extra: Partial<Finding> = {}): Finding {
  return {
    rule: 'CGO001',
    name: 'c-alloc-not-freed',
    severity: 'warning',
    lens: 'source',
    message: 'C.CString result is never freed',
    file: 'dir with space/é.go',
    line,
    column: 21,
    endLine: line,
    endColumn: 26,
    ...extra,
  };
}

function scanResult(): ScanResult {
  return {
    findings: [
      finding(3),
      finding(2, {
        related: [
          { line: 1, message: 'package declared here' },
          { rule: 'CGO002', message: 'see also' },
        ],
        fix: {
          description: 'free it',
          edit: { line: 2, column: 2, endLine: 2, endColumn: 3, text: 'q' },
        },
      }),
      {
        rule: 'BIN001',
        name: 'glibc-too-new',
        severity: 'error',
        lens: 'binary',
        message: 'needs 2.34',
        file: 'bin/app',
      },
      { ...finding(1), rule: 'GT001', name: 'parse-error', severity: 'info', lens: 'gotrap', message: 'odd' },
    ],
    suppressed: [
      finding(2, { rule: 'BIN001', suppressed: { kind: 'inline', reason: 'known', line: 1 } }),
      finding(3, { rule: 'BIN001', suppressed: { kind: 'config', reason: 'vendored copy' } }),
    ],
    files: 2,
    skipped: [{ file: 'huge.go', reason: 'larger than 5 MB' }],
    durationMs: 5,
  };
}

function renderLog(): Sarif.Log {
  const text = renderSarif(scanResult(), {
    version: '0.1.0',
    rules: RULES,
    informationUri: 'https://github.com/example/gotrap',
    getLines,
  });
  return JSON.parse(text);
}

describe('sarif reporter', () => {
  const validate = loadValidator();
  const log = renderLog();
  const run = log.runs[0];
  const results = run.results ?? [];

  it('validates against the official SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  it('validates without optional inputs too', () => {
    const bare = JSON.parse(renderSarif(scanResult(), { version: '0.1.0', rules: [] }));
    assert.ok(validate(bare), JSON.stringify(validate.errors, null, 2));
  });

  it('validates a real scan of the build-lens example (BLD rules, suppression-free)', () => {
    const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');
    const r = spawnSync(
      process.execPath,
      [cli, 'scan', 'examples/build-traps', '--format', 'sarif', '--fail-on', 'none'],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const real = JSON.parse(r.stdout) as Sarif.Log;
    assert.ok(validate(real), JSON.stringify(validate.errors, null, 2));
    const ids = new Set((real.runs[0].results ?? []).map((x) => x.ruleId));
    for (const id of ['BLD001', 'BLD002', 'BLD004', 'BLD006']) assert.ok(ids.has(id), id);
    const rules = real.runs[0].tool.driver.rules ?? [];
    assert.ok(rules.some((x) => x.id === 'BLD001' && x.name === 'static-glibc-nss'));
  });

  it('rejects a broken log, so the check above can fail', () => {
    const broken = structuredClone(log) as unknown as {
      runs: Array<{ results: Array<Record<string, unknown>> }>;
    };
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(validate(broken), false);
    const noDriver = structuredClone(log) as unknown as { runs: Array<{ tool: Record<string, unknown> }> };
    delete noDriver.runs[0].tool.driver;
    assert.equal(validate(noDriver), false);
  });

  it('describes every rule', () => {
    const rules = run.tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => r.id),
      ['CGO001', 'BIN001'],
    );
    assert.equal(rules[0].shortDescription?.text, 'c-alloc-not-freed title');
    assert.equal(rules[0].defaultConfiguration?.level, 'warning');
    assert.deepEqual(rules[0].properties, { lens: 'source', subsystem: 'cgo', tags: ['source', 'cgo'] });
    assert.match(rules[0].help?.markdown ?? '', /### Fix\n\nChange the code like \*\*this\*\*\./);
    assert.match(rules[0].help?.text ?? '', /Go versions:\nGo 1.19 and later\./);
    assert.equal(run.tool.driver.informationUri, 'https://github.com/example/gotrap');
  });

  it('keeps suppressed findings with their justification', () => {
    const suppressed = results.filter((r) => (r.suppressions ?? []).length > 0);
    assert.deepEqual(
      suppressed.map((r) => r.suppressions?.[0]),
      [
        {
          kind: 'inSource',
          justification: 'known',
          location: {
            physicalLocation: {
              artifactLocation: { uri: 'dir%20with%20space/%C3%A9.go', uriBaseId: '%SRCROOT%' },
              region: { startLine: 1 },
            },
          },
        },
        { kind: 'external', justification: 'vendored copy' },
      ],
    );
    assert.equal(results.length, 6);
  });

  it('points results at UTF-16 columns in relative URIs', () => {
    const first = results.find(
      (r) => r.ruleId === 'CGO001' && r.locations?.[0].physicalLocation?.region?.startLine === 2,
    );
    assert.ok(first);
    assert.equal(first.ruleIndex, 0);
    assert.equal(first.level, 'warning');
    // Byte 21 of `\tp := C.CString("héllo") // ✓` is the `l` after é (2 bytes): UTF-16 column 20.
    assert.deepEqual(first.locations?.[0].physicalLocation, {
      artifactLocation: { uri: 'dir%20with%20space/%C3%A9.go', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 20, endLine: 2, endColumn: 25 },
    });
    assert.deepEqual(first.relatedLocations, [
      {
        id: 0,
        message: { text: 'package declared here' },
        physicalLocation: {
          artifactLocation: { uri: 'dir%20with%20space/%C3%A9.go', uriBaseId: '%SRCROOT%' },
          region: { startLine: 1 },
        },
      },
      { id: 1, message: { text: 'CGO002: see also' } },
    ]);
    assert.equal(first.fixes?.[0].artifactChanges[0].replacements[0].insertedContent?.text, 'q');
  });

  it('gives binary findings a file without a region', () => {
    const binary = results.find((r) => r.ruleId === 'BIN001' && !r.suppressions?.length);
    assert.deepEqual(binary?.locations, [
      { physicalLocation: { artifactLocation: { uri: 'bin/app', uriBaseId: '%SRCROOT%' } } },
    ]);
    assert.equal(binary?.level, 'error');
    assert.equal(binary?.ruleIndex, 1);
  });

  it('leaves ruleIndex out for rules it was not given', () => {
    const gt = results.find((r) => r.ruleId === 'GT001');
    assert.equal(gt?.level, 'note');
    assert.equal(gt?.ruleIndex, undefined);
  });

  it('reports skipped files as notifications', () => {
    const notes = run.invocations?.[0].toolExecutionNotifications ?? [];
    assert.equal(notes.length, 1);
    assert.equal(notes[0].message.text, 'skipped: larger than 5 MB');
  });

  it('fingerprints results stably and distinctly', () => {
    const fingerprints = results.map((r) => r.partialFingerprints?.['gotrap/v1']);
    assert.ok(fingerprints.every((f) => typeof f === 'string' && /^[0-9a-f]{16}$/.test(f)));
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'identical lines still differ');
    const again = (renderLog().runs[0].results ?? []).map((r) => r.partialFingerprints?.['gotrap/v1']);
    assert.deepEqual(again, fingerprints);
  });

  it('keeps a fingerprint when lines above the finding move', () => {
    const moved = scanResult();
    moved.findings = [{ ...finding(3), line: 13, endLine: 13 }];
    const shifted: Record<string, string[]> = {
      'dir with space/é.go': [...Array(10).fill('// new comment'), ...LINES['dir with space/é.go']],
    };
    const before = renderSarif(
      { ...scanResult(), findings: [finding(3)], suppressed: [] },
      { version: '0', rules: RULES, getLines },
    );
    const after = renderSarif(
      { ...moved, suppressed: [] },
      { version: '0', rules: RULES, getLines: (f) => shifted[f] },
    );
    const print = (text: string) => JSON.parse(text).runs[0].results[0].partialFingerprints['gotrap/v1'];
    assert.equal(print(after), print(before));
  });

  it('hashes with FNV-1a 64', () => {
    // Reference values of the 64-bit FNV-1a function.
    assert.equal(fnv1a64(''), 'cbf29ce484222325');
    assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
    assert.equal(fnv1a64('foobar'), '85944171f73967e8');
  });
});
