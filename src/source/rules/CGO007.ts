import type { Severity } from '../../core/finding.js';
import { type Constraint, KNOWN_GOOS } from '../constraint.js';
import type { CgoDirective, GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

const FLAG_VERBS = new Set(['CFLAGS', 'CPPFLAGS', 'CXXFLAGS', 'LDFLAGS']);

/** Prefixes where a platform's package manager or base system conventionally installs things. */
const SYSTEM_PREFIXES = ['/usr/local', '/opt/homebrew', '/opt/local', '/usr/include'];

/** Options whose value is a directory (attached `-I/x` or separate `-I /x`). */
const DIR_OPTIONS = ['-isystem', '-I', '-L'];

/** Library files named directly on the link line. */
const LIB_FILE = /\.(a|so(\.\d+)*|dylib|o|lib|tbd)$/;

interface AbsPath {
  option: string;
  path: string;
}

export const CGO007: PackageRule = {
  id: 'CGO007',
  name: 'absolute-cgo-path',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: '#cgo flags name an absolute include or library path',
  prefilter: /#cgo/,
  trainer: { difficulty: 1, essential: ['Version', 'ZSTD_versionNumber'] },
  docs: {
    symptom:
      "The package builds on the author's machine and fails everywhere else, in CI or for anyone who " +
      '`go get`s it, with errors such as\n\n```\nfatal error: zstd.h: No such file or directory\n```\n\nor\n\n' +
      '```\n/usr/bin/ld: cannot find -lzstd\n```\n\nbecause the directory named in `#cgo CFLAGS: -I...` or ' +
      '`#cgo LDFLAGS: -L...` does not exist there (a different Homebrew prefix on Apple silicon, a ' +
      'library built into a home directory, a distribution that installs elsewhere).',
    why:
      '`#cgo` directives are part of the source: every user of the package compiles with exactly those ' +
      "flags. An absolute path bakes one machine's layout into the package. The go command only " +
      'rewrites `\x24{SRCDIR}` (the package directory), so a path relative to the package is portable and ' +
      'an absolute one is not.',
    fix:
      'Let the system tell the compiler where the library is: `#cgo pkg-config: libzstd`. For headers or ' +
      'libraries shipped with the package use `\x24{SRCDIR}`:\n\n```go\n// #cgo CFLAGS: -I\x24{SRCDIR}/include\n' +
      '// #cgo LDFLAGS: -L\x24{SRCDIR}/lib -lzstd\n```\n\nMachine-specific locations belong in the environment ' +
      '(`CGO_CFLAGS`, `CGO_LDFLAGS`) of the build, not in the source. A conventional system prefix ' +
      '(`/usr/local`, `/opt/homebrew`, `/opt/local`, `/usr/include`) under a GOOS-specific directive ' +
      '(`#cgo darwin CFLAGS: -I/opt/homebrew/include`) is reported as info only: it still fails on a ' +
      'machine where the package manager lives elsewhere.',
    versions: 'Every Go release with cgo.',
    references: [
      'cmd/cgo documentation: "#cgo directives", \x24{SRCDIR} and pkg-config',
      'cmd/go documentation: CGO_CFLAGS, CGO_LDFLAGS environment variables',
    ],
    bad: [
      {
        title: "Include and library paths of one developer's machine",
        files: [
          {
            name: 'zstd.go',
            text:
              'package zstd\n\n/*\n#cgo CFLAGS: -I/home/ana/src/zstd/lib\n#cgo LDFLAGS: -L/home/ana/src/zstd/lib -lzstd\n' +
              '#include <zstd.h>\n*/\nimport "C"\n\n' +
              'func Version() uint { return uint(C.ZSTD_versionNumber()) }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'pkg-config finds the library wherever it is installed',
        files: [
          {
            name: 'zstd.go',
            text:
              'package zstd\n\n/*\n#cgo pkg-config: libzstd\n#include <zstd.h>\n*/\nimport "C"\n\n' +
              'func Version() uint { return uint(C.ZSTD_versionNumber()) }\n',
          },
        ],
      },
      {
        title: 'Headers and libraries shipped inside the package directory',
        files: [
          {
            name: 'zstd.go',
            text:
              'package zstd\n\n/*\n#cgo CFLAGS: -I\x24{SRCDIR}/third_party/zstd\n' +
              '#cgo LDFLAGS: \x24{SRCDIR}/third_party/zstd/libzstd.a\n#include "zstd.h"\n*/\nimport "C"\n\n' +
              'func Version() uint { return uint(C.ZSTD_versionNumber()) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const file of ctx.pkg.files) {
      if (!file.text.includes('#cgo') || !file.cgo) continue;
      for (const d of file.cgo.directives) {
        if (!FLAG_VERBS.has(d.verb)) continue;
        const paths = absolutePaths(d.args, d.verb === 'LDFLAGS');
        if (paths.length === 0) continue;
        const goosSpecific = conditionNamesGoos(d.condition) || fileNamesGoos(file);
        const conventional = (p: AbsPath) =>
          SYSTEM_PREFIXES.some((pre) => p.path === pre || p.path.startsWith(`${pre}/`));
        // A `//go:build ignore` file (cgo -godefs input, a generator) is never part of a build.
        const ignored = file.constraint?.kind === 'tag' && file.constraint.tag === 'ignore';
        const severity: Severity =
          ignored || (goosSpecific && paths.every(conventional)) ? 'info' : 'warning';
        const kind = ignored
          ? 'ignored'
          : goosSpecific && paths.every(conventional)
            ? 'conventional'
            : 'absolute';
        ctx.report({ file, at: d, message: message(d, paths, kind), severity });
      }
    }
  },
};

function message(d: CgoDirective, paths: AbsPath[], kind: 'absolute' | 'conventional' | 'ignored'): string {
  const shown = paths.map((p) => (p.option ? `${p.option}${p.path}` : p.path)).join(', ');
  const lead = `#cgo ${d.verb} names the absolute path${paths.length > 1 ? 's' : ''} ${shown}`;
  if (kind === 'conventional')
    return `${lead}: a conventional location for this GOOS, but the build still fails where the library is installed elsewhere; prefer #cgo pkg-config or CGO_${d.verb} in the build environment`;
  if (kind === 'ignored')
    return `${lead}: this //go:build ignore file is not part of a package build, but whoever runs it (cgo -godefs, go run) needs that layout; prefer a \${SRCDIR}-relative path or CGO_${d.verb}`;
  return `${lead}: the package only builds on machines with that layout; use #cgo pkg-config, a \${SRCDIR}-relative path, or CGO_${d.verb} in the build environment`;
}

/** Absolute directories after -I/-L/-isystem, and (LDFLAGS) library files given by absolute path. */
export function absolutePaths(args: string[], link: boolean): AbsPath[] {
  const out: AbsPath[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const opt = DIR_OPTIONS.find((o) => a.startsWith(o));
    if (opt) {
      let value = a.slice(opt.length);
      if (value === '' && i + 1 < args.length) value = args[++i];
      if (isAbsolute(value)) out.push({ option: opt, path: value });
      continue;
    }
    if (link && isAbsolute(a) && LIB_FILE.test(a)) out.push({ option: '', path: a });
  }
  return out;
}

function isAbsolute(p: string): boolean {
  if (p.startsWith('\x24{SRCDIR}') || p.startsWith('$SRCDIR')) return false;
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

/**
 * A `#cgo` condition is GOOS-specific when every alternative (space-separated) names a GOOS
 * positively in one of its comma-joined terms: `darwin`, `linux,amd64`, `darwin freebsd`.
 */
export function conditionNamesGoos(condition: string): boolean {
  const alternatives = condition.trim().split(/\s+/).filter(Boolean);
  if (alternatives.length === 0) return false;
  return alternatives.every((alt) => alt.split(',').some((term) => KNOWN_GOOS.includes(term)));
}

/** The file only builds for some GOOS: a `_darwin.go`-style name or a constraint that requires a GOOS. */
function fileNamesGoos(file: GoFile): boolean {
  if (file.nameGoos) return true;
  return file.constraint !== null && requiresGoos(file.constraint);
}

function requiresGoos(c: Constraint): boolean {
  switch (c.kind) {
    case 'tag':
      return KNOWN_GOOS.includes(c.tag);
    case 'and':
      return requiresGoos(c.x) || requiresGoos(c.y);
    case 'or':
      return requiresGoos(c.x) && requiresGoos(c.y);
    case 'not':
      return false;
  }
}
