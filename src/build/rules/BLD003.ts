import { compareGlibc, lookupImage } from '../../core/images.js';
import { dynamicReason, externalLinkReason, staticRequests } from '../judge.js';
import type { ResolvedBuild } from '../resolve.js';
import { at, type BuildRule } from '../rule.js';
import { copyOf, stageChain } from '../stages.js';

export const BLD003: BuildRule = {
  id: 'BLD003',
  name: 'libc-mismatch',
  severity: 'error',
  lens: 'build',
  subsystem: 'build',
  title: 'a dynamically linked binary shipped in a final image whose C library cannot run it',
  docs: {
    symptom:
      'The image builds; the container exits at once. On an older glibc:\n\n```\n' +
      "/app: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by /app)\n```\n\n" +
      'On Alpine, scratch or distroless static, for a file that is plainly there:\n\n```\n' +
      'exec /app: no such file or directory\n```\n\n(the glibc loader named in the binary does not exist).',
    why:
      "A Go binary is dynamically linked against the builder's C library whenever cgo is on and it uses " +
      'C: cgo code of its own, `net` or `os/user` without the `netgo`/`osusergo` tags, or `-race`. It then ' +
      'needs, at run time, the loader and a libc at least as new as the symbol versions it was linked ' +
      "with. Linked on glibc 2.34 or later, even the runtime's own `pthread_create` is versioned " +
      '`GLIBC_2.34`, so the floor is 2.34 — Debian 11, Ubuntu 20.04, RHEL 8 and Amazon Linux 2 are below ' +
      "it. C code of your own can need anything up to the builder's glibc, so the builder's version is " +
      'the upper bound. musl-based and empty final images have no glibc loader at all; a musl binary (built ' +
      'on Alpine) has the mirror-image problem on glibc images.',
    fix:
      'Build and run on the same C library: `CGO_ENABLED=0` (or `-tags netgo,osusergo` when cgo is only ' +
      'there for net/os/user) for scratch, distroless static and Alpine; build on Alpine for Alpine; for ' +
      'glibc images, build on a distribution no newer than the one you ship (`golang:1.22-bullseye` for ' +
      'Debian 11) or ship `gcr.io/distroless/base-debian12`/`cc-debian12`.',
    versions:
      'Every Go release; the 2.34 floor comes from glibc 2.34 (August 2021) moving libpthread into libc.',
    references: [
      'glibc 2.34 release notes (libpthread merged into libc; new symbol versions)',
      'catalog BLD003, BIN002, BIN003',
    ],
    bad: [
      {
        title: 'A net program built with cgo on Debian 12 and shipped on Debian 11',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.22-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/server .\n\n' +
              'FROM debian:11-slim\nCOPY --from=build /out/server /server\nENTRYPOINT ["/server"]\n',
          },
          {
            name: 'main.go',
            text: 'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'A static binary for any final image',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.22-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/server .\n\n' +
              'FROM alpine:3.20\nCOPY --from=build /out/server /server\nENTRYPOINT ["/server"]\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const df of ctx.dockerfiles) {
      if (df.stages.length < 2) continue;
      const final = df.stages[df.stages.length - 1];
      const chain = stageChain(df, final.index);
      const runImage = lookupImage(final.image);
      if (!runImage) continue;
      for (const b of ctx.builds) {
        if (b.dockerfile !== df || !b.stage || chain.includes(b.stage.index)) continue;
        if (b.external || (b.cmd.verb !== 'build' && b.cmd.verb !== 'install')) continue;
        const shipped = copyOf(b, final.index);
        if (!shipped) continue;
        const dyn = dynamicReason(b);
        if (dyn === null) continue;
        const verdict = judge(b, runImage.libc, runImage.glibc, shipped.path);
        if (!verdict) continue;
        ctx.report({
          loc: final.loc,
          severity: verdict.severity,
          message: `${verdict.text}: the binary built at ${at(b.cmd.loc)} in ${b.libc.why} is dynamically linked (${dyn})${ignoredStatic(b)} and this final stage is ${runImage.label}. ${verdict.symptom} ${advice(b)}`,
          related: [
            { file: b.cmd.loc.file, line: b.cmd.loc.line, message: `built here: ${dyn}` },
            {
              file: shipped.copy.loc.file,
              line: shipped.copy.loc.line,
              message: `copied to ${shipped.path} here`,
            },
          ],
        });
      }
    }
  },
};

function judge(
  b: ResolvedBuild,
  libc: 'glibc' | 'musl' | 'none',
  glibc: string | null,
  path: string,
): { text: string; symptom: string; severity: 'error' | 'warning' } | null {
  const missingLoader = `It fails with "exec ${path}: no such file or directory" (its loader is missing).`;
  if (b.libc.kind === 'musl') {
    if (libc === 'musl') return null;
    return { text: 'a musl binary in an image without musl', symptom: missingLoader, severity: 'error' };
  }
  if (b.libc.kind !== 'glibc') return null;
  if (libc !== 'glibc') {
    return {
      text: `a glibc binary in an image without glibc`,
      symptom: missingLoader,
      severity: 'error',
    };
  }
  const builder = b.libc.glibc;
  if (!builder || !glibc) return null;
  const ownCgo = b.program.cgo.length > 0;
  if (compareGlibc(builder, '2.34') >= 0 && !ownCgo) {
    if (compareGlibc(glibc, '2.34') >= 0) return null;
    return {
      text: `glibc ${glibc} is older than the binary's floor 2.34`,
      symptom: 'It fails with "version `GLIBC_2.34\' not found".',
      severity: 'error',
    };
  }
  if (compareGlibc(glibc, builder) >= 0) return null;
  return {
    text: `glibc ${glibc} is older than the builder's ${builder}, the upper bound of what the binary may need`,
    symptom: 'Symbols versioned above it fail with "version `GLIBC_x.y\' not found".',
    severity: 'warning',
  };
}

/** `-extldflags -static` that Go ignored because it linked internally: say so. */
function ignoredStatic(b: ResolvedBuild): string {
  if (staticRequests(b).length === 0 || externalLinkReason(b) !== null) return '';
  return " — its -extldflags '-static' is ignored: with no cgo code of its own the program is linked by Go's internal linker";
}

function advice(b: ResolvedBuild): string {
  const ship = "ship an image with the builder's C library";
  if (b.program.cgo.length > 0)
    return `The program needs cgo: build on the C library you ship (a builder of the same distribution and release, or Alpine for Alpine), or ${ship}`;
  if (b.flags.race) return `Do not ship a -race build (it needs cgo and libc on Linux), or ${ship}`;
  return `Build with CGO_ENABLED=0 (or -tags netgo,osusergo when only net/os/user need C), or ${ship}`;
}
