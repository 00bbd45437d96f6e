// Resolves each go command a reader found into what Go will really do: the target platform,
// whether it is a cross build, whether cgo is on (and why), whether a C compiler is there, the
// builder's C library, the Go release, the flags, and the program it builds.

import { NEWEST_KNOWN_MINOR, parseGoVersion } from '../core/goversion.js';
import { type ImageLibc, lookupImage } from '../core/images.js';
import type { BuildConfig } from '../source/constraint.js';
import { type GoFlags, parseGoFlags } from './goflags.js';
import { isCompilerPackage, isMuslCompiler } from './known.js';
import type { DockerfileModel, DockerStage, GoCommand, Installs, Setting } from './model.js';
import { joinDir, type PackageIndex, type Program, programOf, resolvePackages } from './program.js';

export interface Tri {
  /** True, false, or null when the files do not say and nothing can be assumed. */
  value: boolean | null;
  /** For messages: why. */
  why: string;
  /** The setting that decides it, when one does. */
  setting?: Setting;
}

export interface ResolvedBuild {
  cmd: GoCommand;
  flags: GoFlags;
  /** Target platform (null when unknown, e.g. `$TARGETARCH`). */
  goos: string | null;
  goarch: string | null;
  /** A cross build: GOOS/GOARCH differ from the platform the command runs on. */
  cross: Tri;
  cgo: Tri;
  compiler: Tri;
  libc: { kind: 'glibc' | 'musl' | null; glibc: string | null; image: ImageLibc | null; why: string };
  /** Go release minor (22 for go1.22), null when unknown. */
  goMinor: number | null;
  program: Program;
  /** Builds packages outside the scanned modules only (`go install tool@latest`). */
  external: boolean;
  dockerfile?: DockerfileModel;
  stage?: DockerStage;
  /** A release build (goreleaser; a Dockerfile build shipped in the final stage). */
  release: boolean;
}

const DEFAULT_HOST = 'linux/amd64';

export function setting(cmd: GoCommand, name: string): Setting | undefined {
  return cmd.env[name];
}

/** Where the command runs: `os/arch`, `build` ($BUILDPLATFORM), `target` (a stage without --platform). */
function hostOf(cmd: GoCommand): { platform: string; assumed: boolean } {
  const h = cmd.host?.trim() ?? null;
  if (h && /^\$\{?BUILDPLATFORM\}?$/.test(h)) return { platform: 'build', assumed: false };
  if (h && /^\$\{?TARGETPLATFORM\}?$/.test(h)) return { platform: 'target', assumed: false };
  if (h && /^[a-z0-9]+\/[a-z0-9]+/.test(h))
    return { platform: h.split('/').slice(0, 2).join('/'), assumed: false };
  if (cmd.kind === 'dockerfile') return { platform: 'target', assumed: false };
  return { platform: DEFAULT_HOST, assumed: true };
}

interface TargetPart {
  value: string | null;
  setting?: Setting;
  /** Follows the target platform ($TARGETARCH). */
  platformArg: boolean;
}

function part(cmd: GoCommand, name: 'GOOS' | 'GOARCH', fromTarget: string | undefined): TargetPart {
  if (fromTarget !== undefined) return { value: fromTarget, platformArg: false };
  const s = setting(cmd, name);
  if (!s) return { value: null, platformArg: false };
  return { value: s.value, setting: s, platformArg: s.platformArg === true };
}

function crossOf(
  host: { platform: string; assumed: boolean },
  os: TargetPart,
  arch: TargetPart,
  target: string | undefined,
): Tri {
  const [hostOs, hostArch] = host.platform.includes('/') ? host.platform.split('/') : [null, null];
  if (target !== undefined) {
    const [tos, tarch] = target.split('/');
    const differs = hostOs !== null && (tos !== hostOs || tarch !== hostArch);
    return {
      value: differs,
      why: differs
        ? `goreleaser builds ${target} on a ${host.platform} host${host.assumed ? ' (assumed)' : ''}`
        : `${target} is the host platform`,
    };
  }
  // Both parts differing reads better as one reason: `GOOS=darwin GOARCH=arm64 while ...`.
  const lit = [os, arch].filter((p) => p.setting && p.setting.value !== null && !p.platformArg);
  if (host.platform !== 'build' && lit.length === 2) {
    const [hostOs, hostArch] =
      host.platform === 'target'
        ? ['linux', 'amd64']
        : host.platform.includes('/')
          ? host.platform.split('/')
          : [null, null];
    if (hostOs !== null && (os.value !== hostOs || arch.value !== hostArch)) {
      const where =
        host.platform === 'target'
          ? 'a Docker stage without --platform runs on the target platform (linux/amd64 unless told otherwise)'
          : `the command runs on ${host.platform}${host.assumed ? ' (assumed)' : ''}`;
      return {
        value: true,
        why: `GOOS=${os.value} GOARCH=${arch.value} while ${where}`,
        setting: (os.value !== hostOs ? os : arch).setting,
      };
    }
  }
  for (const p of [arch, os]) {
    if (!p.setting) continue;
    const name = p === arch ? 'GOARCH' : 'GOOS';
    const written =
      p.setting.value !== null
        ? `${name}=${p.setting.value}`
        : p.platformArg
          ? `${name} from the target platform ($TARGET${name === 'GOARCH' ? 'ARCH' : 'OS'})`
          : `${name} to a value the files do not give`;
    if (host.platform === 'build') {
      return {
        value: true,
        why: `the stage runs on $BUILDPLATFORM and sets ${written}: a cross build whenever the target differs from the build machine`,
        setting: p.setting,
      };
    }
    if (p.platformArg) {
      if (host.platform === 'target') continue; // $TARGETARCH in a stage that runs on the target
      return {
        value: true,
        why: `the command runs on ${host.platform} and sets ${written} from the target platform`,
        setting: p.setting,
      };
    }
    if (p.value === null) continue;
    const hostPart =
      host.platform === 'target'
        ? name === 'GOARCH'
          ? 'amd64'
          : 'linux'
        : name === 'GOARCH'
          ? hostArch
          : hostOs;
    if (hostPart !== null && p.value !== hostPart) {
      const where =
        host.platform === 'target'
          ? 'a Docker stage without --platform runs on the target platform (linux/amd64 unless told otherwise)'
          : `the command runs on ${host.platform}${host.assumed ? ' (assumed)' : ''}`;
      return { value: true, why: `${written} while ${where}`, setting: p.setting };
    }
  }
  return { value: false, why: 'GOOS/GOARCH are those of the machine that builds' };
}

function installsOf(stage: DockerStage | undefined, extra: readonly Installs[]): string[] {
  return [...(stage?.installs ?? []), ...extra].flatMap((i) =>
    // Debian/Ubuntu's golang packages recommend gcc, libc6-dev and pkg-config, and apt installs
    // recommended packages unless told not to.
    i.recommends && i.packages.some((p) => /^golang(-\d+\.\d+)?(-go)?$/.test(p))
      ? [...i.packages, 'gcc']
      : i.packages,
  );
}

/** `img`: the command's image looked up in the image table (null: no image, or not in the table). */
function compilerOf(
  cmd: GoCommand,
  img: ImageLibc | null,
  stage: DockerStage | undefined,
  installs: readonly Installs[],
): Tri {
  const cc = setting(cmd, 'CC');
  if (cc?.value) return { value: true, why: `CC=${cc.value}`, setting: cc };
  if (installsOf(stage, installs).some(isCompilerPackage))
    return { value: true, why: 'a C compiler is installed in the image' };
  if (cmd.image) {
    if (!img) {
      // CI jobs run in images made for building (cimg/go, devcontainers, buildpack-deps...).
      if (cmd.kind !== 'dockerfile' && !/alpine|musl|distroless|scratch/i.test(cmd.image))
        return { value: true, why: `assumed: the CI image ${cmd.image} has gcc` };
      return { value: null, why: `unknown image ${cmd.image}` };
    }
    if (img.key.startsWith('golang:') && img.libc === 'glibc')
      return { value: true, why: `${cmd.image} (Debian-based golang images ship gcc)` };
    if (img.key === 'chainguard/go' || (img.key.startsWith('chainguard/') && img.key.endsWith('-dev')))
      return { value: null, why: `${cmd.image}: whether it has gcc is not known here` };
    return {
      value: false,
      why: `${cmd.image} has no C compiler${img.libc === 'musl' ? ' (golang:*-alpine and alpine ship none; `apk add gcc musl-dev` adds one)' : ''}`,
    };
  }
  if (cmd.kind === 'dockerfile') return { value: null, why: 'unknown base image' };
  return { value: true, why: 'assumed: a build machine with gcc' };
}

export function goMinorOf(cmd: GoCommand, moduleMinor: number | null): number | null {
  if (cmd.goVersion === 'stable' || cmd.goVersion === 'latest') return NEWEST_KNOWN_MINOR;
  if (cmd.goVersion === 'oldstable') return NEWEST_KNOWN_MINOR - 1;
  if (cmd.goVersion) {
    const v = parseGoVersion(cmd.goVersion.replace(/^go/, '').replace(/\.x$/, ''));
    if (v) return v.minor;
  }
  if (cmd.image) {
    const m = /(?:^|\/)golang:(\d+)(?:\.(\d+))?/.exec(cmd.image);
    if (m && m[1] === '1' && m[2]) return Number(m[2]);
    // A floating golang tag (`golang:alpine`, `golang:1`, `golang:latest`) is a recent release.
    if (/(?:^|\/)golang(?::|$)/.test(cmd.image)) return Math.max(NEWEST_KNOWN_MINOR, moduleMinor ?? 0);
  }
  return moduleMinor;
}

function cgoOf(cmd: GoCommand, cross: Tri, compiler: Tri, goMinor: number | null): Tri {
  const s = setting(cmd, 'CGO_ENABLED');
  if (s) {
    if (s.value === '0') return { value: false, why: 'CGO_ENABLED=0', setting: s };
    if (s.value === '1') return { value: true, why: 'CGO_ENABLED=1', setting: s };
    return { value: null, why: 'CGO_ENABLED is set to a value the files do not give', setting: s };
  }
  if (cross.value === true) {
    return {
      value: false,
      why: `cgo defaults to off in a cross build (${cross.why})`,
      setting: cross.setting,
    };
  }
  if (compiler.value === false) {
    if (goMinor === null || goMinor >= 20) {
      return {
        value: false,
        why: `since Go 1.20 cgo defaults to off when no C compiler is on PATH: ${compiler.why}`,
      };
    }
    return { value: true, why: `Go 1.${goMinor} keeps cgo on without a C compiler (${compiler.why})` };
  }
  if (compiler.value === null) return { value: null, why: compiler.why };
  return { value: true, why: 'cgo is on by default in a native build with a C compiler' };
}

function libcOf(cmd: GoCommand, img: ImageLibc | null): ResolvedBuild['libc'] {
  const cc = setting(cmd, 'CC');
  if (cc?.value && isMuslCompiler(cc.value))
    return { kind: 'musl', glibc: null, image: null, why: `CC=${cc.value}` };
  if (cmd.image) {
    if (!img) {
      // An image the table does not know: its name tells musl apart; otherwise glibc, as most are.
      if (/alpine|musl/i.test(cmd.image))
        return { kind: 'musl', glibc: null, image: null, why: `${cmd.image} (musl, by its name)` };
      if (/distroless\/static|scratch/i.test(cmd.image))
        return { kind: null, glibc: null, image: null, why: `${cmd.image} has no C library` };
      return {
        kind: 'glibc',
        glibc: null,
        image: null,
        why: `${cmd.image} (glibc assumed: not in the image table)`,
      };
    }
    if (img.libc === 'none')
      return { kind: null, glibc: null, image: img, why: `${img.label} has no C library` };
    return { kind: img.libc, glibc: img.glibc, image: img, why: img.label };
  }
  if (cmd.kind === 'dockerfile') return { kind: null, glibc: null, image: null, why: 'unknown base image' };
  const host = hostOf(cmd).platform;
  if (host.startsWith('linux/'))
    return { kind: 'glibc', glibc: null, image: null, why: 'a glibc Linux build machine (assumed)' };
  return { kind: null, glibc: null, image: null, why: `builds on ${host}` };
}

export interface ResolveInput {
  idx: PackageIndex;
  /** Scan-relative directory that the command's `dir` is relative to. */
  base: string;
  moduleMinor: number | null;
  dockerfile?: DockerfileModel;
  installs?: readonly Installs[];
  /** Programs already worked out in this scan, by roots and configuration. */
  programs?: Map<string, Program>;
}

/**
 * A command whose GOOS/GOARCH/CGO_ENABLED/CC take several values (`for os in linux darwin`,
 * `GOOS=${p%/*}` over a list of platforms) stands for one command per value. Lists of the same
 * length come from the same loop and go together; others are combined (at most 32 variants).
 */
function variants(cmd: GoCommand): GoCommand[] {
  const multi = ['GOOS', 'GOARCH', 'CGO_ENABLED', 'CC']
    .map((n) => cmd.env[n])
    .filter((s): s is Setting => s?.values !== undefined && s.values.length > 1);
  if (multi.length === 0) return [cmd];
  const lengths = new Set(multi.map((s) => s.values!.length));
  let combos: string[][] = [[]];
  if (lengths.size === 1) {
    combos = multi[0].values!.map((_, i) => multi.map((s) => s.values![i]));
  } else {
    for (const s of multi) combos = combos.flatMap((c) => s.values!.map((v) => [...c, v])).slice(0, 32);
  }
  return combos.map((values) => {
    const env = { ...cmd.env };
    multi.forEach((s, i) => {
      env[s.name] = { ...s, value: values[i], values: undefined };
    });
    return { ...cmd, env };
  });
}

/** One ResolvedBuild per target (goreleaser builds and loops over platforms have several). */
export function resolveCommand(cmd: GoCommand, input: ResolveInput): ResolvedBuild[] {
  const vs = variants(cmd);
  if (vs.length > 1) return vs.flatMap((v) => resolveCommand(v, input));
  const goflags = setting(cmd, 'GOFLAGS')?.value ?? null;
  const flags = parseGoFlags(cmd.verb, cmd.args, goflags);
  const stage = input.dockerfile && cmd.stage !== undefined ? input.dockerfile.stages[cmd.stage] : undefined;
  const dir = cmd.dir === null ? null : joinBase(input.base, cmd.dir, flags.chdir);
  const pk = resolvePackages(input.idx, flags.packages, dir, input.base);
  const host = hostOf(cmd);
  const goMinor = goMinorOf(cmd, input.moduleMinor);
  const img = cmd.image ? lookupImage(cmd.image) : null;
  const compiler = compilerOf(cmd, img, stage, input.installs ?? []);
  const libc = libcOf(cmd, img);
  const targets: (string | undefined)[] = cmd.targets && cmd.targets.length > 0 ? cmd.targets : [undefined];
  return targets.map((t) => {
    const [tos, tarch] = t ? t.split('/') : [undefined, undefined];
    const os = part(cmd, 'GOOS', tos);
    const arch = part(cmd, 'GOARCH', tarch);
    const cross = crossOf(host, os, arch, t);
    const hostParts = host.platform.includes('/') ? host.platform.split('/') : [null, null];
    const goos = os.setting || tos ? os.value : host.platform === 'build' ? null : (hostParts[0] ?? 'linux');
    const goarch =
      arch.setting || tarch ? arch.value : host.platform === 'build' ? null : (hostParts[1] ?? 'amd64');
    const cgo = cgoOf(cmd, cross, compiler, goMinor);
    // Which files count: the target (linux/amd64 when unknown), cgo as resolved, the -tags.
    const cfg: BuildConfig = {
      goos: goos ?? 'linux',
      goarch: goarch ?? 'amd64',
      cgo: cgo.value !== false,
      compiler: 'gc',
      goMinor: goMinor ?? NEWEST_KNOWN_MINOR,
      tags: new Set(flags.tags),
    };
    // Many commands build the same packages the same way (matrices, loops, several files).
    const key = [
      ...pk.roots.map((r) => r.importPath),
      ...[...(pk.files?.values() ?? [])].flatMap((set) => [...set]),
      cfg.goos,
      cfg.goarch,
      cfg.cgo,
      cfg.goMinor,
      ...cfg.tags,
    ].join('\0');
    let program = input.programs?.get(key);
    if (!program) {
      program = programOf(input.idx, pk.roots, cfg, pk.files);
      input.programs?.set(key, program);
    }
    return {
      cmd,
      flags,
      goos,
      goarch,
      cross,
      cgo,
      compiler,
      libc,
      goMinor,
      program,
      external: pk.external && pk.roots.length === 0,
      dockerfile: input.dockerfile,
      stage,
      release: cmd.release === true,
    };
  });
}

function joinBase(base: string, dir: string, chdir: string | null): string | null {
  const parts = [base, dir, chdir].filter((p): p is string => p !== null && p !== '' && p !== '.');
  let out = '.';
  for (const p of parts) {
    const next = joinDir(out, p);
    if (next === null) return null;
    out = next;
  }
  return out;
}
