import type { Related } from '../../core/finding.js';
import {
  type Constraint,
  constraintToString,
  DEFAULT_CONFIG,
  type FileNameInfo,
  fileMatches,
  fileNameInfo,
  goMinorTerms,
  satisfiableTogether,
} from '../constraint.js';
import type { GoFile, TopDecl } from '../model.js';
import type { PackageRule } from '../rule.js';
import { utf8Length } from '../text.js';

/** Release tags above this are not looked at (satisfiableTogether tries Go minors up to 40). */
const MAX_MINOR = 40;

/** A file of the package that carries a Go release term, with what it declares. */
interface Tagged {
  file: GoFile;
  spec: { constraint: Constraint; info: FileNameInfo };
  minors: number[];
  /** Package-scope key (`name`, or `Recv.method` for methods) → its first declaration. */
  names: Map<string, TopDecl>;
}

/** Where two files are built together: the Go minors from `from` up to `until` (exclusive; open when absent). */
interface Overlap {
  from: number;
  until?: number;
  /** The file that is built on releases before `from` (the one that needs an upper bound), if only one is. */
  older?: Tagged;
  /** Both files are built on linux/amd64 (cgo on, no extra tags) at release 1.from. */
  byDefault: boolean;
}

const tag = (t: string): Constraint => ({ kind: 'tag', tag: t });
const and = (x: Constraint, y: Constraint): Constraint => ({ kind: 'and', x, y });
const not = (x: Constraint): Constraint => ({ kind: 'not', x });
const ANY_FILE: FileNameInfo = { isTest: false };

/** `*T`, `T[K, V]`, `(*T)` → `T`. */
function receiverBase(recv: string | undefined): string | null {
  if (!recv) return null;
  let t = recv.replace(/\s+/g, '');
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1);
  t = t.replace(/^\*+/, '');
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1);
  const bracket = t.indexOf('[');
  if (bracket >= 0) t = t.slice(0, bracket);
  return /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(t) ? t : null;
}

/** The package-scope identity of a declaration, or null when it may be declared any number of times. */
function declKey(d: TopDecl): string | null {
  if (d.name === '_') return null;
  if (d.kind === 'func' && d.name === 'init') return null;
  if (d.kind === 'method') {
    const base = receiverBase(d.receiver);
    return base ? `${base}.${d.name}` : null;
  }
  return d.name;
}

function describe(d: TopDecl): string {
  if (d.kind === 'method') return `method ${receiverBase(d.receiver)}.${d.name}`;
  return `${d.kind} ${d.name}`;
}

/** What gc prints when the second declaration is seen. */
function compilerError(d: TopDecl): string {
  if (d.kind === 'method') {
    const m = `${receiverBase(d.receiver)}.${d.name}`;
    return `${m} redeclared in this block" (Go 1.19) or "method ${m} already declared at ...`;
  }
  return `${d.name} redeclared in this block`;
}

function taggedFile(file: GoFile): Tagged | null {
  // go/build ignores files whose names start with '_' or '.'.
  if (file.name.startsWith('_') || file.name.startsWith('.')) return null;
  if (!file.constraint) return null;
  const minors = goMinorTerms(file.constraint);
  if (minors.length === 0) return null;
  // A file that imports "C" is only built with cgo on.
  const constraint = file.cgo ? and(file.constraint, tag('cgo')) : file.constraint;
  const names = new Map<string, TopDecl>();
  for (const d of file.decls) {
    const key = declKey(d);
    if (key !== null && !names.has(key)) names.set(key, d);
  }
  return { file, spec: { constraint, info: fileNameInfo(file.name) }, minors, names };
}

/** A constraint that holds exactly on Go minors in [from, until). */
function releaseRange(from: number, until: number | undefined): Constraint | null {
  let c: Constraint | null = from > 0 ? tag(`go1.${from}`) : null;
  if (until !== undefined) c = c ? and(c, not(tag(`go1.${until}`))) : not(tag(`go1.${until}`));
  return c;
}

function togetherOn(a: Tagged, b: Tagged, from: number, until: number | undefined): boolean {
  const range = releaseRange(from, until);
  const files = [a.spec, b.spec];
  if (range) files.push({ constraint: range, info: ANY_FILE });
  return satisfiableTogether(files);
}

/** The first span of Go releases on which some configuration builds both files, if any. */
function overlapOf(a: Tagged, b: Tagged): Overlap | null {
  if (!satisfiableTogether([a.spec, b.spec])) return null;
  // Truth of every go1.N term only changes at the N the files mention; 0 stands for "below all".
  const points = [...new Set([0, ...a.minors, ...b.minors].filter((n) => n <= MAX_MINOR))].sort(
    (x, y) => x - y,
  );
  const ok = points.map((p, i) => togetherOn(a, b, p, points[i + 1]));
  const first = ok.indexOf(true);
  if (first < 0) return null;
  let end = first;
  while (end + 1 < points.length && ok[end + 1]) end++;
  const from = points[first];
  const cfg = { ...DEFAULT_CONFIG, goMinor: Math.max(from, 1) };
  const byDefault =
    fileMatches(a.spec.constraint, a.spec.info, cfg) && fileMatches(b.spec.constraint, b.spec.info, cfg);
  const overlap: Overlap = { from, until: points[end + 1], byDefault };
  if (overlap.from > 0) {
    const before = not(tag(`go1.${overlap.from}`));
    const aBefore = satisfiableTogether([a.spec, { constraint: before, info: ANY_FILE }]);
    const bBefore = satisfiableTogether([b.spec, { constraint: before, info: ANY_FILE }]);
    if (aBefore !== bBefore) overlap.older = aBefore ? a : b;
  }
  return overlap;
}

function releases(o: Overlap): string {
  if (o.from === 0) return `on every Go release before 1.${o.until}`;
  if (o.until === undefined) return `from Go 1.${o.from} on`;
  if (o.until === o.from + 1) return `with Go 1.${o.from}`;
  return `with Go 1.${o.from} through 1.${o.until - 1}`;
}

/** The file's constraint as written in a //go:build line. */
function buildText(t: Tagged): string {
  return constraintToString(t.file.constraint!);
}

export const LN008: PackageRule = {
  id: 'LN008',
  name: 'version-tag-overlap',
  severity: 'error',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'package',
  title: 'Two go1.N-tagged files of a package declare the same name and build together on some Go release',
  prefilter: /^\s*\/\/(?:go:build|\s*\+build)\s[^\n]*go1\.\d/m,
  trainer: { difficulty: 2, essential: ['cheapRand'] },
  docs: {
    symptom:
      'The package builds on the Go release you test with and breaks on a newer one (or inside `go test`). ' +
      'gc reports the file that comes later in name order and points at the other:\n\n' +
      '```\n./rand_go122.go:7:6: cheapRand redeclared in this block\n' +
      '\t./rand_go120.go:7:6: other declaration of cheapRand\n```\n\n' +
      'For a method, Go 1.19 prints `Pool.Get redeclared in this block`; newer releases print ' +
      '`method Pool.Get already declared at <file:line:col>`. With a `_test.go` file in the pair, ' +
      '`go build` still passes and only `go test` / `go vet` fail.',
    why:
      'A release tag in a build constraint is a lower bound: `go1.21` holds on Go 1.21 and on every later ' +
      'release, because each toolchain sets all of go1.1 … go1.<its own minor>. Two files guarded by ' +
      '`go1.20` and `go1.22` are therefore both compiled by Go 1.22 and later, and everything they both ' +
      'declare at package level collides. The constraint language has no "exactly this release" term; a ' +
      'bounded range has to be spelled with a negation. File-name suffixes (`_linux`, `_arm64`), `cgo` ' +
      'and other tags can still keep the two files apart, and `_test.go` files join the non-test files of ' +
      'the same package when `go test` or `go vet` compiles them.',
    fix:
      'Give the older file an upper bound so that exactly one of the pair builds on each release:\n\n' +
      '```go\n//go:build go1.20 && !go1.22\n```\n\n' +
      'and keep `//go:build go1.22` on the newer file. Alternatively drop the older file once go.mod requires ' +
      'the newer release.',
    versions:
      'Every Go release that has release tags (go1.1 and later). The collision appears on the first release ' +
      'that satisfies both constraints.',
    references: [
      'go help buildconstraint (release tags: "go1.N" holds for Go 1.N and later)',
      'src/go/build/build.go (Context.ReleaseTags)',
      'src/cmd/compile/internal/types2/resolver.go ("redeclared in this block")',
    ],
    bad: [
      {
        title: 'Two open-ended release tags define the same helper',
        files: [
          { name: 'go.mod', text: 'module example.com/shuffle\n\ngo 1.20\n' },
          {
            name: 'rand_go120.go',
            text:
              '//go:build go1.20\n\npackage shuffle\n\nimport "math/rand"\n\n' +
              'func cheapRand(n int) int { return rand.Intn(n) }\n',
          },
          {
            name: 'rand_go122.go',
            text:
              '//go:build go1.22\n\npackage shuffle\n\nimport "math/rand/v2"\n\n' +
              'func cheapRand(n int) int { return rand.IntN(n) }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The older file stops where the newer one starts',
        files: [
          { name: 'go.mod', text: 'module example.com/shuffle\n\ngo 1.20\n' },
          {
            name: 'rand_go120.go',
            text:
              '//go:build go1.20 && !go1.22\n\npackage shuffle\n\nimport "math/rand"\n\n' +
              'func cheapRand(n int) int { return rand.Intn(n) }\n',
          },
          {
            name: 'rand_go122.go',
            text:
              '//go:build go1.22\n\npackage shuffle\n\nimport "math/rand/v2"\n\n' +
              'func cheapRand(n int) int { return rand.IntN(n) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const tagged = ctx.pkg.files
      .map(taggedFile)
      .filter((t): t is Tagged => t !== null)
      .sort((x, y) => (x.file.name < y.file.name ? -1 : x.file.name > y.file.name ? 1 : 0));
    if (tagged.length < 2) return;

    for (let j = 1; j < tagged.length; j++) {
      const later = tagged[j];
      // Declaration of the later file → the earlier files it collides with.
      const clashes = new Map<TopDecl, { other: Tagged; decl: TopDecl; overlap: Overlap }[]>();
      for (let i = 0; i < j; i++) {
        const earlier = tagged[i];
        const shared = [...later.names].filter(([key]) => earlier.names.has(key));
        if (shared.length === 0) continue;
        const overlap = overlapOf(earlier, later);
        if (!overlap) continue;
        for (const [key, decl] of shared) {
          const list = clashes.get(decl) ?? [];
          list.push({ other: earlier, decl: earlier.names.get(key)!, overlap });
          clashes.set(decl, list);
        }
      }
      for (const [decl, list] of clashes) {
        // Lead with the clash that shows on the default configuration and on the oldest release.
        list.sort(
          (x, y) =>
            Number(y.overlap.byDefault) - Number(x.overlap.byDefault) || x.overlap.from - y.overlap.from,
        );
        const first = list[0];
        const o = first.overlap;
        const related: Related[] = list.map((c) => ({
          file: c.other.file.path,
          line: c.decl.namePos.line,
          column: c.decl.namePos.column,
          message: `other declaration of ${describe(c.decl)} (${c.other.file.name}: ${buildText(c.other)}); both files build ${releases(c.overlap)}`,
        }));
        const others = list.map((c) => c.other.file.name).join(', ');
        const older = o.older;
        const where = o.byDefault
          ? ''
          : ' (for a GOOS/GOARCH/tag set both constraints allow, not the default linux/amd64)';
        const failing =
          later.file.isTest || list.some((c) => c.other.file.isTest)
            ? '`go test` and `go vet` fail'
            : 'the package fails to compile';
        const fix = older
          ? `add \`&& !go1.${o.from}\` to the build constraint of ${older.file.name} so that only one of the files builds on each release`
          : `make the build constraints of ${later.file.name} and ${others} exclude each other (for example \`go1.N && !go1.M\` on the older file)`;
        ctx.report({
          file: later.file,
          at: {
            line: decl.namePos.line,
            column: decl.namePos.column,
            endLine: decl.namePos.line,
            endColumn: decl.namePos.column + utf8Length(decl.name),
          },
          message:
            `${describe(decl)} is also declared in ${others}; ${later.file.name} (\`${buildText(later)}\`) and ` +
            `${first.other.file.name} (\`${buildText(first.other)}\`) are both built ${releases(o)}${where}, where ${failing} ` +
            `with "${compilerError(decl)}"`,
          related,
          fix: { description: fix },
        });
      }
    }
  },
};
