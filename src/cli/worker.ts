// Worker thread entry: loads the grammars once, then runs directory tasks sent by the pool.

import { parentPort, workerData } from 'node:worker_threads';
import { SOURCE_RULES } from '../source/rules/index.js';
import { loadNodeGrammars } from './grammars.js';
import { makeKB } from './kb.js';
import { type DirTask, emptyResult, runDirTask, type TaskOptions } from './task.js';

interface Init {
  ruleIds: string[];
  opts: TaskOptions;
  goroot: string | null;
}

const init = workerData as Init;
const rules = SOURCE_RULES.filter((r) => init.ruleIds.includes(r.id));
const kb = makeKB(init.goroot);
const grammars = await loadNodeGrammars();

parentPort!.on('message', (batch: DirTask[]) => {
  const result = emptyResult();
  for (const task of batch) {
    try {
      runDirTask(grammars, kb, rules, task, init.opts, result);
    } catch (e) {
      result.errors.push(`${task.dir}: ${(e as Error).message}`);
    }
  }
  parentPort!.postMessage(result);
});
parentPort!.postMessage('ready');
