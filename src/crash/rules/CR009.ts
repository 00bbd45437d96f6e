import { type CrashRule, matchLines, seeRule } from '../rule.js';

/** ld.so quotes with a backtick and an apostrophe (`GLIBC_2.34'); newer builds and translations use '...' or ‘...’. */
const VERSION_MISS =
  /version [`'‘]((GLIBC|GLIBCXX|CXXABI)_[A-Za-z0-9_.]+)['’] not found(?: \(required by ([^)]+)\))?/;

export const CR009: CrashRule = {
  id: 'CR009',
  name: 'glibc-version',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: 'the binary needs a newer glibc than the machine it runs on',
  docs: {
    symptom:
      'The program does not start; the dynamic loader prints (exit status 1):\n\n```\n' +
      "./app: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./app)\n```\n\n" +
      "Newer glibc builds quote it as `'GLIBC_2.34'`. The same shape with `GLIBCXX_3.4.30` or `CXXABI_1.3.13` " +
      'names libstdc++, not glibc: a C++ dependency built with a newer compiler.',
    why:
      'A dynamically linked binary records the symbol versions it was linked against; the loader refuses ' +
      'to start it when the libc on the machine is older. Linking on a new distribution (Debian 12, ' +
      'Ubuntu 22.04, the default `golang:` images) raises the floor: any cgo or `net` binary built against ' +
      'glibc 2.34+ needs `GLIBC_2.34`, so it fails on Debian 11, Ubuntu 20.04, RHEL 8 and Amazon Linux 2.',
    fix:
      'Build on the oldest distribution you deploy to (or in a container of it), or run on a newer base ' +
      'image; or remove the libc dependency: `CGO_ENABLED=0` (or `-tags netgo,osusergo` when the program ' +
      'has no C code of its own). For `GLIBCXX_`/`CXXABI_`, ship a matching libstdc++ or link it statically ' +
      '(`-static-libstdc++`). `gotrap audit --target <glibc>` checks a binary before it ships.',
    versions: 'Not Go-specific; every Go release that links libc dynamically.',
    references: [
      'ld.so(8)',
      'glibc symbol versioning (`objdump -T`, `readelf -V`)',
      'catalog BIN002, BLD003',
    ],
    bad: [
      {
        title: 'Built on Debian 12, run on Debian 11',
        files: [
          {
            name: 'crash.log',
            text:
              "./app: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./app)\n" +
              "./app: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.32' not found (required by ./app)\n",
          },
        ],
      },
    ],
    good: [
      {
        title: 'The builder matches the runtime image',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.22-bullseye AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\n' +
              'FROM debian:bullseye-slim\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const hits = matchLines(crash, VERSION_MISS);
    if (hits.length === 0) return;
    const glibc = hits.filter((h) => h.match[2] === 'GLIBC');
    const cxx = hits.filter((h) => h.match[2] !== 'GLIBC');
    const first = hits[0];
    const by = first.match[3] ? ` (required by ${first.match[3]})` : '';
    const parts: string[] = [];
    if (glibc.length > 0) {
      const versions = glibc.map((h) => h.match[1]).filter((v) => /^GLIBC_\d/.test(v));
      const top = versions.sort(compareVersions).at(-1);
      parts.push(
        `the binary needs ${top ?? glibc[0].match[1]} but the machine's glibc is older${by}; build against the ` +
          'oldest glibc you run on, use a newer base image, or build without cgo',
      );
    }
    if (cxx.length > 0) {
      parts.push(
        `${[...new Set(cxx.map((h) => h.match[1]))].join(', ')} is a libstdc++ version, not glibc: a C++ ` +
          'dependency was built with a newer compiler; ship its libstdc++ or link it with -static-libstdc++',
      );
    }
    report({
      line: first.line.inputLine,
      message: parts.join('; also, '),
      related: [
        ...hits.slice(1, 6).map((h) => ({ line: h.line.inputLine, message: `also missing: ${h.match[1]}` })),
        seeRule('BIN002', 'gotrap audit reports the glibc floor of the binary'),
        seeRule('BLD003', 'the build lens compares the builder and runtime images'),
      ],
    });
  },
};

function compareVersions(a: string, b: string): number {
  const pa = a
    .replace(/^GLIBC_/, '')
    .split('.')
    .map(Number);
  const pb = b
    .replace(/^GLIBC_/, '')
    .split('.')
    .map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
