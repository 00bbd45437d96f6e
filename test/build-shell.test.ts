// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell `${VAR}` expansions in script text
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Env, GoCommand, Setting, ShellResult } from '../src/build/model.js';
import { type ShellContext, scanShell } from '../src/build/shell.js';

function ctx(extra: Partial<ShellContext> = {}): ShellContext {
  return {
    file: 'build.sh',
    kind: 'shell',
    line: 1,
    column: 1,
    env: {},
    dir: '.',
    imageDir: null,
    host: null,
    image: null,
    ...extra,
  };
}

function scan(text: string, extra: Partial<ShellContext> = {}): ShellResult {
  return scanShell(text, ctx(extra));
}

function one(text: string, extra: Partial<ShellContext> = {}): GoCommand {
  const r = scan(text, extra);
  assert.equal(r.commands.length, 1, `one command in ${JSON.stringify(text)}`);
  return r.commands[0];
}

function values(env: Env): Record<string, string | null> {
  return Object.fromEntries(Object.entries(env).map(([k, s]) => [k, s.value]));
}

function setting(name: string, value: string | null, extra: Partial<Setting> = {}): Setting {
  return { name, value, loc: { file: 'Dockerfile', line: 3, column: 5 }, via: 'env', ...extra };
}

test('inline prefixes and nested quotes in -ldflags', () => {
  const c = one(`CGO_ENABLED=0 GOOS=linux go build -ldflags "-s -w -extldflags '-static'" -o app ./cmd/app`);
  assert.equal(c.verb, 'build');
  assert.deepEqual(c.args, ['-ldflags', "-s -w -extldflags '-static'", '-o', 'app', './cmd/app']);
  assert.deepEqual(values(c.env), { CGO_ENABLED: '0', GOOS: 'linux' });
  assert.equal(c.env.CGO_ENABLED.via, 'inline');
  assert.deepEqual(c.loc, { file: 'build.sh', line: 1, column: 26 });
  // Inline settings do not persist.
  assert.deepEqual(scan('GOOS=linux go build').env, {});
});

test("single quotes, escapes, $'...' and = forms of flags", () => {
  const c = one(`go build -ldflags='-X main.v=$V' -tags=netgo\\ osusergo -gcflags=$'all=-N\\t-l' ./...`);
  assert.deepEqual(c.args, [
    '-ldflags=-X main.v=$V',
    '-tags=netgo osusergo',
    'all=-N\t-l'.replace(/^/, '-gcflags='),
    './...',
  ]);
});

test('export persists, with && and ;', () => {
  const r = scan('export CGO_ENABLED=1 && go build; go test ./...');
  assert.equal(r.commands.length, 2);
  assert.equal(r.commands[0].env.CGO_ENABLED.value, '1');
  assert.equal(r.commands[0].env.CGO_ENABLED.via, 'export');
  assert.equal(r.commands[1].env.CGO_ENABLED.value, '1');
  assert.equal(r.env.CGO_ENABLED.value, '1');
});

test('export A B=2 and export of an earlier assignment', () => {
  const r = scan('A=1\nB=x\ngo build\nexport A B=2\ngo test');
  assert.deepEqual(values(r.commands[0].env), {});
  assert.deepEqual(values(r.commands[1].env), { A: '1', B: '2' });
  // `export A` keeps the assignment's position.
  assert.equal(r.commands[1].env.A.loc.line, 1);
  assert.equal(r.commands[1].env.B.loc.line, 4);
});

test('non-exported assignments substitute but do not reach go', () => {
  const c = one('OUT=bin/app\nCGO_ENABLED=0\ngo build -o "$OUT" ./cmd');
  assert.deepEqual(c.args, ['-o', 'bin/app', './cmd']);
  assert.equal(c.env.CGO_ENABLED, undefined);
});

test('assignments to inherited variables stay in the environment', () => {
  const c = one('CGO_ENABLED=1; go build', { env: { CGO_ENABLED: setting('CGO_ENABLED', '0') } });
  assert.equal(c.env.CGO_ENABLED.value, '1');
  assert.equal(c.env.CGO_ENABLED.via, 'export');
});

test('env wrapper: assignments, -u, -i', () => {
  const c = one('env GOARCH=arm64 CC=aarch64-linux-gnu-gcc go build ./...');
  assert.deepEqual(values(c.env), { GOARCH: 'arm64', CC: 'aarch64-linux-gnu-gcc' });
  assert.equal(c.env.GOARCH.via, 'inline');
  const inherited = { GOFLAGS: setting('GOFLAGS', '-mod=vendor'), GOOS: setting('GOOS', 'linux') };
  assert.deepEqual(values(one('env -u GOFLAGS go test', { env: inherited }).env), { GOOS: 'linux' });
  assert.deepEqual(values(one('env -i HOME=/root go test', { env: inherited }).env), { HOME: '/root' });
  assert.deepEqual(
    values(one('/usr/bin/env --unset=GOOS go vet; env -uGOOS go run .', { env: inherited }).env),
    {
      GOFLAGS: '-mod=vendor',
    },
  );
});

test('wrappers: sudo, exec, time, nohup, nice, timeout, command', () => {
  const r = scan(
    [
      'sudo -E -u builder CGO_ENABLED=1 go build ./a',
      'exec go run ./b',
      'time go test ./c',
      'nohup nice -n 10 go install ./d &',
      'timeout -s KILL 10m go test ./e',
      'command go build ./f',
      'command -v go',
    ].join('\n'),
  );
  assert.deepEqual(
    r.commands.map((c) => [c.verb, c.args[0], c.loc.line]),
    [
      ['build', './a', 1],
      ['run', './b', 2],
      ['test', './c', 3],
      ['install', './d', 4],
      ['test', './e', 5],
      ['build', './f', 6],
    ],
  );
  assert.equal(r.commands[0].env.CGO_ENABLED.value, '1');
});

test('go binaries: paths, go1.N wrappers, garble, -C', () => {
  const r = scan(
    '/usr/local/go/bin/go build ./a && go1.21.3 test ./b && go1.22rc1 run . && garble -literals -seed=random build ./c\n' +
      'garble -seed random build ./d\ngo -C tools build ./gen\ngo -C=../x build',
  );
  assert.deepEqual(
    r.commands.map((c) => [c.verb, c.args.join(' '), c.dir]),
    [
      ['build', './a', '.'],
      ['test', './b', '.'],
      ['run', '.', '.'],
      ['build', './c', '.'],
      ['build', './d', '.'],
      ['build', './gen', 'tools'],
      ['build', '', null],
    ],
  );
  assert.equal(r.dir, '.', 'go -C changes the directory of that command only');
});

test('other go verbs are ignored, go env -w persists', () => {
  const r = scan(
    'go mod download && go vet ./... && go generate ./...\ngo env -w GOFLAGS=-mod=mod CGO_ENABLED=0\ngo build',
  );
  assert.equal(r.commands.length, 1);
  assert.deepEqual(values(r.commands[0].env), { GOFLAGS: '-mod=mod', CGO_ENABLED: '0' });
  assert.equal(r.commands[0].env.GOFLAGS.via, 'export');
  assert.equal(r.commands[0].env.GOFLAGS.loc.line, 2);
});

test('cd: relative, subshell, absolute, unknown', () => {
  assert.equal(one('cd cmd/x && go build .').dir, 'cmd/x');
  const r = scan('(cd sub && go build) && go build');
  assert.deepEqual(
    r.commands.map((c) => c.dir),
    ['sub', '.'],
  );
  const abs = one('cd /go/src/app && go build', { imageDir: '/src' });
  assert.equal(abs.dir, null);
  assert.equal(abs.imageDir, '/go/src/app');
  const rel = one('cd ./a/../b/. && go build', { imageDir: '/src' });
  assert.equal(rel.dir, 'b');
  assert.equal(rel.imageDir, '/src/b');
  for (const s of ['cd $(dirname $0)/..', 'cd "$SRC"', 'cd -', 'cd', 'cd ~/go', 'cd `pwd`']) {
    const c = one(`${s}; go build`, { imageDir: '/src' });
    assert.equal(c.dir, null, s);
    assert.equal(c.imageDir, null, s);
  }
  const up = one('cd .. && go build', { imageDir: '/src/app' });
  assert.equal(up.dir, null);
  assert.equal(up.imageDir, '/src');
});

test('cd inside $(...) does not persist, a known variable does', () => {
  assert.equal(one('X=$(cd foo && pwd); go build').dir, '.');
  assert.equal(one('D=cmd/tool; cd "$D" && go build').dir, 'cmd/tool');
  const r = scan('cd a; cd b; go build');
  assert.equal(r.commands[0].dir, 'a/b');
  assert.equal(r.dir, 'a/b');
});

test('pushd and popd', () => {
  const r = scan('pushd tools >/dev/null\ngo build ./gen\npopd\ngo test ./...');
  assert.deepEqual(
    r.commands.map((c) => c.dir),
    ['tools', '.'],
  );
});

test('brace groups keep cd, functions and subshells do not', () => {
  const r = scan('{ cd a; go build; }\ngo test\nf() {\n  cd b\n}\ngo run .');
  assert.deepEqual(
    r.commands.map((c) => c.dir),
    ['a', 'a', 'a'],
  );
});

test('here-documents are not commands, sh <<EOF bodies are', () => {
  const r = scan(
    "cat > main.go <<EOF\npackage main\ngo build ./nope\nEOF\ncat <<-'END'\n\tgo test ./nope\n\tEND\n" +
      'OUT=bin\nsh <<SCRIPT\ncd tools\ngo build -o $OUT/gen ./gen\nSCRIPT\ngo vet ./...\ngo test ./yes',
  );
  assert.deepEqual(
    r.commands.map((c) => [c.args.join(' '), c.loc.line, c.dir]),
    [
      ['-o bin/gen ./gen', 11, 'tools'],
      ['./yes', 14, '.'],
    ],
  );
});

test('sh -c and bash -c bodies are scanned, with positions inside the body', () => {
  const c = one("sh -c 'go test -race ./...'");
  assert.deepEqual(c.args, ['-race', './...']);
  assert.equal(c.loc.column, 8);
  const r = scan('CGO_ENABLED=1 bash -euxc "cd app && \\\n  go build ./..."\ngo test');
  assert.equal(r.commands[0].loc.line, 2);
  assert.equal(r.commands[0].loc.column, 3);
  assert.equal(r.commands[0].dir, 'app');
  assert.equal(r.commands[0].env.CGO_ENABLED.value, '1');
  assert.equal(r.commands[1].dir, '.', 'the child shell cd does not persist');
  // Only exported variables reach the child shell.
  const d = one("A=1; export B=2; sh -c 'go build -o $A$B'");
  assert.deepEqual(d.args, ['-o', '$A2']);
});

test('if/then/else/fi, while, for, case bodies are scanned', () => {
  const c = one('if [ -n "$X" ]; then go build -tags netgo; fi');
  assert.deepEqual(c.args, ['-tags', 'netgo']);
  const r = scan(
    'while read -r pkg; do\n  go test "$pkg"\ndone < pkgs.txt\n' +
      'case "$1" in\n  linux|darwin) GOOS=$1 go build ./a ;;\n  (*) go vet ./... ;;\nesac\n' +
      'if true\nthen\n  go install ./b\nelif false; then go run .\nelse go test ./c\nfi',
  );
  assert.deepEqual(
    r.commands.map((c) => [c.verb, c.args.join(' ')]),
    [
      ['test', '$pkg'],
      ['build', './a'],
      ['install', './b'],
      ['run', '.'],
      ['test', './c'],
    ],
  );
  assert.equal(r.commands[1].env.GOOS.value, null, 'GOOS from $1 is unknown');
});

test('for loops give a variable its values', () => {
  const r = scan('for os in linux darwin windows; do\n  GOOS=$os go build -o bin/$os ./cmd\ndone');
  const c = r.commands[0];
  assert.equal(c.env.GOOS.value, 'linux');
  assert.deepEqual(c.env.GOOS.values, ['linux', 'darwin', 'windows']);
  // A glob list is not known: the variable stays as written.
  assert.equal(one('for f in ./cmd/*; do go build "$f"; done').args[0], '$f');
});

test('a continued command whose go word is on the second line', () => {
  const r = scan('set -e\nCGO_ENABLED=0 \\\n  go build \\\n    -trimpath \\\n    -o out ./cmd\n');
  assert.equal(r.commands.length, 1);
  assert.deepEqual(r.commands[0].loc, { file: 'build.sh', line: 3, column: 3 });
  assert.deepEqual(r.commands[0].args, ['-trimpath', '-o', 'out', './cmd']);
  assert.equal(r.commands[0].env.CGO_ENABLED.loc.line, 2);
});

test('ctx line/column and lineMap place commands in the file', () => {
  const a = one('go build', { line: 10, column: 5 });
  assert.deepEqual([a.loc.line, a.loc.column], [10, 5]);
  const r = scan('echo hi\n  go test ./...\n', {
    line: 7,
    column: 9,
    lineMap: [
      { line: 7, column: 9 },
      { line: 8, column: 9 },
    ],
  });
  assert.deepEqual([r.commands[0].loc.line, r.commands[0].loc.column], [8, 11]);
});

test('${VAR:-def}, ${VAR-def}, ${VAR:=def}, ${VAR:+alt}, ${#V}, ${V%pat}', () => {
  const c = one(
    'E=; V=v1.2.3; go build -o "${OUT:-bin/app}" -tags "${TAGS-none}" ${E:-x} ${E-y} ${W:=w} $W ${V:+set} ${#V} ${V%.*} ${V#v}',
  );
  assert.deepEqual(c.args, ['-o', 'bin/app', '-tags', 'none', 'x', 'w', 'w', 'set', '6', 'v1.2', '1.2.3']);
});

test('unknown variables stay as written and make values unknown', () => {
  const c = one('GOARCH=$ARCH go build -o "$OUT" -ldflags "-X main.v=$(git describe)" ./cmd');
  assert.deepEqual(c.args, ['-o', '$OUT', '-ldflags', '-X main.v=$(git describe)', './cmd']);
  assert.equal(c.env.GOARCH.value, null);
  assert.equal(one('V=`git rev-parse HEAD`; export V; go build').env.V.value, null);
});

test('partly known values keep their known flags in arguments', () => {
  const c = one(
    'LD="-s -extldflags -static -X main.v=$(git describe --tags)"; A=$ARCH\ngo build -ldflags "$LD" -o app-$A $LD',
  );
  assert.deepEqual(c.args, [
    '-ldflags',
    '-s -extldflags -static -X main.v=$(git describe --tags)',
    '-o',
    'app-$ARCH',
    '-s',
    '-extldflags',
    '-static',
    '-X',
    'main.v=$(git describe --tags)',
  ]);
  const d = one('export V="$(date)"; go build', {});
  assert.equal(d.env.V.value, null, 'the setting itself stays unknown');
});

test('platform ARGs propagate platformArg', () => {
  const env = { TARGETARCH: setting('TARGETARCH', null, { platformArg: true, via: 'arg' }) };
  const c = one('GOARCH=$TARGETARCH GOARM=${TARGETVARIANT#v} go build -o app-$TARGETARCH', { env });
  assert.equal(c.env.GOARCH.value, null);
  assert.equal(c.env.GOARCH.platformArg, true);
  assert.equal(c.env.GOARM.platformArg, undefined);
  assert.deepEqual(c.args, ['-o', 'app-$TARGETARCH']);
  assert.equal(c.env.TARGETARCH.via, 'arg', 'inherited settings are in the environment');
});

test('field splitting of unquoted known values, command from a variable', () => {
  const c = one('F="-s -w"; GO=go; GOBUILD="$GO build -trimpath"; $GOBUILD -ldflags "$F" $F ./x');
  assert.equal(c.verb, 'build');
  assert.deepEqual(c.args, ['-trimpath', '-ldflags', '-s -w', '-s', '-w', './x']);
  assert.deepEqual(one('E=""; go build $E ./y "$E"').args, ['./y', '']);
});

test('unset, set -a, declare -x, export -n, local', () => {
  const inherited = { GOFLAGS: setting('GOFLAGS', '-mod=vendor') };
  assert.deepEqual(values(one('unset GOFLAGS; go build', { env: inherited }).env), {});
  assert.deepEqual(values(one('set -a; A=1; set +a; B=2; go build').env), { A: '1' });
  assert.deepEqual(values(one('declare -x C=3; export D=4; export -n D; go build').env), { C: '3' });
  assert.deepEqual(values(one('X=1; export X; unset X; go build').env), {});
});

test('$(...) and backtick contents are not commands of the script', () => {
  const r = scan('V=$(go build ./a; echo x); W=`go test ./b`; echo "$(go run ./c)"');
  assert.equal(r.commands.length, 0);
});

test('comments and keywords as plain arguments', () => {
  const r = scan(
    '# go build ./commented\ngo build ./a # go test ./b\necho if then fi done; go test ./c#notcomment',
  );
  assert.deepEqual(
    r.commands.map((c) => c.args.join(' ')),
    ['./a', './c#notcomment'],
  );
});

test('pipelines and background jobs do not change the shell state', () => {
  const r = scan('cd a | cat; go build; export X=1 & go test');
  assert.equal(r.commands[0].dir, '.');
  assert.equal(r.commands[1].env.X, undefined);
});

test('eval and multi-line double-quoted arguments', () => {
  const r = scan('eval "CGO_ENABLED=1 go build -o $OUT ./cmd"\ngo build -ldflags "-X a=b\n  -X c=d" ./x');
  assert.deepEqual(r.commands[0].args, ['-o', '$OUT', './cmd']);
  assert.equal(r.commands[0].env.CGO_ENABLED.value, '1');
  assert.deepEqual(r.commands[1].args, ['-ldflags', '-X a=b\n  -X c=d', './x']);
});

test('package installs: apk, apt-get, apt, yum, dnf, microdnf', () => {
  const r = scan(
    [
      'apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.4-r2 git',
      'apk --update add -t tmp build-base',
      'apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev/bookworm && rm -rf /var/lib/apt/lists/*',
      'DEBIAN_FRONTEND=noninteractive apt -qq install -y -o Dpkg::Options::=--force-confold gcc-aarch64-linux-gnu',
      'yum install -y gcc glibc-static',
      'dnf -y install gcc',
      'sudo microdnf install -y gcc',
      'apk del gcc; apt-get remove gcc; apk info',
    ].join('\n'),
  );
  assert.deepEqual(
    r.installs.map((i) => [i.packages, i.loc.line]),
    [
      [['gcc', 'musl-dev', 'git'], 1],
      [['build-base'], 2],
      [['gcc', 'libc6-dev'], 3],
      [['gcc-aarch64-linux-gnu'], 4],
      [['gcc', 'glibc-static'], 5],
      [['gcc'], 6],
      [['gcc'], 7],
    ],
  );
});

test("Docker's lone here-document form runs its body", () => {
  const r = scan('<<EOF\nset -e\nCGO_ENABLED=0 go build ./cmd\nEOF', { line: 20 });
  assert.equal(r.commands.length, 1);
  assert.equal(r.commands[0].loc.line, 22);
});

test('ctx fields reach commands; ctx.env is not mutated', () => {
  const env = { GOOS: setting('GOOS', 'linux') };
  const r = scanShell('export GOOS=windows; go build', {
    ...ctx({ env, kind: 'dockerfile', host: '$BUILDPLATFORM', image: 'golang:1.22', imageDir: '/src' }),
    stage: 2,
  });
  const c = r.commands[0];
  assert.equal(c.kind, 'dockerfile');
  assert.equal(c.stage, 2);
  assert.equal(c.host, '$BUILDPLATFORM');
  assert.equal(c.image, 'golang:1.22');
  assert.equal(c.imageDir, '/src');
  assert.equal(c.env.GOOS.value, 'windows');
  assert.equal(env.GOOS.value, 'linux');
  assert.deepEqual(Object.keys(env), ['GOOS']);
});

test('malformed text never throws and keeps what it can read', () => {
  const bad = [
    "echo 'unterminated\ngo build ./a",
    'echo "unterminated\ngo build ./b',
    'go build ${X\ngo test',
    'go build $(echo\n',
    '((((',
    ')))) }}} fi done esac ;; go run .',
    'cat <<EOF\nno end',
    '`',
    '${}${:-}${#}$',
    '\\',
    'case x in',
  ];
  for (const t of bad) assert.doesNotThrow(() => scan(t), t);
  assert.deepEqual(scan(bad[0]).commands[0]?.args, ['./a']);
  assert.deepEqual(scan(bad[1]).commands[0]?.args, ['./b']);
  assert.equal(scan(bad[5]).commands[0]?.verb, 'run');
});

test('source/. reads another file of the scan; cd "$(dirname "$0")/.." resolves from the script', () => {
  const files: Record<string, string> = {
    'scripts/env.sh': 'CGO_ENABLED=0\nGOFLAGS=-trimpath\n',
    'ci.env.sh': 'export GOOS=windows\n',
  };
  const r = scanShell(
    [
      'cd "$(dirname "$0")/.."',
      'set -a',
      'source ./scripts/env.sh',
      'set +a',
      '. ./ci.env.sh',
      'go build ./cmd/app',
      'source ./missing.sh',
      'go build ./cmd/other',
    ].join('\n'),
    {
      file: 'scripts/build.sh',
      kind: 'shell',
      line: 1,
      column: 1,
      env: {},
      dir: '.',
      imageDir: null,
      host: null,
      image: null,
      scriptDir: 'scripts',
      readFile: (p) => files[p] ?? null,
    },
  );
  const app = r.commands.find((c) => c.args.includes('./cmd/app'));
  assert.equal(app?.dir, '.');
  assert.equal(app?.env.CGO_ENABLED?.value, '0');
  assert.equal(app?.env.GOFLAGS?.value, '-trimpath');
  assert.equal(app?.env.GOOS?.value, 'windows');
  assert.equal(app?.loc.line, 6);
  // A file the scan does not have changes nothing.
  assert.equal(r.commands.find((c) => c.args.includes('./cmd/other'))?.env.CGO_ENABLED?.value, '0');
});
