import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readGoreleaser } from '../src/build/goreleaser.js';
import { looksLikeKubernetes, readKubernetes } from '../src/build/kubernetes.js';
import type { BuildFile } from '../src/build/model.js';

const gr = (text: string): BuildFile => ({ path: '.goreleaser.yaml', kind: 'goreleaser', text });
const k8s = (text: string): BuildFile => ({ path: 'deploy/app.yaml', kind: 'kubernetes', text });

// ---- goreleaser ----------------------------------------------------------------------------------

const V2 = [
  'version: 2', // 1
  'env:', // 2
  '  - GO111MODULE=on', // 3
  'before:', // 4
  '  hooks:', // 5
  '    - go mod tidy', // 6
  '    - go generate ./...', // 7
  '    - go run ./tools/gen', // 8
  'builds:', // 9
  '  - id: app', // 10
  '    main: ./cmd/app', // 11
  '    binary: app', // 12
  '    env:', // 13
  '      - CGO_ENABLED=0', // 14
  '      - TOKEN={{ .Env.TOKEN }}', // 15
  '    flags:', // 16
  '      - -trimpath', // 17
  '      - -tags=netgo -v', // 18
  '    ldflags:', // 19
  '      - -s -w', // 20
  '      - -X main.version={{.Version}}', // 21
  '    tags: [osusergo, sqlite]', // 22
  '    goos: [linux, darwin, windows]', // 23
  '    goarch: [amd64, arm64, arm]', // 24
  '    goarm: ["7"]', // 25
  '    ignore:', // 26
  '      - goos: windows', // 27
  '        goarch: arm64', // 28
  '      - goos: darwin', // 29
  '        goarch: amd64', // 30
  '    overrides:', // 31
  '      - goos: darwin', // 32
  '        goarch: arm64', // 33
  '        env:', // 34
  '          - CGO_ENABLED=1', // 35
  '        ldflags: [-s -w -linkmode external]', // 36
  '    gobinary: go1.22.3', // 37
  '  - id: skipped', // 38
  '    skip: true', // 39
  '  - id: rusty', // 40
  '    builder: rust', // 41
].join('\n');

test('goreleaser v2: one build command with args as go receives them, targets, env', () => {
  const r = readGoreleaser(gr(V2));
  assert.deepEqual(r.problems, []);
  const builds = r.commands.filter((c) => c.targets);
  assert.equal(builds.length, 2, 'base + one override; skipped and non-go builds dropped');
  const [base, over] = builds;
  assert.equal(base.verb, 'build');
  assert.equal(base.loc.line, 10);
  assert.equal(base.loc.column, 5);
  assert.equal(base.release, true);
  assert.equal(base.kind, 'goreleaser');
  assert.equal(base.host, null);
  assert.equal(base.image, null);
  assert.equal(base.dir, '.');
  assert.deepEqual(base.args, [
    '-trimpath',
    '-tags=netgo',
    '-v',
    '-ldflags=-s -w -X main.version={{.Version}}',
    '-tags=osusergo,sqlite',
    './cmd/app',
  ]);
  assert.deepEqual(base.targets, ['linux/amd64', 'linux/arm64', 'linux/arm', 'windows/amd64', 'windows/arm']);
  assert.equal(base.env.CGO_ENABLED.value, '0');
  assert.equal(base.env.CGO_ENABLED.via, 'goreleaser');
  assert.equal(base.env.CGO_ENABLED.loc.line, 14);
  assert.equal(base.env.TOKEN.value, null);
  assert.equal(base.env.GO111MODULE.value, 'on');
  assert.equal(base.goVersion, '1.22.3');
  // the override: darwin/arm64 only (darwin/amd64 ignored, darwin/arm invalid)
  assert.deepEqual(over.targets, ['darwin/arm64']);
  assert.equal(over.env.CGO_ENABLED.value, '1');
  assert.equal(over.env.CGO_ENABLED.loc.line, 35);
  assert.ok(over.args.includes('-ldflags=-s -w -linkmode external'));
  assert.ok(over.args.includes('-trimpath'), 'flags inherited from the build');
});

test('goreleaser: before hooks are scanned as shell commands', () => {
  const r = readGoreleaser(gr(V2));
  const hooks = r.commands.filter((c) => !c.targets);
  assert.equal(hooks.length, 1);
  assert.equal(hooks[0].verb, 'run');
  assert.equal(hooks[0].loc.line, 8);
  assert.equal(hooks[0].env.GO111MODULE.value, 'on');
});

test('goreleaser v1: defaults (goos × goarch minus darwin/386), flags as one string, main and dir', () => {
  const r = readGoreleaser(
    gr(
      [
        'project_name: tool',
        'builds:',
        '  - env: [CGO_ENABLED=0]',
        '    flags: -trimpath -mod=readonly',
        '    ldflags: -s -w -extldflags "-static"',
        '    dir: ./src/',
        '    buildmode: pie',
        '  - main: ./cmd/other/main.go',
        '    goos: [linux]',
        '    ignore:',
        '      - goarch: "386"',
      ].join('\n'),
    ),
  );
  const [a, b] = r.commands;
  assert.deepEqual(a.targets, [
    'darwin/amd64',
    'darwin/arm64',
    'linux/386',
    'linux/amd64',
    'linux/arm64',
    'windows/386',
    'windows/amd64',
    'windows/arm64',
  ]);
  assert.deepEqual(a.args, [
    '-trimpath',
    '-mod=readonly',
    '-ldflags=-s -w -extldflags "-static"',
    '-buildmode=pie',
    '.',
  ]);
  assert.equal(a.dir, 'src');
  assert.equal(a.loc.line, 3);
  assert.equal(a.goVersion, undefined);
  assert.deepEqual(b.targets, ['linux/amd64', 'linux/arm64']);
  assert.deepEqual(b.args, ['./cmd/other/main.go']);
});

test('goreleaser: ignore entry with only goos drops all of its arches; explicit targets', () => {
  const r = readGoreleaser(
    gr(
      [
        'builds:',
        '  - goos: [linux, windows, freebsd]',
        '    goarch: [amd64]',
        '    ignore:',
        '      - goos: windows',
        '  - targets: [linux_amd64_v1, darwin_arm64, go_first_class]',
      ].join('\n'),
    ),
  );
  assert.deepEqual(r.commands[0].targets, ['linux/amd64', 'freebsd/amd64']);
  assert.ok(r.commands[1].targets?.includes('darwin/arm64'));
  assert.ok(r.commands[1].targets?.includes('windows/386'));
  assert.equal(r.commands[1].targets?.filter((t) => t === 'linux/amd64').length, 1);
});

test('goreleaser: override written with every sub-architecture field (goamd64 v1, empty goarm)', () => {
  const r = readGoreleaser(
    gr(
      [
        'builds:',
        '  - goos: [linux, darwin]',
        '    goarch: [amd64]',
        '    tags: [netgo]',
        '    overrides:',
        '      - goos: darwin',
        '        goarch: amd64',
        '        goamd64: v1',
        '        goarm: ""',
        '        tags: [cgo_only]',
        '        env: [CGO_ENABLED=1]',
        '      - goos: linux',
        '        goarch: amd64',
        '        goamd64: v3',
        '        env: [NEVER=1]',
      ].join('\n'),
    ),
  );
  assert.equal(r.commands.length, 2);
  assert.deepEqual(r.commands[0].targets, ['linux/amd64']);
  assert.ok(r.commands[0].args.includes('-tags=netgo'));
  assert.equal(r.commands[0].env.NEVER, undefined);
  assert.deepEqual(r.commands[1].targets, ['darwin/amd64']);
  assert.ok(r.commands[1].args.includes('-tags=cgo_only'));
  assert.equal(r.commands[1].loc.line, 6);
});

test('goreleaser: no builds key → one default build; GOMAXPROCS env reported; malformed → problems', () => {
  const r = readGoreleaser(gr('project_name: x\nenv:\n  - GOMAXPROCS=2\n'));
  assert.equal(r.commands.length, 1);
  assert.deepEqual(r.commands[0].args, ['.']);
  assert.equal(r.gomaxprocs.length, 1);
  assert.equal(r.gomaxprocs[0].loc.line, 3);
  const bad = readGoreleaser(gr('builds:\n  - main: [\n'));
  assert.ok(bad.problems.length > 0);
  assert.doesNotThrow(() => readGoreleaser(gr('builds: 7')));
  assert.doesNotThrow(() =>
    readGoreleaser(gr('builds:\n  - overrides: 1\n    ignore: x\n    flags: {a: 1}')),
  );
});

// ---- Kubernetes ----------------------------------------------------------------------------------

const MANIFEST = [
  'apiVersion: apps/v1', // 1
  'kind: Deployment', // 2
  'metadata:', // 3
  '  name: api', // 4
  'spec:', // 5
  '  template:', // 6
  '    spec:', // 7
  '      initContainers:', // 8
  '        - name: migrate', // 9
  '          image: app:1', // 10
  '      containers:', // 11
  '        - name: api', // 12
  '          image: example/api:1.0', // 13
  '          resources:', // 14
  '            limits:', // 15
  '              cpu: "500m"', // 16
  '          env:', // 17
  '            - name: GOMAXPROCS', // 18
  '              value: "2"', // 19
  '            - name: POD_IP', // 20
  '              valueFrom:', // 21
  '                fieldRef: { fieldPath: status.podIP }', // 22
  '---', // 23
  'apiVersion: v1', // 24
  'kind: Service', // 25
  'metadata: { name: api }', // 26
  '---', // 27
  'apiVersion: batch/v1', // 28
  'kind: CronJob', // 29
  'metadata:', // 30
  '  name: nightly', // 31
  'spec:', // 32
  '  schedule: "0 0 * * *"', // 33
  '  jobTemplate:', // 34
  '    spec:', // 35
  '      template:', // 36
  '        spec:', // 37
  '          containers:', // 38
  '            - name: job', // 39
  '              image: example/job', // 40
  '              resources: { limits: { cpu: 2 } }', // 41
  '              env:', // 42
  '                - name: GOMAXPROCS', // 43
  '                  valueFrom: { resourceFieldRef: { resource: limits.cpu } }', // 44
].join('\n');

test('kubernetes: multi-document manifest, Deployment + Service + CronJob', () => {
  assert.equal(looksLikeKubernetes(MANIFEST), true);
  const r = readKubernetes(k8s(MANIFEST));
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.workloads.map((w) => `${w.kind}/${w.name}`),
    ['Deployment/api', 'CronJob/nightly'],
  );
  const [dep, cron] = r.workloads;
  assert.equal(dep.loc.line, 1);
  assert.equal(cron.loc.line, 28);
  assert.deepEqual(
    dep.containers.map((c) => c.name),
    ['api', 'migrate'],
  );
  const api = dep.containers[0];
  assert.equal(api.image, 'example/api:1.0');
  assert.deepEqual(api.cpuLimit, { value: '500m', loc: { file: 'deploy/app.yaml', line: 16, column: 15 } });
  assert.equal(dep.containers[1].cpuLimit, null);
  assert.equal(cron.containers[0].cpuLimit?.value, '2');
  assert.equal(cron.containers[0].cpuLimit?.loc.line, 41);
});

test('kubernetes: env entries (literal and valueFrom) and GOMAXPROCS settings', () => {
  const r = readKubernetes(k8s(MANIFEST));
  const api = r.workloads[0].containers[0];
  assert.deepEqual(
    api.env.map((e) => [e.name, e.value, e.valueFrom, e.loc.line]),
    [
      ['GOMAXPROCS', '2', false, 18],
      ['POD_IP', null, true, 20],
    ],
  );
  assert.equal(r.gomaxprocs.length, 1, 'valueFrom GOMAXPROCS is not a fixed value');
  assert.equal(r.gomaxprocs[0].value, '2');
  assert.equal(r.gomaxprocs[0].via, 'yaml');
  assert.equal(r.gomaxprocs[0].loc.line, 18);
});

test('kubernetes: kind List items, Pod, StatefulSet', () => {
  const text = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - apiVersion: v1',
    '    kind: Pod',
    '    metadata: { name: p }',
    '    spec:',
    '      containers: [{ name: c, image: busybox }]',
    '  - apiVersion: apps/v1',
    '    kind: StatefulSet',
    '    metadata: { name: s }',
    '    spec: { template: { spec: { containers: [{ name: db }] } } }',
  ].join('\n');
  assert.equal(looksLikeKubernetes(text), true);
  const r = readKubernetes(k8s(text));
  assert.deepEqual(
    r.workloads.map((w) => [w.kind, w.name, w.loc.line, w.containers.length]),
    [
      ['Pod', 'p', 4, 1],
      ['StatefulSet', 's', 9, 1],
    ],
  );
  assert.equal(r.workloads[1].containers[0].image, null);
});

test('looksLikeKubernetes: Helm templates and non-workloads rejected', () => {
  const helm = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "chart.fullname" . }}',
  ].join('\n');
  assert.equal(looksLikeKubernetes(helm), false);
  assert.equal(looksLikeKubernetes('apiVersion: v1\nkind: Service\n'), false);
  assert.equal(looksLikeKubernetes('kind: Deployment\n'), false);
  assert.equal(looksLikeKubernetes('apiVersion: batch/v1\nkind: "Job"\n'), true);
  assert.equal(looksLikeKubernetes('jobs:\n  kind: Deployment\n'), false);
});

test('kubernetes: malformed YAML → problems with a line; the good documents are still read', () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: { name: ok }',
    'spec: { containers: [] }',
    '---',
    'kind: Deployment',
    'spec: [',
    '',
  ].join('\n');
  const r = readKubernetes(k8s(text));
  assert.ok(r.problems.length > 0);
  // Documents that are not workloads are not parsed at all (big CRDs), so their errors are not reported.
  const crd = readKubernetes(k8s(['kind: CustomResourceDefinition', 'spec: [', '---', text].join('\n')));
  assert.ok(crd.workloads.some((w) => w.kind === 'Pod' && w.name === 'ok'));
  assert.ok(crd.problems.every((p) => (p.line ?? 0) > 3));
  assert.equal(typeof r.problems[0].line, 'number');
  assert.ok(r.workloads.some((w) => w.kind === 'Pod' && w.name === 'ok'));
  assert.doesNotThrow(() => readKubernetes(k8s('\u0000\u0001: : [')));
});
