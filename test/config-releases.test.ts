// `.gotrap.yaml`'s `cgo.releases` reaches CGO001: a C function the project declares as taking
// ownership of the memory passed to it releases a C.CString like C.free would.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { runScan } from '../src/cli/scan.js';
import { EMPTY_CONFIG, parseConfig } from '../src/core/config.js';
import { ALL_RULES } from '../src/rules.js';

const SRC = `package store

// static void lib_take(char *s) { (void)s; }
import "C"

// Put hands the key to the C library, which keeps and later frees it.
func Put(key string) { C.lib_take(C.CString(key)) }
`;

async function cgo001(config: typeof EMPTY_CONFIG): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'gotrap-releases-'));
  try {
    mkdirSync(join(dir, 'store'));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/store\n\ngo 1.21\n');
    writeFileSync(join(dir, 'store', 'store.go'), SRC);
    const { result } = await runScan({
      cwd: process.cwd(),
      paths: [relative(process.cwd(), dir)],
      config,
      go: null,
      goroot: '',
      includeVendor: false,
      includeGenerated: false,
      ruleIds: new Set(ALL_RULES.map((r) => r.id)),
      workers: 0,
    });
    return result.findings.filter((f) => f.rule === 'CGO001').length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('cgo.releases configuration', () => {
  it('without it, the C.CString handed to lib_take is reported as leaked', async () => {
    assert.equal(await cgo001(EMPTY_CONFIG), 1);
  });
  it('with lib_take listed, the hand-over counts as a release', async () => {
    const cfg = parseConfig('cgo:\n  releases: [lib_take]\n', '.gotrap.yaml');
    assert.deepEqual(cfg.releases, ['lib_take']);
    assert.equal(await cgo001(cfg), 0);
  });
});
