// Dockerfile stages and what moves between them: which stages a stage builds on, where a go
// command leaves its output inside the image, and whether a COPY --from takes it into a later stage.

import type { DockerCopy, DockerfileModel } from './model.js';
import { joinAbs } from './paths.js';
import type { ResolvedBuild } from './resolve.js';

/** Marks Dockerfile builds whose output ships in the final stage (BLD003/BLD004 "release"). */
export function markDockerRelease(b: ResolvedBuild): void {
  const df = b.dockerfile;
  const stage = b.stage;
  if (!df || !stage || df.stages.length === 0) return;
  const final = df.stages[df.stages.length - 1];
  if (stageChain(df, final.index).includes(stage.index)) {
    b.release = true;
    return;
  }
  b.release = copyOf(b, final.index) !== null;
}

/** The stage and every stage it builds on. */
export function stageChain(df: DockerfileModel, index: number): number[] {
  const out: number[] = [];
  for (let i: number | null = index; i !== null && !out.includes(i); i = df.stages[i]?.baseStage ?? null) {
    out.push(i);
  }
  return out;
}

/** `$GOPATH`/`${GOPATH}` in an image path: the command's GOPATH, else /go (the golang images'). */
function gopath(b: ResolvedBuild, p: string): string {
  const gp = b.cmd.env.GOPATH?.value ?? '/go';
  return p.replace(/\$\{?GOPATH\}?/g, gp);
}

/**
 * The name of the file a build writes: `-o`'s last element, else the last element of the one
 * package it builds (a `go install tool@v1.2` pattern counts; `/v2`-style suffixes are skipped).
 * Null when several binaries come out or the name is not known.
 */
export function binaryName(b: ResolvedBuild): string | null {
  const o = b.flags.output;
  if (o && !o.endsWith('/') && !/[$`]/.test(o)) return o.split('/').pop() || null;
  const pats = b.flags.packages.filter((p) => !p.endsWith('.go'));
  if (b.program.roots.length === 1 && pats.length <= 1 && !pats[0]?.includes('...'))
    return lastElement(b.program.roots[0].importPath);
  if (b.external && pats.length === 1 && pats[0].includes('@'))
    return lastElement(pats[0].replace(/@.*$/, ''));
  return null;
}

function lastElement(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  let last = parts.pop();
  if (last && /^v\d+$/.test(last) && parts.length > 0) last = parts.pop();
  return last && last !== '.' && last !== '..' ? last : null;
}

/**
 * Where `go build`/`go install` leaves its output inside the image (absolute): the file when its
 * name is known, else the directory it goes to; null if unknown.
 */
export function outputPath(b: ResolvedBuild): string | null {
  const o = b.flags.output === null ? null : gopath(b, b.flags.output);
  const wd = b.cmd.imageDir === null ? null : gopath(b, b.cmd.imageDir);
  const name = binaryName(b);
  const within = (dir: string): string => normal(name ? `${dir}/${name}` : dir);
  if (o !== null) {
    if (/[$`]/.test(o)) return null;
    if (o.endsWith('/')) return o.startsWith('/') ? within(o) : wd ? within(`${wd}/${o}`) : null;
    if (o.startsWith('/')) return normal(o);
    return wd ? normal(`${wd}/${o}`) : null;
  }
  if (b.cmd.verb === 'install') {
    const gobin = b.cmd.env.GOBIN?.value;
    if (gobin) return within(gobin);
    const gopath = b.cmd.env.GOPATH?.value ?? '/go';
    return within(`${gopath}/bin`);
  }
  return wd ? within(wd) : null;
}

/** A COPY source pattern (`*`, `?`, `[...]`) as a regular expression over whole paths. */
function globRegex(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[' || ch === ']') re += ch;
    else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** An absolute image path with `.`, `..` and `//` folded. */
function normal(p: string): string {
  return joinAbs('/', p);
}

/**
 * Where the output lands in `target`: the COPY that takes it and the path the binary gets there
 * (`/app`; for a directory destination, the destination plus the output's name).
 */
export function copyOf(b: ResolvedBuild, target: number): { copy: DockerCopy; path: string } | null {
  const df = b.dockerfile;
  if (!df || !b.stage) return null;
  const name = binaryName(b);
  const landed = (c: DockerCopy): string => (c.dest.endsWith('/') && name ? `${c.dest}${name}` : c.dest);
  const takes = (c: DockerCopy, at: string | null): boolean => {
    if (at === null) return true;
    return c.src.some((raw0) => {
      const raw = gopath(b, raw0);
      const src = normal(raw.startsWith('/') ? raw : `/${raw}`);
      if (/[*?[]/.test(src)) {
        // `/go/bin/minio*` takes /go/bin/minio but not /go/bin/minisign; `/out/*` takes /out/app.
        const re = globRegex(src);
        const dir = src.slice(0, src.search(/[*?[]/)).replace(/\/[^/]*$/, '');
        return (
          re.test(at) ||
          (name === null && (at === dir || at.startsWith(`${dir}/`) || dir.startsWith(`${at}/`)))
        );
      }
      return at === src || at.startsWith(`${src}/`) || src.startsWith(`${at}/`) || src === '/';
    });
  };
  const finalStages = new Set(stageChain(df, target));
  // Follow the file from stage to stage (build → pack → final), at most a few hops.
  let frontier: { stages: Set<number>; at: string | null }[] = [
    { stages: new Set(stageChainReverse(df, b.stage.index)), at: outputPath(b) },
  ];
  const seen = new Set<number>([b.stage.index]);
  for (let hop = 0; hop < 4 && frontier.length > 0; hop++) {
    const next: typeof frontier = [];
    for (const { stages, at } of frontier) {
      for (const st of df.stages) {
        for (const c of st.copies) {
          if (typeof c.from !== 'number' || !stages.has(c.from) || !takes(c, at)) continue;
          if (finalStages.has(st.index)) return { copy: c, path: landed(c) };
          if (seen.has(st.index)) continue;
          seen.add(st.index);
          next.push({ stages: new Set(stageChainReverse(df, st.index)), at: landed(c) });
        }
      }
    }
    frontier = next;
  }
  return null;
}

/** The stage and every later stage built on it (a COPY may name either). */
function stageChainReverse(df: DockerfileModel, index: number): number[] {
  return df.stages.filter((s) => stageChain(df, s.index).includes(index)).map((s) => s.index);
}
