// Builds the linkname knowledge base: a Go source tree first (--goroot, the config's goroot, or
// `go env GOROOT` when go is on PATH), consulted only for the release its VERSION file names,
// then the bundled per-release table. The tree is read lazily, one package at a time.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GorootKB, LayeredKB } from '../source/linkname/goroot.js';
import type { LinknameKB } from '../source/linkname/kb.js';
import { BundledKB } from '../source/linkname/table.js';

let detected: string | null | undefined;

/** `go env GOROOT` of the go on PATH, once per process; null without go. */
function detectGoroot(): string | null {
  if (detected !== undefined) return detected;
  detected = null;
  try {
    const out = execFileSync('go', ['env', 'GOROOT'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GOTOOLCHAIN: 'local' },
    }).trim();
    if (out && existsSync(out)) detected = out;
  } catch {
    // No go on PATH: the bundled table alone.
  }
  return detected;
}

function readVersion(goroot: string): string | null {
  try {
    return readFileSync(join(goroot, 'VERSION'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * `goroot` null means: detect one with `go env GOROOT`; pass `''` to use the table alone.
 * A tree without a readable VERSION file is not used (its release cannot be told).
 */
export function makeKB(goroot: string | null): LinknameKB {
  const table = new BundledKB();
  const root = goroot === null ? detectGoroot() : goroot || null;
  if (!root) return table;
  const version = readVersion(root);
  if (!version) return table;
  const reader = {
    readFile(rel: string): string | null {
      try {
        return readFileSync(join(root, rel), 'utf8');
      } catch {
        return null;
      }
    },
    listDir(rel: string): string[] | null {
      try {
        return readdirSync(join(root, rel));
      } catch {
        return null;
      }
    },
  };
  return new LayeredKB(new GorootKB(reader, version, { label: `GOROOT ${root}` }), table);
}
