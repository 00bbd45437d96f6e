// `npm run bench:binary`: builds every binary fixture of testdata/binary with the `go` on PATH,
// then in the same run times `gotrap audit` over all of them (one process, JSON out) against the
// anchor: `go version -m` on all of them plus `readelf -d -V` on each ELF file. Target: gotrap's
// full audit takes no longer than the anchor commands together.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditBinary } from '../src/binary/audit.js';
import { bytesSource } from '../src/binary/types.js';
import { buildFixtures } from '../test/support/binaries.js';
import { findGo } from '../test/support/toolchain.js';

const RUNS = 5;
const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function isElf(path: string): boolean {
  const fd = openSync(path, 'r');
  const b = Buffer.alloc(4);
  readSync(fd, b, 0, 4, 0);
  closeSync(fd);
  return b[0] === 0x7f && b.toString('latin1', 1, 4) === 'ELF';
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const go = findGo();
if (!go) {
  process.stderr.write('bench:binary: go not found on PATH (export PATH=/usr/lib/go-1.19/bin:$PATH)\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'gotrap-bench-bin-'));
try {
  const built = await buildFixtures(go.bin, dir);
  const files = [...built.values()].map((b) => b.path).filter((p): p is string => p !== null);
  const elves = files.filter(isElf);
  console.log(
    `gotrap binary bench — ${files.length} fixture binaries (${elves.length} ELF) built with ${go.version}`,
  );
  const gotrap: number[] = [];
  let rss = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'audit', ...files, '--format', 'json', '--fail-on', 'none'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, GOTRAP_STATS: '1' },
    });
    gotrap.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`gotrap audit failed: ${r.stderr}`);
    const m = /GOTRAP_STATS (\{.*\})/.exec(r.stderr);
    if (m) rss = Math.max(rss, (JSON.parse(m[1]) as { maxRssKB: number }).maxRssKB / 1024);
    if (i === 0) {
      const out = JSON.parse(r.stdout) as { binaries: unknown[] };
      console.log(`audited           ${out.binaries.length} binaries`);
    }
  }
  const anchor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    anchor.push(
      timed(() => {
        const v = spawnSync(go.bin, ['version', '-m', ...files], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        if (v.status !== 0) throw new Error(`go version -m failed: ${v.stderr}`);
        for (const f of elves)
          spawnSync('readelf', ['-d', '-V', f], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      }),
    );
  }
  // The same audit in-process (no Node start-up, no module loading; files read into memory).
  const inProcess: number[] = [];
  const blobs = files.map((f) => new Uint8Array(readFileSync(f)));
  for (let i = 0; i < RUNS; i++) {
    inProcess.push(
      timed(() => {
        for (const [j, b] of blobs.entries()) auditBinary(bytesSource(b), { file: files[j] });
      }),
    );
  }
  const g = median(gotrap);
  const a = median(anchor);
  console.log(
    `gotrap audit      ${g.toFixed(0)} ms median of ${RUNS} (${gotrap.map((x) => x.toFixed(0)).join(', ')}); peak RSS ${rss.toFixed(0)} MB`,
  );
  console.log(
    `anchor            ${a.toFixed(0)} ms median of ${RUNS}: go version -m on all + readelf -d -V on each ELF (${anchor.map((x) => x.toFixed(0)).join(', ')})`,
  );
  const ip = median(inProcess);
  console.log(
    `in-process audit  ${ip.toFixed(0)} ms median of ${RUNS} (the audit work without Node start-up: ${(ip / a).toFixed(2)} x anchor)`,
  );
  console.log(`ratio gotrap/anchor ${(g / a).toFixed(2)}; target <= 1: ${g <= a ? 'met' : 'MISSED'}`);
  process.exitCode = g <= a ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
