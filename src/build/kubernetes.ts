// Kubernetes manifests: the workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
// CronJob, Pod; also the items of a `kind: List`) of every document, with each container's image,
// CPU limit and env entries. GOMAXPROCS env entries with a literal value are reported for BLD006.

import type { BuildFile, K8sContainer, K8sWorkload, Setting } from './model.js';
import {
  asMap,
  Budget,
  get,
  getPair,
  getPath,
  listOf,
  loc,
  type Problem,
  parseYaml,
  setting,
  str,
  type YNode,
} from './yaml-util.js';

export interface K8sResult {
  workloads: K8sWorkload[];
  gomaxprocs: Setting[];
  problems: Problem[];
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];

/**
 * Cheap text test: is this YAML file a Kubernetes workload manifest (apiVersion + kind:
 * Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|ReplicaSet|List)? Helm templates (`{{`) → false.
 */
export function looksLikeKubernetes(text: string): boolean {
  if (typeof text !== 'string' || text.includes('{{')) return false;
  if (!/^apiVersion:[ \t]*["']?[A-Za-z0-9./-]+/m.test(text)) return false;
  const kinds = [...WORKLOAD_KINDS, 'List'].join('|');
  return new RegExp(`^kind:[ \\t]*(["']?)(${kinds})\\1[ \\t]*(#.*)?\\r?$`, 'm').test(text);
}

/**
 * The workload documents of a manifest, each with the file line it starts after: an install
 * manifest of 2 MB is mostly CRD schemas, and parsing them with positions would cost half a
 * second for nothing.
 */
export function workloadDocuments(text: string): { text: string; lineOffset: number }[] {
  const kinds = [...WORKLOAD_KINDS, 'List'].join('|');
  const isWorkload = new RegExp(`^[ \\t]*kind:[ \\t]*(["']?)(${kinds})\\1[ \\t]*(#.*)?\\r?$`, 'm');
  const lines = text.split('\n');
  const out: { text: string; lineOffset: number }[] = [];
  let start = 0;
  const flush = (end: number): void => {
    const doc = lines.slice(start, end).join('\n');
    if (isWorkload.test(doc)) out.push({ text: doc, lineOffset: start });
  };
  for (let i = 0; i < lines.length; i++) {
    if (i > start && /^---(\s|$)/.test(lines[i])) {
      flush(i);
      start = i;
    }
  }
  flush(lines.length);
  return out;
}

/** The pod spec of a workload of `kind`. */
function podSpec(kind: string, doc: YNode): YNode | null {
  switch (kind) {
    case 'Pod':
      return get(doc, 'spec');
    case 'CronJob':
      return getPath(doc, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
    default:
      return getPath(doc, 'spec', 'template', 'spec');
  }
}

function readContainer(file: string, n: YNode, res: K8sResult): K8sContainer {
  const cpuPair = getPair(getPath(n, 'resources', 'limits'), 'cpu');
  const cpuValue = cpuPair ? str(cpuPair.value) : null;
  const env: K8sContainer['env'] = [];
  for (const e of listOf(get(n, 'env'))) {
    const name = str(get(e, 'name'));
    if (e.kind !== 'map' || name === null) continue;
    const valueFrom = getPair(e, 'valueFrom') !== null;
    const value = valueFrom ? null : (str(get(e, 'value')) ?? '');
    const at = loc(file, e.pos);
    env.push({ name, value, valueFrom, loc: at });
    if (name === 'GOMAXPROCS' && value !== null) {
      const s = setting(name, value, file, e.pos, 'yaml');
      if (!res.gomaxprocs.some((g) => g.loc.line === s.loc.line && g.loc.column === s.loc.column))
        res.gomaxprocs.push(s);
    }
  }
  return {
    name: str(get(n, 'name')),
    image: str(get(n, 'image')),
    cpuLimit:
      cpuPair && cpuValue !== null && cpuValue !== ''
        ? { value: cpuValue, loc: loc(file, cpuPair.keyPos) }
        : null,
    env,
  };
}

function readObject(file: string, doc: YNode | null, res: K8sResult, depth: number, budget: Budget): void {
  const m = asMap(doc);
  if (!m || depth > 5 || !budget.take()) return;
  const kind = str(get(m, 'kind'))?.trim() ?? '';
  if (kind === 'List' || kind.endsWith('List')) {
    for (const it of listOf(get(m, 'items'))) readObject(file, it, res, depth + 1, budget);
    return;
  }
  if (!WORKLOAD_KINDS.includes(kind)) return;
  const spec = podSpec(kind, m);
  const containers: K8sContainer[] = [];
  for (const key of ['containers', 'initContainers']) {
    for (const c of listOf(get(spec, key)))
      if (c.kind === 'map') containers.push(readContainer(file, c, res));
  }
  res.workloads.push({
    file,
    kind,
    name: str(getPath(m, 'metadata', 'name')),
    loc: loc(file, m.pos),
    containers,
  });
}

export function readKubernetes(file: BuildFile): K8sResult {
  const res: K8sResult = { workloads: [], gomaxprocs: [], problems: [] };
  try {
    const lines = file.text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    const budget = new Budget(20_000);
    for (const piece of workloadDocuments(file.text)) {
      const parsed = parseYaml(piece.text, file.path, { lineOffset: piece.lineOffset, lines });
      res.problems.push(...parsed.problems);
      for (const doc of parsed.docs) readObject(file.path, doc, res, 0, budget);
    }
  } catch (e) {
    res.problems.push({
      file: String(file?.path ?? ''),
      message: `cannot read manifest: ${String(e).split('\n')[0]}`,
    });
  }
  return res;
}
