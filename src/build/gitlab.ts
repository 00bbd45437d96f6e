// GitLab CI (`.gitlab-ci.yml`): the go commands of every job's before_script/script/after_script,
// with `extends:` templates merged, anchors and `<<:` merges resolved, `!reference` tags
// followed, `variables:` (global, default, job, parallel matrix) as settings and the job image.

import type { BuildFile, Env, Setting } from './model.js';
import {
  asMap,
  asSeq,
  Budget,
  type CiOptions,
  type CiResult,
  get,
  getPair,
  type Pos,
  type Problem,
  putSetting,
  readCiFile,
  scanScript,
  setting,
  str,
  strings,
  type YMap,
  type YNode,
  type YScalar,
} from './yaml-util.js';

export type { CiResult } from './yaml-util.js';

const KEYWORDS = new Set([
  'stages',
  'types',
  'workflow',
  'include',
  'default',
  'variables',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

const MAX_EXTENDS_DEPTH = 10;
const MAX_COMBOS = 64;
const MAX_SCRIPT_ITEMS = 5000;

/** Deep merge of two maps: `b`'s keys win, nested maps merge, anything else is replaced. */
function deepMerge(a: YMap, b: YMap, budget: Budget, depth = 0): YMap {
  const pairs = [...a.pairs];
  for (const p of b.pairs) {
    const i = pairs.findIndex((q) => q.key === p.key);
    if (i < 0) {
      pairs.push(p);
      continue;
    }
    const old = pairs[i].value;
    if (depth < 20 && old?.kind === 'map' && p.value?.kind === 'map' && budget.take()) {
      pairs[i] = { ...p, value: deepMerge(old, p.value, budget, depth + 1) };
    } else pairs[i] = p;
  }
  return { kind: 'map', pos: b.pos, pairs, tag: b.tag };
}

class Resolver {
  private readonly cache = new Map<string, YMap | null>();
  private readonly budget = new Budget(200_000);
  /** Work limit of script flattening (see Budget). */
  readonly scriptBudget = new Budget(200_000);
  constructor(
    private readonly root: YMap,
    private readonly file: string,
    private readonly problems: Problem[],
  ) {}

  /** The job (or template) `name` with its `extends:` chain merged in. */
  job(name: string, depth = 0, chain: string[] = []): YMap | null {
    if (this.cache.has(name)) return this.cache.get(name) ?? null;
    const problemsBefore = this.problems.length;
    const pair = getPair(this.root, name);
    const job = asMap(pair?.value);
    if (!job) return null;
    const ext = strings(get(job, 'extends'));
    let out: YMap = job;
    if (ext.length > 0) {
      let base: YMap = { kind: 'map', pos: job.pos, pairs: [] };
      for (const e of ext) {
        if (e === name || chain.includes(e)) {
          this.report({
            file: this.file,
            line: pair?.keyPos.line,
            message: `GitLab CI: circular extends: ${[...chain, name, e].join(' → ')}`,
          });
          continue;
        }
        if (depth >= MAX_EXTENDS_DEPTH) {
          this.report({
            file: this.file,
            line: pair?.keyPos.line,
            message: `GitLab CI: extends nested deeper than ${MAX_EXTENDS_DEPTH} levels at ${name}`,
          });
          continue;
        }
        const t = this.job(e, depth + 1, [...chain, name]);
        if (t) base = deepMerge(base, t, this.budget);
      }
      out = deepMerge(base, { ...job, pairs: job.pairs.filter((p) => p.key !== 'extends') }, this.budget);
    }
    if (this.problems.length === problemsBefore) this.cache.set(name, out);
    return out;
  }

  private report(p: Problem): void {
    if (!this.problems.some((q) => q.message === p.message)) this.problems.push(p);
  }

  /** `!reference [job, key, ...]`. */
  reference(path: string[]): YNode | null {
    if (path.length === 0) return null;
    let cur: YNode | null = this.job(path[0]);
    for (const k of path.slice(1)) cur = get(cur, k);
    return cur;
  }
}

function flattenScript(n: YNode | null, resolver: Resolver, out: YScalar[], depth = 0): void {
  if (!n || depth > 20 || out.length >= MAX_SCRIPT_ITEMS || !resolver.scriptBudget.take()) return;
  if (n.kind === 'scalar') {
    if (!n.isNull) out.push(n);
    return;
  }
  if (n.kind !== 'seq') return;
  if (n.tag === '!reference') {
    flattenScript(resolver.reference(strings(n)), resolver, out, depth + 1);
    return;
  }
  for (const it of n.items) flattenScript(it, resolver, out, depth + 1);
}

/** Reads a `variables:` map (values scalars or `{value:, description:}`) into settings. */
function readVariables(
  n: YNode | null,
  file: string,
  only: Set<string> | null,
  noExpand: Set<string>,
): Setting[] {
  const out: Setting[] = [];
  const m = asMap(n);
  if (!m) return out;
  for (const p of m.pairs) {
    if (only && !only.has(p.key)) continue;
    let raw: string | null;
    let expand = true;
    if (p.value?.kind === 'map') {
      raw = str(get(p.value, 'value')) ?? '';
      if (str(get(p.value, 'expand')) === 'false') expand = false;
    } else if (p.value?.kind === 'seq') continue;
    else raw = str(p.value) ?? '';
    if (expand) noExpand.delete(p.key);
    else noExpand.add(p.key);
    out.push(setting(p.key, raw, file, p.keyPos, 'yaml'));
  }
  return out;
}

/** Expands `$VAR`/`${VAR}`/`$$` in variable values against the other variables. */
function expandVariables(env: Env, noExpand: Set<string>): void {
  const resolve = (name: string, depth: number): string | null => {
    const s = env[name];
    if (!s || s.value === null) return null;
    if (noExpand.has(name) || !s.value.includes('$')) return s.value;
    if (depth > 5) return null;
    let unknown = false;
    const v = s.value.replace(
      /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (m, a, b) => {
        if (m === '$$') return '$';
        const r = resolve(a ?? b, depth + 1);
        if (r === null) unknown = true;
        return r ?? m;
      },
    );
    return unknown ? null : v;
  };
  const out: Record<string, string | null> = {};
  for (const name of Object.keys(env)) out[name] = resolve(name, 0);
  for (const name of Object.keys(env)) {
    const s = env[name];
    if (s.value !== out[name]) env[name] = { ...s, value: out[name] };
  }
}

/** GitLab expands variables in `image:`; a reference it cannot resolve stays as written. */
function expandImage(image: string | null, env: Env): string | null {
  if (image === null || !image.includes('$')) return image;
  return image.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a, b) => {
    const v = env[a ?? b]?.value;
    return v === null || v === undefined ? m : v;
  });
}

/** `parallel: matrix:` combinations: each entry is a map of lists; the union of their products. */
function parallelCombos(n: YNode | null): { name: string; value: string; pos: Pos }[][] {
  const list = asSeq(get(n, 'matrix'));
  if (!list) return [[]];
  const combos: { name: string; value: string; pos: Pos }[][] = [];
  for (const entry of list.items) {
    const m = asMap(entry);
    if (!m) continue;
    let acc: { name: string; value: string; pos: Pos }[][] = [[]];
    for (const p of m.pairs) {
      const vals = strings(p.value);
      if (vals.length === 0) continue;
      const next: typeof acc = [];
      for (const c of acc) {
        for (const v of vals) {
          if (next.length >= MAX_COMBOS) break;
          next.push([...c, { name: p.key, value: v, pos: p.keyPos }]);
        }
      }
      acc = next;
    }
    for (const c of acc) if (combos.length < MAX_COMBOS) combos.push(c);
  }
  return combos.length > 0 ? combos : [[]];
}

/** `inherit: default|variables:` → true (all), false (none) or the listed names. */
function inherit(job: YMap, key: string): boolean | Set<string> {
  const n = get(get(job, 'inherit'), key);
  if (!n) return true;
  if (n.kind === 'seq') return new Set(strings(n));
  const s = str(n);
  return s === null || s !== 'false';
}

export function readGitlabCi(file: BuildFile, opts: CiOptions = {}): CiResult {
  return readCiFile(
    file,
    (root, res) => {
      const resolver = new Resolver(root, file.path, res.problems);
      const dflt = asMap(get(root, 'default'));
      for (const jp of root.pairs) {
        if (KEYWORDS.has(jp.key) || jp.key.startsWith('.') || jp.value?.kind !== 'map') continue;
        const job = resolver.job(jp.key);
        if (!job) continue;
        readJob(file.path, res, root, dflt, resolver, job);
      }
      const gp = getPair(get(root, 'variables'), 'GOMAXPROCS');
      if (gp) {
        const v = gp.value?.kind === 'map' ? str(get(gp.value, 'value')) : str(gp.value);
        putSetting(res, {}, setting('GOMAXPROCS', v ?? '', file.path, gp.keyPos, 'yaml'));
      }
    },
    opts,
  );
}

function readJob(
  file: string,
  res: CiResult,
  root: YMap,
  dflt: YMap | null,
  resolver: Resolver,
  job: YMap,
): void {
  const inhDefault = inherit(job, 'default');
  const inhVars = inherit(job, 'variables');
  const fromDefault = (key: string): YNode | null => {
    if (inhDefault === false || (inhDefault instanceof Set && !inhDefault.has(key))) return null;
    return get(dflt, key) ?? get(root, key);
  };
  const jobOr = (key: string): YNode | null => getPair(job, key)?.value ?? fromDefault(key);
  const base: Env = {};
  const noExpand = new Set<string>();
  if (inhVars !== false) {
    const only = inhVars === true ? null : inhVars;
    for (const s of readVariables(get(root, 'variables'), file, only, noExpand)) base[s.name] = s;
    if (inhDefault !== false)
      for (const s of readVariables(get(dflt, 'variables'), file, null, noExpand)) base[s.name] = s;
  }
  for (const s of readVariables(get(job, 'variables'), file, null, noExpand)) base[s.name] = s;
  const imageNode = jobOr('image');
  const imageRaw = str(imageNode?.kind === 'map' ? get(imageNode, 'name') : imageNode);
  const image = imageRaw === null || imageRaw.trim() === '' ? null : imageRaw.trim();
  const before: YScalar[] = [];
  const script: YScalar[] = [];
  const after: YScalar[] = [];
  flattenScript(jobOr('before_script'), resolver, before);
  flattenScript(get(job, 'script'), resolver, script);
  flattenScript(jobOr('after_script'), resolver, after);
  if (before.length + script.length + after.length === 0) {
    if (base.GOMAXPROCS) putSetting(res, {}, base.GOMAXPROCS);
    return;
  }
  for (const combo of parallelCombos(get(job, 'parallel'))) {
    const env: Env = { ...base };
    for (const c of combo) env[c.name] = setting(c.name, c.value, file, c.pos, 'yaml');
    expandVariables(env, noExpand);
    if (env.GOMAXPROCS) putSetting(res, {}, env.GOMAXPROCS);
    const ctx = { file, kind: 'gitlab' as const, imageDir: null, host: null, image: expandImage(image, env) };
    // before_script and script run in one shell: exports and cd carry over; after_script starts afresh.
    let state: { env: Env; dir: string | null } = { env, dir: '.' };
    for (const item of [...before, ...script]) {
      const sr = scanScript(res, item, item.text, { ...ctx, env: state.env, dir: state.dir });
      if (sr) state = { env: sr.env, dir: sr.dir };
    }
    state = { env, dir: '.' };
    for (const item of after) {
      const sr = scanScript(res, item, item.text, { ...ctx, env: state.env, dir: state.dir });
      if (sr) state = { env: sr.env, dir: sr.dir };
    }
  }
}
