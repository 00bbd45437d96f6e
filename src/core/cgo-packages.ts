// Third-party packages whose code is cgo, shared by the lenses: the build lens (a program that
// imports one has cgo code of its own and needs a C compiler; BLD001, BLD002) and the binary lens
// (a CGO_ENABLED=0 binary that still links one, BIN004). Keyed by package, not module: a module
// may mix a cgo package with pure-Go ones (confluent-kafka-go: `kafka` wraps librdkafka,
// `schemaregistry` is pure Go). Each entry was read in the package's own sources.

export interface CgoPackage {
  /** Import path of the package whose code is cgo. */
  pkg: string;
  /** The bindings span the packages below `pkg` too (versioned directories: glfw's v3.3/glfw). */
  tree?: boolean;
  /** What a CGO_ENABLED=0 build of it does. */
  withoutCgo: string;
  /** When a CGO_ENABLED=0 build succeeds through a `!cgo` stub: the message it fails with at run time. */
  stub?: string;
  /** Not cgo itself: it opens `via`, which is (the binary lens reports `via`). */
  via?: string;
  reference: string;
}

const GO_SQLITE3_STUB =
  "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub";

export const CGO_PACKAGES: readonly CgoPackage[] = [
  {
    pkg: 'github.com/mattn/go-sqlite3',
    withoutCgo:
      "builds its `!cgo` stub (static_mock.go), whose driver fails every connection: `Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub`",
    stub: GO_SQLITE3_STUB,
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
  {
    pkg: 'gorm.io/driver/sqlite',
    via: 'github.com/mattn/go-sqlite3',
    withoutCgo: 'opens github.com/mattn/go-sqlite3, whose `!cgo` stub fails every connection',
    stub: GO_SQLITE3_STUB,
    reference:
      "gorm.io/driver/sqlite's go.mod requires github.com/mattn/go-sqlite3 (its README: the pure-Go driver is github.com/glebarez/sqlite)",
  },
  {
    pkg: 'github.com/go-gl/glfw',
    tree: true,
    withoutCgo: 'has no `!cgo` build: the build fails',
    reference: 'go-gl/glfw v3.3/glfw: cgo bindings over bundled C sources',
  },
  {
    pkg: 'github.com/libgit2/git2go',
    tree: true,
    withoutCgo: 'has no `!cgo` build: the build fails',
    reference: 'libgit2/git2go: cgo bindings, links libgit2',
  },
  {
    pkg: 'github.com/google/gopacket/pcap',
    withoutCgo: 'has no `!cgo` build on Linux: the build fails',
    reference: 'google/gopacket pcap/: cgo bindings, links libpcap',
  },
];

/** The entry for a package an import path names (for `tree` entries, also a package below it). */
export function cgoPackageOf(importPath: string): CgoPackage | undefined {
  return CGO_PACKAGES.find(
    (p) => importPath === p.pkg || (p.tree === true && importPath.startsWith(`${p.pkg}/`)),
  );
}
