// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CI expressions (`${{ }}`, `${VAR}`) in YAML text
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCircleCi } from '../src/build/circleci.js';
import { readGitlabCi } from '../src/build/gitlab.js';
import type { BuildFile, GoCommand } from '../src/build/model.js';

const gl = (text: string): BuildFile => ({ path: '.gitlab-ci.yml', kind: 'gitlab', text });
const cc = (text: string): BuildFile => ({ path: '.circleci/config.yml', kind: 'circleci', text });

function withArg(cmds: GoCommand[], arg: string): GoCommand[] {
  return cmds.filter((c) => c.args.includes(arg));
}

// ---- GitLab CI ------------------------------------------------------------------------------------

const GITLAB = [
  'stages: [build, test]', // 1
  'variables:', // 2
  '  CGO_ENABLED: "0"', // 3
  '  GOPATH: $CI_PROJECT_DIR/.go', // 4
  '  TAGS:', // 5
  '    value: netgo', // 6
  '    description: build tags', // 7
  '  GOFLAGS: -tags=$TAGS', // 8
  'default:', // 9
  '  image: golang:1.22', // 10
  '  before_script:', // 11
  '    - go version', // 12
  '.go-cache: &go-cache', // 13
  '  cache:', // 14
  '    paths: [.go/pkg/mod/]', // 15
  '.setup: &setup', // 16
  '  - export CGO_ENABLED=1', // 17
  '  - go install ./tools/gen', // 18
  '.defaults: &defaults', // 19
  '  image:', // 20
  '    name: golang:1.21-alpine', // 21
  '  variables:', // 22
  '    GOARCH: arm64', // 23
  '.base:', // 24
  '  stage: build', // 25
  '  variables:', // 26
  '    GOOS: linux', // 27
  '    GOARCH: amd64', // 28
  '  script:', // 29
  '    - go build ./from-base', // 30
  '.middle:', // 31
  '  extends: .base', // 32
  '  variables:', // 33
  '    GOOS: darwin', // 34
  'build:', // 35
  '  extends: .middle', // 36
  '  <<: *go-cache', // 37
  '  script:', // 38
  '    - *setup', // 39
  '    - |', // 40
  '      echo building', // 41
  '      go build -o app ./cmd/app', // 42
  'alpine:', // 43
  '  <<: *defaults', // 44
  '  script: go test ./...', // 45
  'cross:', // 46
  '  parallel:', // 47
  '    matrix:', // 48
  '      - GOOS: [linux, windows]', // 49
  '        GOARCH: [amd64, arm64]', // 50
  '      - GOOS: darwin', // 51
  '        GOARCH: arm64', // 52
  '  script:', // 53
  '    - go build ./cross', // 54
  'inherited:', // 55
  '  extends: .base', // 56
  'noinherit:', // 57
  '  inherit:', // 58
  '    default: false', // 59
  '    variables: [CGO_ENABLED]', // 60
  '  script: go build ./noinherit', // 61
].join('\n');

test('gitlab: extends chain merges variables, job keys win, scripts replaced', () => {
  const r = readGitlabCi(gl(GITLAB));
  assert.deepEqual(r.problems, []);
  assert.equal(withArg(r.commands, './from-base').length, 1, 'only the `inherited` job runs the base script');
  const [b] = withArg(r.commands, './cmd/app');
  assert.equal(b.env.GOOS.value, 'darwin');
  assert.equal(b.env.GOOS.loc.line, 34);
  assert.equal(b.env.GOARCH.value, 'amd64');
  assert.equal(b.image, 'golang:1.22');
  assert.equal(b.host, null);
  assert.equal(b.kind, 'gitlab');
  assert.equal(b.dir, '.');
});

test('gitlab: variables: scalar, {value:} form, expansion of other variables, unknown predefined', () => {
  const r = readGitlabCi(gl(GITLAB));
  const [b] = withArg(r.commands, './cmd/app');
  assert.equal(b.env.TAGS.value, 'netgo');
  assert.equal(b.env.TAGS.loc.line, 5);
  assert.equal(b.env.GOFLAGS.value, '-tags=netgo');
  assert.equal(b.env.GOPATH.value, null);
  const [t] = r.commands.filter((c) => c.verb === 'test');
  assert.equal(t.env.CGO_ENABLED.via, 'yaml');
  assert.equal(t.env.CGO_ENABLED.value, '0');
});

test('gitlab: script items run in one shell: an export in one item reaches the next', () => {
  const r = readGitlabCi(gl(GITLAB));
  const [b] = withArg(r.commands, './cmd/app');
  assert.equal(b.env.CGO_ENABLED.value, '1');
  assert.equal(b.env.CGO_ENABLED.loc.line, 17);
});

test('gitlab: anchors in script lists are flattened; block scalar items keep file lines', () => {
  const r = readGitlabCi(gl(GITLAB));
  const installs = r.commands.filter((c) => c.verb === 'install');
  assert.ok(installs.length >= 1);
  assert.equal(installs[0].loc.line, 18);
  const [b] = withArg(r.commands, './cmd/app');
  assert.equal(b.loc.line, 42);
  assert.equal(b.loc.column, 7);
  // default before_script runs before each job that inherits it
  const versions = r.commands.filter((c) => c.loc.line === 12);
  assert.equal(versions.length, 0, '`go version` is not a build command');
});

test('gitlab: <<: *defaults merges image and variables', () => {
  const r = readGitlabCi(gl(GITLAB));
  const [t] = r.commands.filter((c) => c.verb === 'test');
  assert.equal(t.image, 'golang:1.21-alpine');
  assert.equal(t.env.GOARCH.value, 'arm64');
  assert.equal(t.env.GOARCH.loc.line, 23);
  assert.equal(t.loc.line, 45);
});

test('gitlab: parallel matrix → one command per combination with the combination as settings', () => {
  const r = readGitlabCi(gl(GITLAB));
  const cross = withArg(r.commands, './cross');
  assert.equal(cross.length, 5);
  assert.deepEqual(
    cross.map((c) => `${c.env.GOOS.value}/${c.env.GOARCH.value}`),
    ['linux/amd64', 'linux/arm64', 'windows/amd64', 'windows/arm64', 'darwin/arm64'],
  );
  assert.equal(cross[4].env.GOOS.loc.line, 51);
});

test('gitlab: inherit: default false / variables list', () => {
  const r = readGitlabCi(gl(GITLAB));
  const [n] = withArg(r.commands, './noinherit');
  assert.equal(n.image, null);
  assert.equal(n.env.CGO_ENABLED.value, '0');
  assert.equal(n.env.GOFLAGS, undefined);
});

test('gitlab: extends cycles and unknown templates do not loop or throw', () => {
  const r = readGitlabCi(
    gl(
      [
        '.a:',
        '  extends: .b',
        '  variables: { X: a }',
        '.b:',
        '  extends: .a',
        'job:',
        '  extends: [.a, .from-include]',
        '  script: go build ./job',
      ].join('\n'),
    ),
  );
  assert.equal(withArg(r.commands, './job').length, 1);
  assert.ok(r.problems.some((p) => /circular/.test(p.message)));
});

test('gitlab: !reference tags and nested lists', () => {
  const r = readGitlabCi(
    gl(
      [
        '.prep:',
        '  script:',
        '    - cd sub',
        '    - go build ./ref',
        'job:',
        '  image: { name: "golang:1.22-bookworm", entrypoint: [""] }',
        '  script:',
        '    - !reference [.prep, script]',
        '    - [go test ./nested]',
      ].join('\n'),
    ),
  );
  const [ref] = withArg(r.commands, './ref');
  assert.equal(ref.loc.line, 4);
  assert.equal(ref.image, 'golang:1.22-bookworm');
  assert.equal(r.commands.filter((c) => c.verb === 'test').length, 1);
});

test('gitlab: variables expand in image names', () => {
  const r = readGitlabCi(
    gl(
      [
        'variables:',
        '  GO_VERSION: "1.22"',
        'job:',
        '  image: golang:${GO_VERSION}-alpine',
        '  script: go build ./x',
        'other:',
        '  image: $CI_REGISTRY/builder',
        '  script: go build ./y',
      ].join('\n'),
    ),
  );
  assert.equal(withArg(r.commands, './x')[0].image, 'golang:1.22-alpine');
  assert.equal(withArg(r.commands, './y')[0].image, '$CI_REGISTRY/builder');
});

test('gitlab: GOMAXPROCS variable is reported; malformed file → problems', () => {
  const r = readGitlabCi(gl('variables:\n  GOMAXPROCS: "4"\njob:\n  script: go test ./...\n'));
  assert.equal(r.gomaxprocs.length, 1);
  assert.equal(r.gomaxprocs[0].value, '4');
  assert.equal(r.gomaxprocs[0].loc.line, 2);
  const bad = readGitlabCi(gl('job:\n  script:\n    - go build .\n  variables: {A: [\n'));
  assert.ok(bad.problems.length > 0);
  assert.equal(typeof bad.problems[0].line, 'number');
});

// ---- CircleCI ------------------------------------------------------------------------------------

const CIRCLE = [
  'version: 2.1', // 1
  'executors:', // 2
  '  go-exec:', // 3
  '    docker:', // 4
  '      - image: cimg/go:1.22', // 5
  '    environment:', // 6
  '      GOFLAGS: -mod=vendor', // 7
  'commands:', // 8
  '  build-it:', // 9
  '    parameters:', // 10
  '      pkg: { type: string, default: ./cmd/default }', // 11
  '    steps:', // 12
  '      - run: go build << parameters.pkg >>', // 13
  'jobs:', // 14
  '  build:', // 15
  '    docker:', // 16
  '      - image: cimg/go:1.21', // 17
  '      - image: postgres:15', // 18
  '    working_directory: ~/project', // 19
  '    environment:', // 20
  '      CGO_ENABLED: 0', // 21
  '    steps:', // 22
  '      - checkout', // 23
  '      - run: go build ./short', // 24
  '      - run:', // 25
  '          name: long form', // 26
  '          environment:', // 27
  '            CGO_ENABLED: 1', // 28
  '          working_directory: ~/project/sub', // 29
  '          command: |', // 30
  '            set -e', // 31
  '            go test -race ./...', // 32
  '      - build-it:', // 33
  '          pkg: ./cmd/x', // 34
  '  mac:', // 35
  '    macos:', // 36
  '      xcode: 15.0.0', // 37
  '    steps:', // 38
  '      - run: go build ./mac', // 39
  '  arm:', // 40
  '    machine:', // 41
  '      image: ubuntu-2204:current', // 42
  '    resource_class: arm.medium', // 43
  '    steps:', // 44
  '      - run: go build ./arm', // 45
  '  named:', // 46
  '    executor: go-exec', // 47
  '    steps:', // 48
  '      - build-it', // 49
].join('\n');

test('circleci: short and long run forms, job and step environment, working_directory', () => {
  const r = readCircleCi(cc(CIRCLE));
  assert.deepEqual(r.problems, []);
  const [s] = withArg(r.commands, './short');
  assert.equal(s.loc.line, 24);
  assert.equal(s.image, 'cimg/go:1.21');
  assert.equal(s.host, 'linux/amd64');
  assert.equal(s.dir, '.');
  assert.equal(s.env.CGO_ENABLED.value, '0');
  assert.equal(s.kind, 'circleci');
  const [t] = r.commands.filter((c) => c.verb === 'test');
  assert.equal(t.loc.line, 32);
  assert.equal(t.env.CGO_ENABLED.value, '1');
  assert.equal(t.env.CGO_ENABLED.loc.line, 28);
  assert.equal(t.dir, 'sub');
});

test('circleci: reusable commands with parameters, named executors', () => {
  const r = readCircleCi(cc(CIRCLE));
  const [x] = withArg(r.commands, './cmd/x');
  assert.equal(x.loc.line, 13);
  const [d] = withArg(r.commands, './cmd/default');
  assert.equal(d.image, 'cimg/go:1.22');
  assert.equal(d.env.GOFLAGS.value, '-mod=vendor');
});

test('circleci: macos and arm machine hosts', () => {
  const r = readCircleCi(cc(CIRCLE));
  assert.equal(withArg(r.commands, './mac')[0].host, 'darwin/arm64');
  assert.equal(withArg(r.commands, './arm')[0].host, 'linux/arm64');
  assert.equal(withArg(r.commands, './arm')[0].image, null);
});

test('circleci: malformed and odd shapes do not throw', () => {
  for (const t of [
    'jobs: 3',
    'jobs:\n  a:\n    steps: [run]',
    'jobs:\n  a:\n    steps:\n      - run: {}\n',
    'jobs: [\n',
  ]) {
    assert.doesNotThrow(() => readCircleCi(cc(t)));
  }
  assert.ok(readCircleCi(cc('jobs: [\n')).problems.length > 0);
});
