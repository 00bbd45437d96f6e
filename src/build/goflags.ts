// The flags of one `go build|install|test|run` as cmd/go reads them: GOFLAGS from the environment
// first (defaults), then the command line (later wins); -ldflags split the way cmd/go splits it
// (whitespace, '...' and "..." quoting) and read for -linkmode, -extldflags and -X.

import { splitQuoted } from '../source/text.js';

export interface GoFlags {
  tags: string[];
  /** The -ldflags value that applies to the built packages (the last one given). */
  ldflags: string | null;
  /** -linkmode from -ldflags (`external`, `internal`, `auto`). */
  linkmode: string | null;
  /** -extldflags from -ldflags. */
  extldflags: string | null;
  buildmode: string | null;
  trimpath: boolean;
  race: boolean;
  /** Every -gcflags value (with its `pattern=` prefix, if any). */
  gcflags: string[];
  /** -o */
  output: string | null;
  /** -C dir (Go 1.20+). */
  chdir: string | null;
  /** Package patterns and .go files, as written. */
  packages: string[];
  /** Where a flag came from, for messages: `GOFLAGS` or `command line`. */
  from: Record<string, 'GOFLAGS' | 'command line'>;
}

/** Flags that take no value (a following word is a package). */
const BOOL_FLAGS = new Set([
  'a',
  'n',
  'race',
  'msan',
  'asan',
  'v',
  'work',
  'x',
  'trimpath',
  'linkshared',
  'modcacherw',
  'i',
  'cover',
  'json',
  'buildvcs',
  'short',
  'failfast',
  'benchmem',
]);

export function emptyFlags(): GoFlags {
  return {
    tags: [],
    ldflags: null,
    linkmode: null,
    extldflags: null,
    buildmode: null,
    trimpath: false,
    race: false,
    gcflags: [],
    output: null,
    chdir: null,
    packages: [],
    from: {},
  };
}

/** Reads GOFLAGS (space-separated `-flag=value` words) and then the command's own words. */
export function parseGoFlags(verb: string, args: readonly string[], goflags: string | null): GoFlags {
  const f = emptyFlags();
  if (goflags) apply(f, verb, goflags.split(/\s+/).filter(Boolean), 'GOFLAGS', false);
  apply(f, verb, args, 'command line', true);
  return f;
}

function apply(
  f: GoFlags,
  verb: string,
  words: readonly string[],
  from: 'GOFLAGS' | 'command line',
  packages: boolean,
): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      if (packages) f.packages.push(...words.slice(i + 1));
      return;
    }
    if (!w.startsWith('-') || w === '-') {
      if (!packages) continue;
      f.packages.push(w);
      // `go run x.go args...` / `go run ./cmd args...`: what follows the package goes to the program.
      if (verb === 'run' && !w.endsWith('.go')) return;
      continue;
    }
    const body = w.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    let value: string | null = eq >= 0 ? body.slice(eq + 1) : null;
    if (value === null && !BOOL_FLAGS.has(name)) {
      // Test binary flags (`-run X`, `-count 1`) also take a value; an unknown flag is assumed to.
      if (i + 1 < words.length) value = words[++i];
      else value = '';
    }
    set(f, name, value, from);
  }
}

function set(f: GoFlags, name: string, value: string | null, from: 'GOFLAGS' | 'command line'): void {
  const on = value === null || !/^(false|0)$/i.test(value);
  switch (name) {
    case 'tags':
      f.tags = (value ?? '')
        .split(/[,\s]+/)
        .map((t) => t.trim())
        .filter(Boolean);
      break;
    case 'ldflags': {
      const v = stripPattern(value ?? '');
      f.ldflags = v;
      readLdflags(f, v);
      break;
    }
    case 'gcflags':
      f.gcflags.push(value ?? '');
      break;
    case 'buildmode':
      f.buildmode = value;
      break;
    case 'trimpath':
      f.trimpath = on;
      break;
    case 'race':
      f.race = on;
      break;
    case 'o':
      f.output = value;
      break;
    case 'C':
      f.chdir = value;
      break;
    default:
      return;
  }
  f.from[name] = from;
}

/** `-ldflags=all=-s -w` and `-ldflags=./cmd/...=-X a=b`: the pattern form; keeps the flags. */
function stripPattern(v: string): string {
  const m = /^([^\s=-][^\s=]*)=(.*)$/s.exec(v);
  return m && !m[1].includes('"') && !m[1].includes("'") ? m[2] : v;
}

function readLdflags(f: GoFlags, v: string): void {
  f.linkmode = null;
  f.extldflags = null;
  const words = splitQuoted(v);
  for (let i = 0; i < words.length; i++) {
    const w = words[i].replace(/^--?/, '-');
    const m = /^-(linkmode|extldflags)(?:=(.*))?$/s.exec(w);
    if (!m) continue;
    const value = m[2] ?? words[++i] ?? '';
    if (m[1] === 'linkmode') f.linkmode = value;
    else f.extldflags = value;
  }
}

/** `-static` among -extldflags words (any quoting: `'-static'`, `"-static -lm"`, `-static-pie`). */
export function extldflagsStatic(extldflags: string | null): 'static' | 'static-pie' | null {
  if (!extldflags) return null;
  const words = splitQuoted(extldflags);
  if (words.includes('-static-pie')) return 'static-pie';
  return words.some((w) => w === '-static' || w === '--static') ? 'static' : null;
}

/** `-gcflags=all=-N -l` (or without the pattern): optimisations and inlining off — a debug build. */
export function isDebugGcflags(gcflags: readonly string[]): boolean {
  return gcflags.some((g) => {
    const words = splitQuoted(stripPattern(g));
    return words.includes('-N') && words.includes('-l');
  });
}

/** Words of a CGO_LDFLAGS / CGO_CFLAGS value. */
export function cflagWords(v: string | null): string[] {
  return v ? splitQuoted(v) : [];
}
