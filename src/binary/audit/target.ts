// `--target [os/arch[/variant],]<glibc version | image | distro:version>`: where the audited
// binaries are meant to run. Either part may be given alone (design.md, "Command line").

import { type ImageLibc, lookupImage, parseGlibcVersion } from '../../core/images.js';

export interface Target {
  /** As given. */
  spec: string;
  /** `linux`, `windows`... when an os/arch part was given. */
  os: string | null;
  /** GOARCH name when an os/arch part was given. */
  arch: string | null;
  /** `v2`, `v7`, `v8.1`... (amd64 level, arm GOARM, arm64 level). */
  variant: string | null;
  /** The C library the target provides, when a libc part was given. */
  libc: ImageLibc | null;
}

export class TargetError extends Error {
  override name = 'TargetError';
}

/** GOOS values (go tool dist list). */
const GOOS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'illumos',
  'ios',
  'js',
  'linux',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
]);

/** GOARCH values, and the spellings OCI platforms and uname use for some of them. */
const ARCH_ALIASES: Readonly<Record<string, string>> = {
  amd64: 'amd64',
  x86_64: 'amd64',
  '386': '386',
  i386: '386',
  i686: '386',
  arm: 'arm',
  armhf: 'arm',
  armv6l: 'arm',
  armv7l: 'arm',
  arm64: 'arm64',
  aarch64: 'arm64',
  ppc64le: 'ppc64le',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsle: 'mipsle',
  mips64: 'mips64',
  mips64le: 'mips64le',
  wasm: 'wasm',
};

/** Parses `--target`. Throws TargetError with a message for the user. */
export function parseTarget(spec: string): Target {
  const text = spec.trim();
  if (text === '') throw new TargetError('--target: empty (expected e.g. linux/amd64, debian:11 or 2.31)');
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => p === '')) {
    throw new TargetError(
      `--target: "${spec}" is not [os/arch[/variant],]<glibc version | image | distro:version>`,
    );
  }
  const target: Target = { spec: text, os: null, arch: null, variant: null, libc: null };
  let libcPart: string | undefined;
  if (parts.length === 2) {
    Object.assign(target, parsePlatform(parts[0], true));
    libcPart = parts[1];
  } else {
    const platform = parsePlatform(parts[0], false);
    if (platform) Object.assign(target, platform);
    else libcPart = parts[0];
  }
  if (libcPart !== undefined) target.libc = parseLibc(libcPart);
  return target;
}

function parsePlatform(s: string, required: boolean): Pick<Target, 'os' | 'arch' | 'variant'> | null {
  const m = /^([a-z0-9]+)\/([a-z0-9_]+)(?:\/([a-z0-9.]+))?$/i.exec(s);
  const os = m?.[1].toLowerCase();
  if (!m || !os || !GOOS.has(os)) {
    if (required) throw new TargetError(`--target: "${s}" is not an os/arch pair such as linux/amd64`);
    return null;
  }
  const arch = ARCH_ALIASES[m[2].toLowerCase()];
  if (!arch) throw new TargetError(`--target: unknown architecture "${m[2]}" in "${s}"`);
  let variant = m[3]?.toLowerCase() ?? null;
  // uname-style arm names carry their variant.
  if (!variant && /^armv[67]l$/i.test(m[2])) variant = `v${m[2][4]}`;
  if (variant && !/^v\d+(\.\d+)?$/.test(variant)) {
    throw new TargetError(`--target: variant "${m[3]}" is not like v2, v7 or v8.1`);
  }
  return { os, arch, variant };
}

function parseLibc(s: string): ImageLibc {
  const glibc = /^(?:glibc[-:@ ]?)?(\d+\.\d+(?:\.\d+)?)$/i.exec(s);
  if (glibc && parseGlibcVersion(glibc[1])) {
    return {
      key: `glibc:${glibc[1]}`,
      label: `glibc ${glibc[1]}`,
      libc: 'glibc',
      glibc: glibc[1],
      source: '--target',
    };
  }
  if (/^musl$/i.test(s)) {
    return { key: 'musl', label: 'musl', libc: 'musl', glibc: null, source: '--target' };
  }
  const image = lookupImage(s);
  if (!image) {
    throw new TargetError(
      `--target: unknown image or distribution "${s}" (known: debian:10-13, ubuntu:18.04-24.04, ` +
        'rhel:7-9 / centos / ubi / rocky / alma, amazonlinux:2 / 2023, alpine, distroless/static|base|cc, ' +
        'scratch, golang:<v>[-suite|-alpine], or a glibc version such as 2.31)',
    );
  }
  return image;
}
