// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub Actions `${{ }}` expressions in YAML text
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goVersionOf, hostOfLabels, matrixCombos, readGithubWorkflow } from '../src/build/github.js';
import type { BuildFile, GoCommand } from '../src/build/model.js';
import { get, getPath, parseYaml, splitWords, str } from '../src/build/yaml-util.js';

const gh = (text: string): BuildFile => ({ path: '.github/workflows/ci.yml', kind: 'github', text });

function goCmds(cmds: GoCommand[], verb?: string): GoCommand[] {
  return verb ? cmds.filter((c) => c.verb === verb) : cmds;
}

// ---- yaml-util ---------------------------------------------------------------------------------

test('parseYaml: positions, anchors, merge keys (explicit keys win, earlier sources win)', () => {
  const { docs, problems } = parseYaml(
    [
      'base: &base',
      '  a: 1',
      '  b: from-base',
      'other: &other',
      '  b: from-other',
      '  c: 3',
      'job:',
      '  <<: [*base, *other]',
      '  a: mine',
      '  list: &l [x, y]',
      '  again: *l',
    ].join('\n'),
    'f.yml',
  );
  assert.deepEqual(problems, []);
  const job = get(docs[0], 'job');
  assert.equal(str(get(job, 'a')), 'mine');
  assert.equal(str(get(job, 'b')), 'from-base');
  assert.equal(str(get(job, 'c')), '3');
  // `c` comes from the anchor: its position is where it is written.
  const cPair = job?.kind === 'map' ? job.pairs.find((p) => p.key === 'c') : undefined;
  assert.equal(cPair?.keyPos.line, 6);
  assert.equal(cPair?.keyPos.column, 3);
  const again = get(job, 'again');
  assert.equal(again?.kind, 'seq');
  assert.equal(again?.kind === 'seq' ? again.items.length : 0, 2);
});

test('parseYaml: plain numbers keep their source text; multi-document streams', () => {
  const { docs } = parseYaml('go: 1.20\ncpu: 2\n---\nkind: Pod\n', 'f.yml');
  assert.equal(docs.length, 2);
  assert.equal(str(get(docs[0], 'go')), '1.20');
  assert.equal(str(getPath(docs[1], 'kind')), 'Pod');
});

test('parseYaml: block scalar line maps (literal and folded)', () => {
  const text = [
    'a:',
    '  run: |',
    '    echo one',
    '',
    '      indented',
    '    go build .',
    'b: >',
    '  x',
    '  y',
    '',
  ].join('\n');
  const { docs } = parseYaml(text, 'f.yml');
  const run = get(get(docs[0], 'a'), 'run');
  assert.equal(run?.kind, 'scalar');
  if (run?.kind !== 'scalar') return;
  assert.equal(run.text, 'echo one\n\n  indented\ngo build .\n');
  assert.deepEqual(run.lineMap[0], { line: 3, column: 5 });
  assert.deepEqual(run.lineMap[2], { line: 5, column: 5 });
  assert.deepEqual(run.lineMap[3], { line: 6, column: 5 });
  const b = get(docs[0], 'b');
  assert.equal(b?.kind === 'scalar' ? b.text : null, 'x y\n');
  assert.deepEqual(b?.kind === 'scalar' ? b.lineMap[0] : null, { line: 8, column: 3 });
});

test('parseYaml: syntax errors become problems with a line, no throw', () => {
  const { problems } = parseYaml('a: [1, 2\nb: c\n', 'bad.yml');
  assert.ok(problems.length > 0);
  assert.equal(problems[0].file, 'bad.yml');
  assert.equal(typeof problems[0].line, 'number');
  const r = parseYaml('key: "unterminated\n  - x: : :\n\t- tab', 'bad2.yml');
  assert.ok(r.problems.length > 0);
});

test('parseYaml: recursive alias does not loop', () => {
  const { docs } = parseYaml('a: &a [1, *a]\n', 'f.yml');
  assert.equal(get(docs[0], 'a')?.kind, 'seq');
});

test('splitWords splits like a shell', () => {
  assert.deepEqual(splitWords(`-trimpath -tags="netgo osusergo" -v 'a b'`), [
    '-trimpath',
    '-tags=netgo osusergo',
    '-v',
    'a b',
  ]);
});

// ---- GitHub Actions ------------------------------------------------------------------------------

test('github: matrix expansion with include and exclude', () => {
  const m = parseYaml(
    [
      'matrix:',
      '  os: [linux, darwin]',
      '  arch: [amd64, arm64]',
      '  exclude:',
      '    - os: darwin',
      '      arch: amd64',
      '  include:',
      '    - os: linux',
      '      cgo: "1"',
      '    - os: windows',
      '      arch: amd64',
    ].join('\n'),
    'f',
  );
  const { combos, known } = matrixCombos(get(m.docs[0], 'matrix'));
  assert.equal(known, true);
  assert.deepEqual(combos, [
    { os: 'linux', arch: 'amd64', cgo: '1' },
    { os: 'linux', arch: 'arm64', cgo: '1' },
    { os: 'darwin', arch: 'arm64' },
    { os: 'windows', arch: 'amd64' },
  ]);
});

test('github: a matrix given as an expression leaves matrix values unknown', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'jobs:',
        '  a:',
        '    runs-on: ${{ matrix.os }}',
        '    strategy:',
        '      matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}',
        '    env:',
        '      GOOS: ${{ matrix.goos }}',
        '      EMPTY: ${{ matrix.nope }}',
        '    steps:',
        '      - run: go build ./...',
      ].join('\n'),
    ),
  );
  assert.equal(r.commands.length, 1);
  assert.equal(r.commands[0].host, null);
  assert.equal(r.commands[0].env.GOOS.value, null);
  const known = readGithubWorkflow(
    gh(
      'jobs:\n  a:\n    strategy: {matrix: {v: [1]}}\n    env: {X: "${{ matrix.nope }}"}\n    steps: [{run: go build}]\n',
    ),
  );
  assert.equal(known.commands[0].env.X.value, '', 'a missing key of a known matrix is empty');
});

test('github: matrix is capped at 64 combinations', () => {
  const vals = Array.from({ length: 10 }, (_, i) => `v${i}`).join(', ');
  const m = parseYaml(`matrix:\n  a: [${vals}]\n  b: [${vals}]\n`, 'f');
  assert.equal(matrixCombos(get(m.docs[0], 'matrix')).combos.length, 64);
});

test('github: a go command per matrix combination, substituted in env and run', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ${{ matrix.runner }}',
        '    strategy:',
        '      matrix:',
        '        goarch: [amd64, arm64]',
        '        runner: [ubuntu-latest]',
        '    env:',
        '      GOARCH: ${{ matrix.goarch }}',
        '      TOKEN: ${{ secrets.TOKEN }}',
        '    steps:',
        '      - run: go build -o bin/app-${{ matrix.goarch }} ./cmd/app',
      ].join('\n'),
    ),
  );
  assert.deepEqual(r.problems, []);
  const cmds = goCmds(r.commands, 'build');
  assert.equal(cmds.length, 2);
  assert.deepEqual(
    cmds.map((c) => c.env.GOARCH?.value),
    ['amd64', 'arm64'],
  );
  assert.equal(cmds[0].env.GOARCH.via, 'yaml');
  assert.equal(cmds[0].env.GOARCH.loc.line, 10);
  assert.equal(cmds[0].env.TOKEN.value, null);
  assert.ok(cmds[1].args.includes('bin/app-arm64'));
  assert.equal(cmds[0].host, 'linux/amd64');
  assert.equal(cmds[0].loc.line, 13);
  assert.equal(cmds[0].kind, 'github');
  assert.equal(cmds[0].dir, '.');
});

test('github: env precedence step > job > workflow', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'env:',
        '  CGO_ENABLED: 1',
        '  GOFLAGS: -mod=vendor',
        '  A: wf',
        'jobs:',
        '  j:',
        '    runs-on: ubuntu-22.04',
        '    env:',
        '      CGO_ENABLED: 0',
        '      B: job',
        '    steps:',
        '      - name: build',
        '        env:',
        '          CGO_ENABLED: "1"',
        '          C: ${{ env.A }}-x',
        '        run: go build ./...',
        '      - run: go test ./...',
      ].join('\n'),
    ),
  );
  const [build] = goCmds(r.commands, 'build');
  const [tst] = goCmds(r.commands, 'test');
  assert.equal(build.env.CGO_ENABLED.value, '1');
  assert.equal(build.env.CGO_ENABLED.loc.line, 14);
  assert.equal(build.env.GOFLAGS.value, '-mod=vendor');
  assert.equal(build.env.B.value, 'job');
  assert.equal(build.env.C.value, 'wf-x');
  assert.equal(tst.env.CGO_ENABLED.value, '0');
  assert.equal(tst.env.CGO_ENABLED.loc.line, 9);
});

test('github: block scalar run, go command on its 3rd line gets its file line', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - name: Build',
        '        run: |',
        '          echo "building"',
        '          mkdir -p out',
        '          go build -trimpath -o out/app .',
        '          echo done',
      ].join('\n'),
    ),
  );
  const [c] = goCmds(r.commands, 'build');
  assert.equal(c.loc.line, 10);
  assert.equal(c.loc.column, 11);
  assert.ok(c.args.includes('-trimpath'));
});

test('github: folded run scalar and quoted run', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'jobs:',
        '  a:',
        '    runs-on: macos-latest',
        '    steps:',
        '      - run: >',
        '          go test',
        '          -race ./...',
        '      - run: "go install ./cmd/tool"',
      ].join('\n'),
    ),
  );
  const [t] = goCmds(r.commands, 'test');
  assert.equal(t.loc.line, 6);
  assert.ok(t.args.includes('-race'));
  assert.equal(t.host, 'darwin/arm64');
  const [i] = goCmds(r.commands, 'install');
  assert.equal(i.loc.line, 8);
  assert.equal(i.loc.column, 15);
});

test('github: working-directory (workflow defaults, job defaults, step)', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'defaults:',
        '  run:',
        '    working-directory: ./tools',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: go build ./gen',
        '  b:',
        '    runs-on: ubuntu-latest',
        '    defaults:',
        '      run:',
        '        working-directory: services/api/',
        '    steps:',
        '      - run: go test ./...',
        '      - run: go run ./x',
        '        working-directory: ${{ github.workspace }}/cmd/x',
        '      - run: go install ./y',
        '        working-directory: /opt/elsewhere',
      ].join('\n'),
    ),
  );
  assert.equal(goCmds(r.commands, 'build')[0].dir, 'tools');
  assert.equal(goCmds(r.commands, 'test')[0].dir, 'services/api');
  assert.equal(goCmds(r.commands, 'run')[0].dir, 'cmd/x');
  assert.equal(goCmds(r.commands, 'install')[0].dir, null);
});

test('github: setup-go version applies to the later commands of the job only', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    strategy:',
        '      matrix:',
        "        go: ['1.21', '1.22.3']",
        '    steps:',
        '      - run: go version && go build ./before',
        '      - uses: actions/setup-go@v5',
        '        with:',
        '          go-version: ${{ matrix.go }}',
        '      - run: go build ./after',
        '  b:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/setup-go@v5',
        '        with:',
        '          go-version-file: go.mod',
        '      - run: go build ./b',
      ].join('\n'),
    ),
  );
  const before = r.commands.filter((c) => c.args.includes('./before'));
  const after = r.commands.filter((c) => c.args.includes('./after'));
  assert.equal(before.length, 2);
  assert.equal(before[0].goVersion, undefined);
  assert.deepEqual(
    after.map((c) => c.goVersion),
    ['1.21', '1.22.3'],
  );
  const b = r.commands.find((c) => c.args.includes('./b'));
  assert.equal(b?.goVersion, null);
});

test('github: goVersionOf normalizes setup-go inputs', () => {
  assert.equal(goVersionOf('1.22.x'), '1.22');
  assert.equal(goVersionOf('>=1.21.0'), '1.21.0');
  assert.equal(goVersionOf('stable'), 'stable');
  assert.equal(goVersionOf('1.20\n1.21\n'), '1.21');
});

test('github: runs-on → host', () => {
  assert.equal(hostOfLabels(['ubuntu-latest']), 'linux/amd64');
  assert.equal(hostOfLabels(['ubuntu-24.04-arm']), 'linux/arm64');
  assert.equal(hostOfLabels(['macos-13']), 'darwin/amd64');
  assert.equal(hostOfLabels(['macos-14-large']), 'darwin/amd64');
  assert.equal(hostOfLabels(['macos-14']), 'darwin/arm64');
  assert.equal(hostOfLabels(['windows-2022']), 'windows/amd64');
  assert.equal(hostOfLabels(['self-hosted', 'linux']), 'linux/amd64');
  assert.equal(hostOfLabels(['self-hosted', 'Linux', 'ARM64']), 'linux/arm64');
  assert.equal(hostOfLabels(['my-custom-runner']), null);
  assert.equal(hostOfLabels(['${{ inputs.runner }}']), null);
});

test('github: container image (string and map); pwsh steps read through a translation', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'jobs:',
        '  a:',
        '    runs-on: [self-hosted, linux, x64]',
        '    container: golang:1.22-alpine',
        '    steps:',
        '      - run: go build ./a',
        '  b:',
        '    runs-on: windows-latest',
        '    strategy: { matrix: { v: ["1.22"] } }',
        '    container:',
        '      image: golang:${{ matrix.v }}-bookworm',
        '    steps:',
        '      - run: go build ./b',
        '        shell: pwsh',
        '      - run: go build ./c',
        '        shell: bash',
      ].join('\n'),
    ),
  );
  const a = r.commands.find((c) => c.args.includes('./a'));
  assert.equal(a?.image, 'golang:1.22-alpine');
  assert.equal(a?.host, 'linux/amd64');
  assert.equal(r.commands.find((c) => c.args.includes('./b'))?.loc.line, 13);
  const c = r.commands.find((x) => x.args.includes('./c'));
  assert.equal(c?.image, 'golang:1.22-bookworm');
  assert.equal(c?.host, 'windows/amd64');
});

test('github: GOMAXPROCS settings from env and script exports; GITHUB_ENV writes reach later steps', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'env:',
        '  GOMAXPROCS: 2',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo "CGO_ENABLED=0" >> $GITHUB_ENV',
        '      - run: go build .',
        '      - run: |',
        '          export GOMAXPROCS=8',
        '          go test ./...',
      ].join('\n'),
    ),
  );
  assert.equal(r.gomaxprocs.length, 2);
  assert.equal(r.gomaxprocs[1].value, '8');
  assert.equal(r.gomaxprocs[1].loc.line, 10);
  assert.equal(goCmds(r.commands, 'test')[0].env.GOMAXPROCS.value, '8');
  assert.equal(r.gomaxprocs[0].value, '2');
  assert.equal(r.gomaxprocs[0].loc.line, 2);
  const [b] = goCmds(r.commands, 'build');
  assert.equal(b.env.CGO_ENABLED?.value, '0');
  assert.equal(b.env.CGO_ENABLED?.loc.line, 7);
});

test('github: reusable workflow jobs and missing jobs are fine', () => {
  const r = readGithubWorkflow(
    gh('on: push\njobs:\n  call:\n    uses: org/repo/.github/workflows/x.yml@main\n'),
  );
  assert.equal(r.commands.length, 0);
  assert.deepEqual(readGithubWorkflow(gh('')).commands, []);
  assert.deepEqual(readGithubWorkflow(gh('- just\n- a list\n')).commands, []);
});

test('github: malformed YAML → problems, what parses is read, no throw', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: go build ./ok',
        '  b: [unclosed',
      ].join('\n'),
    ),
  );
  assert.ok(r.problems.length > 0);
  assert.ok(r.problems.every((p) => p.file === '.github/workflows/ci.yml' && typeof p.line === 'number'));
  assert.equal(r.problems[0].line, 6);
  assert.ok(r.commands.some((c) => c.args.includes('./ok')));
  for (const t of [
    'jobs: {a: {steps: "x"}}',
    'jobs:\n  a:\n    steps:\n      - run: [1, 2]',
    '\t\t: :',
    '&a *a',
  ]) {
    assert.doesNotThrow(() => readGithubWorkflow(gh(t)));
  }
});

test('github: pwsh and cmd steps (and Windows runners by default) set env the Windows way', () => {
  const r = readGithubWorkflow(
    gh(
      [
        'jobs:',
        '  win:',
        '    runs-on: windows-latest',
        '    steps:',
        '      - run: |',
        '          $env:CGO_ENABLED = "0"',
        '          go build -o app.exe `',
        '            ./cmd/app',
        '      - shell: cmd',
        '        run: |',
        '          set GOARCH=arm64',
        '          go build -o app-arm64.exe ./cmd/app',
        '      - shell: python',
        '        run: print("go build ./nothing")',
      ].join('\n'),
    ),
  );
  const ps = r.commands.find((c) => c.args.includes('app.exe'));
  assert.equal(ps?.env.CGO_ENABLED?.value, '0');
  assert.equal(ps?.loc.line, 7);
  assert.deepEqual(ps?.args, ['-o', 'app.exe', './cmd/app']);
  const cmd = r.commands.find((c) => c.args.includes('app-arm64.exe'));
  assert.equal(cmd?.env.GOARCH?.value, 'arm64');
  assert.equal(cmd?.loc.line, 12);
  assert.equal(
    r.commands.some((c) => c.args.includes('./nothing')),
    false,
  );
});
