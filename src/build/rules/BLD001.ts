import { lookupImage } from '../../core/images.js';
import { DEFAULT_CONFIG } from '../../source/constraint.js';
import { externalLinkReason, nssUse, staticRequests, withTags } from '../judge.js';
import { programOf } from '../program.js';
import type { ResolvedBuild } from '../resolve.js';
import { type BuildRule, locFor, relatedSetting } from '../rule.js';

export const BLD001: BuildRule = {
  id: 'BLD001',
  name: 'static-glibc-nss',
  severity: 'error',
  lens: 'build',
  subsystem: 'build',
  title: 'a cgo program linked statically against glibc that still looks up users or hosts through NSS',
  docs: {
    symptom:
      'The link prints a warning that is easy to scroll past:\n\n```\n' +
      "warning: Using 'getaddrinfo' in statically linked applications requires at runtime the shared " +
      'libraries from the glibc version used for linking\n```\n\n' +
      '(also for `getpwuid_r`, `getpwnam_r`, `getgrgid_r`, `getgrnam_r`, `getgrouplist`). The binary ' +
      'passes every test on the build machine, then dies on a host whose `/etc/nsswitch.conf` names a ' +
      'module such as `sss`, `systemd`, `ldap` or `mdns4_minimal`:\n\n```\n' +
      'fatal error: unexpected signal during runtime execution\n' +
      '[signal SIGSEGV: segmentation violation code=... addr=0x0 pc=...]\n' +
      'runtime stack: ...\ngoroutine 1 [syscall]:\nos/user._Cfunc_mygetpwnam_r(...)\n```',
    why:
      'glibc resolves users, groups and host names through NSS: for each service named on the ' +
      '`passwd:`/`group:`/`hosts:` lines of nsswitch.conf it `dlopen`s `libnss_<service>.so.2`, which ' +
      'itself needs the shared `libc.so.6`. A statically linked program has no dynamic loader state and no ' +
      'thread-local storage layout that the loaded library can use, so the module crashes (glibc bug 19341; ' +
      'golang/go#13470, #30310). Only services compiled into static glibc are safe: `files`, and from glibc ' +
      '2.34 `dns` for hosts.\n\n' +
      'Go only reaches this when the program really links externally with `-static`: it has cgo code of its ' +
      'own (or `-linkmode external`, `-flto` in CGO_CFLAGS, a platform that always links externally), cgo is on, the C library ' +
      'is glibc, and the program uses the cgo versions of `net` or `os/user` (no `netgo`/`osusergo` tag). ' +
      'When Go links internally it ignores `-extldflags` and produces an ordinary dynamic binary; musl ' +
      'has no NSS and is not affected.',
    fix:
      'Pick one:\n\n' +
      "- `-tags netgo,osusergo`: Go's own resolver and user lookup, no NSS. The price: users and hosts " +
      'that only NSS modules know (sssd/LDAP accounts, mDNS `.local` names, systemd-resolved extras) are ' +
      'no longer found (golang/go#35067).\n' +
      '- Link dynamically (drop `-static`) and ship a glibc image no older than the builder.\n' +
      '- Build against musl (`CC=musl-gcc`, or an Alpine builder) when a static binary is the point.',
    versions: 'Every Go release; the warning text comes from GNU ld with glibc.',
    references: [
      'glibc bug 19341 (static dlopen of NSS modules)',
      'golang/go#13470, #30310, #35067',
      'cmd/link/internal/ld/lib.go: determineLinkMode, hostlink',
      'catalog BLD001',
    ],
    bad: [
      {
        title: 'A cgo program built static on Debian',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.22-bookworm AS build\nWORKDIR /src\nCOPY . .\n' +
              'RUN CGO_ENABLED=1 go build -ldflags \'-extldflags "-static"\' -o /out/app .\n' +
              'FROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\n',
          },
          {
            name: 'main.go',
            text:
              'package main\n\n// #include <unistd.h>\nimport "C"\n\nimport (\n\t"fmt"\n\t"os/user"\n)\n\n' +
              'func main() {\n\tu, err := user.Lookup("alice")\n\tfmt.Println(u, err, C.getpid())\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The same build with the pure-Go lookups',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.22-bookworm AS build\nWORKDIR /src\nCOPY . .\n' +
              'RUN go build -tags netgo,osusergo -ldflags \'-extldflags "-static"\' -o /out/app .\n' +
              'FROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const judged = new Set<string>();
    for (const b of ctx.builds) {
      for (const p of b.program.roots) judged.add(p.importPath);
      const finding = judge(b);
      if (finding) ctx.report(finding);
    }
    // `#cgo LDFLAGS: -static` in a program no build file builds: judged as a plain `go build`
    // on linux/amd64 with glibc and cgo on.
    const idx = ctx.packages;
    for (const main of idx.all.filter((p) => p.build?.main && !judged.has(p.importPath))) {
      const prog = programOf(idx, [main], DEFAULT_CONFIG);
      if (prog.staticLdflags.length === 0) continue;
      const line = prog.staticLdflags[0];
      const nss = nssUse(prog, []);
      if (nss.length === 0) continue;
      ctx.report({
        loc: { file: line.file, line: line.line, column: line.column },
        message:
          `\`${line.text}\` links ${main.importPath} statically against glibc (a default build: cgo on, ` +
          `linux, glibc), and the program uses ${nss.join(' and ')} through NSS: it crashes in NSS on hosts ` +
          'whose nsswitch.conf names sss, systemd, ldap or mdns; build with -tags netgo,osusergo or drop -static',
      });
    }
  },
};

function judge(b: ResolvedBuild) {
  if (b.external || b.cgo.value !== true) return null;
  if (b.cmd.verb === 'test' || b.cmd.verb === 'run') return null;
  const statics = staticRequests(b);
  if (statics.length === 0) return null;
  if (b.libc.kind !== 'glibc') return null;
  const nss = nssUse(b.program, b.flags.tags);
  if (nss.length === 0) return null;
  const ext = externalLinkReason(b);
  if (ext === null) return null;
  const s = statics[0];
  const related = [
    ...statics
      .filter((x) => x.loc)
      .map((x) => ({ ...x.loc!, message: `static link requested here: ${x.how}` })),
    ...(b.cgo.setting ? [relatedSetting(b.cgo.setting, b.cgo.why)] : []),
  ];
  const img = b.libc.image ?? (b.cmd.image ? lookupImage(b.cmd.image) : null);
  return {
    loc: s.loc && b.cmd.kind === 'goreleaser' ? s.loc : locFor(b.cmd, ['extldflags', 'ldflags']),
    message:
      `static link against glibc (${s.how}) of a program that uses ${nss.join(' and ')} through NSS ` +
      `— it links externally (${ext}), on ${img ? img.label : b.libc.why}. ld warns "Using ` +
      `'${b.program.net && !b.flags.tags.includes('netgo') ? 'getaddrinfo' : 'getpwnam_r'}' in statically linked applications requires at runtime the shared libraries" and the ` +
      'binary can crash with SIGSEGV in NSS on hosts whose nsswitch.conf names sss, systemd, ldap or mdns. ' +
      `Use ${withTags(b, ['netgo', 'osusergo'])} (then NSS-only users and mDNS names stop resolving), link ` +
      'dynamically, or build with musl',
    related,
  };
}
