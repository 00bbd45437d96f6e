// Packages that need cgo to work (BIN004). Keyed by package, not module: a module may mix a cgo
// package with pure-Go ones (confluent-kafka-go: `kafka` wraps librdkafka, `schemaregistry` is
// pure Go). A package counts as linked only when the pclntab has a function of it.

export interface CgoPackage {
  /** Import path. */
  pkg: string;
  /** What a CGO_ENABLED=0 build of it does. */
  withoutCgo: string;
  reference: string;
}

export const CGO_PACKAGES: readonly CgoPackage[] = [
  {
    pkg: 'github.com/mattn/go-sqlite3',
    withoutCgo:
      "builds its `!cgo` stub (static_mock.go), whose driver fails every connection: `Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub`",
    reference: 'github.com/mattn/go-sqlite3 static_mock.go',
  },
  {
    pkg: 'github.com/confluentinc/confluent-kafka-go/kafka',
    withoutCgo:
      'wraps librdkafka through cgo; its `!cgo` file (kafka/01nocgo.go) imports a package that does not exist so that the build fails, so a CGO_ENABLED=0 binary that still has it was built from a modified copy',
    reference: 'github.com/confluentinc/confluent-kafka-go kafka/01nocgo.go',
  },
  {
    pkg: 'github.com/confluentinc/confluent-kafka-go/v2/kafka',
    withoutCgo:
      'wraps librdkafka through cgo; its `!cgo` file (kafka/01nocgo.go) imports a package that does not exist so that the build fails, so a CGO_ENABLED=0 binary that still has it was built from a modified copy',
    reference: 'github.com/confluentinc/confluent-kafka-go kafka/01nocgo.go',
  },
];

/**
 * The prefix of the linker's symbol names for functions of package `path`: the last path element
 * has `.` escaped as `%2e` (and control characters, `%` and `"` as %xx), as cmd/internal/objabi.PathToPrefix does.
 */
export function symbolPrefix(path: string): string {
  const slash = path.lastIndexOf('/');
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    const escaped = c <= 0x20 || c === 0x25 || c === 0x22 || c >= 0x7f || (c === 0x2e && i > slash);
    out += escaped ? `%${c.toString(16).padStart(2, '0')}` : path[i];
  }
  return `${out}.`;
}

/**
 * A pclntab function of package `pkg` (not of a subpackage), preferring a method or named
 * function over the package's init functions; undefined when the package is not linked.
 */
export function functionOf(functions: readonly string[], pkg: string): string | undefined {
  const prefix = symbolPrefix(pkg);
  let init: string | undefined;
  for (const f of functions) {
    if (!f.startsWith(prefix)) continue;
    if (!/^init(\.\d+)?$/.test(f.slice(prefix.length))) return f;
    init ??= f;
  }
  return init;
}
