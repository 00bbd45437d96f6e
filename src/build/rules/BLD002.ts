import type { Related } from '../../core/finding.js';
import type { ResolvedBuild } from '../resolve.js';
import { type BuildRule, locFor, relatedSetting } from '../rule.js';

export const BLD002: BuildRule = {
  id: 'BLD002',
  name: 'cgo-silently-disabled',
  severity: 'warning',
  lens: 'build',
  subsystem: 'build',
  title: 'cgo is turned off by a default the build did not ask for, or off where a package needs it',
  docs: {
    symptom:
      'Nothing fails where the mistake is. Depending on the package, the build then stops with ' +
      '`build constraints exclude all Go files in ...` or `undefined: ...` for names defined in cgo files; ' +
      'or it succeeds with the pure-Go fallback and behaves differently in production; or it succeeds ' +
      "with a stub that fails at run time, as go-sqlite3's does:\n\n```\n" +
      "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub\n```",
    why:
      '`CGO_ENABLED` has a default that depends on the build, not only on the environment variable:\n\n' +
      '- any cross build (GOOS or GOARCH different from the machine that runs `go`) defaults it to 0, ' +
      'even when CC is set;\n' +
      '- since Go 1.20 it also defaults to 0 when CC is unset and no C compiler is on PATH — ' +
      '`golang:*-alpine` without `gcc musl-dev`, distroless or scratch builders.\n\n' +
      'With cgo off the files that `import "C"` are left out by build constraints: the package loses ' +
      'them without a word. In a Dockerfile stage `FROM --platform=$BUILDPLATFORM` setting ' +
      '`GOARCH=$TARGETARCH` is a cross build for every other target; in a stage without `--platform` it ' +
      'is not.\n\n' +
      'Severity: a warning when every package that loses its cgo files has a working `!cgo` counterpart ' +
      '(the program changes behaviour quietly); an error when the program needs cgo — a package without a ' +
      'counterpart, or one whose counterpart is a stub that fails at run time. `CGO_ENABLED=0` set on ' +
      'purpose is only reported in that last case.',
    fix:
      'Say what you mean: `CGO_ENABLED=1` with a cross compiler (`CC=aarch64-linux-gnu-gcc`, zig, ' +
      '`tonistiigi/xx`) or a native builder per platform; install a compiler in the builder ' +
      '(`apk add gcc musl-dev`); or `CGO_ENABLED=0` on purpose, with a dependency that works without cgo ' +
      '(e.g. modernc.org/sqlite instead of mattn/go-sqlite3).',
    versions:
      'Cross builds: every release. No-compiler default: Go 1.20 and later (before, cgo stayed on and the ' +
      'build failed when a C file had to be compiled).',
    references: [
      'cmd/go: go help environment (CGO_ENABLED), go help buildconstraint ("cgo")',
      'Go 1.20 release notes: "cgo is now disabled by default on systems without a C toolchain"',
      'catalog BLD002',
    ],
    bad: [
      {
        title: 'A cross build of a program using go-sqlite3',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\n' +
              'COPY . .\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .\n',
          },
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"database/sql"\n\n\t_ "github.com/mattn/go-sqlite3"\n)\n\n' +
              'func main() {\n\tdb, _ := sql.Open("sqlite3", "x.db")\n\t_ = db.Ping()\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'cgo asked for explicitly, with a cross compiler',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nARG TARGETOS TARGETARCH\n' +
              'RUN apt-get update && apt-get install -y gcc-aarch64-linux-gnu\nWORKDIR /src\nCOPY . .\n' +
              'RUN CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    // One finding per command: goreleaser builds, matrices and loops over platforms resolve to
    // one build per target, all at the same place.
    const byCmd = new Map<string, ResolvedBuild[]>();
    for (const b of ctx.builds) {
      if (b.external || b.cgo.value !== false || b.program.cgo.length === 0) continue;
      const key = `${b.cmd.loc.file}:${b.cmd.loc.line}`;
      byCmd.set(key, [...(byCmd.get(key) ?? []), b]);
    }
    for (const bs of byCmd.values()) {
      const b = bs.find((x) => x.cgo.setting?.name === 'CGO_ENABLED' && x.program.stubs.length > 0) ?? bs[0];
      const cmd = b.cmd;
      const p = b.program;
      const stubs = p.stubs;
      const missing = p.cgo.filter((c) => !c.counterpart);
      const explicit = b.cgo.setting?.name === 'CGO_ENABLED';
      const cross = bs.filter((x) => x.cross.value === true);
      const related: Related[] = [];
      if (b.cgo.setting) related.push(relatedSetting(b.cgo.setting, b.cgo.why));
      for (const c of p.cgo.slice(0, 3)) {
        if (c.file) related.push({ file: c.file, message: `${c.pkg} uses cgo` });
      }
      const stubText =
        stubs.length > 0
          ? ` ${stubs[0].pkg} then builds from its !cgo stub and fails at run time ("${stubs[0].text}")`
          : '';
      if (explicit) {
        // (c) CGO_ENABLED=0 chosen on purpose: only a run-time stub makes it a trap.
        if (stubs.length === 0) continue;
        ctx.report({
          loc: locFor(cmd, [], b.cgo.setting),
          severity: 'error',
          message: `CGO_ENABLED=0 but the program needs cgo:${stubText}. Build with CGO_ENABLED=1 and a C compiler, or use a pure-Go replacement`,
          related,
        });
        continue;
      }
      const needs = stubs.length > 0 || missing.length > 0;
      const pkgs = p.cgo.map((c) => c.pkg);
      const list =
        pkgs.length > 2 ? `${pkgs.slice(0, 2).join(', ')} and ${pkgs.length - 2} more` : pkgs.join(' and ');
      const consequence =
        stubs.length > 0
          ? stubText.trim()
          : missing.length > 0
            ? `${missing.map((m) => m.pkg).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no !cgo counterpart: what those files define is missing — undefined names or "build constraints exclude all Go files" when something uses it, silently gone when nothing does`
            : 'their !cgo counterparts are built instead, without a word';
      const targets = [...new Set(cross.map((x) => `${x.goos ?? '?'}/${x.goarch ?? '?'}`))];
      const why =
        cross.length > 0
          ? cmd.targets && cmd.targets.length > 0
            ? `cgo defaults to off in a cross build (${targets.join(', ')} built on a linux/amd64 host, assumed) and CGO_ENABLED is not set`
            : targets.length > 1
              ? `cgo defaults to off in a cross build (${targets.join(', ')}; ${cross[0].cross.why}), and CGO_ENABLED is not set`
              : `${cross[0].cgo.why}, and CGO_ENABLED is not set`
          : b.cgo.why;
      if (cross.length === 0 && !needs) continue; // (b) only when a package has no working counterpart
      ctx.report({
        loc: cmd.loc,
        severity: needs ? 'error' : 'warning',
        message: `cgo is silently off: ${why}, so the cgo files of ${list} are left out; ${consequence}. Set CGO_ENABLED=1 with a C compiler for the target${needs ? '' : ', or CGO_ENABLED=0 on purpose'}`,
        related,
      });
    }
  },
};
