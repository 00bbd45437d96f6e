// The configuration's shape and the parts of it every command needs (defaults, rule selection,
// path exclusion), without the YAML reader: config.ts parses `.gotrap.yaml` and is loaded only
// when such a file exists, which keeps the start-up of every command short.

import type { Finding } from './finding.js';

export type ConfigSeverity = 'error' | 'warning' | 'info' | 'off';

export interface GotrapConfig {
  /** Only these rules run; null means all of them. */
  enable: string[] | null;
  disable: string[];
  severity: Record<string, ConfigSeverity>;
  /** Glob patterns of paths to skip. */
  exclude: string[];
  go: string | null;
  goroot: string | null;
  /** C functions that take ownership of C memory passed to them (CGO001). */
  releases: string[];
}

/** The configuration used when there is no file. Frozen: copy it before changing anything. */
export const EMPTY_CONFIG: GotrapConfig = Object.freeze({
  enable: null,
  disable: Object.freeze([]) as unknown as string[],
  severity: Object.freeze({}) as Record<string, ConfigSeverity>,
  exclude: Object.freeze([]) as unknown as string[],
  go: null,
  goroot: null,
  releases: Object.freeze([]) as unknown as string[],
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Turns a glob into a RegExp matched against a relative path with '/' separators, following
 * .gitignore: `*` and `?` stay within one path segment, `**` spans segments (`**\/x`, `a/**`,
 * `a/**\/b`), a pattern with no '/' (other than a trailing one) matches at any depth, a
 * pattern with one is anchored at the root, and a trailing '/' matches directories only.
 * A pattern that names a directory also matches everything under it. Character classes
 * (`[abc]`) are not supported: the brackets match themselves.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern === '' || pattern === '/') return /(?!)/;
  const directoryOnly = pattern.endsWith('/');
  pattern = pattern.replace(/\/+$/, '');
  const anchored = pattern.includes('/');
  pattern = pattern.replace(/^(\.\/|\/)+/, '');
  const start = anchored ? '^' : '^(?:.*/)?';
  const end = directoryOnly ? '/.*$' : '(?:/.*)?$';
  return new RegExp(start + segmentsToRegExp(pattern.split('/')) + end);
}

function segmentsToRegExp(segments: string[]): string {
  let out = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      out += last ? '.*' : '(?:.*/)?';
    } else {
      out += segmentToRegExp(segment) + (last ? '' : '/');
    }
  });
  return out;
}

function segmentToRegExp(segment: string): string {
  let out = '';
  for (const c of segment) {
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

const compiled = new Map<string, RegExp>();

function cachedGlob(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = globToRegExp(pattern);
    compiled.set(pattern, re);
  }
  return re;
}

/** Does any pattern match the path (relative, '/' or '\' separators, optional leading './')? */
export function isExcluded(relPath: string, patterns: string[]): boolean {
  const path = relPath.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  return patterns.some((p) => cachedGlob(p).test(path));
}

// ---------------------------------------------------------------------------------------------
// Rule selection

/**
 * Does the rule run? Not when its severity is `off` or it is disabled; when an enable list is
 * given, only the rules on it run. Ids are compared in upper case.
 */
export function ruleEnabled(cfg: GotrapConfig, id: string): boolean {
  const upper = id.toUpperCase();
  if (cfg.severity[upper] === 'off') return false;
  if (cfg.disable.includes(upper)) return false;
  return cfg.enable === null || cfg.enable.includes(upper);
}

/**
 * The configuration's say over findings: rules it turned `off` are dropped, severities it set
 * replace the rules' own; with `ruleIds`, only the selected rules' findings are kept.
 */
export function applyConfig(
  findings: Finding[],
  cfg: GotrapConfig,
  ruleIds?: ReadonlySet<string>,
): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (ruleIds && !ruleIds.has(f.rule)) continue;
    const sev = cfg.severity[f.rule];
    if (sev === 'off') continue;
    out.push(sev ? { ...f, severity: sev } : f);
  }
  return out;
}
