import { type Constraint, fileNameInfo, satisfiableTogether } from '../constraint.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

/**
 * The minimum Go minor a build expression implies, as go/build/constraint.GoVersion computes
 * it (Go 1.21+): -1 when the expression can hold without any Go release tag. `sign` < 0 asks
 * about the negated expression. Like Go, it is purely structural: every tag and negated tag is
 * assumed to be independently satisfiable, and a negated release tag implies nothing.
 */
export function minGoMinor(c: Constraint, sign: 1 | -1 = 1): number {
  switch (c.kind) {
    case 'and': {
      const x = minGoMinor(c.x, sign);
      const y = minGoMinor(c.y, sign);
      return sign > 0 ? Math.max(x, y) : Math.min(x, y);
    }
    case 'or': {
      const x = minGoMinor(c.x, sign);
      const y = minGoMinor(c.y, sign);
      return sign > 0 ? Math.min(x, y) : Math.max(x, y);
    }
    case 'not':
      return minGoMinor(c.x, sign > 0 ? -1 : 1);
    case 'tag': {
      if (sign < 0) return -1;
      if (c.tag === 'go1') return 0;
      // Go cuts at the first "go1." anywhere in the tag and parses the rest as a decimal number.
      const at = c.tag.indexOf('go1.');
      if (at < 0) return -1;
      const rest = c.tag.slice(at + 4);
      if (!/^[0-9]{1,9}$/.test(rest)) return -1;
      return Number(rest);
    }
  }
}

/** Language features of the releases after go1.21 (the lowest a file can be put at by Go 1.23+). */
const FEATURES: Record<number, string[]> = {
  22: ['per-iteration loop variables', 'range over integers'],
  23: ['range-over-func iterators'],
  24: ['generic type aliases'],
  26: ['new(expr)', 'generic types that refer to themselves in their type parameter list'],
};

function lostFeatures(fileMinor: number, moduleMinor: number): string[] {
  const out: string[] = [];
  for (let v = fileMinor + 1; v <= moduleMinor; v++) {
    for (const f of FEATURES[v] ?? []) out.push(`${f} (1.${v})`);
  }
  return out;
}

function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Can the file be built by some Go release >= 1.minor (any GOOS/GOARCH/tags)? */
function buildableFrom(file: GoFile, c: Constraint, minor: number): boolean {
  const constraint: Constraint = file.cgo ? { kind: 'and', x: c, y: { kind: 'tag', tag: 'cgo' } } : c;
  return satisfiableTogether([
    { constraint, info: fileNameInfo(file.name) },
    { constraint: { kind: 'tag', tag: `go1.${minor}` }, info: { isTest: false } },
  ]);
}

export const LN009: PackageRule = {
  id: 'LN009',
  name: 'version-tag-downgrade',
  severity: 'warning',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'package',
  title: 'A //go:build go1.N line lowers the file below the module go version',
  prefilter: /^\s*\/\/go:build\s[^\n]*go1/m,
  trainer: { difficulty: 2, essential: ['startWorkers'] },
  docs: {
    symptom:
      'Nothing is printed: the file compiles, but with older language rules than the rest of the module. ' +
      'In a module at `go 1.22` or later, goroutines and closures started in a loop of that file share one ' +
      'loop variable again, so they all see its last value. Newer syntax in the file is rejected with an ' +
      'error that ends in `(file declares //go:build go1.21)`; for tags below go1.21, Go 1.23+ ends it in ' +
      '`(-lang was set to go1.24; check go.mod)` instead, which sends the reader to the wrong file.',
    why:
      "Since Go 1.21 the compiler takes a language version from each file's `//go:build` line: the lowest " +
      'Go release the expression requires (go/build/constraint.GoVersion: `linux && go1.20` requires ' +
      '1.20, `go1.20 || go1.22` requires 1.20, `linux || go1.20` and `!go1.22` require nothing). When ' +
      "the module says `go 1.21` or later that version replaces the module's for the file, also when it is " +
      'lower. Go 1.23 and later never go below go1.21 (the file gets go1.max(N,21)); Go 1.21 and 1.22 take ' +
      'go1.N as written. A tag written long ago as "needs at least Go 1.18" thus quietly turns off the 1.22 ' +
      'loop-variable semantics and every later language feature in that one file.',
    fix:
      'Delete the release term when go.mod already requires a newer release (every toolchain that may build ' +
      "the module satisfies it), or raise it to the module's version. `//go:build linux && go1.18` becomes\n\n" +
      '```go\n//go:build linux\n```\n\n' +
      'and a line that held nothing but `go1.18` goes away. ' +
      'Keep a lower term only where a file must really stay on old semantics, and then prefer a comment ' +
      'saying so.',
    versions:
      'Go 1.21 and later, for modules whose go.mod says go 1.22 or later (the first release whose language ' +
      'differs from go1.21 is 1.22). Go 1.21–1.22 lower the file to exactly go1.N; Go 1.23+ to go1.max(N,21).',
    references: [
      'src/go/build/constraint/vers.go (GoVersion)',
      'src/cmd/compile/internal/types2/check.go (initFiles: per-file versions)',
      'https://go.dev/issue/68658 (file versions below go1.21)',
      'https://go.dev/blog/loopvar-preview',
    ],
    bad: [
      {
        title: 'A leftover go1.18 tag brings back the shared loop variable',
        files: [
          { name: 'go.mod', text: 'module example.com/pool\n\ngo 1.22\n' },
          {
            name: 'workers.go',
            text:
              '//go:build go1.18\n\npackage pool\n\nimport "sync"\n\n' +
              'func startWorkers(ids []int, run func(int)) {\n\tvar wg sync.WaitGroup\n' +
              '\tfor _, id := range ids {\n\t\twg.Add(1)\n\t\tgo func() { defer wg.Done(); run(id) }()\n\t}\n\twg.Wait()\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'No release term: the file follows go.mod',
        files: [
          { name: 'go.mod', text: 'module example.com/pool\n\ngo 1.22\n' },
          {
            name: 'workers.go',
            text:
              'package pool\n\nimport "sync"\n\n' +
              'func startWorkers(ids []int, run func(int)) {\n\tvar wg sync.WaitGroup\n' +
              '\tfor _, id := range ids {\n\t\twg.Add(1)\n\t\tgo func() { defer wg.Done(); run(id) }()\n\t}\n\twg.Wait()\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const mod = ctx.pkg.module?.go;
    if (mod?.major !== 1 || mod.minor < 22) return;
    const tc = ctx.versions.toolchain;
    // Go 1.21 and 1.22 toolchains lower the file to go1.N itself; later ones stop at go1.21.
    const oldToolchain = tc !== null && tc.major === 1 && tc.minor <= 22;
    for (const file of ctx.pkg.files) {
      // The compiler reads the version from the //go:build line only, never from // +build lines.
      if (!file.buildLine || !file.constraint) continue;
      if (file.name.startsWith('_') || file.name.startsWith('.')) continue;
      const n = minGoMinor(file.constraint);
      if (n < 0 || n >= mod.minor) continue;
      const fileMinor = Math.max(n, 21);
      if (fileMinor >= mod.minor) continue;
      // A file excluded on every release the module allows is never compiled with the lower version.
      if (!buildableFrom(file, file.constraint, mod.minor)) continue;
      const required = n === 0 ? 'go1' : `go1.${n}`;
      let lowered = `go1.${fileMinor}`;
      if (n < 21) {
        lowered += oldToolchain
          ? ` by Go 1.23 and later (a Go 1.21 or 1.22 toolchain takes ${required} literally)`
          : ' (Go 1.23 and later never lower a file below go1.21)';
      }
      const lost = lostFeatures(fileMinor, mod.minor);
      const loses =
        lost.length > 0
          ? `loses ${listText(lost)}`
          : `gets no language rule that differs today, but stays at go1.${fileMinor} whatever go.mod says later`;
      ctx.report({
        file,
        at: file.buildLine,
        message:
          `this //go:build line requires ${required}, below the module's go ${mod.major}.${mod.minor}, so ${file.name} ` +
          `is compiled as ${lowered} and ${loses}` +
          (fileMinor < 22
            ? '; closures and goroutines started in its loops share one loop variable again'
            : ''),
        fix: {
          description: `drop the ${required} term (go.mod already requires go ${mod.major}.${mod.minor}) or raise it to go1.${mod.minor}`,
        },
      });
    }
  },
};
