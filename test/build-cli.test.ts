// The build lens through the command line: which files `gotrap scan` reads (its own dot-paths,
// Kubernetes YAML recognised by content), repositories with build files and no Go, every
// output format, suppressions in `#` comments, and bad input (binary junk, unreadable files,
// malformed YAML, huge files) handled with a message, never a stack trace.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');
const STACK = /at .*\.js:\d+|^\s+at .+:\d+:\d+\)?$/m;

function gotrap(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', GOTRAP_STATS: '' },
  });
  if (r.error) throw r.error;
  assert.doesNotMatch(r.stderr, STACK, `gotrap ${args.join(' ')} printed a stack trace`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Finding {
  rule: string;
  severity: string;
  lens: string;
  file: string;
  line?: number;
  message: string;
  related?: { file?: string; line?: number; message: string }[];
}

function scanJson(cwd: string, ...args: string[]) {
  const r = gotrap(cwd, 'scan', '--format', 'json', '--fail-on', 'none', ...args);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    findings: Finding[];
    summary: { files: number; skipped: { file: string; reason: string }[] };
  };
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function fixture(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gotrap-build-cli-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const keys = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.file}:${f.line ?? 0}`).sort();

const NET_MAIN =
  'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n';
const MULTI_STAGE =
  'FROM golang:1.22-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN go build -trimpath -o /out/api .\n\n' +
  'FROM debian:11-slim\nCOPY --from=build /out/api /api\n';
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n' +
  '      containers:\n        - name: api\n          image: example/api:1\n          resources:\n' +
  '            limits:\n              cpu: "2"\n';

describe('build lens on the command line', () => {
  it('reads Dockerfiles and manifests next to the Go code and reports at FROM and cpu lines', () => {
    const dir = fixture({
      'go.mod': 'module example.com/api\n\ngo 1.22\n',
      'main.go': NET_MAIN,
      Dockerfile: MULTI_STAGE,
      'deploy/app.yaml': DEPLOYMENT,
      'deploy/values.yaml': 'replicas: 3\nimage: example/api\n',
    });
    const r = scanJson(dir);
    assert.deepEqual(keys(r.findings), ['BLD003 Dockerfile:6', 'BLD006 deploy/app.yaml:13']);
    const bld003 = r.findings.find((f) => f.rule === 'BLD003')!;
    assert.equal(bld003.lens, 'build');
    assert.equal(bld003.severity, 'error');
    assert.match(bld003.message, /2\.34/);
    assert.deepEqual(bld003.related?.[0]?.line, 4);
  });

  it('scans a repository with build files and no Go at all (exit 1 on an error finding, not 2)', () => {
    const dir = fixture({
      '.goreleaser.yaml':
        'builds:\n  - main: ./cmd/x\n    buildmode: plugin\n    env: [CGO_ENABLED=0]\n    flags: [-trimpath]\n',
    });
    const r = gotrap(dir, 'scan', '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: Finding[] };
    assert.deepEqual(
      [...new Set(out.findings.map((f) => `${f.rule} ${f.file}:${f.line}`))],
      // goreleaser has no command line: the finding points at the key that completes the trigger.
      ['BLD005 .goreleaser.yaml:3'],
    );
  });

  it('still says "nothing to scan" (exit 2) when neither Go nor build files are there', () => {
    const dir = fixture({ 'README.md': '# nothing\n', 'config.yaml': 'a: 1\n' });
    const r = gotrap(dir, 'scan');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nothing to scan: no Go files or build files/);
  });

  it('reads .github/workflows, .gitlab-ci.yml and .circleci but no other dot-directory', () => {
    const job = (file: string) => `GOARCH=arm64 go build -buildmode=plugin -o x.so ./plug # ${file}\n`;
    const dir = fixture({
      'go.mod': 'module example.com/p\n\ngo 1.22\n',
      'plug/p.go': 'package main\n\nfunc Hello() {}\n',
      '.github/workflows/ci.yml': `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${job('gh')}`,
      '.gitlab-ci.yml': `build:\n  image: golang:1.22\n  script:\n    - ${job('gl')}`,
      '.circleci/config.yml': `version: 2.1\njobs:\n  b:\n    docker:\n      - image: golang:1.22\n    steps:\n      - run: ${job('cc')}`,
      '.hidden/Dockerfile': 'FROM golang:1.22\nENV CGO_ENABLED=0\nRUN go build -buildmode=plugin ./plug\n',
    });
    const files = [
      ...new Set(
        scanJson(dir)
          .findings.filter((f) => f.rule === 'BLD005')
          .map((f) => f.file),
      ),
    ].sort();
    assert.deepEqual(files, ['.circleci/config.yml', '.github/workflows/ci.yml', '.gitlab-ci.yml']);
    // Named explicitly, the hidden directory is read.
    const named = scanJson(dir, '.hidden').findings.map((f) => `${f.rule} ${f.file}`);
    assert.ok(named.includes('BLD005 .hidden/Dockerfile'), named.join('\n'));
  });

  it('honours `# gotrap:ignore` with a reason and reports one without', () => {
    const dir = fixture({
      'go.mod': 'module example.com/api\n\ngo 1.22\n',
      'main.go': NET_MAIN,
      Dockerfile: MULTI_STAGE.replace(
        'FROM debian:11-slim',
        '# gotrap:ignore BLD003 -- the runtime image pins glibc 2.36 via a backport\nFROM debian:11-slim',
      ),
      'deploy/app.yaml': DEPLOYMENT.replace('cpu: "2"', 'cpu: "2" # gotrap:ignore BLD006'),
    });
    const r = scanJson(dir);
    assert.deepEqual(keys(r.findings), ['BLD006 deploy/app.yaml:13', 'GT002 deploy/app.yaml:13']);
    const sarif = JSON.parse(gotrap(dir, 'scan', '--format', 'sarif', '--fail-on', 'none').stdout) as {
      runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[];
    };
    const sup = sarif.runs[0].results.find((x) => x.ruleId === 'BLD003');
    assert.equal(sup?.suppressions?.[0]?.justification, 'the runtime image pins glibc 2.36 via a backport');
  });

  it('reports build findings in text, sarif and github formats at the same lines', () => {
    const dir = fixture({
      'go.mod': 'module example.com/api\n\ngo 1.22\n',
      'main.go': NET_MAIN,
      Dockerfile: MULTI_STAGE,
    });
    const text = gotrap(dir, 'scan', '--fail-on', 'none');
    assert.match(text.stdout, /^Dockerfile:6:\d+: error BLD003 libc-mismatch: /m);
    const gh = gotrap(dir, 'scan', '--format', 'github', '--fail-on', 'none');
    assert.match(gh.stdout, /^::error file=Dockerfile,line=6,/m);
    const sarif = JSON.parse(gotrap(dir, 'scan', '--format', 'sarif', '--fail-on', 'none').stdout) as {
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    const res = sarif.runs[0].results.find((x) => x.ruleId === 'BLD003');
    assert.equal(res?.locations[0].physicalLocation.region.startLine, 6);
  });

  it('survives junk: binary bytes named Dockerfile, malformed YAML, an unreadable Makefile', () => {
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
    const dir = fixture({
      'go.mod': 'module example.com/j\n\ngo 1.22\n',
      'main.go': 'package main\n\nfunc main() {}\n',
      Dockerfile: junk,
      '.goreleaser.yml': 'builds:\n  - main: [unclosed\n    env: {a: }\n  - :::\n',
      'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec: [\n  template: }\n',
      Makefile: 'build:\n\tgo build ./...\n',
      'scripts/build.sh': '#!/bin/sh\nif [ "$x" = "\ngo build -o "unterminated\n',
    });
    if (process.getuid?.() !== 0) chmodSync(join(dir, 'Makefile'), 0o000);
    const r = scanJson(dir);
    assert.ok(
      r.summary.skipped.some((s) => s.file === 'Dockerfile' && /binary content/.test(s.reason)),
      JSON.stringify(r.summary.skipped),
    );
    const gt001 = r.findings.filter((f) => f.rule === 'GT001').map((f) => f.file);
    assert.ok(gt001.includes('.goreleaser.yml'), gt001.join(','));
    assert.ok(gt001.includes('k8s/deploy.yaml'), gt001.join(','));
    assert.ok(r.findings.every((f) => f.rule === 'GT001' || f.rule === 'GT004' || f.rule.startsWith('BLD')));
  });

  it('skips build files over the size limit with a reason', () => {
    const dir = fixture({
      'go.mod': 'module example.com/h\n\ngo 1.22\n',
      'main.go': 'package main\n\nfunc main() {}\n',
      'huge.mk': `# ${'x'.repeat(6 * 1024 * 1024)}\n`,
    });
    const r = scanJson(dir);
    assert.ok(r.summary.skipped.some((s) => s.file === 'huge.mk' && /larger than 5 MB/.test(s.reason)));
  });

  it('`explain static-glibc-nss` explains both lenses that share the name', () => {
    const r = gotrap(tmpdir(), 'explain', 'static-glibc-nss');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /BLD001/);
    assert.match(r.stdout, /BIN001/);
  });

  it('the bundled example shows the build lens (README)', () => {
    const root = join(import.meta.dirname, '..', '..');
    const r = scanJson(root, 'examples/build-traps');
    assert.deepEqual(keys(r.findings), [
      'BLD001 examples/build-traps/Dockerfile:6',
      'BLD002 examples/build-traps/.goreleaser.yaml:5',
      'BLD004 examples/build-traps/.goreleaser.yaml:5',
      'BLD004 examples/build-traps/Dockerfile.debug:5',
      'BLD004 examples/build-traps/Dockerfile:6',
      'BLD006 examples/build-traps/deploy/api.yaml:23',
    ]);
  });

  it('--rules BLD003 runs the build lens alone', () => {
    const dir = fixture({
      'go.mod': 'module example.com/api\n\ngo 1.22\n',
      'main.go': NET_MAIN,
      Dockerfile: MULTI_STAGE,
      'deploy/app.yaml': DEPLOYMENT,
    });
    assert.deepEqual(keys(scanJson(dir, '--rules', 'BLD003').findings), ['BLD003 Dockerfile:6']);
  });
});

describe('build lens: files a build file pulls in', () => {
  it('follows `source` in a workflow step and in a script, and `include` in a Makefile', () => {
    const dir = fixture({
      'go.mod': 'module example.com/srcgh\n\ngo 1.22\n',
      'main.go':
        'package main\n\nimport (\n\t"database/sql"\n\n\t_ "github.com/mattn/go-sqlite3"\n)\n\nfunc main() { _, _ = sql.Open("sqlite3", "x.db") }\n',
      'ci/env.sh': 'export CGO_ENABLED=0\n',
      '.github/workflows/b.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          source ./ci/env.sh\n          go build -trimpath -o app .\n',
      'scripts/build.sh': '#!/bin/sh\ncd "$(dirname "$0")/.."\n. ./ci/env.sh\ngo build -trimpath -o app .\n',
      'build.mk': 'export CGO_ENABLED := 0\n',
      Makefile: 'include build.mk\n\napp:\n\tgo build -trimpath -o app .\n',
    });
    assert.deepEqual(keys(scanJson(dir).findings.filter((f) => f.rule === 'BLD002')), [
      'BLD002 .github/workflows/b.yml:8',
      'BLD002 Makefile:4',
      'BLD002 scripts/build.sh:4',
    ]);
  });
});

describe('build lens: third-party cgo packages (shared with the binary lens)', () => {
  it('knows confluent-kafka-go by package: kafka is cgo, schemaregistry is not', () => {
    const mod = 'module example.com/k\n\ngo 1.22\n';
    const main = (imp: string) => `package main\n\nimport _ "${imp}"\n\nfunc main() {}\n`;
    const build =
      'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN GOARCH=arm64 go build -trimpath -o /out/k .\n';
    const kafka = fixture({
      'go.mod': mod,
      'main.go': main('github.com/confluentinc/confluent-kafka-go/v2/kafka'),
      Dockerfile: build,
    });
    assert.deepEqual(keys(scanJson(kafka).findings), ['BLD002 Dockerfile:4']);
    const registry = fixture({
      'go.mod': mod,
      'main.go': main('github.com/confluentinc/confluent-kafka-go/v2/schemaregistry'),
      Dockerfile: build,
    });
    assert.deepEqual(keys(scanJson(registry).findings), []);
  });
});
