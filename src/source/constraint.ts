// Go build constraints: the `//go:build` expression language, the legacy `// +build` lines,
// the file-name suffixes go/build understands (_linux, _arm64, _linux_arm64), and the
// question "which files are built together in one configuration?".
//
// The rules follow go/build and go/build/constraint: a tag holds when it names the target
// GOOS or GOARCH, the compiler, `cgo` when cgo is on, `unix` on a Unix-like GOOS, a release
// tag go1.1..go1.<goMinor>, or one of the user's -tags. GOOS android also satisfies `linux`,
// illumos satisfies `solaris`, ios satisfies `darwin`.

export type Constraint =
  | { kind: 'tag'; tag: string }
  | { kind: 'not'; x: Constraint }
  | { kind: 'and'; x: Constraint; y: Constraint }
  | { kind: 'or'; x: Constraint; y: Constraint };

export class ConstraintError extends Error {
  override name = 'ConstraintError';
}

export const KNOWN_GOOS: readonly string[] = [
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos',
];

export const KNOWN_GOARCH: readonly string[] = [
  '386',
  'amd64',
  'amd64p32',
  'arm',
  'armbe',
  'arm64',
  'arm64be',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'mips64p32',
  'mips64p32le',
  'ppc',
  'ppc64',
  'ppc64le',
  'riscv',
  'riscv64',
  's390',
  's390x',
  'sparc',
  'sparc64',
  'wasm',
];

/** The GOOS values for which the `unix` tag holds (go/build's unixOS list). */
const UNIX_GOOS: ReadonlySet<string> = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'linux',
  'netbsd',
  'openbsd',
  'solaris',
]);

const GOOS_SET: ReadonlySet<string> = new Set(KNOWN_GOOS);
const GOARCH_SET: ReadonlySet<string> = new Set(KNOWN_GOARCH);

/** A GOOS that also satisfies the tag of another GOOS. */
const IMPLIED_GOOS: Readonly<Record<string, string>> = {
  android: 'linux',
  illumos: 'solaris',
  ios: 'darwin',
};

const TAG_RE = /^[A-Za-z0-9_.]+$/;
const RELEASE_TAG_RE = /^go1\.([1-9][0-9]*)$/;

/** Longer or deeper expressions are refused rather than risking the call stack. */
const MAX_DEPTH = 500;
const MAX_TOKENS = 5000;

// ---------------------------------------------------------------------------------------------
// Parsing //go:build

type Token = { text: string; pos: number };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const two = expr.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      tokens.push({ text: two, pos: i });
      i += 2;
      continue;
    }
    if (c === '!' || c === '(' || c === ')') {
      tokens.push({ text: c, pos: i });
      i++;
      continue;
    }
    const m = /^[A-Za-z0-9_.]+/.exec(expr.slice(i));
    if (!m) {
      throw new ConstraintError(`invalid character '${c}' at offset ${i} in build constraint '${expr}'`);
    }
    tokens.push({ text: m[0], pos: i });
    i += m[0].length;
  }
  return tokens;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly expr: string,
  ) {}

  parseAll(): Constraint {
    if (this.tokens.length === 0) throw new ConstraintError('empty build constraint');
    if (this.tokens.length > MAX_TOKENS) {
      throw new ConstraintError(`build constraint has more than ${MAX_TOKENS} tokens`);
    }
    const c = this.parseOr();
    const extra = this.peek();
    if (extra) {
      const what = extra.text === ')' ? "unbalanced ')'" : `unexpected '${extra.text}'`;
      throw this.error(`${what} at offset ${extra.pos}`);
    }
    return c;
  }

  private parseOr(): Constraint {
    let x = this.parseAnd();
    while (this.peek()?.text === '||') {
      this.i++;
      x = { kind: 'or', x, y: this.parseAnd() };
    }
    return x;
  }

  private parseAnd(): Constraint {
    let x = this.parseNot();
    while (this.peek()?.text === '&&') {
      this.i++;
      x = { kind: 'and', x, y: this.parseNot() };
    }
    return x;
  }

  private parseNot(): Constraint {
    const t = this.peek();
    if (t?.text !== '!') return this.parseAtom();
    this.i++;
    if (this.peek()?.text === '!') throw this.error(`double negation '!!' at offset ${t.pos} is not allowed`);
    return { kind: 'not', x: this.parseAtom() };
  }

  private parseAtom(): Constraint {
    const t = this.next('a tag or (');
    if (t.text === '(') {
      if (++this.depth > MAX_DEPTH) throw this.error('parentheses nested too deeply');
      const x = this.parseOr();
      const close = this.peek();
      if (close?.text !== ')') throw this.error(`missing ')' for '(' at offset ${t.pos}`);
      this.i++;
      this.depth--;
      return x;
    }
    if (!TAG_RE.test(t.text))
      throw this.error(`expected a tag or '(' but found '${t.text}' at offset ${t.pos}`);
    return { kind: 'tag', tag: t.text };
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(want: string): Token {
    const t = this.tokens[this.i];
    if (!t) throw this.error(`expression ends where ${want} was expected`);
    this.i++;
    return t;
  }

  private error(message: string): ConstraintError {
    return new ConstraintError(`${message} in build constraint '${this.expr}'`);
  }
}

/** Parses the text after `//go:build`. Throws ConstraintError when it is not a valid expression. */
export function parseGoBuild(expr: string): Constraint {
  const text = expr.trim();
  return new Parser(tokenize(text), text).parseAll();
}

// ---------------------------------------------------------------------------------------------
// Parsing // +build

/**
 * Parses legacy `// +build` lines (their arguments, without the `// +build` prefix). The
 * lines are ANDed; within a line, space-separated options are ORed, comma-separated terms
 * ANDed, and a term may start with one `!`.
 *
 * go/build silently turns a malformed term (`!!x`, `x-y`) into a tag that never holds; this
 * function throws ConstraintError instead so that the caller can report it.
 */
export function parsePlusBuildLines(lines: string[]): Constraint {
  if (lines.length === 0) throw new ConstraintError('no +build lines given');
  const terms = lines.join(' ').split(/[\s,]+/).length;
  if (terms > MAX_TOKENS) throw new ConstraintError(`+build lines with more than ${MAX_TOKENS} terms`);
  return lines.map(parsePlusBuildLine).reduce((x, y) => ({ kind: 'and', x, y }));
}

function parsePlusBuildLine(line: string): Constraint {
  const options = line.trim().split(/\s+/).filter(Boolean);
  if (options.length === 0) throw new ConstraintError('empty +build line');
  return options.map((option) => parsePlusBuildOption(option, line)).reduce((x, y) => ({ kind: 'or', x, y }));
}

function parsePlusBuildOption(option: string, line: string): Constraint {
  return option
    .split(',')
    .map((term) => parsePlusBuildTerm(term, line))
    .reduce((x, y) => ({ kind: 'and', x, y }));
}

function parsePlusBuildTerm(term: string, line: string): Constraint {
  const negated = term.startsWith('!');
  const tag = negated ? term.slice(1) : term;
  if (!TAG_RE.test(tag)) {
    const shown = term === '' ? 'an empty term' : `'${term}'`;
    throw new ConstraintError(`invalid +build term: ${shown} in '+build ${line.trim()}'`);
  }
  const x: Constraint = { kind: 'tag', tag };
  return negated ? { kind: 'not', x } : x;
}

// ---------------------------------------------------------------------------------------------
// Printing and inspecting

/** Prints a constraint the way gofmt writes //go:build lines (`a || (b && c)`). */
export function constraintToString(c: Constraint): string {
  switch (c.kind) {
    case 'tag':
      return c.tag;
    case 'not':
      return c.x.kind === 'and' || c.x.kind === 'or'
        ? `!(${constraintToString(c.x)})`
        : `!${constraintToString(c.x)}`;
    case 'and':
      return `${operand(c.x, 'or')} && ${operand(c.y, 'or')}`;
    case 'or':
      return `${operand(c.x, 'and')} || ${operand(c.y, 'and')}`;
  }
}

function operand(c: Constraint, wrapKind: 'and' | 'or'): string {
  const s = constraintToString(c);
  return c.kind === wrapKind ? `(${s})` : s;
}

/** Every tag named in the constraint, in order of first appearance. */
function collectTags(c: Constraint, into: Set<string>): Set<string> {
  if (c.kind === 'tag') into.add(c.tag);
  else if (c.kind === 'not') collectTags(c.x, into);
  else {
    collectTags(c.x, into);
    collectTags(c.y, into);
  }
  return into;
}

function releaseMinor(tag: string): number | null {
  const m = RELEASE_TAG_RE.exec(tag);
  return m ? Number(m[1]) : null;
}

/** The N of every go1.N tag in the constraint, sorted and without duplicates. */
export function goMinorTerms(c: Constraint): number[] {
  const minors = new Set<number>();
  for (const tag of collectTags(c, new Set())) {
    const n = releaseMinor(tag);
    if (n !== null) minors.add(n);
  }
  return [...minors].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Evaluating

export interface BuildConfig {
  goos: string;
  goarch: string;
  cgo: boolean;
  compiler: 'gc' | 'gccgo';
  /** The Go release as 1.goMinor: release tags go1.1 .. go1.goMinor hold. */
  goMinor: number;
  /** Tags given with -tags (and tool tags such as goexperiment.X). */
  tags: ReadonlySet<string>;
}

export const DEFAULT_CONFIG: BuildConfig = {
  goos: 'linux',
  goarch: 'amd64',
  cgo: true,
  compiler: 'gc',
  goMinor: 26,
  tags: new Set<string>(),
};

/**
 * Does one tag hold in the configuration? `go1.0` is not a release tag (Go's release tags
 * start at go1.1), so it only holds when given in cfg.tags, as in go/build.
 */
export function tagHolds(tag: string, cfg: BuildConfig): boolean {
  const minor = releaseMinor(tag);
  if (minor !== null && minor <= cfg.goMinor) return true;
  if (tag === cfg.goos || tag === cfg.goarch || tag === cfg.compiler) return true;
  if (tag === 'cgo' && cfg.cgo) return true;
  if (tag === 'unix' && UNIX_GOOS.has(cfg.goos)) return true;
  if (IMPLIED_GOOS[cfg.goos] === tag) return true;
  return cfg.tags.has(tag);
}

/** Evaluates a constraint; a file without one (null) is always built. */
export function evaluate(c: Constraint | null, cfg: BuildConfig): boolean {
  if (c === null) return true;
  return evalWith(c, (tag) => tagHolds(tag, cfg));
}

function evalWith(c: Constraint, holds: (tag: string) => boolean): boolean {
  switch (c.kind) {
    case 'tag':
      return holds(c.tag);
    case 'not':
      return !evalWith(c.x, holds);
    case 'and':
      return evalWith(c.x, holds) && evalWith(c.y, holds);
    case 'or':
      return evalWith(c.x, holds) || evalWith(c.y, holds);
  }
}

// ---------------------------------------------------------------------------------------------
// File names

export interface FileNameInfo {
  goos?: string;
  goarch?: string;
  isTest: boolean;
}

/**
 * Reads the implicit constraint of a file name, as go/build does: the name is cut at its
 * first '.', a trailing `_test` is dropped, and the last one or two `_`-separated words may
 * name a known GOOS and/or GOARCH. Everything before the first '_' is ignored, so `linux.go`
 * and `linux_test.go` carry no constraint. A directory part before the last '/' is ignored.
 */
export function fileNameInfo(name: string): FileNameInfo {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const info: FileNameInfo = { isTest: base.endsWith('_test.go') };
  const stem = base.split('.')[0];
  const underscore = stem.indexOf('_');
  if (underscore < 0) return info;
  const words = stem.slice(underscore).split('_');
  if (words.length > 0 && words[words.length - 1] === 'test') words.pop();
  const last = words[words.length - 1];
  const beforeLast = words[words.length - 2];
  if (beforeLast !== undefined && GOOS_SET.has(beforeLast) && GOARCH_SET.has(last)) {
    info.goos = beforeLast;
    info.goarch = last;
  } else if (last !== undefined && GOOS_SET.has(last)) {
    info.goos = last;
  } else if (last !== undefined && GOARCH_SET.has(last)) {
    info.goarch = last;
  }
  return info;
}

/** Is the file built in the configuration, judging by its constraint and its name? */
export function fileMatches(c: Constraint | null, info: FileNameInfo, cfg: BuildConfig): boolean {
  if (info.goos !== undefined && !tagHolds(info.goos, cfg)) return false;
  if (info.goarch !== undefined && !tagHolds(info.goarch, cfg)) return false;
  return evaluate(c, cfg);
}

// ---------------------------------------------------------------------------------------------
// Satisfiability

/** Stands for "a GOOS/GOARCH none of the files names"; it cannot collide with a tag. */
const OTHER = '(other)';
/** The highest Go minor release considered. */
const MAX_MINOR = 40;
/** Work limit for the search over free tags; see satisfiableTogether. */
const FREE_TAG_BUDGET = 50_000;

type FileSpec = { constraint: Constraint | null; info: FileNameInfo };

/** A truth value, or undefined for "depends on tags not decided yet". */
type Maybe = boolean | undefined;

/**
 * Is there ONE build configuration (any GOOS, GOARCH, cgo on/off, compiler, Go minor 0..40,
 * any set of other tags) under which every given file is built?
 *
 * GOOS and GOARCH are chosen independently (a pair Go does not support, like windows/s390x,
 * still counts). Only the values that differ on the tags the files mention are tried: GOOS
 * values are grouped by the truth of every mentioned GOOS tag and `unix`, GOARCH values by
 * the mentioned GOARCH tags, and one value per group is enough. The Go minor is tried at 0
 * and at each go1.N (N <= 40) the files mention. Tags that are neither of these ("free" tags, such as
 * `purego` or `goexperiment.x`) can be set freely; they are decided by a search that splits
 * on one tag at a time and stops a branch as soon as a file's constraint is false whatever
 * the remaining tags are. A GOOS or GOARCH name is never treated as a free tag, and a
 * `goexperiment.X` tag only holds from the release that introduced experiment X (when known).
 *
 * Should that search exceed its work limit (only for unusually many interlocked free tags),
 * the answer is true: "they may be built together".
 */
export function satisfiableTogether(files: FileSpec[]): boolean {
  const tags = new Set<string>();
  for (const f of files) {
    if (f.constraint) collectTags(f.constraint, tags);
    if (f.info.goos) tags.add(f.info.goos);
    if (f.info.goarch) tags.add(f.info.goarch);
  }
  const free = [...tags].filter(isFreeTag);
  const budget = { left: FREE_TAG_BUDGET };
  for (const cfg of candidateConfigs(tags)) {
    const ok = searchFreeTags(files, cfg, free, new Map(), budget);
    if (ok !== false) return true;
  }
  return false;
}

/**
 * `goexperiment.X` tags are set by the toolchain from GOEXPERIMENT (and its defaults), and a
 * toolchain refuses an experiment it does not know (`go: unknown GOEXPERIMENT swissmap`). So the
 * tag cannot hold on a release older than the experiment: this is the first Go minor that knows
 * it, as a lower bound. Experiments of Go 1.19 need no entry. The bounds come from the
 * internal/goexperiment package: absent in Go 1.19 and present in 1.23 → the release that added
 * it (1.20–1.23, from the release notes); absent in Go 1.23.5 and added later → 24.
 * Experiments not listed stay free tags.
 */
const GOEXPERIMENT_SINCE: Readonly<Record<string, number>> = {
  arenas: 20,
  coverageredesign: 20,
  cacheprog: 21,
  cgocheck2: 21,
  loopvar: 21,
  newinliner: 22,
  rangefunc: 22,
  aliastypeparams: 23,
  swissmap: 24,
  spinbitmutex: 24,
  synchashtriemap: 24,
  dwarf5: 24,
  greenteagc: 24,
  jsonv2: 24,
  randomizedheapbase64: 24,
  runtimefreegc: 24,
  runtimesecret: 24,
  simd: 24,
  sizespecializedmalloc: 24,
  mapsplitgroup: 24,
};

/** The first Go minor whose toolchain can set this `goexperiment.X` tag, if known. */
function experimentSince(tag: string): number | undefined {
  return tag.startsWith('goexperiment.') ? GOEXPERIMENT_SINCE[tag.slice('goexperiment.'.length)] : undefined;
}

function isFreeTag(tag: string): boolean {
  if (releaseMinor(tag) !== null) return false;
  if (GOOS_SET.has(tag) || GOARCH_SET.has(tag)) return false;
  return !['unix', 'cgo', 'gc', 'gccgo'].includes(tag);
}

/** Every configuration worth trying for the mentioned tags (free tags left empty). */
function* candidateConfigs(tags: Set<string>): Generator<BuildConfig> {
  const mentioned = [...tags];
  const osTags = mentioned.filter((t) => GOOS_SET.has(t) || t === 'unix');
  const archTags = mentioned.filter((t) => GOARCH_SET.has(t));
  const goosValues = distinctValues([...KNOWN_GOOS, OTHER], osTags, (goos, t) =>
    tagHolds(t, { ...DEFAULT_CONFIG, goos, goarch: OTHER }),
  );
  const goarchValues = distinctValues([...KNOWN_GOARCH, OTHER], archTags, (goarch, t) => t === goarch);
  // Go minor 0 stands for "below every go1.N"; each N stands for N up to the next one.
  const minors = new Set([0]);
  for (const t of mentioned) {
    const n = releaseMinor(t) ?? experimentSince(t) ?? null;
    if (n !== null && n <= MAX_MINOR) minors.add(n);
  }
  const cgoValues = tags.has('cgo') ? [true, false] : [true];
  const compilers: BuildConfig['compiler'][] = tags.has('gc') || tags.has('gccgo') ? ['gc', 'gccgo'] : ['gc'];
  const none = new Set<string>();
  for (const goMinor of minors) {
    for (const goos of goosValues) {
      for (const goarch of goarchValues) {
        for (const cgo of cgoValues) {
          for (const compiler of compilers) {
            yield { goos, goarch, cgo, compiler, goMinor, tags: none };
          }
        }
      }
    }
  }
}

/** One representative value for each distinct pattern of truth over the given tags. */
function distinctValues(
  values: string[],
  tags: string[],
  holds: (value: string, tag: string) => boolean,
): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    const key = tags.map((t) => (holds(v, t) ? '1' : '0')).join('');
    if (!seen.has(key)) seen.set(key, v);
  }
  return [...seen.values()];
}

/**
 * Tries to assign the free tags so that every file is built. Returns true or false, or
 * undefined when the work budget ran out.
 */
function searchFreeTags(
  files: FileSpec[],
  cfg: BuildConfig,
  free: string[],
  assigned: Map<string, boolean>,
  budget: { left: number },
): Maybe {
  if (--budget.left < 0) return undefined;
  const verdict = allFilesBuilt(files, cfg, assigned);
  if (verdict !== undefined) return verdict;
  const tag = free.find((t) => !assigned.has(t));
  if (tag === undefined) return false; // unreachable: with every tag set, the verdict is known
  let exhausted = false;
  for (const value of [true, false]) {
    assigned.set(tag, value);
    const ok = searchFreeTags(files, cfg, free, assigned, budget);
    assigned.delete(tag);
    if (ok === true) return true;
    if (ok === undefined) exhausted = true;
  }
  return exhausted ? undefined : false;
}

/** True if every file is built, false if one is not, undefined if it depends on unset free tags. */
function allFilesBuilt(files: FileSpec[], cfg: BuildConfig, assigned: Map<string, boolean>): Maybe {
  const holds = (tag: string): Maybe => {
    if (isFreeTag(tag)) {
      // An experiment the release does not know cannot be switched on.
      const since = experimentSince(tag);
      if (since !== undefined && cfg.goMinor < since) return false;
      return assigned.get(tag);
    }
    return tagHolds(tag, cfg);
  };
  let result: Maybe = true;
  for (const f of files) {
    if (f.info.goos !== undefined && !tagHolds(f.info.goos, cfg)) return false;
    if (f.info.goarch !== undefined && !tagHolds(f.info.goarch, cfg)) return false;
    if (f.constraint === null) continue;
    const v = evalMaybe(f.constraint, holds);
    if (v === false) return false;
    if (v === undefined) result = undefined;
  }
  return result;
}

/** Three-valued evaluation: undefined means "not known yet". */
function evalMaybe(c: Constraint, holds: (tag: string) => Maybe): Maybe {
  switch (c.kind) {
    case 'tag':
      return holds(c.tag);
    case 'not': {
      const v = evalMaybe(c.x, holds);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      const x = evalMaybe(c.x, holds);
      if (x === false) return false;
      const y = evalMaybe(c.y, holds);
      if (y === false) return false;
      return x === true && y === true ? true : undefined;
    }
    case 'or': {
      const x = evalMaybe(c.x, holds);
      if (x === true) return true;
      const y = evalMaybe(c.y, holds);
      if (y === true) return true;
      return x === false && y === false ? false : undefined;
    }
  }
}
