// `npm run bench`: scans Debian's Go 1.19 source tree with gotrap and, in the same run, times
// `go vet std` (warm cache) as the anchor. Prints files, MB/s, wall time, peak RSS, the ratio
// to the anchor, and whether the targets hold. Speed is judged here, never in `npm test`.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const STD = process.env.GOTRAP_BENCH_SRC ?? '/usr/share/go-1.19/src';
const TARGET_WALL_S = Number(process.env.GOTRAP_BENCH_WALL ?? 3);
const TARGET_RSS_MB = Number(process.env.GOTRAP_BENCH_RSS ?? 600);
const RUNS = 3;
/** Optional rule subset, e.g. the linkname family: GOTRAP_BENCH_RULES=LN001,LN002,... */
const RULES = process.env.GOTRAP_BENCH_RULES;
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');

function findGo(): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/lib/go-1.19/bin']) {
    if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  }
  return null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Run {
  wallMs: number;
  maxRssKB: number;
  /** The build lens's part: reading build files, resolving go commands, BLD rules. */
  buildMs?: number;
  buildFiles?: number;
  goCommands?: number;
  files: number;
  findings: number;
  bySeverity: Record<string, number>;
}

function runGotrap(target: string = STD): Run {
  const args = [
    cli,
    'scan',
    target,
    '--format',
    'json',
    '--fail-on',
    'none',
    ...(RULES ? ['--rules', RULES] : []),
  ];
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, GOTRAP_STATS: '1' },
  });
  const m = /GOTRAP_STATS (\{.*\})/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`gotrap failed (status ${r.status}):\n${r.stderr}`);
  const stats = JSON.parse(m[1]) as Pick<
    Run,
    'wallMs' | 'maxRssKB' | 'buildMs' | 'buildFiles' | 'goCommands'
  >;
  const out = JSON.parse(r.stdout) as { summary: { files: number }; findings: { severity: string }[] };
  const bySeverity: Record<string, number> = {};
  for (const f of out.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  return { ...stats, files: out.summary.files, findings: out.findings.length, bySeverity };
}

function timeGoVet(goBin: string): number {
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' };
  spawnSync(goBin, ['vet', 'std'], { env, encoding: 'utf8' }); // warm the cache
  const t0 = performance.now();
  const r = spawnSync(goBin, ['vet', 'std'], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) process.stderr.write(`note: go vet std exited ${r.status}\n`);
  return ms;
}

function sourceBytes(): number {
  const r = spawnSync('find', [STD, '-name', '*.go', '-not', '-path', '*/testdata/*', '-printf', '%s\n'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .reduce((n, s) => n + Number(s), 0);
}

function main(): number {
  if (!existsSync(STD)) {
    process.stderr.write(`bench: ${STD} not found (apt-get install golang-1.19-src)\n`);
    return 2;
  }
  const goBin = findGo();
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  console.log(`gotrap ${version} bench — source lens over ${STD}; rules: ${RULES ?? 'all'}`);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(runGotrap());
  const wall = median(runs.map((r) => r.wallMs));
  const rss = Math.max(...runs.map((r) => r.maxRssKB)) / 1024;
  const mb = sourceBytes() / 1048576;
  const last = runs[runs.length - 1];
  console.log(`files scanned      ${last.files} (.go, testdata excluded; ${mb.toFixed(1)} MB)`);
  console.log(`findings           ${last.findings} ${JSON.stringify(last.bySeverity)}`);
  console.log(
    `wall (median of ${RUNS})  ${(wall / 1000).toFixed(2)} s   (${runs.map((r) => r.wallMs).join(', ')} ms)`,
  );
  console.log(`throughput         ${(mb / (wall / 1000)).toFixed(1)} MB/s`);
  console.log(`peak RSS (max)     ${rss.toFixed(0)} MB`);
  console.log(buildShare(runs));
  let anchorNote = 'anchor: go not found, no ratio';
  if (goBin) {
    const vet = timeGoVet(goBin);
    anchorNote = `anchor: go vet std (warm) ${(vet / 1000).toFixed(2)} s; gotrap/anchor ratio ${(wall / vet).toFixed(2)}`;
  }
  console.log(anchorNote);
  const wallOk = wall / 1000 <= TARGET_WALL_S;
  const rssOk = rss <= TARGET_RSS_MB;
  console.log(
    `target wall <= ${TARGET_WALL_S} s: ${wallOk ? 'met' : 'MISSED'}; peak RSS <= ${TARGET_RSS_MB} MB: ${rssOk ? 'met' : 'MISSED'}`,
  );
  const errors = last.bySeverity.error ?? 0;
  console.log(`error-severity findings on the standard library: ${errors}${errors ? ' (must be 0)' : ''}`);
  // A corpus with many build files (e.g. the real-world checkouts of docs/real-world.md):
  // GOTRAP_BENCH_BUILD_SRC=/tmp/rwb npm run bench
  const buildSrc = process.env.GOTRAP_BENCH_BUILD_SRC;
  if (buildSrc && existsSync(buildSrc)) {
    const bruns: Run[] = [];
    for (let i = 0; i < RUNS; i++) bruns.push(runGotrap(buildSrc));
    const bwall = median(bruns.map((r) => r.wallMs));
    console.log(
      `\nbuild-heavy corpus ${buildSrc}: ${bruns[0].files} files, wall (median) ${(bwall / 1000).toFixed(2)} s`,
    );
    console.log(buildShare(bruns));
  }
  return wallOk && rssOk && errors === 0 ? 0 : 1;
}

/** The build lens's share of the scan wall time (median run). */
function buildShare(runs: Run[]): string {
  const withBuild = runs.filter((r) => r.buildMs !== undefined);
  if (withBuild.length === 0) return 'build lens         (not reported)';
  const ms = median(withBuild.map((r) => r.buildMs!));
  const wall = median(withBuild.map((r) => r.wallMs));
  const r = withBuild[0];
  return `build lens         ${ms} ms of ${wall} ms wall (${((100 * ms) / wall).toFixed(1)} %): ${r.buildFiles} build files, ${r.goCommands} go commands resolved`;
}

process.exitCode = main();
