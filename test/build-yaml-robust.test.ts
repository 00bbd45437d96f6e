// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CI expressions (`${{ }}`, `${VAR}`) in YAML text
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCircleCi } from '../src/build/circleci.js';
import { readGithubWorkflow } from '../src/build/github.js';
import { readGitlabCi } from '../src/build/gitlab.js';
import { readGoreleaser } from '../src/build/goreleaser.js';
import { looksLikeKubernetes, readKubernetes } from '../src/build/kubernetes.js';
import type { BuildFile, BuildFileKind } from '../src/build/model.js';

type Reader = (f: BuildFile) => { problems: unknown[] };

const READERS: [BuildFileKind, Reader][] = [
  ['github', readGithubWorkflow],
  ['gitlab', readGitlabCi],
  ['circleci', readCircleCi],
  ['goreleaser', readGoreleaser],
  ['kubernetes', readKubernetes],
];

const SAMPLES = [
  [
    'env: { CGO_ENABLED: 0 }',
    'jobs:',
    '  b:',
    '    runs-on: ${{ matrix.os }}',
    '    strategy: { matrix: { os: [ubuntu-latest, macos-14], include: [{ os: ubuntu-latest, x: 1 }] } }',
    '    steps:',
    '      - uses: actions/setup-go@v5',
    "        with: { go-version: '1.22' }",
    '      - run: |',
    '          cd sub && go build -tags "a b" ./...',
    '          GOOS=windows go test ./x',
  ].join('\n'),
  [
    'variables: { A: "1", B: { value: "$A" } }',
    '.t: &t',
    '  script: [go build ./t, [go vet ./...]]',
    'job:',
    '  <<: *t',
    '  extends: .u',
    '  parallel: { matrix: [{ GOOS: [linux, darwin] }] }',
    '.u: { image: golang }',
  ].join('\n'),
  [
    'version: 2.1',
    'commands: { c: { steps: [{ run: go build ./c }] } }',
    'jobs:',
    '  j:',
    '    docker: [{ image: cimg/go:1.22 }]',
    '    steps: [checkout, c, { run: { command: "go test ./...", environment: { X: 1 } } }]',
  ].join('\n'),
  [
    'builds:',
    '  - env: [CGO_ENABLED=0]',
    '    flags: [-trimpath]',
    '    ldflags: ["-s -w"]',
    '    goos: [linux, darwin]',
    '    ignore: [{ goos: darwin, goarch: "386" }]',
    '    overrides: [{ goos: darwin, env: [CGO_ENABLED=1] }]',
  ].join('\n'),
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: a',
    '          resources: { limits: { cpu: 1 } }',
    '          env: [{ name: GOMAXPROCS, value: "1" }]',
  ].join('\n'),
];

function runAll(text: string): void {
  for (const [kind, read] of READERS) {
    const r = read({ path: 'f.yml', kind, text });
    assert.ok(Array.isArray(r.problems));
  }
  assert.equal(typeof looksLikeKubernetes(text), 'boolean');
}

test('robust: every prefix of every sample, read by every reader, never throws', () => {
  let n = 0;
  for (const s of SAMPLES) {
    for (let i = 0; i <= s.length; i += 5) {
      runAll(s.slice(0, i));
      n++;
    }
  }
  assert.ok(n > 50);
});

test('robust: seeded random mutations never throw', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const specials = [
    ':',
    '-',
    '[',
    ']',
    '{',
    '}',
    '&a',
    '*a',
    '<<',
    '!',
    '|',
    '>',
    '"',
    "'",
    '\n',
    '  ',
    '\t',
    '#',
    '%',
  ];
  let n = 0;
  for (const s of SAMPLES) {
    for (let k = 0; k < 40; k++) {
      const chars = s.split('');
      for (let m = 0; m < 4; m++) chars[rnd(chars.length)] = specials[rnd(specials.length)];
      runAll(chars.join(''));
      n++;
    }
  }
  assert.equal(n, SAMPLES.length * 40);
});

test('robust: alias bombs stay cheap', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  const bomb = levels.join('\n');
  const started = Date.now();
  const gh = readGithubWorkflow({
    path: 'w.yml',
    kind: 'github',
    text: `${bomb}\njobs:\n  j:\n    strategy: { matrix: { v: *i } }\n    steps: [{ run: go build }]\n`,
  });
  assert.ok(gh.commands.length <= 64);
  const gl = readGitlabCi({ path: 'g.yml', kind: 'gitlab', text: `${bomb}\njob:\n  script: *i\n` });
  assert.ok(gl.commands.length === 0);
  const k = readKubernetes({
    path: 'k.yml',
    kind: 'kubernetes',
    text: `${bomb}\n---\nkind: List\nitems: *i\n`,
  });
  assert.equal(k.workloads.length, 0);
  const cc = readCircleCi({
    path: 'c.yml',
    kind: 'circleci',
    text: [
      'commands:',
      '  c0: { steps: [{ run: go build ./x }] }',
      ...Array.from(
        { length: 8 },
        (_, i) => `  c${i + 1}: { steps: [${Array(10).fill(`c${i}`).join(', ')}] }`,
      ),
      'jobs:',
      '  j: { docker: [{ image: x }], steps: [c8] }',
    ].join('\n'),
  });
  assert.ok(cc.commands.length <= 10_000);
  assert.ok(Date.now() - started < 10_000, 'finished in reasonable time');
});

test('robust: inputs that break the BuildFile contract do not throw either', () => {
  for (const [, read] of READERS) {
    const bad = [null, undefined, { path: 'x' }, { path: 'x', text: 42 }] as unknown as BuildFile[];
    for (const f of bad) assert.ok(Array.isArray(read(f).problems));
  }
  assert.equal(looksLikeKubernetes(undefined as unknown as string), false);
});
