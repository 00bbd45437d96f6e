// Oracle tests: every testdata case with an oracle.json is built, vetted or run with the real Go
// toolchain, and the toolchain's output must show what the rule claims (the bad example fails
// to link, the mismatch links silently, ...). Claims carry the Go minor range they hold for;
// outside it the case is skipped (version), never passed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listCases } from './support/cases.js';
import { findGoToolchains, type GoTool, needTool } from './support/toolchain.js';

interface Oracle {
  cmd: 'build' | 'vet' | 'run';
  expect: string;
  exit: 'ok' | 'fail';
  go?: string;
  cgo?: boolean;
}

function inRange(minor: number, range: string | undefined): boolean {
  if (!range) return true;
  const m = /^1\.(\d+)(?:-1\.(\d+))?$/.exec(range);
  if (!m) throw new Error(`bad go range "${range}" (expected 1.19 or 1.19-1.22)`);
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  return minor >= lo && minor <= hi;
}

const toolchains = findGoToolchains();

/** The toolchain on PATH when its release is in range, else any installed one that is. */
function pick(range: string | undefined): GoTool | undefined {
  return toolchains.find((t) => inRange(t.minor, range));
}
const oracles = listCases()
  .map((c) => ({ c, file: join(c.dir, 'oracle.json') }))
  .filter((x) => existsSync(x.file))
  .map((x) => ({ ...x, oracle: JSON.parse(readFileSync(x.file, 'utf8')) as Oracle }));

describe('oracle: the real Go toolchain confirms each claim', () => {
  it('has oracle cases', () => assert.ok(oracles.length > 0));
  for (const { c, oracle } of oracles) {
    const name = `${c.rule}/${c.name}: go${oracle.go ? ` ${oracle.go}` : ''} ${oracle.cmd} ${oracle.exit === 'fail' ? 'fails' : 'succeeds'} with /${oracle.expect}/`;
    const go = pick(oracle.go);
    const skip =
      needTool('go', toolchains.length > 0) ||
      (go
        ? false
        : `version: no installed Go in ${oracle.go} (have ${toolchains.map((t) => t.version).join(', ')})`);
    it(name, { skip, timeout: 300_000 }, () => {
      const dir = mkdtempSync(join(tmpdir(), 'gotrap-oracle-'));
      try {
        cpSync(c.dir, dir, { recursive: true });
        // In the temp copy a single main package may write its binary there; nothing else is kept.
        const args =
          oracle.cmd === 'run' ? ['run', '.'] : oracle.cmd === 'vet' ? ['vet', './...'] : ['build', './...'];
        const r = spawnSync(go!.bin, args, {
          cwd: dir,
          encoding: 'utf8',
          timeout: 240_000,
          env: {
            ...process.env,
            GOTOOLCHAIN: 'local',
            GOPROXY: 'off',
            GOFLAGS: '-mod=mod',
            GO111MODULE: 'on',
            CGO_ENABLED: oracle.cgo === false ? '0' : '1',
          },
        });
        const out = `${r.stdout}${r.stderr}`;
        const ok = r.status === 0;
        assert.equal(ok, oracle.exit === 'ok', `exit status ${r.status}; output:\n${out}`);
        assert.match(out, new RegExp(oracle.expect, 'm'), `output:\n${out}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
