// Finds the real tools oracle tests need. Without them a test is skipped with a visible
// reason — except under CI=true, where a missing tool fails the run.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface GoTool {
  bin: string;
  minor: number;
  version: string;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

let cached: GoTool | null | undefined;

/** The `go` on PATH (CI puts /usr/lib/go-1.19/bin there), or null. */
export function findGo(): GoTool | null {
  if (cached !== undefined) return cached;
  const bin = onPath('go');
  cached = null;
  if (bin) {
    try {
      const out = execFileSync(bin, ['version'], {
        encoding: 'utf8',
        env: { ...process.env, GOTOOLCHAIN: 'local' },
      });
      const m = /go1\.(\d+)(?:\.\d+)?/.exec(out);
      if (m) cached = { bin, minor: Number(m[1]), version: m[0] };
    } catch {
      cached = null;
    }
  }
  return cached;
}

/**
 * Every Go toolchain available: the one on PATH first, then Debian's /usr/lib/go-1.N trees
 * (CI installs golang-1.19 and, from bookworm-backports, golang-1.23-go).
 */
export function findGoToolchains(): GoTool[] {
  const out: GoTool[] = [];
  const first = findGo();
  if (first) out.push(first);
  let dirs: string[] = [];
  try {
    dirs = readdirSync('/usr/lib').filter((d) => /^go-1\.\d+$/.test(d));
  } catch {
    // not Debian-like: PATH only
  }
  for (const d of dirs.sort()) {
    const bin = join('/usr/lib', d, 'bin', 'go');
    if (!existsSync(bin) || out.some((t) => t.bin === bin)) continue;
    const v = versionOf(bin);
    if (v && !out.some((t) => t.minor === v.minor)) out.push(v);
  }
  return out;
}

function versionOf(bin: string): GoTool | null {
  try {
    const out = execFileSync(bin, ['version'], {
      encoding: 'utf8',
      env: { ...process.env, GOTOOLCHAIN: 'local' },
    });
    const m = /go1\.(\d+)(?:\.\d+)?/.exec(out);
    return m ? { bin, minor: Number(m[1]), version: m[0] } : null;
  } catch {
    return null;
  }
}

/**
 * The skip option for node:test: false when the tool is there; a reason string otherwise.
 * Under CI=true a missing tool throws instead, so the run fails.
 */
export function needTool(name: string, found: unknown): false | string {
  if (found) return false;
  const reason = name.includes('/') ? `${name} not found` : `${name} not found on PATH`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires it`);
  return reason;
}

export function hasCommand(name: string): boolean {
  return onPath(name) !== null;
}
