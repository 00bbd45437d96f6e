// goreleaser (`.goreleaser.yml`/`.yaml`, schema v1 and v2): every `builds:` entry as one release
// `go build` with its targets (goos × goarch minus ignore, or `targets:`), env, flags, ldflags,
// tags, buildmode, main and dir; `overrides:` as extra commands for the targets they match; the
// `before: hooks:` as shell commands.

import type { BuildFile, Env, GoCommand } from './model.js';
import {
  asScalar,
  type CiOptions,
  type CiResult,
  get,
  getPair,
  isTrue,
  joinDir,
  listOf,
  loc,
  type Pos,
  putSetting,
  readCiFile,
  scanScript,
  setting,
  splitWords,
  str,
  strings,
  type YMap,
  type YNode,
} from './yaml-util.js';

export type { CiResult } from './yaml-util.js';

const DEFAULT_GOOS = ['darwin', 'linux', 'windows'];
const DEFAULT_GOARCH = ['386', 'amd64', 'arm64'];

/** `go tool dist list` (Go 1.21–1.24): the pairs goreleaser keeps from goos × goarch. */
const VALID = new Set(
  (
    'aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64 ' +
    'dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 freebsd/riscv64 ' +
    'illumos/amd64 ios/amd64 ios/arm64 js/wasm linux/386 linux/amd64 linux/arm linux/arm64 ' +
    'linux/loong64 linux/mips linux/mips64 linux/mips64le linux/mipsle linux/ppc64 linux/ppc64le ' +
    'linux/riscv64 linux/s390x netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 ' +
    'openbsd/amd64 openbsd/arm openbsd/arm64 openbsd/ppc64 openbsd/riscv64 plan9/386 plan9/amd64 ' +
    'plan9/arm solaris/amd64 wasip1/wasm windows/386 windows/amd64 windows/arm windows/arm64'
  ).split(' '),
);
const KNOWN_GOOS = new Set([...VALID].map((p) => p.split('/')[0]));
const KNOWN_GOARCH = new Set([...VALID].map((p) => p.split('/')[1]));

/** Go's first-class ports (`targets: [go_first_class]`). */
const FIRST_CLASS = [
  'darwin/amd64',
  'darwin/arm64',
  'linux/386',
  'linux/amd64',
  'linux/arm',
  'linux/arm64',
  'windows/386',
  'windows/amd64',
];

/** The sub-architecture setting of an arch and goreleaser's default for it. */
const VARIANT: Record<string, [string, string]> = {
  arm: ['goarm', '6'],
  amd64: ['goamd64', 'v1'],
  arm64: ['goarm64', 'v8.0'],
  '386': ['go386', 'sse2'],
  mips: ['gomips', 'hardfloat'],
  mipsle: ['gomips', 'hardfloat'],
  mips64: ['gomips', 'hardfloat'],
  mips64le: ['gomips', 'hardfloat'],
  ppc64: ['goppc64', 'power8'],
  ppc64le: ['goppc64', 'power8'],
  riscv64: ['goriscv64', 'rva20u64'],
};

function validPair(goos: string, goarch: string): boolean {
  if (!KNOWN_GOOS.has(goos) || !KNOWN_GOARCH.has(goarch)) return true;
  return VALID.has(`${goos}/${goarch}`);
}

/** Values of a scalar-or-list field (distinct, at most 64), with `{{ ... }}` templates kept. */
function values(n: YNode | null): string[] {
  const out: string[] = [];
  for (const s of strings(n)) {
    const v = s.trim();
    if (v !== '' && !out.includes(v)) out.push(v);
    if (out.length >= 64) break;
  }
  return out;
}

/** The build's targets: `targets:` or goos × goarch minus `ignore:`. */
export function buildTargets(build: YMap): string[] {
  const explicit = values(get(build, 'targets'));
  if (explicit.length > 0) {
    const out: string[] = [];
    for (const t of explicit) {
      const list = t === 'go_first_class' || t === 'go_118_first_class' ? FIRST_CLASS : [t];
      for (const x of list) {
        const [goos, goarch] = x.includes('/') ? x.split('/') : x.split('_');
        if (!goos || !goarch) continue;
        const p = `${goos}/${goarch}`;
        if (!out.includes(p)) out.push(p);
      }
    }
    return out;
  }
  const gooses = values(get(build, 'goos'));
  const goarches = values(get(build, 'goarch'));
  const goos = gooses.length > 0 ? gooses : DEFAULT_GOOS;
  const goarch = goarches.length > 0 ? goarches : DEFAULT_GOARCH;
  const ignores = listOf(get(build, 'ignore')).filter((i) => i.kind === 'map');
  const out: string[] = [];
  for (const os of goos) {
    for (const arch of goarch) {
      if (!validPair(os, arch)) continue;
      const p = `${os}/${arch}`;
      if (out.includes(p)) continue;
      // A pair survives while one of its sub-architecture variants is not ignored.
      const variant = VARIANT[arch];
      const variants = variant ? values(get(build, variant[0])) : [];
      const vs = variant ? (variants.length > 0 ? variants : [variant[1]]) : [''];
      const alive = vs.some(
        (v) =>
          !ignores.some((ig) => {
            const igOs = str(get(ig, 'goos'));
            const igArch = str(get(ig, 'goarch'));
            if (igOs === null && igArch === null) return false;
            if (igOs !== null && igOs !== os) return false;
            if (igArch !== null && igArch !== arch) return false;
            const igVar = variant ? str(get(ig, variant[0])) : null;
            return igVar === null || igVar === '' || igVar === v;
          }),
      );
      if (alive) out.push(p);
    }
  }
  return out;
}

interface Details {
  keyLocs: NonNullable<GoCommand['keyLocs']>;
  env: Env;
  flags: string[];
  ldflags: string[] | null;
  tags: string[] | null;
  gcflags: string[] | null;
  asmflags: string[] | null;
  buildmode: string | null;
}

function readEnvList(res: CiResult, file: string, env: Env, n: YNode | null): void {
  for (const it of listOf(n)) {
    const s = str(it);
    if (s === null) continue;
    const eq = s.indexOf('=');
    if (eq <= 0) continue;
    const name = s.slice(0, eq).trim();
    const value = s.slice(eq + 1);
    putSetting(res, env, setting(name, value.includes('{{') ? null : value, file, it.pos, 'goreleaser'));
  }
}

function flagWords(n: YNode | null): string[] {
  const out: string[] = [];
  for (const s of strings(n)) out.push(...splitWords(s));
  return out;
}

function listField(n: YNode | null): string[] | null {
  if (!n || (n.kind === 'scalar' && n.isNull)) return null;
  const v = values(n);
  return v.length > 0 ? v : null;
}

function readDetails(res: CiResult, file: string, n: YMap, base: Details | null): Details {
  const env: Env = { ...(base?.env ?? {}) };
  readEnvList(res, file, env, get(n, 'env'));
  const flagsNode = getPair(n, 'flags');
  const keyLocs = { ...(base?.keyLocs ?? {}) };
  for (const key of ['buildmode', 'ldflags', 'flags', 'gcflags', 'tags'] as const) {
    const pair = getPair(n, key);
    if (pair) keyLocs[key] = loc(file, pair.keyPos);
  }
  const ldItem = listOf(get(n, 'ldflags')).find((it) => /extldflags/.test(str(it) ?? ''));
  if (ldItem) keyLocs.extldflags = loc(file, ldItem.pos);
  return {
    keyLocs,
    env,
    flags: flagsNode ? flagWords(flagsNode.value) : (base?.flags ?? []),
    ldflags: listField(get(n, 'ldflags')) ?? base?.ldflags ?? null,
    tags: listField(get(n, 'tags')) ?? base?.tags ?? null,
    gcflags: listField(get(n, 'gcflags')) ?? base?.gcflags ?? null,
    asmflags: listField(get(n, 'asmflags')) ?? base?.asmflags ?? null,
    buildmode: str(get(n, 'buildmode'))?.trim() || base?.buildmode || null,
  };
}

function argsOf(d: Details, main: string): string[] {
  const args = [...d.flags];
  if (d.gcflags) args.push(`-gcflags=${d.gcflags.join(' ')}`);
  if (d.asmflags) args.push(`-asmflags=${d.asmflags.join(' ')}`);
  if (d.ldflags) args.push(`-ldflags=${d.ldflags.join(' ')}`);
  if (d.tags) args.push(`-tags=${d.tags.join(',')}`);
  if (d.buildmode) args.push(`-buildmode=${d.buildmode}`);
  args.push(main);
  return args;
}

/** Does an override entry match a target (missing goos/goarch match anything)? */
function overrideMatches(o: YMap, target: string, build: YMap): boolean {
  const [os, arch] = target.split('/');
  const goos = str(get(o, 'goos'))?.trim() || null;
  const goarch = str(get(o, 'goarch'))?.trim() || null;
  if (goos !== null && goos !== os) return false;
  if (goarch !== null && goarch !== arch) return false;
  const variant = VARIANT[arch];
  if (variant) {
    const want = str(get(o, variant[0]));
    if (want !== null && want !== '') {
      const have = values(get(build, variant[0]));
      if (!(have.length > 0 ? have : [variant[1]]).includes(want)) return false;
    }
  }
  return goos !== null || goarch !== null;
}

export function readGoreleaser(file: BuildFile, opts: CiOptions = {}): CiResult {
  return readCiFile(
    file,
    (root, res) => {
      const f = file.path;
      const topEnv: Env = {};
      readEnvList(res, f, topEnv, get(root, 'env'));

      for (const hook of listOf(get(get(root, 'before'), 'hooks'))) {
        const node = asScalar(hook.kind === 'map' ? get(hook, 'cmd') : hook);
        if (!node || node.isNull) continue;
        const env: Env = { ...topEnv };
        readEnvList(res, f, env, get(hook, 'env'));
        const d = str(get(hook, 'dir'));
        scanScript(res, node, node.text, {
          file: f,
          kind: 'goreleaser',
          env,
          dir: d === null ? '.' : joinDir('.', d),
          imageDir: null,
          host: null,
          image: null,
        });
      }

      const buildsPair = getPair(root, 'builds');
      const builds: YMap[] = buildsPair
        ? listOf(buildsPair.value).flatMap((b) => (b.kind === 'map' ? [b] : []))
        : [{ kind: 'map', pos: { line: 1, column: 1 }, pairs: [] }];
      for (const build of builds) readBuild(res, f, build, topEnv);
    },
    opts,
  );
}

function readBuild(res: CiResult, file: string, build: YMap, topEnv: Env): void {
  if (isTrue(get(build, 'skip'))) return;
  const builder = str(get(build, 'builder'));
  if (builder !== null && builder.trim() !== '' && builder.trim() !== 'go') return;
  const pos: Pos = build.pairs[0]?.keyPos ?? build.pos;
  const details = readDetails(res, file, build, { ...emptyDetails(), env: { ...topEnv } });
  const main = str(get(build, 'main'))?.trim() || '.';
  const dirRaw = str(get(build, 'dir'))?.trim();
  const dir = dirRaw ? joinDir('.', dirRaw) : '.';
  const tool = (str(get(build, 'tool')) ?? str(get(build, 'gobinary')))?.trim() ?? '';
  const gv = /^go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)$/.exec(tool.split('/').pop() ?? '');
  const verb: GoCommand['verb'] = str(get(build, 'command'))?.trim() === 'test' ? 'test' : 'build';
  const make = (d: Details, targets: string[], at: Pos): GoCommand => {
    const c: GoCommand = {
      loc: loc(file, at),
      verb,
      args: argsOf(d, main),
      env: d.env,
      dir,
      imageDir: null,
      kind: 'goreleaser',
      host: null,
      image: null,
      targets,
      release: true,
      keyLocs: d.keyLocs,
    };
    if (gv) c.goVersion = gv[1];
    return c;
  };
  let remaining = buildTargets(build);
  const extra: GoCommand[] = [];
  for (const o of listOf(get(build, 'overrides'))) {
    if (o.kind !== 'map') continue;
    const matched = remaining.filter((t) => overrideMatches(o, t, build));
    if (matched.length === 0) continue;
    remaining = remaining.filter((t) => !matched.includes(t));
    const od = readDetails(res, file, o, details);
    extra.push(make(od, matched, o.pairs[0]?.keyPos ?? o.pos));
  }
  if (remaining.length > 0) res.commands.push(make(details, remaining, pos));
  res.commands.push(...extra);
}

function emptyDetails(): Details {
  return {
    keyLocs: {},
    env: {},
    flags: [],
    ldflags: null,
    tags: null,
    gcflags: null,
    asmflags: null,
    buildmode: null,
  };
}
