import { CGO_PACKAGES } from '../../core/cgo-packages.js';
import { functionOf } from '../audit/cgo-packages.js';
import type { BinaryRule } from '../audit/rule.js';

export const BIN004: BinaryRule = {
  id: 'BIN004',
  name: 'cgo-stub-dependency',
  severity: 'error',
  lens: 'binary',
  subsystem: 'binary',
  title: 'built with CGO_ENABLED=0 but links a package that only works with cgo',
  docs: {
    symptom:
      'The build succeeded and the program starts, then the first use of the package fails:\n\n```\n' +
      "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub\n```\n\n" +
      '(github.com/mattn/go-sqlite3: every `sql.Open("sqlite3", ...)` connection). Typical after a ' +
      'cross build, an Alpine builder without gcc, or a Dockerfile that sets `CGO_ENABLED=0` for a ' +
      'static binary.',
    why:
      'Some packages that wrap C libraries ship a `//go:build !cgo` stub so that a module depending on ' +
      'them still compiles without cgo; the stub fails at run time instead. The build info records the ' +
      "setting (`go version -m`: `build CGO_ENABLED=0`) and the pclntab still names the package's " +
      'functions (e.g. `github.com/mattn/go-sqlite3.(*SQLiteDriver).Open`), so the artifact shows both. ' +
      'The rule is keyed by package and needs a function of that package in the binary: a module may mix ' +
      'cgo and pure-Go packages (confluent-kafka-go: `kafka` needs cgo, `schemaregistry` does not), and a ' +
      'dependency listed in the build info is not necessarily linked. gotrap keeps a small table: ' +
      "github.com/mattn/go-sqlite3 (stub) and confluent-kafka-go's `kafka` package (v1 and v2 paths; its " +
      '`!cgo` file makes the build fail, so it only shows up from modified copies).',
    fix:
      'Build with cgo (`CGO_ENABLED=1` and a C compiler; for a static binary link it against musl), or ' +
      'switch to a pure-Go implementation (modernc.org/sqlite, github.com/ncruces/go-sqlite3; for Kafka ' +
      'github.com/segmentio/kafka-go or github.com/twmb/franz-go).',
    versions:
      'Every Go release. Since Go 1.20 cgo is also off by default when no C compiler is found (BLD002), ' +
      'which produces this binary without anyone asking for it.',
    references: [
      'github.com/mattn/go-sqlite3 static_mock.go',
      'github.com/confluentinc/confluent-kafka-go kafka/01nocgo.go',
      'catalog BLD002 (cgo silently disabled), CR014 (the stub message)',
    ],
    bad: [
      {
        title: 'A go-sqlite3 program built without cgo',
        files: [
          { name: 'build.sh', text: 'CGO_ENABLED=0 go build -o app .\n' },
          {
            name: 'go-version-m.txt',
            text:
              '$ go version -m app\napp: go1.19.8\n\tpath\texample.com/app\n' +
              '\tdep\tgithub.com/mattn/go-sqlite3\tv1.14.22\th1:...\n\tbuild\tCGO_ENABLED=0\n' +
              '$ go tool nm app | grep SQLiteDriver\n  4985a0 T github.com/mattn/go-sqlite3.(*SQLiteDriver).Open\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Built with cgo (statically against musl for a scratch image)',
        files: [
          {
            name: 'build.sh',
            text: "CGO_ENABLED=1 CC=musl-gcc go build -ldflags '-linkmode external -extldflags -static' -o app .\n",
          },
        ],
      },
    ],
  },

  check(ctx) {
    const m = ctx.model;
    if (m.settings.CGO_ENABLED !== '0') return;
    const functions = m.functions();
    if (!functions) return;
    // A package that is cgo only through another one (`via`) is reported as that one.
    for (const p of CGO_PACKAGES.filter((x) => !x.via)) {
      const fn = functionOf(functions, p.pkg);
      if (!fn) continue;
      const dep = m.deps.find((d) => p.pkg === d.path || p.pkg.startsWith(`${d.path}/`));
      ctx.report({
        message:
          `built with CGO_ENABLED=0 but links ${p.pkg}${dep ? ` ${dep.version}` : ''} (function ${fn}), ` +
          `which needs cgo: without it the package ${p.withoutCgo}`,
        fix: {
          description:
            'build with CGO_ENABLED=1 (statically against musl if it must be static), or use a pure-Go replacement',
        },
      });
    }
  },
};
