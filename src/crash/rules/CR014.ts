import { type CrashRule, firstLine, seeRule } from '../rule.js';

const STUB = /requires cgo to work\. This is a stub/;

export const CR014: CrashRule = {
  id: 'CR014',
  name: 'cgo-stub',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: 'a cgo-only library was built with cgo off and its stub failed at run time',
  docs: {
    symptom:
      "```\nBinary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub\n```\n\n" +
      'printed when the program first uses the database (often through `log.Fatal`, exit status 1); the ' +
      'build itself succeeded.',
    why:
      'github.com/mattn/go-sqlite3 (and similar bindings) ships a `!cgo` file so that programs still compile ' +
      'with `CGO_ENABLED=0`; every call then returns this error. Cgo is off for cross builds (any ' +
      '`GOOS`/`GOARCH` change), for `CGO_ENABLED=0` static builds, and since Go 1.20 whenever no C compiler ' +
      'is on PATH (e.g. `golang:*-alpine` without gcc).',
    fix:
      'Build with `CGO_ENABLED=1` and a C compiler (cross builds need a cross compiler: `CC=aarch64-linux-gnu-gcc`, ' +
      '`zig cc`), or switch to a pure-Go driver (modernc.org/sqlite). `gotrap audit` flags binaries that link ' +
      'such a stub.',
    versions: 'Every release; Go 1.20+ also turns cgo off when no C compiler is found.',
    references: [
      'github.com/mattn/go-sqlite3 (static_mock.go)',
      'cmd/cgo documentation (CGO_ENABLED)',
      'catalog BLD002, BIN004',
    ],
    bad: [
      {
        title: 'go-sqlite3 in a CGO_ENABLED=0 build',
        files: [
          {
            name: 'crash.log',
            text:
              "2024/05/02 10:15:03 open database: Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo " +
              'to work. This is a stub\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'cgo on, with a C compiler in the builder',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /app .\n\n' +
              'FROM debian:bookworm-slim\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const hit = firstLine(crash, STUB);
    if (!hit) return;
    const lib = /,\s*(\S+) requires cgo to work/.exec(hit.line.text)?.[1];
    report({
      line: hit.line.inputLine,
      message:
        `${lib ?? 'a library'} needs cgo but the binary was built with CGO_ENABLED=0, so only its stub is linked; ` +
        'build with CGO_ENABLED=1 and a C compiler, or use a pure-Go alternative',
      related: [
        seeRule('BLD002', 'the build lens finds builds that turn cgo off'),
        seeRule('BIN004', 'gotrap audit finds the stub in the binary'),
      ],
    });
  },
};
