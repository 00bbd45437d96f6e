import { isDebugGcflags } from '../goflags.js';
import type { BuildRule } from '../rule.js';

export const BLD004: BuildRule = {
  id: 'BLD004',
  name: 'debug-trimpath',
  severity: 'info',
  lens: 'build',
  subsystem: 'build',
  title: 'a release build without -trimpath, or a debug build with it',
  docs: {
    symptom:
      "A release binary carries the builder's file-system paths (`/home/runner/work/app/app/main.go`, " +
      '`/src/internal/...`) in its stack traces and debug data, and two builds of the same commit in ' +
      'different directories differ byte for byte. The opposite mistake: a debug build (`-gcflags=all=' +
      '"-N -l"`) with `-trimpath`, where Delve cannot find the sources (`could not find file ...`) until ' +
      'you configure path substitution.',
    why:
      '`-trimpath` replaces file-system paths with module paths (`example.com/app@v1.2.3/main.go`) in ' +
      'everything the compiler and linker record: reproducible output, no builder paths leaked. It also ' +
      'leaves `-ldflags` and the `CGO_*` flags out of the build info `go version -m` prints. For a debug ' +
      'build those module paths are what stops a debugger from mapping code back to files.\n\n' +
      'Release builds are every goreleaser build and a `go build`/`go install` in a Dockerfile stage whose ' +
      'output is copied into the last stage or that runs in the last stage itself; Makefiles and CI test ' +
      'jobs are not judged. A `go install tool@version` into the final image counts too (its binary ' +
      "records the builder's GOPATH module-cache paths); a debug build shipped on purpose does not.",
    fix:
      'Add `-trimpath` to release builds (goreleaser: `flags: [-trimpath]`; or `GOFLAGS=-trimpath`). ' +
      "Drop it from debug builds, or keep it and set Delve's `substitute-path`.",
    versions: '`-trimpath` exists since Go 1.13; dropping -ldflags from build info since Go 1.18.',
    references: ['cmd/go: go help build (-trimpath)', 'debug/buildinfo', 'catalog BLD004'],
    bad: [
      {
        title: 'A goreleaser build without -trimpath',
        files: [
          {
            name: '.goreleaser.yaml',
            text: 'builds:\n  - main: ./cmd/app\n    env: [CGO_ENABLED=0]\n    ldflags: ["-s -w"]\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The same build, trimmed',
        files: [
          {
            name: '.goreleaser.yaml',
            text: 'builds:\n  - main: ./cmd/app\n    env: [CGO_ENABLED=0]\n    flags: [-trimpath]\n    ldflags: ["-s -w"]\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const b of ctx.builds) {
      if (b.cmd.verb !== 'build' && b.cmd.verb !== 'install' && !(b.flags.trimpath && b.cmd.verb === 'test'))
        continue;
      if (b.flags.trimpath && isDebugGcflags(b.flags.gcflags)) {
        ctx.report({
          loc: b.cmd.loc,
          message:
            'a debug build (-gcflags "-N -l") with -trimpath: the recorded paths are module paths, so a ' +
            "debugger cannot find the source files without path substitution (Delve's substitute-path); " +
            'drop -trimpath from debug builds',
        });
        continue;
      }
      // A debug build shipped on purpose (a Delve image) is not told to add -trimpath: the
      // first clause would then fire on it.
      // `go install some/library` (no @version) only fills the build cache: no binary ships.
      const cacheOnly = b.external && !b.flags.packages.some((p) => p.includes('@'));
      if (b.release && !b.flags.trimpath && !isDebugGcflags(b.flags.gcflags) && !cacheOnly) {
        const what =
          b.cmd.kind === 'goreleaser'
            ? 'a goreleaser release build'
            : 'a build whose output ships in the final image';
        ctx.report({
          loc: b.cmd.loc,
          message: `${what} without -trimpath: the binary records the builder's file-system paths (stack traces, debug data) and is not reproducible across checkouts; add -trimpath${b.cmd.kind === 'goreleaser' ? ' (flags: [-trimpath])' : ' (or GOFLAGS=-trimpath)'}`,
        });
      }
    }
  },
};
