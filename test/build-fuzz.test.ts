// Mutation fuzzing of the build lens: every build file of the BLD testdata, truncated, with bytes
// flipped, lines duplicated or shuffled, quotes and brackets dropped, is read and judged by the
// whole lens. Nothing may throw, no rule may fail internally, and every finding must point into
// the file it names.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { analyzeBuild } from '../src/build/engine.js';
import type { BuildFile, BuildFileKind } from '../src/build/model.js';
import { BUILD_RULES } from '../src/build/rules/index.js';
import { buildFileKind } from '../src/cli/walk.js';

const TESTDATA = join(import.meta.dirname, '..', '..', 'testdata', 'src');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, r: () => number): string {
  const pick = (n: number) => Math.floor(r() * n);
  switch (pick(7)) {
    case 0:
      return text.slice(0, pick(text.length + 1));
    case 1: {
      const b = [...text];
      for (let k = 0; k < 1 + pick(8); k++) b[pick(b.length)] = String.fromCharCode(pick(128));
      return b.join('');
    }
    case 2: {
      const lines = text.split('\n');
      const i = pick(lines.length);
      lines.splice(i, 0, ...lines.slice(i, i + 1 + pick(5)));
      return lines.join('\n');
    }
    case 3:
      return text.replace(/["'`]/g, () => (r() < 0.5 ? '' : '"'));
    case 4:
      return text.replace(/[[\]{}()]/g, () => (r() < 0.3 ? '' : '{'));
    case 5: {
      const lines = text.split('\n');
      for (let k = lines.length - 1; k > 0; k--) {
        const j = pick(k + 1);
        [lines[k], lines[j]] = [lines[j], lines[k]];
      }
      return lines.join('\n');
    }
    default:
      return text.replace(/\n/g, () => (r() < 0.2 ? '\\\n' : r() < 0.1 ? '\n<<EOF\n' : '\n'));
  }
}

const seeds: BuildFile[] = [];
for (const abs of filesUnder(TESTDATA).filter((p) => /[/\\]BLD00\d[/\\]/.test(p))) {
  const path = relative(TESTDATA, abs).split('\\').join('/');
  const kind = buildFileKind(path);
  if (!kind) continue;
  seeds.push({
    path,
    kind: (kind === 'yaml' ? 'kubernetes' : kind) as BuildFileKind,
    text: readFileSync(abs, 'utf8'),
  });
}

test('the build lens survives mutated build files', { timeout: 120_000 }, () => {
  assert.ok(seeds.length >= 40, `only ${seeds.length} seed files`);
  const r = rng(20261129);
  let findings = 0;
  for (const seed of seeds) {
    for (let k = 0; k < 25; k++) {
      const file = { ...seed, text: mutate(seed.text, r) };
      const lines = file.text.split('\n').length;
      const res = analyzeBuild({ files: [file], packages: [], modules: [] }, BUILD_RULES);
      assert.deepEqual(res.errors, [], `${seed.path} mutation ${k}`);
      for (const f of res.findings) {
        findings++;
        assert.equal(f.file, seed.path);
        assert.ok(
          f.line === undefined || (f.line >= 1 && f.line <= lines),
          `${seed.path}: line ${f.line} of ${lines}`,
        );
      }
    }
  }
  assert.ok(findings > 0, 'the mutations never produced a finding: the lens did not run');
});
