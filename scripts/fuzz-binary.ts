// `npm run fuzz [-- --cases N --seed S]`: the long mode of the binary fuzzer. Builds the Go
// seeds with the `go` on PATH, adds the synthetic ELF/Mach-O/PE seeds, and runs N mutated cases
// (default 100,000) split over worker threads. Prints outcome counts, the slowest case, heap, and
// every escaped exception or case over 1 s; exits 1 if there was any.

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type FuzzStats, fuzz, syntheticSeeds } from '../test/support/fuzz.js';
import { buildSeeds } from '../test/support/go-seeds.js';
import { findGo } from '../test/support/toolchain.js';

interface Job {
  seeds: { name: string; bytes: Uint8Array }[];
  cases: number;
  seed: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

if (!isMainThread) {
  const job = workerData as Job;
  parentPort!.postMessage(fuzz(job.seeds, job.cases, { seed: job.seed }));
} else {
  const cases = arg('--cases', 100_000);
  const seed = arg('--seed', 1);
  const go = findGo();
  const dir = mkdtempSync(join(tmpdir(), 'gotrap-fuzz-'));
  const seeds = syntheticSeeds();
  try {
    if (go) seeds.push(...buildSeeds(go, dir).map((s) => ({ name: s.name, bytes: s.bytes })));
    else console.log('note: go not on PATH, synthetic seeds only');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const workers = Math.max(1, Math.min(availableParallelism(), 4));
  console.log(
    `fuzzing ${cases} cases over ${seeds.length} seeds (${seeds.map((s) => s.name).join(', ')}) on ${workers} threads`,
  );
  const started = performance.now();
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const n = Math.floor(cases / workers) + (i < cases % workers ? 1 : 0);
      return new Promise<FuzzStats>((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), {
          workerData: { seeds, cases: n, seed: seed * 1000 + i },
        });
        w.once('message', resolve);
        w.once('error', reject);
      });
    }),
  );
  const total = parts.reduce(
    (a, p) => ({
      cases: a.cases + p.cases,
      report: a.report + p.outcomes.report,
      notGo: a.notGo + p.outcomes['not-go'],
      malformed: a.malformed + p.outcomes.malformed,
      escapes: [...a.escapes, ...p.escapes],
      slow: [...a.slow, ...p.slow],
      maxMs: Math.max(a.maxMs, p.maxMs),
      totalMs: a.totalMs + p.totalMs,
      maxHeapMB: Math.max(a.maxHeapMB, p.maxHeapMB),
    }),
    {
      cases: 0,
      report: 0,
      notGo: 0,
      malformed: 0,
      escapes: [] as FuzzStats['escapes'],
      slow: [] as FuzzStats['slow'],
      maxMs: 0,
      totalMs: 0,
      maxHeapMB: 0,
    },
  );
  console.log(
    `cases ${total.cases}: report ${total.report}, not a Go binary ${total.notGo}, malformed ${total.malformed}`,
  );
  console.log(`escaped exceptions ${total.escapes.length}; cases over 1 s ${total.slow.length}`);
  console.log(
    `per case: mean ${(total.totalMs / total.cases).toFixed(2)} ms, max ${total.maxMs.toFixed(0)} ms; max heap ${total.maxHeapMB.toFixed(0)} MB per thread; wall ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const e of total.escapes.slice(0, 20)) console.log(`  ESCAPE ${e.what}: ${e.error}`);
  for (const s of total.slow.slice(0, 20)) console.log(`  SLOW ${s.what}: ${s.ms} ms`);
  process.exitCode = total.escapes.length + total.slow.length > 0 ? 1 : 0;
}
