// Short mode of the binary fuzzer (the long mode is `npm run fuzz`): mutated ELF, Mach-O and PE
// files, synthetic and built by Go, must each end as a report, "not a Go binary" or
// "malformed" — never another exception, never a case over the time limit.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fuzz, syntheticSeeds } from './support/fuzz.js';
import { buildSeeds } from './support/go-seeds.js';
import { findGo, needTool } from './support/toolchain.js';

function check(stats: ReturnType<typeof fuzz>): void {
  assert.deepEqual(stats.escapes.slice(0, 5), [], `exceptions escaped in ${stats.escapes.length} cases`);
  assert.deepEqual(stats.slow.slice(0, 5), [], `${stats.slow.length} cases took over 1 s`);
  assert.equal(stats.outcomes.report + stats.outcomes['not-go'] + stats.outcomes.malformed, stats.cases);
}

describe('binary fuzzer (short mode)', () => {
  it('synthetic ELF, Mach-O and PE seeds', { timeout: 120_000 }, () => {
    const stats = fuzz(syntheticSeeds(), 3000, { seed: 7 });
    check(stats);
    assert.ok(stats.outcomes.malformed > 0, 'some mutations must be recognised as malformed');
  });

  const go = findGo();
  it('Go-built seeds (static, cgo, stripped, arm64, 386, s390x, windows, darwin)', {
    skip: needTool('go', go),
    timeout: 300_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotrap-fuzz-'));
    try {
      const seeds = buildSeeds(go!, dir);
      const stats = fuzz(seeds, 600, { seed: 11 });
      check(stats);
      assert.ok(stats.outcomes.report > 0, 'some mutated Go binaries must still be audited');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
