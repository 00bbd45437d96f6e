// Which C library a Linux distribution or container image provides: data shared by the binary
// lens (`gotrap audit --target`, the "runs on" verdict, BIN002/BIN003) and the build lens
// (BLD003: the final stage of a Dockerfile). Every row names its source; the glibc numbers are
// the catalog's (BLD003, "glibc by image"), rows derived from them say how.
//
// No Node APIs: the browser uses this table too.

export type LibcKind = 'glibc' | 'musl' | 'none';

export interface ImageLibc {
  /** Canonical reference: `debian:12`, `alpine`, `distroless/static`, `scratch`, `golang:1.22-bookworm`. */
  key: string;
  /** For people: `Debian 12 (bookworm)`. */
  label: string;
  libc: LibcKind;
  /** glibc release (`2.36`) when libc is glibc. For a floating tag: the lowest it can be. */
  glibc: string | null;
  /** Where the value comes from, as the catalog gives it (or how it was derived from it). */
  source: string;
  /** A caveat a report should repeat (dated data, floating tags). */
  note?: string;
}

interface Row extends ImageLibc {
  /** Other spellings that name the same row (lower case, without a registry). */
  aliases: string[];
  /** Part of the "runs on" verdict of every audited binary. */
  common: boolean;
}

const BLD003 = 'catalog BLD003 ("glibc by image")';

const DEBIAN: Array<[string, string, string]> = [
  ['10', 'buster', '2.28'],
  ['11', 'bullseye', '2.31'],
  ['12', 'bookworm', '2.36'],
  ['13', 'trixie', '2.41'],
];

const UBUNTU: Array<[string, string, string]> = [
  ['18.04', 'bionic', '2.27'],
  ['20.04', 'focal', '2.31'],
  ['22.04', 'jammy', '2.35'],
  ['24.04', 'noble', '2.39'],
];

const RHEL: Array<[string, string]> = [
  ['7', '2.17'],
  ['8', '2.28'],
  ['9', '2.34'],
];

function rows(): Row[] {
  const out: Row[] = [];
  for (const [ver, suite, glibc] of DEBIAN) {
    out.push({
      key: `debian:${ver}`,
      label: `Debian ${ver} (${suite})`,
      libc: 'glibc',
      glibc,
      source: `${BLD003}: Debian 10/11/12/13 = 2.28/2.31/2.36/2.41`,
      aliases: [`debian:${suite}`, `debian${ver}`, suite],
      common: true,
    });
  }
  for (const [ver, suite, glibc] of UBUNTU) {
    out.push({
      key: `ubuntu:${ver}`,
      label: `Ubuntu ${ver} (${suite})`,
      libc: 'glibc',
      glibc,
      source: `${BLD003}: Ubuntu 18.04/20.04/22.04/24.04 = 2.27/2.31/2.35/2.39`,
      aliases: [`ubuntu:${suite}`, `ubuntu${ver}`, suite],
      common: true,
    });
  }
  for (const [ver, glibc] of RHEL) {
    out.push({
      key: `rhel:${ver}`,
      label: `RHEL/CentOS ${ver}`,
      libc: 'glibc',
      glibc,
      source: `${BLD003}: RHEL/CentOS 7/8/9 = 2.17/2.28/2.34`,
      note:
        ver === '7'
          ? undefined
          : 'UBI, Rocky, Alma and Oracle Linux of the same major release are rebuilds with the same glibc',
      aliases: [
        `centos:${ver}`,
        `centos${ver}`,
        `rhel${ver}`,
        `ubi${ver}`,
        `ubi${ver}/ubi`,
        `ubi${ver}/ubi-minimal`,
        `ubi${ver}-minimal`,
        `redhat/ubi${ver}`,
        `redhat/ubi${ver}-minimal`,
        `rockylinux:${ver}`,
        `rockylinux/rockylinux:${ver}`,
        `almalinux:${ver}`,
        `oraclelinux:${ver}`,
        `centos:stream${ver}`,
        `centos/centos:stream${ver}`,
      ],
      common: true,
    });
  }
  out.push(
    {
      key: 'amazonlinux:2',
      label: 'Amazon Linux 2',
      libc: 'glibc',
      glibc: '2.26',
      source: `${BLD003}: Amazon Linux 2/2023 = 2.26/2.34`,
      aliases: ['al2', 'amazonlinux2'],
      common: true,
    },
    {
      key: 'amazonlinux:2023',
      label: 'Amazon Linux 2023',
      libc: 'glibc',
      glibc: '2.34',
      source: `${BLD003}: Amazon Linux 2/2023 = 2.26/2.34`,
      aliases: ['al2023', 'amazonlinux2023'],
      common: true,
    },
    {
      key: 'alpine',
      label: 'Alpine',
      libc: 'musl',
      glibc: null,
      source: `${BLD003}: "Alpine uses musl"`,
      aliases: [],
      common: true,
    },
    {
      key: 'distroless/static',
      label: 'distroless static',
      libc: 'none',
      glibc: null,
      source: 'catalog BIN002/BIN003/BLD003: distroless static has no C library',
      aliases: ['gcr.io/distroless/static', 'distroless/static-debian11', 'distroless/static-debian12'],
      common: true,
    },
    {
      key: 'distroless/base',
      label: 'distroless base (Debian 12)',
      libc: 'glibc',
      glibc: '2.36',
      source: `derived from ${BLD003} Debian 12 = 2.36: gcr.io/distroless/base is base-debian12`,
      aliases: ['gcr.io/distroless/base', 'distroless/base-nossl', 'distroless/base-debian12'],
      common: true,
    },
    {
      key: 'distroless/cc',
      label: 'distroless cc (Debian 12)',
      libc: 'glibc',
      glibc: '2.36',
      source: `derived from ${BLD003} Debian 12 = 2.36: gcr.io/distroless/cc is cc-debian12`,
      aliases: ['gcr.io/distroless/cc', 'distroless/cc-debian12'],
      common: true,
    },
    {
      key: 'scratch',
      label: 'scratch',
      libc: 'none',
      glibc: null,
      source: 'catalog BIN002/BIN003/BLD003: an empty image, no C library and no loader',
      aliases: [],
      common: true,
    },
  );
  return out;
}

const ROWS = rows();

/** Every row of the table, in order. */
export const IMAGE_TABLE: readonly ImageLibc[] = Object.freeze(ROWS.map((r) => Object.freeze(image(r))));

/** The images and distributions every "runs on" verdict is judged against, in table order. */
export const COMMON_IMAGES: readonly ImageLibc[] = IMAGE_TABLE.filter((_, i) => ROWS[i].common);

/**
 * The unsuffixed `golang:<v>` tag: the Debian that was current when the tag was last pushed
 * (catalog BLD003, dated data). A floating tag is judged as "Debian >= 12".
 */
export const GOLANG_UNSUFFIXED = Object.freeze({
  asOf: '2025-08',
  rule: 'bookworm (2.36) for Go <= 1.23; trixie (2.41) for 1.24.x/1.25+ tags pushed since August 2025',
  judgedAs: 'Debian >= 12 (glibc >= 2.36)',
  source: `${BLD003}, dated data (August 2025)`,
});

const BY_NAME = new Map<string, Row>();
for (const r of ROWS) {
  BY_NAME.set(r.key, r);
  for (const a of r.aliases) BY_NAME.set(a, r);
}

function image(r: Row): ImageLibc {
  const { aliases: _a, common: _c, ...rest } = r;
  return rest;
}

const DEBIAN_SUITES = new Map(DEBIAN.map(([ver, suite]) => [suite, ver]));

/** Drops a registry host and the `library/` namespace: `docker.io/library/debian:12` → `debian:12`. */
function normalise(ref: string): string {
  let s = ref.trim().toLowerCase();
  s = s.replace(/@sha256:[0-9a-f]+$/, '');
  s = s.replace(
    /^(docker\.io|index\.docker\.io|registry-1\.docker\.io|public\.ecr\.aws\/docker)\/(library\/)?/,
    '',
  );
  s = s.replace(/^library\//, '');
  s = s.replace(/^(registry\.access\.redhat\.com|registry\.redhat\.io|quay\.io|public\.ecr\.aws)\//, '');
  s = s.replace(/^gcr\.io\//, '');
  // Any other registry host (a first segment with a dot or a port: mirror.gcr.io, a private
  // registry) and its `library/` namespace: the image name is what follows.
  s = s.replace(/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?\/(library\/)?/, '');
  s = s.replace(/^localhost(:\d+)?\/(library\/)?/, '');
  // Vendors that publish under their own namespace: amazonlinux/amazonlinux:2, centos/centos:7.
  s = s.replace(/^([a-z0-9-]+)\/\1(?=[:@]|$)/, '$1');
  return s;
}

/**
 * The C library of an image or distribution reference: `debian:12`, `debian:bookworm-slim`,
 * `ubuntu:22.04`, `centos:7`, `redhat/ubi9`, `amazonlinux:2023`, `alpine:3.20`,
 * `gcr.io/distroless/static-debian12:nonroot`, `scratch`, `golang:1.22-bookworm`,
 * `golang:1.22-alpine`, `golang:1.23`. Null when the reference is not known.
 */
export function lookupImage(ref: string): ImageLibc | null {
  const s = normalise(ref);
  if (s === '') return null;
  const direct = BY_NAME.get(s);
  if (direct) return image(direct);

  const [name, tag = ''] = splitTag(s);

  if (name === 'scratch') return image(BY_NAME.get('scratch')!);
  if (name === 'alpine' || name === 'alpinelinux') {
    const r = image(BY_NAME.get('alpine')!);
    return tag && tag !== 'latest' && tag !== 'edge'
      ? { ...r, key: `alpine:${tag}`, label: `Alpine ${tag}` }
      : r;
  }
  if (name === 'debian') return debianTag(tag);
  if (name === 'ubuntu') {
    const t = tag.replace(/-\d{8}(\.\d+)?$/, '');
    for (const [ver, suite] of UBUNTU) {
      if (t === ver || t === suite || t.startsWith(`${suite}-`)) return image(BY_NAME.get(`ubuntu:${ver}`)!);
    }
    return null;
  }
  const rhel =
    /^(?:centos(?:\/centos)?|rhel|rockylinux(?:\/rockylinux)?|almalinux|oraclelinux|ubi(\d+)(?:\/ubi(?:-minimal|-micro|-init)?)?|redhat\/ubi(\d+)(?:-minimal|-micro|-init)?)$/.exec(
      name,
    );
  if (rhel) {
    const major = rhel[1] ?? rhel[2] ?? /^(?:stream)?(\d+)/.exec(tag)?.[1];
    const r = major ? BY_NAME.get(`rhel:${major}`) : undefined;
    return r ? image(r) : null;
  }
  if (name === 'amazonlinux') {
    if (tag === '2' || tag.startsWith('2.')) return image(BY_NAME.get('amazonlinux:2')!);
    if (tag === '2023' || tag.startsWith('2023')) return image(BY_NAME.get('amazonlinux:2023')!);
    return null;
  }
  const chainguard = /^(?:cgr\.dev\/)?chainguard\/([a-z0-9-]+)$/.exec(name);
  if (chainguard) return chainguardImage(chainguard[1]);
  if (name === 'wolfi-base' || name === 'wolfi') return chainguardImage('wolfi-base');
  const distroless = /^distroless\/(static|base|base-nossl|cc)(?:-debian(\d+))?$/.exec(name);
  if (distroless) return distrolessImage(distroless[1], distroless[2]);
  if (name === 'golang') return golangImage(tag);
  return null;
}

function splitTag(s: string): [string, string?] {
  const slash = s.lastIndexOf('/');
  const colon = s.indexOf(':', slash + 1);
  return colon < 0 ? [s] : [s.slice(0, colon), s.slice(colon + 1)];
}

function debianTag(tag: string): ImageLibc | null {
  // 12, 12.5, 12-slim, bookworm, bookworm-slim, bookworm-20240311, stable-slim is floating: unknown.
  const m = /^(\d+)(?:\.\d+)?(?:-.*)?$/.exec(tag);
  if (m) {
    const r = BY_NAME.get(`debian:${m[1]}`);
    return r ? image(r) : null;
  }
  const suite = tag.split('-')[0];
  const ver = DEBIAN_SUITES.get(suite);
  return ver ? image(BY_NAME.get(`debian:${ver}`)!) : null;
}

function distrolessImage(flavour: string, debian: string | undefined): ImageLibc | null {
  if (flavour === 'static') return image(BY_NAME.get('distroless/static')!);
  const base = flavour === 'cc' ? 'cc' : 'base';
  if (!debian || debian === '12') return image(BY_NAME.get(`distroless/${base}`)!);
  const deb = BY_NAME.get(`debian:${debian}`);
  if (!deb) return null;
  return {
    key: `distroless/${base}-debian${debian}`,
    label: `distroless ${base} (Debian ${debian})`,
    libc: 'glibc',
    glibc: deb.glibc,
    source: `derived from ${BLD003} Debian ${debian} = ${deb.glibc}: ${base}-debian${debian} is built from it`,
  };
}

const WOLFI =
  'Chainguard, "glibc vs. musl" (edu.chainguard.dev): Wolfi, the base of every Chainguard image, uses glibc';

/**
 * Chainguard images (Wolfi): glibc, rolling, so no version is claimed; `static` has no C library
 * (like distroless static). The catalog lists Wolfi with musl; Chainguard's own documentation says
 * glibc, and that is what the table follows.
 */
function chainguardImage(flavour: string): ImageLibc {
  if (flavour === 'static') {
    return {
      key: 'chainguard/static',
      label: 'Chainguard static',
      libc: 'none',
      glibc: null,
      source: `${WOLFI}; chainguard/static carries no C library`,
    };
  }
  return {
    key: `chainguard/${flavour}`,
    label: `Chainguard ${flavour} (Wolfi, glibc)`,
    libc: 'glibc',
    glibc: null,
    source: WOLFI,
    note: 'Wolfi is a rolling distribution: its glibc is recent, its exact version is not known here',
  };
}

/** `golang:<v>-<suite>` follows its Debian suite; `-alpine*` is musl; unsuffixed is dated data. */
function golangImage(tag: string): ImageLibc | null {
  const t = tag === '' ? 'latest' : tag;
  const alpine = /^(?:(.+)-)?alpine([\d.]*)$/.exec(t);
  if (alpine) {
    return {
      key: `golang:${t}`,
      label: `golang:${t} (Alpine)`,
      libc: 'musl',
      glibc: null,
      source: `${BLD003}: golang:<v>-alpine is Alpine ("Alpine uses musl")`,
    };
  }
  const suffixed = /^(?:(.+)-)?(buster|bullseye|bookworm|trixie)$/.exec(t);
  if (suffixed) {
    const deb = BY_NAME.get(`debian:${DEBIAN_SUITES.get(suffixed[2])}`)!;
    return {
      key: `golang:${t}`,
      label: `golang:${t} (${deb.label})`,
      libc: 'glibc',
      glibc: deb.glibc,
      source: `${BLD003}: golang:<v>-<suite> images follow their Debian suite (${deb.label} = ${deb.glibc})`,
    };
  }
  if (!/^(latest|\d+(\.\d+){0,2}(rc\d+)?)$/.test(t)) return null;
  return {
    key: `golang:${t}`,
    label: `golang:${t} (unsuffixed: Debian >= 12)`,
    libc: 'glibc',
    glibc: '2.36',
    source: GOLANG_UNSUFFIXED.source,
    note: `an unsuffixed golang tag is the Debian current when it was last pushed: ${GOLANG_UNSUFFIXED.rule} (as of ${GOLANG_UNSUFFIXED.asOf}); judged as ${GOLANG_UNSUFFIXED.judgedAs}`,
  };
}

// ---------------------------------------------------------------------------------------------
// glibc versions

/** `2.2.5` → [2, 2, 5]; null when it is not a dotted number. */
export function parseGlibcVersion(v: string): number[] | null {
  if (!/^\d+(\.\d+)+$/.test(v)) return null;
  return v.split('.').map(Number);
}

/** Numeric comparison: 2.2.5 < 2.3.2 < 2.17 < 2.34. */
export function compareGlibc(a: string, b: string): number {
  const x = parseGlibcVersion(a) ?? [0];
  const y = parseGlibcVersion(b) ?? [0];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
