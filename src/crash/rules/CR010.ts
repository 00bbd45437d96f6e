import { type CrashRule, firstLine, seeRule } from '../rule.js';

const LOADER = [
  /error while loading shared libraries: ([^:]+):/,
  /error while loading shared libraries/,
  /cannot execute: required file not found/,
  /required file not found/,
  /Error loading shared library ([^:\s]+)/,
  /Error relocating ([^:]+): ([^:]+): symbol not found/,
  /Error relocating/,
];
/** The program itself (or its interpreter) was not found by execve; could also be a plain missing file. */
const EXEC_ENOENT = /\b(?:fork\/)?exec:? (\S+): no such file or directory/;

export const CR010: CrashRule = {
  id: 'CR010',
  name: 'missing-loader-or-lib',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: 'the program cannot start: its dynamic loader or a shared library is missing',
  docs: {
    symptom:
      'A missing shared library (exit status 127):\n\n```\n' +
      './app: error while loading shared libraries: libsqlite3.so.0: cannot open shared object file: No such file or directory\n' +
      '```\n\nOn Alpine (musl): `Error loading shared library libgreet.so: No such file or directory (needed by /app)` ' +
      'or `Error relocating /app: __res_search: symbol not found`. A missing dynamic loader makes the file ' +
      'itself look missing:\n\n```\nexec /app: no such file or directory\n```\n\n' +
      "(Docker, Kubernetes), `fork/exec /app: no such file or directory` (Go's os/exec), " +
      '`bash: ./app: cannot execute: required file not found` (bash 5.1+), `sh: ./app: not found` (dash, BusyBox) — ' +
      'exit 127 in a shell.',
    why:
      'A dynamically linked ELF file names its loader (PT_INTERP, e.g. `/lib64/ld-linux-x86-64.so.2` or ' +
      '`/lib/ld-musl-x86_64.so.1`) and its libraries (DT_NEEDED). The kernel fails `execve` with ENOENT when the ' +
      'loader is absent — a glibc binary on Alpine, scratch or distroless static — and the loader stops when ' +
      'a library is not on its search path. A cgo binary inherits every library its C dependencies link.',
    fix:
      'Ship what the binary needs or stop needing it: build with `CGO_ENABLED=0` for scratch/distroless ' +
      'static/Alpine; build on Alpine for Alpine; install the library in the runtime image (`apt-get install ' +
      'libsqlite3-0`, `apk add ...`) or link it statically; set an rpath (`-ldflags "-r /opt/lib"` or ' +
      '`-extldflags -Wl,-rpath,...`) for libraries in non-standard places. `ldd ./app` and ' +
      '`gotrap audit ./app` list the interpreter and the needed libraries. The `exec ...: no such file` ' +
      'forms also fit a path that really does not exist, so check the path first.',
    versions: 'Not Go-specific; any Go binary linked dynamically (cgo, net/os/user with cgo, -race).',
    references: ['execve(2) ENOENT', 'ld.so(8)', 'catalog BIN003, BLD003'],
    bad: [
      {
        title: 'A cgo binary copied into an image without its library',
        files: [
          {
            name: 'crash.log',
            text:
              '$ docker run --rm app\n/app: error while loading shared libraries: libgreet.so: cannot open shared object file: ' +
              'No such file or directory\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'A static pure-Go binary for a minimal image',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\n' +
              'FROM gcr.io/distroless/static\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const related = [
      seeRule('BIN003', 'gotrap audit shows the interpreter and needed libraries of the binary'),
      seeRule('BLD003', 'the build lens compares the builder and runtime images'),
    ];
    const hit = firstLine(crash, LOADER);
    if (hit) {
      const t = hit.line.text;
      const lib =
        /error while loading shared libraries: ([^:]+):/.exec(t)?.[1] ??
        /Error loading shared library ([^:\s]+)/.exec(t)?.[1];
      const message = lib
        ? `the dynamic loader cannot find ${lib}: install it in the runtime image, link it statically, or build without cgo`
        : /Error relocating/.test(t)
          ? 'the musl loader cannot resolve a symbol the binary needs (a glibc-built binary on Alpine?); build on the image you run on or without cgo'
          : "the program's dynamic loader (ELF interpreter) is missing on this system: a glibc binary on musl/scratch, or a binary for another system";
      report({ line: hit.line.inputLine, message, related });
      return;
    }
    const exec = firstLine(crash, EXEC_ENOENT);
    if (!exec) return;
    report({
      line: exec.line.inputLine,
      severity: 'warning',
      message:
        `exec of ${exec.match[1]} failed with "no such file or directory": if the file exists, its dynamic ` +
        'loader does not (a glibc binary on Alpine, scratch or distroless static); run `gotrap audit` on the binary to confirm',
      related,
    });
  },
};
