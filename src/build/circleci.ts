// CircleCI (`.circleci/config.yml`): the go commands of every job's `run` steps (both the
// string and the map form, reusable `commands:` expanded), with executor/job/step environment,
// the job's image (`docker:`) and host (docker/machine → linux, macos → darwin/arm64).

import type { BuildFile, Env } from './model.js';
import {
  asMap,
  asScalar,
  Budget,
  type CiOptions,
  type CiResult,
  get,
  getPair,
  joinDir,
  listOf,
  putSetting,
  readCiFile,
  scanScript,
  setting,
  str,
  type YMap,
  type YNode,
} from './yaml-util.js';

export type { CiResult } from './yaml-util.js';

const MAX_COMMAND_DEPTH = 8;

type Params = Record<string, string>;

/** Replaces `<< parameters.x >>` / `<< pipeline.parameters.x >>` with known values. */
function substituteParams(s: string, params: Params, pipeline: Params): { text: string; unknown: boolean } {
  let unknown = false;
  const text = s.replace(/<<\s*(pipeline\.)?parameters\.([A-Za-z0-9_-]+)\s*>>/g, (whole, pipe, name) => {
    const v = pipe ? pipeline[name] : params[name];
    if (v === undefined) {
      unknown = true;
      return whole;
    }
    return v.replace(/[\r\n]+/g, ' ');
  });
  if (/<<\s*[A-Za-z]/.test(text)) unknown = true;
  return { text, unknown };
}

function paramDefaults(n: YNode | null): Params {
  const out: Params = {};
  for (const p of asMap(n)?.pairs ?? []) {
    const d = str(get(p.value, 'default'));
    if (d !== null) out[p.key] = d;
  }
  return out;
}

interface JobCtx {
  file: string;
  res: CiResult;
  commands: YMap | null;
  pipeline: Params;
  host: string | null;
  image: string | null;
  env: Env;
  /** The job's working_directory as written (the checkout directory = repository root). */
  jobWd: string | null;
  /** Steps visited (reusable commands can nest). */
  budget: Budget;
}

function addEnv(ctx: JobCtx, env: Env, n: YNode | null, params: Params): void {
  // `environment:` is a map; tolerate a list of one-key maps too.
  const maps = n?.kind === 'seq' ? n.items : [n];
  for (const m of maps) {
    for (const p of asMap(m)?.pairs ?? []) {
      if (p.value && p.value.kind !== 'scalar') continue;
      const r = substituteParams(str(p.value) ?? '', params, ctx.pipeline);
      putSetting(ctx.res, env, setting(p.key, r.unknown ? null : r.text, ctx.file, p.keyPos, 'yaml'));
    }
  }
}

/** A step's working_directory relative to the repository root (the job's working_directory). */
function stepDir(ctx: JobCtx, raw: string): string | null {
  let w = raw.trim().replace(/\/+$/, '');
  const jw = ctx.jobWd?.trim().replace(/\/+$/, '') ?? '~/project';
  if (w === jw || w === '.') return '.';
  if (w.startsWith(`${jw}/`)) w = w.slice(jw.length + 1);
  else if (w.startsWith('/') || w.startsWith('~') || w.startsWith('$')) return null;
  return joinDir('.', w);
}

function runSteps(ctx: JobCtx, steps: YNode | null, params: Params, depth: number): void {
  for (const step of listOf(steps)) {
    if (!ctx.budget.take()) return;
    if (step.kind === 'scalar') {
      const name = str(step);
      const cmd = name !== null ? asMap(get(ctx.commands, name)) : null;
      if (cmd && depth < MAX_COMMAND_DEPTH)
        runSteps(ctx, get(cmd, 'steps'), paramDefaults(get(cmd, 'parameters')), depth + 1);
      continue;
    }
    const m = asMap(step);
    if (!m || m.pairs.length === 0) continue;
    const { key, value } = m.pairs[0];
    if (key === 'run') {
      runStep(ctx, value, params);
      continue;
    }
    if (key === 'when' || key === 'unless') {
      if (depth < MAX_COMMAND_DEPTH) runSteps(ctx, get(value, 'steps'), params, depth + 1);
      continue;
    }
    const cmd = asMap(get(ctx.commands, key));
    if (cmd && depth < MAX_COMMAND_DEPTH) {
      const p = paramDefaults(get(cmd, 'parameters'));
      for (const a of asMap(value)?.pairs ?? []) {
        const v = str(a.value);
        if (v !== null) p[a.key] = substituteParams(v, params, ctx.pipeline).text;
      }
      runSteps(ctx, get(cmd, 'steps'), p, depth + 1);
    }
  }
}

function runStep(ctx: JobCtx, value: YNode | null, params: Params): void {
  const cmdNode = asScalar(value?.kind === 'map' ? get(value, 'command') : value);
  if (!cmdNode || cmdNode.isNull) return;
  const shell = str(get(value, 'shell'));
  if (shell !== null && /(pwsh|powershell|cmd\.exe|^cmd\b|python)/i.test(shell)) return;
  const env: Env = { ...ctx.env };
  addEnv(ctx, env, get(value, 'environment'), params);
  const wd = str(get(value, 'working_directory'));
  const dir = wd === null ? '.' : stepDir(ctx, wd);
  const text = substituteParams(cmdNode.text, params, ctx.pipeline).text;
  scanScript(ctx.res, cmdNode, text, {
    file: ctx.file,
    kind: 'circleci',
    env,
    dir,
    imageDir: null,
    host: ctx.host,
    image: ctx.image,
  });
}

function executorHost(exec: YMap | null, resourceClass: string | null): string | null {
  const arm = resourceClass !== null && /^arm\./i.test(resourceClass.trim());
  if (get(exec, 'docker')) return arm ? 'linux/arm64' : 'linux/amd64';
  const machine = getPair(exec, 'machine');
  if (machine) {
    const img = str(get(machine.value, 'image')) ?? '';
    return arm || /arm/i.test(img) ? 'linux/arm64' : 'linux/amd64';
  }
  if (get(exec, 'macos')) return 'darwin/arm64';
  return null;
}

export function readCircleCi(file: BuildFile, opts: CiOptions = {}): CiResult {
  return readCiFile(
    file,
    (root, res) => {
      const executors = asMap(get(root, 'executors'));
      const commands = asMap(get(root, 'commands'));
      const pipeline = paramDefaults(get(root, 'parameters'));
      for (const jp of asMap(get(root, 'jobs'))?.pairs ?? []) {
        const job = asMap(jp.value);
        if (!job) continue;
        const params = paramDefaults(get(job, 'parameters'));
        // The executor: inline (docker/machine/macos on the job) or a named `executors:` entry.
        let exec: YMap | null = job;
        const execRef = get(job, 'executor');
        if (execRef && !get(job, 'docker') && !get(job, 'machine') && !get(job, 'macos')) {
          const name = str(execRef?.kind === 'map' ? get(execRef, 'name') : execRef);
          exec = name !== null ? asMap(get(executors, name)) : null;
        }
        const resourceClass = str(get(job, 'resource_class')) ?? str(get(exec, 'resource_class'));
        const host = executorHost(exec, resourceClass);
        const primary = listOf(get(exec, 'docker'))[0] ?? null;
        const imageRaw = str(get(primary, 'image'));
        const ctx: JobCtx = {
          file: file.path,
          res,
          commands,
          pipeline,
          host,
          image: null,
          env: {},
          jobWd: str(get(job, 'working_directory')) ?? str(get(exec, 'working_directory')),
          budget: new Budget(10_000),
        };
        if (imageRaw !== null) {
          const r = substituteParams(imageRaw, params, pipeline);
          ctx.image = r.unknown ? null : r.text.trim() || null;
        }
        if (exec && exec !== job) addEnv(ctx, ctx.env, get(exec, 'environment'), params);
        addEnv(ctx, ctx.env, get(primary, 'environment'), params);
        addEnv(ctx, ctx.env, get(job, 'environment'), params);
        runSteps(ctx, get(job, 'steps'), params, 0);
      }
    },
    opts,
  );
}
