// Judgements several build rules share: does a build ask for static linking, will Go's linker
// link it externally, which libc-bound packages it links without the pure-Go tags, and is the
// resulting binary dynamically linked.

import { cflagWords, extldflagsStatic } from './goflags.js';
import { alwaysExternal, internalPieSupported } from './known.js';
import type { Loc } from './model.js';
import type { Program } from './program.js';
import type { ResolvedBuild } from './resolve.js';

export interface StaticRequest {
  /** How it was asked for, for messages. */
  how: string;
  /** Where, when it is not the command itself. */
  loc?: Loc;
  kind: 'static' | 'static-pie';
}

/** Every way the build asks the external linker for a static binary. */
export function staticRequests(b: ResolvedBuild): StaticRequest[] {
  const out: StaticRequest[] = [];
  const ext = extldflagsStatic(b.flags.extldflags);
  if (ext) out.push({ how: `-ldflags -extldflags '${b.flags.extldflags}'`, kind: ext });
  const env = b.cmd.env.CGO_LDFLAGS;
  const envStatic = env?.value ? extldflagsStatic(env.value) : null;
  if (env && envStatic) out.push({ how: `CGO_LDFLAGS=${env.value}`, loc: env.loc, kind: envStatic });
  for (const l of b.program.staticLdflags) {
    out.push({ how: l.text, loc: { file: l.file, line: l.line, column: l.column }, kind: 'static' });
  }
  return out;
}

/** Why Go's linker will link this build externally (null: it links internally). */
export function externalLinkReason(b: ResolvedBuild): string | null {
  const own = b.program.cgo[0];
  if (own) return `${own.pkg} has cgo code of its own${own.file ? ` (${own.file})` : ''}`;
  if (b.flags.linkmode === 'external') return '-ldflags -linkmode external';
  const mode = b.flags.buildmode;
  if (mode === 'c-shared' || mode === 'c-archive' || mode === 'plugin' || mode === 'shared')
    return `-buildmode=${mode} always links externally`;
  for (const name of ['CGO_CFLAGS', 'CGO_CXXFLAGS', 'CGO_CPPFLAGS'] as const) {
    const v = b.cmd.env[name]?.value;
    const fl = cflagWords(v ?? null).find((w) => /^-f(lto|plugin)/.test(w));
    // Seen with Go 1.19 and 1.23: cmd/go hands such packages (runtime/cgo and os/user included)
    // to the external linker (cmd/go checkCompilerFlagsForInternalLink).
    if (fl) return `${name} has ${fl}, which makes Go link externally`;
  }
  if (b.goos && b.goarch) {
    if (alwaysExternal(b.goos, b.goarch)) return `${b.goos}/${b.goarch} always links cgo programs externally`;
    if (mode === 'pie' && !internalPieSupported(b.goos, b.goarch))
      return `-buildmode=pie links externally on ${b.goos}/${b.goarch}`;
  }
  return null;
}

/** The NSS-backed lookups the program links with cgo: net without netgo, os/user without osusergo. */
export function nssUse(p: Program, buildTags: readonly string[]): string[] {
  const tags = new Set(buildTags);
  const out: string[] = [];
  if (p.net && !tags.has('netgo')) {
    out.push(
      p.net.imports === 'net'
        ? `net (imported by ${p.net.pkg})`
        : `net (through ${p.net.imports}, imported by ${p.net.pkg})`,
    );
  }
  if (p.osUser && !tags.has('osusergo')) out.push(`os/user (imported by ${p.osUser.pkg})`);
  return out;
}

/** The binary will be dynamically linked against the builder's libc, and why (null: static). */
export function dynamicReason(b: ResolvedBuild): string | null {
  if (b.cgo.value !== true) return null;
  const statics = staticRequests(b);
  const ext = externalLinkReason(b);
  if (statics.length > 0 && ext !== null) return null; // a static binary (BLD001's business)
  if (b.program.cgo.length > 0) return `${b.program.cgo[0].pkg} uses cgo`;
  if (b.flags.race) return '-race links the race runtime against libc';
  const nss = nssUse(b.program, b.flags.tags);
  if (nss.length > 0) return `it links ${nss.join(' and ')} with cgo on`;
  return null;
}

/** `-tags` advice that keeps the rest of the tags. */
export function withTags(b: ResolvedBuild, add: string[]): string {
  const tags = [...new Set([...b.flags.tags, ...add])];
  return `-tags ${tags.join(',')}`;
}
