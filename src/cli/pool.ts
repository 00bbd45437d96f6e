// Runs directory tasks on worker threads (or inline for small scans) and merges the results.
// Tasks are handed out in small batches as workers free up, so one huge package does not
// hold the others back.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SOURCE_RULES } from '../source/rules/index.js';
import { loadNodeGrammars } from './grammars.js';
import { makeKB } from './kb.js';
import {
  type DirTask,
  emptyResult,
  mergeResult,
  runDirTask,
  type TaskOptions,
  type TaskResult,
} from './task.js';

/** Below this many bytes of Go source a worker's start-up costs more than it saves. */
const INLINE_BYTES = 4 * 1024 * 1024;

export interface PoolOptions {
  ruleIds: string[];
  opts: TaskOptions;
  goroot: string | null;
  /** Force a worker count (tests, bench); 0 = inline. */
  workers?: number;
}

export async function runTasks(tasks: DirTask[], p: PoolOptions): Promise<TaskResult> {
  const bytes = tasks.reduce((n, t) => n + t.go.reduce((m, f) => m + f.size, 0), 0);
  const count = p.workers ?? (bytes < INLINE_BYTES ? 0 : Math.min(availableParallelism(), 8));
  if (count === 0) return runInline(tasks, p);
  return runWorkers(tasks, p, count);
}

async function runInline(tasks: DirTask[], p: PoolOptions): Promise<TaskResult> {
  const grammars = await loadNodeGrammars();
  const kb = makeKB(p.goroot);
  const rules = SOURCE_RULES.filter((r) => p.ruleIds.includes(r.id));
  const result = emptyResult();
  for (const t of tasks) {
    try {
      runDirTask(grammars, kb, rules, t, p.opts, result);
    } catch (e) {
      result.errors.push(`${t.dir}: ${(e as Error).message}`);
    }
  }
  return result;
}

function runWorkers(tasks: DirTask[], p: PoolOptions, count: number): Promise<TaskResult> {
  // Largest directories first, so the tail of the run is made of small ones.
  const queue = [...tasks].sort((a, b) => size(b) - size(a));
  const result = emptyResult();
  const batchBytes = 512 * 1024;
  return new Promise((resolvePromise, reject) => {
    let alive = count;
    const url = new URL('./worker.js', import.meta.url);
    const next = (): DirTask[] => {
      const batch: DirTask[] = [];
      let n = 0;
      while (queue.length > 0 && (batch.length === 0 || n < batchBytes)) {
        const t = queue.shift()!;
        batch.push(t);
        n += size(t);
      }
      return batch;
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(url, { workerData: { ruleIds: p.ruleIds, opts: p.opts, goroot: p.goroot } });
      const feed = (): void => {
        const batch = next();
        if (batch.length === 0) {
          void w.terminate();
          if (--alive === 0) resolvePromise(result);
          return;
        }
        w.postMessage(batch);
      };
      w.on('message', (m: TaskResult | 'ready') => {
        if (m !== 'ready') mergeResult(result, m);
        feed();
      });
      w.on('error', (e) => reject(e));
    }
  });
}

function size(t: DirTask): number {
  return t.go.reduce((m, f) => m + f.size, 0) + 1;
}
