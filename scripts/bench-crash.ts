// `npm run bench:crash`: the crash lens against panicparse on a real dump.
//
// 1. Builds a Go program that starts N goroutines (default 100,000; GOTRAP_BENCH_GOROUTINES)
//    blocked in five distinct stacks, then panics; runs it with GOTRACEBACK=all and keeps stderr.
// 2. Times, on that file, gotrap's parse + bucket in-process (this script with `--parse FILE`),
//    `gotrap triage FILE` when the CLI has it, and Debian's panicparse (`panicparse -no-color
//    -parse=false -rebase=false FILE`: parse and print buckets only, no source reading, no HTML).
// 3. Prints wall times, peak RSS and the ratio; exit status 0 when gotrap is no slower than
//    panicparse and stays under the RSS target (GOTRAP_BENCH_CRASH_RSS, default 500 MB).
//
// Each tool runs RUNS times under /usr/bin/time; the median wall and the highest RSS are kept.

import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createBucketer } from '../src/crash/buckets.js';
import type { Bucket } from '../src/crash/model.js';
import { createLineSplitter, createParser } from '../src/crash/parse.js';

const GOROUTINES = Number(process.env.GOTRAP_BENCH_GOROUTINES ?? 100_000);
const TARGET_RSS_MB = Number(process.env.GOTRAP_BENCH_CRASH_RSS ?? 500);
const RUNS = 3;
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const self = join(root, 'dist', 'scripts', 'bench-crash.js');

const GENERATOR = `package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

var mu sync.Mutex

//go:noinline
func recvLoop(c chan int) { <-c }

//go:noinline
func selectWait(a, b chan int) {
	select {
	case <-a:
	case <-b:
	}
}

//go:noinline
func lockWait() { mu.Lock() }

//go:noinline
func sleeper(d time.Duration) { time.Sleep(d) }

//go:noinline
func deep(n int, c chan int) {
	if n == 0 {
		<-c
		return
	}
	deep(n-1, c)
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	mu.Lock()
	block := make(chan int)
	for i := 0; i < n; i++ {
		switch i % 5 {
		case 0:
			go recvLoop(block)
		case 1:
			go selectWait(block, block)
		case 2:
			go lockWait()
		case 3:
			go sleeper(time.Hour)
		case 4:
			go deep(8, block)
		}
	}
	time.Sleep(2 * time.Second)
	panic(fmt.Sprintf("bench: %d goroutines blocked", n))
}
`;

// ---- in-process mode: parse + bucket one file, print the buckets --------------------------------

function render(b: Bucket): string {
  const head = `${b.count}: ${b.state}${b.lockedToThread ? ', locked to thread' : ''}${
    b.minMinutes !== undefined ? ` [${b.minMinutes}~${b.maxMinutes} minutes]` : ''
  }${b.createdBy ? ` [Created by ${b.createdBy.func} @ ${b.createdBy.file}:${b.createdBy.line}]` : ''}`;
  return [head, ...b.frames.map((f) => `    ${f.file ?? '?'}:${f.line ?? '?'} ${f.func}()`)].join('\n');
}

async function parseFile(file: string): Promise<void> {
  const t0 = performance.now();
  const bucketer = createBucketer();
  const parser = createParser({ onGoroutine: (g, crashing) => bucketer.add(g, crashing) });
  const splitter = createLineSplitter((l) => parser.push(l));
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    splitter.write(chunk as string);
  }
  splitter.end();
  const crash = parser.finish();
  const buckets = bucketer.buckets();
  const out: string[] = [];
  for (const p of crash.panics) out.push(`${p.kind}: ${p.message}`);
  out.push('');
  for (const b of buckets) out.push(render(b));
  process.stdout.write(`${out.join('\n')}\n`);
  process.stderr.write(
    `BENCH_CRASH ${JSON.stringify({
      kind: crash.kind,
      goroutines: crash.goroutineCount,
      buckets: buckets.length,
      ms: Math.round(performance.now() - t0),
    })}\n`,
  );
}

// ---- the bench ---------------------------------------------------------------------------------

function findTool(name: string, extra: string[] = []): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), ...extra]) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

interface Measure {
  wallMs: number;
  rssKB: number | null;
  status: number | null;
  stderr: string;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function measure(cmd: string, args: string[], dir: string): Measure {
  const timeOut = join(dir, 'time.out');
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%e %M', '-o', timeOut, cmd, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      })
    : spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  let rssKB: number | null = null;
  if (TIME && existsSync(timeOut)) {
    const last = readFileSync(timeOut, 'utf8').trim().split('\n').pop() ?? '';
    const m = /^[\d.]+ (\d+)$/.exec(last);
    if (m) rssKB = Number(m[1]);
  }
  return { wallMs, rssKB, status: r.status, stderr: r.stderr ?? '' };
}

interface Summary {
  name: string;
  runs: number[];
  wallMs: number;
  rssMB: number | null;
  ok: boolean;
  note: string;
}

function bench(
  name: string,
  cmd: string,
  args: string[],
  dir: string,
  okStatus: (s: number | null) => boolean,
): Summary {
  const runs: Measure[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(measure(cmd, args, dir));
  const walls = runs.map((r) => Math.round(r.wallMs));
  const sorted = [...walls].sort((a, b) => a - b);
  const rss = runs.map((r) => r.rssKB).filter((x): x is number => x !== null);
  const ok = runs.every((r) => okStatus(r.status));
  const note = ok
    ? (/BENCH_CRASH (\{.*\})/.exec(runs[0].stderr)?.[1] ?? '')
    : `failed: ${runs[0].stderr.slice(0, 300)}`;
  return {
    name,
    runs: walls,
    wallMs: sorted[Math.floor(sorted.length / 2)],
    rssMB: rss.length ? Math.max(...rss) / 1024 : null,
    ok,
    note,
  };
}

function hasTriage(): boolean {
  if (!existsSync(cli)) return false;
  const r = spawnSync(process.execPath, [cli, 'triage', '--help'], { encoding: 'utf8' });
  return r.status === 0 && /triage/.test(r.stdout);
}

function main(): number {
  const go = findTool('go', ['/usr/lib/go-1.19/bin']);
  if (!go) {
    process.stderr.write('bench:crash: go not found (apt-get install golang-1.19-go)\n');
    return 2;
  }
  const pp = findTool('panicparse');
  const dir = mkdtempSync(join(tmpdir(), 'gotrap-bench-crash-'));
  try {
    writeFileSync(join(dir, 'main.go'), GENERATOR);
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GO111MODULE: 'off' };
    const build = spawnSync(go, ['build', '-o', join(dir, 'gen'), 'main.go'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`go build failed:\n${build.stderr}`);
    const goVersion = spawnSync(go, ['version'], { env, encoding: 'utf8' }).stdout.trim();
    const dump = join(dir, 'dump.txt');
    const t0 = performance.now();
    const fd = openSync(dump, 'w');
    const gen = spawnSync(join(dir, 'gen'), [String(GOROUTINES)], {
      env: { ...process.env, GOTRACEBACK: 'all' },
      stdio: ['ignore', 'ignore', fd],
    });
    closeSync(fd);
    const text = readFileSync(dump, 'utf8');
    const headers = (text.match(/^goroutine \d+ /gm) ?? []).length;
    if (gen.status !== 2 || headers < GOROUTINES) {
      throw new Error(`the generator exited ${gen.status} with ${headers} goroutine headers`);
    }
    const mb = statSync(dump).size / 1048576;
    console.log(
      `gotrap crash bench — ${goVersion}; dump of ${headers} goroutines, ${mb.toFixed(1)} MB, ` +
        `${text.split('\n').length} lines (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );

    const results: Summary[] = [];
    results.push(
      bench(
        'gotrap parse+bucket (in-process)',
        process.execPath,
        [self, '--parse', dump],
        dir,
        (s) => s === 0,
      ),
    );
    if (hasTriage()) {
      results.push(
        bench(
          'gotrap triage (CLI)',
          process.execPath,
          [cli, 'triage', dump, '--format', 'json', '--fail-on', 'none'],
          dir,
          (s) => s === 0,
        ),
      );
    } else {
      console.log('gotrap triage: not in this build of the CLI, skipped');
    }
    let anchor: Summary | null = null;
    if (pp) {
      anchor = bench(
        'panicparse -no-color -parse=false -rebase=false',
        pp,
        ['-no-color', '-parse=false', '-rebase=false', dump],
        dir,
        (s) => s === 0,
      );
      results.push(anchor);
    } else {
      console.log('panicparse: not found (apt-get install panicparse), no ratio');
    }

    const w = Math.max(...results.map((r) => r.name.length));
    for (const r of results) {
      const rss = r.rssMB === null ? '   ? MB' : `${r.rssMB.toFixed(0).padStart(4)} MB`;
      const ratio = anchor && r !== anchor ? `  ratio ${(r.wallMs / anchor.wallMs).toFixed(2)}` : '';
      console.log(
        `${r.name.padEnd(w)}  wall ${(r.wallMs / 1000).toFixed(2)} s (runs ${r.runs.join(', ')} ms)  peak RSS ${rss}${ratio}${
          r.ok ? '' : '  FAILED'
        }`,
      );
      if (r.note && r.ok) console.log(`${' '.repeat(w)}  ${r.note}`);
      if (!r.ok) console.log(`  ${r.note}`);
    }
    const ours = results[0];
    const speedOk = anchor ? ours.wallMs <= anchor.wallMs : true;
    const rssOk = ours.rssMB === null || ours.rssMB < TARGET_RSS_MB;
    console.log(
      `target gotrap no slower than panicparse: ${anchor ? (speedOk ? 'met' : 'MISSED') : 'not judged'}; ` +
        `peak RSS < ${TARGET_RSS_MB} MB: ${ours.rssMB === null ? 'not measured' : rssOk ? 'met' : 'MISSED'}`,
    );
    return ours.ok && speedOk && rssOk ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--parse' && process.argv[3]) {
  await parseFile(process.argv[3]);
} else {
  process.exitCode = main();
}
