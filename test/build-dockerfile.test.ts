// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile `${VAR}` substitutions in Dockerfile text
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDockerfile } from '../src/build/dockerfile.js';
import type { GoCommand } from '../src/build/model.js';

function read(text: string) {
  return readDockerfile({ path: 'svc/Dockerfile', kind: 'dockerfile', text });
}

/** The go command whose args include `marker`. */
function cmd(cmds: GoCommand[], marker: string): GoCommand {
  const c = cmds.find((x) => x.args.includes(marker));
  assert.ok(c, `no go command with ${marker}: ${JSON.stringify(cmds.map((x) => [x.verb, ...x.args]))}`);
  return c;
}

test('multi-stage build: stages, names, COPY --from=builder into the final stage', () => {
  const r = read(
    [
      'FROM golang:1.22 AS builder',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/app ./cmd/app',
      '',
      'FROM gcr.io/distroless/base-debian12',
      'COPY --from=builder /out/app /app',
      'ENTRYPOINT ["/app"]',
    ].join('\n'),
  );
  assert.deepEqual(r.problems, []);
  const [b, f] = r.model.stages;
  assert.equal(r.model.stages.length, 2);
  assert.equal(b.name, 'builder');
  assert.equal(b.image, 'golang:1.22');
  assert.deepEqual(b.loc, { file: 'svc/Dockerfile', line: 1, column: 1 });
  assert.equal(f.image, 'gcr.io/distroless/base-debian12');
  assert.equal(f.name, null);
  assert.equal(f.baseStage, null);
  assert.deepEqual(f.copies, [
    { from: 0, src: ['/out/app'], dest: '/app', loc: { file: 'svc/Dockerfile', line: 7, column: 1 } },
  ]);
  const c = cmd(r.model.commands, './cmd/app');
  assert.equal(c.verb, 'build');
  assert.equal(c.stage, 0);
  assert.equal(c.kind, 'dockerfile');
  assert.equal(c.image, 'golang:1.22');
  assert.equal(c.imageDir, '/src');
  assert.equal(c.dir, '.');
  assert.deepEqual(c.loc, { file: 'svc/Dockerfile', line: 4, column: 5 });
});

test('FROM --platform=$BUILDPLATFORM with ARG TARGETOS TARGETARCH: platform args and host', () => {
  const r = read(
    [
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'ARG TARGETOS TARGETARCH',
      'WORKDIR /src',
      'COPY . .',
      'RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .',
      'FROM alpine:3.20',
      'COPY --from=build /out/app /usr/local/bin/app',
    ].join('\n'),
  );
  const st = r.model.stages[0];
  assert.equal(st.platform, '$BUILDPLATFORM');
  assert.deepEqual(st.env.TARGETOS, {
    name: 'TARGETOS',
    value: null,
    platformArg: true,
    loc: { file: 'svc/Dockerfile', line: 2, column: 5 },
    via: 'arg',
  });
  assert.equal(st.env.TARGETARCH.platformArg, true);
  assert.equal(st.env.TARGETARCH.loc.column, 14);
  const c = cmd(r.model.commands, '/out/app');
  assert.equal(c.host, '$BUILDPLATFORM');
  assert.equal(c.env.TARGETARCH?.platformArg, true);
  assert.ok(c.env.GOARCH, 'the inline GOARCH reaches the command');
  assert.equal(c.loc.column, 39);
  assert.equal(r.model.stages[1].platform, null);
});

test('global ARGs substitute into FROM; stages re-declare them', () => {
  const r = read(
    [
      'ARG GO_VERSION=1.21',
      'ARG DISTRO',
      'ARG PLAT=linux/arm64',
      'FROM --platform=${PLAT} golang:${GO_VERSION}-alpine AS build',
      'ARG GO_VERSION',
      'ARG DISTRO',
      'ARG LOCAL=v${GO_VERSION}',
      'FROM debian:${DISTRO:-bookworm}-slim',
      'ARG GO_VERSION',
      'FROM golang:${GO_VERSION}',
    ].join('\n'),
  );
  const [a, b, c] = r.model.stages;
  assert.equal(a.image, 'golang:1.21-alpine');
  assert.equal(a.platform, 'linux/arm64');
  assert.equal(a.env.GO_VERSION.value, '1.21');
  assert.equal(a.env.GO_VERSION.via, 'arg');
  assert.equal(a.env.GO_VERSION.loc.line, 5);
  assert.equal(a.env.DISTRO.value, null, 'an ARG without any default is unknown');
  assert.equal(a.env.LOCAL.value, 'v1.21');
  assert.equal(b.image, 'debian:bookworm-slim');
  assert.equal(b.env.LOCAL, undefined, 'ARGs do not cross stages');
  assert.equal(c.image, 'golang:1.21');
});

test('ENV: key=value pairs, legacy form, quotes, substitution of earlier values', () => {
  const r = read(
    [
      'FROM golang:1.22',
      'ARG VERSION=1.2.3',
      'ENV A=1 B="two words" C=\'$VERSION\' D=v$VERSION E=${MISSING:-dflt}',
      'ENV LEGACY 1 and more',
      'ENV F=$A G=x\\ y',
      'ENV A=2 H=$A',
      'ENV PATH=/usr/local/go/bin:$PATH',
    ].join('\n'),
  );
  const env = r.model.stages[0].env;
  assert.equal(env.A.value, '2');
  assert.equal(env.B.value, 'two words');
  assert.equal(env.C.value, '$VERSION', 'single quotes keep $ literal');
  assert.equal(env.D.value, 'v1.2.3');
  assert.equal(env.E.value, 'dflt');
  assert.equal(env.LEGACY.value, '1 and more');
  assert.equal(env.F.value, '1');
  assert.equal(env.G.value, 'x y');
  assert.equal(env.H.value, '1', 'values see the environment before the instruction');
  assert.equal(env.PATH.value, null, 'PATH comes from the base image: unknown');
  assert.deepEqual(env.B.loc, { file: 'svc/Dockerfile', line: 3, column: 9 });
  assert.equal(env.B.via, 'env');
  const lines = r.model.stages[0].envLines;
  assert.deepEqual(
    lines.map((s) => s.name),
    ['A', 'B', 'C', 'D', 'E', 'LEGACY', 'F', 'G', 'A', 'H', 'PATH'],
  );
  assert.equal(lines[5].loc.line, 4);
});

test('ENV CGO_ENABLED=0 in the builder reaches the go command with the ENV line as loc', () => {
  const r = read(
    [
      'FROM golang:1.22-bookworm AS builder',
      'ENV CGO_ENABLED=0 \\',
      '    GOFLAGS=-trimpath',
      'RUN go build -o /app .',
    ].join('\n'),
  );
  const c = cmd(r.model.commands, '/app');
  assert.equal(c.env.CGO_ENABLED?.value, '0');
  assert.deepEqual(c.env.CGO_ENABLED?.loc, { file: 'svc/Dockerfile', line: 2, column: 5 });
  assert.equal(c.env.CGO_ENABLED?.via, 'env');
  assert.deepEqual(c.env.GOFLAGS?.loc, { file: 'svc/Dockerfile', line: 3, column: 5 });
});

test('# escape=` Dockerfile: backtick continuations, lines of later commands', () => {
  const r = read(
    [
      '# syntax=docker/dockerfile:1',
      '# escape=`',
      'FROM golang:1.22',
      'WORKDIR C:\\src',
      'RUN echo start && `',
      '    go build -o app.exe `',
      '      -tags netgo .',
      'RUN go test ./...',
    ].join('\n'),
  );
  assert.deepEqual(r.problems, []);
  const b = cmd(r.model.commands, 'netgo');
  assert.equal(b.loc.line, 6);
  assert.equal(b.loc.column, 5);
  assert.deepEqual(b.args, ['-o', 'app.exe', '-tags', 'netgo', '.']);
  assert.equal(cmd(r.model.commands, './...').loc.line, 8);
});

test('continued RUN with comment and blank lines inside: removed, line numbers kept', () => {
  const r = read(
    [
      'FROM golang:1.22-alpine',
      'RUN apk add --no-cache git && \\',
      '    # fetch the modules first',
      '    go mod download && \\',
      '',
      '  # build',
      '    go build \\',
      '# a comment in column 1',
      '      -ldflags "-s -w" \\',
      '      -o /bin/app ./cmd/app',
    ].join('\n'),
  );
  const c = cmd(r.model.commands, './cmd/app');
  assert.deepEqual(c.loc, { file: 'svc/Dockerfile', line: 7, column: 5 });
  assert.deepEqual(c.args, ['-ldflags', '-s -w', '-o', '/bin/app', './cmd/app']);
  assert.equal(r.model.commands.length, 1);
  assert.deepEqual(r.model.stages[0].installs[0]?.packages, ['git']);
});

test('heredoc RUN: several commands on their own lines, <<-, quoted names', () => {
  const r = read(
    [
      'FROM golang:1.22',
      'WORKDIR /src',
      'COPY . .',
      'RUN <<EOF',
      'set -e',
      'export CGO_ENABLED=0',
      'go build -o /out/a ./cmd/a',
      '  go test ./pkg/...',
      'EOF',
      'RUN <<-EOT bash -ex',
      '\tgo install ./cmd/b',
      '\tEOT',
      "RUN <<'EOF'",
      'go vet ./... && go build -o /out/c ./cmd/c',
      'EOF',
      'RUN go build -o /out/d ./cmd/d',
    ].join('\n'),
  );
  assert.deepEqual(r.problems, []);
  const a = cmd(r.model.commands, './cmd/a');
  assert.deepEqual(a.loc, { file: 'svc/Dockerfile', line: 7, column: 1 });
  assert.equal(a.env.CGO_ENABLED?.value, '0');
  assert.equal(a.dir, '.');
  assert.deepEqual(cmd(r.model.commands, './pkg/...').loc, { file: 'svc/Dockerfile', line: 8, column: 3 });
  assert.deepEqual(cmd(r.model.commands, './cmd/b').loc, { file: 'svc/Dockerfile', line: 11, column: 2 });
  assert.equal(cmd(r.model.commands, './cmd/c').loc.line, 14);
  const d = cmd(r.model.commands, './cmd/d');
  assert.equal(d.loc.line, 16);
  assert.equal(d.env.CGO_ENABLED, undefined, 'exports do not outlive their RUN');
});

test('heredocs that are data, not scripts', () => {
  const r = read(
    [
      'FROM golang:1.22',
      'RUN cat <<EOF > /build.sh',
      'go build ./not-a-command',
      'EOF',
      'COPY <<EOF /etc/app.conf',
      'go build ./not-either',
      'EOF',
      'RUN <<EOF',
      '#!/usr/bin/env python3',
      'print("go build ./python")',
      'EOF',
      'RUN <<A <<B',
      'go build ./two-a',
      'A',
      'go build ./two-b',
      'B',
      'RUN go build ./after',
    ].join('\n'),
  );
  assert.deepEqual(
    r.model.commands.map((c) => c.args.at(-1)),
    ['./after'],
  );
  assert.equal(cmd(r.model.commands, './after').loc.line, 17);
  const copy = r.model.stages[0].copies[0];
  assert.deepEqual(copy.src, ['<<EOF']);
  assert.equal(copy.dest, '/etc/app.conf');
});

test('<<-A next to a plain <<B: the plain delimiter must be exact (dockerfile-ast fix-up)', () => {
  const r = read(
    ['FROM alpine', 'RUN <<-A <<B', '\tx', '\tA', '\ty', '\tB', 'B', 'RUN go build ./next'].join('\n'),
  );
  assert.deepEqual(r.problems, []);
  assert.equal(cmd(r.model.commands, './next').loc.line, 8);
});

test('shell with stdin script and inline settings: CGO_ENABLED=1 sh <<EOF', () => {
  const r = read(
    ['FROM golang:1.22', "RUN CGO_ENABLED=1 sh -s <<'X' > /log 2>&1", 'go build ./y', 'X'].join('\n'),
  );
  const c = cmd(r.model.commands, './y');
  assert.equal(c.loc.line, 3);
  assert.equal(c.env.CGO_ENABLED?.value, '1');
  assert.equal(c.env.CGO_ENABLED?.via, 'inline');
});

test('exec form RUN: words as a command, sh -c scripts with their columns', () => {
  const r = read(
    [
      'FROM golang:1.22',
      'WORKDIR /src',
      'RUN ["go","build","-o","/app","."]',
      'RUN ["/bin/sh", "-c", "cd cmd && go test -race ./..."]',
      'RUN --network=none ["go", "install", "./tools/x y"]',
    ].join('\n'),
  );
  const a = cmd(r.model.commands, '/app');
  assert.deepEqual(a.args, ['-o', '/app', '.']);
  assert.deepEqual(a.loc, { file: 'svc/Dockerfile', line: 3, column: 7 });
  const t = cmd(r.model.commands, '-race');
  assert.equal(t.verb, 'test');
  assert.deepEqual(t.loc, { file: 'svc/Dockerfile', line: 4, column: 34 });
  assert.equal(t.imageDir, '/src/cmd');
  assert.equal(cmd(r.model.commands, './tools/x y').verb, 'install');
});

test('COPY/ADD: --from by index, name (any case) and image; JSON form; URLs; dest relative to WORKDIR', () => {
  const r = read(
    [
      'FROM golang:1.22 AS Build',
      'FROM alpine AS runtime',
      'WORKDIR /opt/app',
      'COPY --from=0 /out/app ./',
      'COPY --from=BUILD --chmod=755 --link /out/app bin/app',
      'COPY --from=alpine:3.19 /etc/ssl/certs /etc/ssl/certs',
      'COPY ["conf dir/app.yaml", "etc/"]',
      'ADD https://example.com/x.tgz /tmp/',
      'COPY --from=5 /x /y',
    ].join('\n'),
  );
  const cs = r.model.stages[1].copies;
  assert.deepEqual(
    cs.map((c) => [c.from, c.src, c.dest]),
    [
      [0, ['/out/app'], '/opt/app/'],
      [0, ['/out/app'], '/opt/app/bin/app'],
      ['alpine:3.19', ['/etc/ssl/certs'], '/etc/ssl/certs'],
      [null, ['conf dir/app.yaml'], '/opt/app/etc/'],
      [null, ['https://example.com/x.tgz'], '/tmp/'],
      ['5', ['/x'], '/y'],
    ],
  );
  assert.equal(r.model.stages[0].name, 'build');
});

test('a stage built on another: env, workdir, installs inherited, image resolved; ARGs not', () => {
  const r = read(
    [
      'FROM golang:1.22-alpine AS base',
      'ARG ONLY_BASE=1',
      'RUN apk add --no-cache gcc musl-dev',
      'ENV CGO_ENABLED=1',
      'WORKDIR /src',
      'COPY . .',
      'FROM base AS build',
      'WORKDIR cmd/server',
      'RUN go build -o /server .',
    ].join('\n'),
  );
  const b = r.model.stages[1];
  assert.equal(b.baseStage, 0);
  assert.equal(b.image, 'golang:1.22-alpine');
  assert.equal(b.workdir, '/src/cmd/server');
  assert.equal(b.env.CGO_ENABLED.value, '1');
  assert.equal(b.env.ONLY_BASE, undefined);
  assert.deepEqual(
    b.installs.flatMap((i) => i.packages),
    ['gcc', 'musl-dev'],
  );
  assert.deepEqual(b.envLines, []);
  const c = cmd(r.model.commands, '/server');
  assert.equal(c.stage, 1);
  assert.equal(c.image, 'golang:1.22-alpine');
  assert.equal(c.dir, 'cmd/server', 'the base stage copied the context to /src');
  assert.equal(c.env.CGO_ENABLED?.loc.line, 4);
});

test('RUN --mount=type=cache: flags skipped, the command keeps its column', () => {
  const r = read(
    [
      'FROM golang:1.22',
      'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -trimpath -o /app .',
      'RUN --mount=type=cache,target=/go/pkg/mod \\',
      '    --mount=type=secret,id=netrc \\',
      '    go install ./cmd/tool',
    ].join('\n'),
  );
  const a = cmd(r.model.commands, '-trimpath');
  assert.equal(a.loc.column, 91);
  assert.deepEqual(a.args, ['-trimpath', '-o', '/app', '.']);
  assert.deepEqual(cmd(r.model.commands, './cmd/tool').loc, { file: 'svc/Dockerfile', line: 5, column: 5 });
});

test('apk/apt installs accumulate on the stage', () => {
  const r = read(
    [
      'FROM golang:1.22-alpine',
      'RUN apk add --no-cache gcc musl-dev',
      'RUN apk add --no-cache git && go build .',
      'FROM debian:12',
      'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates',
    ].join('\n'),
  );
  const [a, d] = r.model.stages;
  assert.deepEqual(
    a.installs.map((i) => i.packages),
    [['gcc', 'musl-dev'], ['git']],
  );
  assert.equal(a.installs[0].loc.line, 2);
  assert.deepEqual(
    d.installs.flatMap((i) => i.packages),
    ['ca-certificates'],
  );
});

test('WORKDIR: default /, absolute, relative, .., substitution', () => {
  const r = read(
    [
      'FROM golang:1.22',
      'RUN go build ./first',
      'ENV APP=svc',
      'WORKDIR /go/src',
      'WORKDIR github.com/acme/$APP',
      'WORKDIR ../other/./x/',
      'RUN go build ./second',
    ].join('\n'),
  );
  assert.equal(cmd(r.model.commands, './first').imageDir, '/');
  assert.equal(cmd(r.model.commands, './second').imageDir, '/go/src/github.com/acme/other/x');
  assert.equal(r.model.stages[0].workdir, '/go/src/github.com/acme/other/x');
});

test('context directory: COPY . ., COPY ./backend /build, go.mod first, none', () => {
  const r = read(
    [
      'FROM golang:1.22 AS a',
      'WORKDIR /build/cmd/api',
      'COPY ./backend /build',
      'RUN go build -o /a .',
      'FROM golang:1.22 AS b',
      'WORKDIR /app',
      'COPY go.mod go.sum ./',
      'RUN go build -o /early ./tools',
      'COPY . .',
      'RUN go build -o /late ./cmd/x',
      'FROM golang:1.22 AS c',
      'RUN go install example.com/tool@latest',
      'FROM golang:1.22 AS d',
      'WORKDIR /src',
      'COPY services/ /src/services/',
      'RUN cd services/api && go build -o /d .',
    ].join('\n'),
  );
  const cs = r.model.commands;
  assert.equal(cmd(cs, '/a').dir, 'backend/cmd/api');
  assert.equal(cmd(cs, '/early').dir, '.', 'COPY . . later in the stage makes /app the context root');
  assert.equal(cmd(cs, '/late').dir, '.');
  assert.equal(cmd(cs, 'example.com/tool@latest').dir, null);
  assert.equal(cmd(cs, '/d').dir, 'services/api');
});

test('SHELL powershell: shell-form RUN is not read as POSIX; exec form still is', () => {
  const r = read(
    [
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'SHELL ["powershell", "-Command"]',
      'RUN go build -o app.exe ./ps',
      'RUN ["go", "build", "./exec"]',
      'FROM golang:1.22',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN go build ./bash',
    ].join('\n'),
  );
  assert.deepEqual(
    r.model.commands.map((c) => c.args.at(-1)),
    ['./exec', './bash'],
  );
});

test('dockerfile-ast fix-ups: ARG with several names, CRLF endings, BOM', () => {
  const r = read('\uFEFFFROM golang:1.22\r\nARG A=1 B C="x y"\r\nRUN go build \\\r\n  ./crlf\r\n');
  const env = r.model.stages[0].env;
  assert.equal(env.A.value, '1');
  assert.equal(env.B.value, null);
  assert.equal(env.C.value, 'x y');
  assert.equal(env.C.loc.column, 11);
  assert.deepEqual(cmd(r.model.commands, './crlf').loc, { file: 'svc/Dockerfile', line: 3, column: 5 });
});

test('malformed files: no FROM, garbage, empty FROM, unterminated heredoc; nothing throws', () => {
  const none = read('this is not\na Dockerfile at all {{{\n');
  assert.equal(none.model.stages.length, 0);
  assert.ok(none.problems.some((p) => /no FROM/.test(p.message)));
  assert.ok(none.problems.some((p) => p.line === 1 && /unknown instruction/.test(p.message)));

  const bad = read(
    ['RUN go build ./early', 'FROM', 'COPY onlyone', 'RUN <<EOF', 'go build ./in-heredoc'].join('\n'),
  );
  assert.ok(bad.problems.some((p) => p.line === 1 && /before the first FROM/.test(p.message)));
  assert.ok(bad.problems.some((p) => p.line === 2 && /FROM without an image/.test(p.message)));
  assert.ok(bad.problems.some((p) => p.line === 3));
  assert.ok(bad.problems.some((p) => p.line === 4 && /unterminated heredoc/.test(p.message)));
  assert.equal(bad.model.stages.length, 1);
  assert.equal(cmd(bad.model.commands, './in-heredoc').loc.line, 5);

  const junk = [
    '',
    '\\',
    '`',
    'FROM x\nRUN \\',
    'FROM x\nRUN ["',
    'FROM x\nENV',
    'FROM x\nARG =',
    'FROM ${',
    'RUN <<',
    '#\n#\n',
  ];
  for (let i = 0; i < 200; i++) {
    let s = '';
    for (let k = 0; k < 40; k++) s += 'FROM RUN<<EOF\n\\`"\'$ {}[]#=-'[(i * 31 + k * 17) % 28];
    junk.push(s);
  }
  for (const t of junk) {
    const out = readDockerfile({ path: 'junk', kind: 'dockerfile', text: t });
    assert.ok(
      Array.isArray(out.model.stages) && Array.isArray(out.problems),
      `result for ${JSON.stringify(t)}`,
    );
  }
  const odd = readDockerfile({ path: 'x', kind: 'dockerfile', text: undefined as unknown as string });
  assert.deepEqual(odd.model.stages, []);
});

test('context directory from the layout: COPY cmd/ cmd/, COPY backend/go.mod ./', () => {
  const r = read(
    [
      'FROM golang:1.22 AS a',
      'WORKDIR /app',
      'COPY go.mod go.sum ./',
      'COPY cmd/ cmd/',
      'COPY internal/ internal/',
      'RUN go build -o /a ./cmd/server',
      'FROM golang:1.22 AS b',
      'WORKDIR /w',
      'COPY backend/go.mod backend/go.sum ./',
      'RUN go build -o /b ./tools',
      'FROM golang:1.22 AS c',
      'WORKDIR /c',
      'COPY Makefile ./',
      'RUN go build -o /c .',
    ].join('\n'),
  );
  assert.equal(cmd(r.model.commands, '/a').dir, '.');
  assert.equal(cmd(r.model.commands, '/b').dir, 'backend');
  assert.equal(cmd(r.model.commands, '/c').dir, null, 'a single file says nothing about the context root');
});

test('quoted << is not a heredoc (dockerfile-ast would swallow the rest of the file)', () => {
  const r = read(
    ['FROM golang:1.22', 'RUN echo "a <<b" > /x', 'RUN go build ./after', 'WORKDIR /w'].join('\n'),
  );
  assert.equal(cmd(r.model.commands, './after').loc.line, 3);
  assert.equal(r.model.stages[0].workdir, '/w');
  assert.deepEqual(r.problems, []);
});

test('heredoc after a continued flag line; lower-case keywords; ONBUILD; digests', () => {
  const r = read(
    [
      'from golang@sha256:0123abcd as Dev',
      'run --mount=type=cache,target=/root/.cache/go-build \\',
      '    <<EOF',
      'go build ./hd',
      'EOF',
      'onbuild run go build ./onbuild',
      'workdir /x',
    ].join('\n'),
  );
  const st = r.model.stages[0];
  assert.equal(st.image, 'golang@sha256:0123abcd');
  assert.equal(st.name, 'dev');
  assert.equal(st.workdir, '/x');
  assert.deepEqual(
    r.model.commands.map((c) => [c.args[0], c.loc.line]),
    [['./hd', 4]],
  );
});

test('ARG/ENV substitution forms: ${X:+alt}, ${X#prefix}, ${X%suffix}, escaped $', () => {
  const r = read(
    [
      'FROM golang:1.22',
      'ARG V=v1.2.3 EMPTY=',
      'ENV A=${V#v} B=${V%.*} C=${V:+set} D=${EMPTY:-none} E=${EMPTY-kept} F=\\$V G="${V}-x"',
    ].join('\n'),
  );
  const env = r.model.stages[0].env;
  assert.equal(env.A.value, '1.2.3');
  assert.equal(env.B.value, 'v1.2');
  assert.equal(env.C.value, 'set');
  assert.equal(env.D.value, 'none');
  assert.equal(env.E.value, '');
  assert.equal(env.F.value, '$V');
  assert.equal(env.G.value, 'v1.2.3-x');
});

test('platform ARGs: ENV GOARCH=$TARGETARCH follows the platform; undeclared ones are empty', () => {
  const r = read(
    [
      'FROM --platform=$BUILDPLATFORM golang:1.22',
      'ARG TARGETARCH',
      'ENV GOARCH=$TARGETARCH GOOS=$TARGETOS',
      'ARG ARCH="${TARGETARCH}"',
    ].join('\n'),
  );
  const env = r.model.stages[0].env;
  assert.equal(env.GOARCH.value, null);
  assert.equal(env.GOARCH.platformArg, true);
  assert.equal(env.GOOS.value, '', 'TARGETOS was not declared in the stage: Docker gives an empty value');
  assert.equal(env.GOOS.platformArg, undefined);
  assert.equal(env.ARCH.platformArg, true);
});

test('RUN --mount=type=bind of the build context (docker init layout) gives the directory', () => {
  const r = read(
    [
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'WORKDIR /src',
      'ARG TARGETARCH',
      'RUN --mount=type=cache,target=/go/pkg/mod/ \\',
      '    --mount=type=bind,target=. \\',
      '    CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /bin/server ./cmd/server',
      'RUN --mount=type=bind,source=services/api,target=/api \\',
      '    cd /api && go build -o /bin/api .',
      'RUN --mount=type=bind,from=deps,source=/x,target=. go build -o /bin/other .',
    ].join('\n'),
  );
  const c = cmd(r.model.commands, '/bin/server');
  assert.equal(c.dir, '.');
  assert.deepEqual(c.loc, { file: 'svc/Dockerfile', line: 6, column: 38 });
  assert.equal(
    cmd(r.model.commands, '/bin/other').dir,
    null,
    'a mount from another stage is not the context',
  );
  assert.equal(cmd(r.model.commands, '/bin/api').imageDir, '/api');
});
