// GitHub Actions workflows (`.github/workflows/*.yml`): the go commands of every `run:` step,
// once per matrix combination, with the workflow/job/step env, the working directory, the runner
// platform (`runs-on`), the job container and the Go version that `actions/setup-go` installed.

import type { BuildFile, Env } from './model.js';
import { toPosixShell, winShellOf } from './winshell.js';
import {
  asMap,
  asScalar,
  Budget,
  type CiOptions,
  type CiResult,
  get,
  getPath,
  joinDir,
  listOf,
  plainEqual,
  product,
  putSetting,
  readCiFile,
  scanScript,
  setting,
  str,
  strings,
  toPlain,
  type YMap,
  type YNode,
} from './yaml-util.js';

export type { CiResult } from './yaml-util.js';

const MAX_COMBOS = 64;

interface ExprCtx {
  matrix: Record<string, unknown>;
  /** False when the matrix is (partly) an expression: a missing key is then unknown, not ''. */
  matrixKnown: boolean;
  env: Env;
}

/** Substitutes `${{ matrix.x }}` and `${{ env.X }}`; other expressions stay as written (unknown). */
export function substituteExpr(s: string, ctx: ExprCtx): { text: string; unknown: boolean } {
  let unknown = false;
  const text = s.replace(/\$\{\{([\s\S]*?)\}\}/g, (whole, inner: string) => {
    const expr = inner.trim();
    const m = /^matrix((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)$/.exec(expr);
    if (m) {
      let v: unknown = ctx.matrix;
      for (const k of m[1].slice(1).split('.')) {
        v =
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? (v as Record<string, unknown>)[k]
            : undefined;
      }
      if (typeof v === 'string') return v.replace(/[\r\n]+/g, ' ');
      if (v === undefined && ctx.matrixKnown) return '';
      unknown = true;
      return whole;
    }
    const e = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (e) {
      const s = ctx.env[e[1]];
      if (s && s.value !== null) return s.value.replace(/[\r\n]+/g, ' ');
    }
    unknown = true;
    return whole;
  });
  return { text, unknown };
}

/** The matrix combinations of `strategy.matrix` (include/exclude applied, capped). */
export function matrixCombos(m: YNode | null): { combos: Record<string, unknown>[]; known: boolean } {
  if (!m) return { combos: [{}], known: true };
  const map = asMap(m);
  if (!map) return { combos: [{}], known: false };
  let known = true;
  const budget = new Budget(100_000);
  const dims: [string, unknown[]][] = [];
  let include: unknown[] = [];
  let exclude: unknown[] = [];
  for (const p of map.pairs) {
    if (p.key === 'include' || p.key === 'exclude') {
      if (p.value?.kind === 'seq') {
        const list = p.value.items.map((i) => toPlain(i, budget));
        if (p.key === 'include') include = list;
        else exclude = list;
      } else if (p.value && !(p.value.kind === 'scalar' && p.value.isNull)) known = false;
      continue;
    }
    if (p.value?.kind === 'seq') dims.push([p.key, p.value.items.map((i) => toPlain(i, budget))]);
    else known = false;
  }
  let combos = dims.length > 0 ? product(dims, 4096) : [];
  const isObj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  combos = combos.filter(
    (c) => !exclude.some((e) => isObj(e) && Object.entries(e).every(([k, v]) => plainEqual(c[k], v))),
  );
  const original = new Set(dims.map(([k]) => k));
  const added: Record<string, unknown>[] = [];
  for (const inc of include) {
    if (!isObj(inc)) continue;
    let matched = false;
    for (const c of combos) {
      if (Object.entries(inc).every(([k, v]) => !original.has(k) || plainEqual(c[k], v))) {
        Object.assign(c, inc);
        matched = true;
      }
    }
    if (!matched) added.push({ ...inc });
  }
  combos = [...combos, ...added];
  if (combos.length === 0 && dims.length === 0) combos = [{}];
  return { combos: combos.slice(0, MAX_COMBOS), known };
}

/** `runs-on` labels → `os/arch`, null when the labels do not say. */
export function hostOfLabels(labels: string[]): string | null {
  const ls = labels.map((l) => l.trim().toLowerCase()).filter((l) => l !== '');
  if (ls.length === 0 || ls.some((l) => l.includes('${{'))) return null;
  for (const l of ls) {
    if (/^ubuntu-/.test(l) || /(^|-)ubuntu-?\d/.test(l))
      return /-arm(64)?$/.test(l) ? 'linux/arm64' : 'linux/amd64';
    if (/^macos-/.test(l)) {
      if (/-xlarge$/.test(l)) return 'darwin/arm64';
      if (/-(large|intel)$/.test(l)) return 'darwin/amd64';
      const v = /^macos-(\d+)/.exec(l);
      if (v && Number(v[1]) <= 13) return 'darwin/amd64';
      return 'darwin/arm64';
    }
    if (/^windows-/.test(l)) return /-arm(64)?$/.test(l) ? 'windows/arm64' : 'windows/amd64';
  }
  const has = (...names: string[]) => ls.some((l) => names.includes(l));
  let arch: string | null = null;
  if (has('arm64', 'aarch64')) arch = 'arm64';
  else if (has('x64', 'amd64', 'x86_64')) arch = 'amd64';
  else if (has('arm', 'arm32')) arch = 'arm';
  if (has('linux')) return `linux/${arch ?? 'amd64'}`;
  if (has('windows')) return `windows/${arch ?? 'amd64'}`;
  if (has('macos', 'osx', 'darwin')) return arch ? `darwin/${arch}` : null;
  if (ls.some((l) => /-arm64$/.test(l))) return 'linux/arm64';
  return null;
}

function hostOf(n: YNode | null, ctx: ExprCtx): string | null {
  const node = asMap(n) ? get(n, 'labels') : n;
  const labels = strings(node).map((l) => {
    const r = substituteExpr(l, ctx);
    return r.unknown ? '$' + '{{ unknown }}' : r.text;
  });
  return hostOfLabels(labels);
}

/** A working directory relative to the repository root; null when unknown or absolute. */
function workDir(raw: string, ctx: ExprCtx): string | null {
  const w = raw
    .replace(/\$\{\{\s*github\.workspace\s*\}\}/g, '.')
    .replace(/^\$\{?GITHUB_WORKSPACE\}?(?=\/|$)/, '.');
  const r = substituteExpr(w, ctx);
  if (r.unknown) return null;
  return joinDir('.', r.text.trim());
}

/** The Go version `actions/setup-go` installs, from `go-version` (null when unknown). */
export function goVersionOf(raw: string | null): string | null {
  if (raw === null) return null;
  const lines = raw
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const last = lines[lines.length - 1];
  if (!last || last.includes('${{')) return null;
  // setup-go's aliases for the newest releases: kept as words, resolved by the engine.
  if (/^(stable|latest|oldstable)$/i.test(last)) return last.toLowerCase();
  const m = /(\d+)\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?/.exec(last);
  return m ? m[0] : null;
}

const SKIP_SHELLS = /^python\b/i;

export function readGithubWorkflow(file: BuildFile, opts: CiOptions = {}): CiResult {
  return readCiFile(
    file,
    (root, res) => {
      const jobs = asMap(get(root, 'jobs'));
      if (!jobs) return;
      for (const jp of jobs.pairs) {
        const job = asMap(jp.value);
        if (!job || get(job, 'uses')) continue;
        const { combos, known } = matrixCombos(getPath(job, 'strategy', 'matrix'));
        for (const combo of combos)
          readJob(file, res, root, job, { matrix: combo, matrixKnown: known, env: {} });
      }
    },
    opts,
  );
}

function addEnv(res: CiResult, file: string, env: Env, n: YNode | null, ctx: ExprCtx): void {
  const m = asMap(n);
  if (!m) return;
  for (const p of m.pairs) {
    if (p.value && p.value.kind !== 'scalar') continue;
    const raw = p.value ? (str(p.value) ?? '') : '';
    const r = substituteExpr(raw, { ...ctx, env });
    putSetting(res, env, setting(p.key, r.unknown ? null : r.text, file, p.keyPos, 'yaml'));
  }
}

function readJob(file: BuildFile, res: CiResult, root: YMap, job: YMap, ctx: ExprCtx): void {
  const f = file.path;
  const env: Env = {};
  ctx.env = env;
  addEnv(res, f, env, get(root, 'env'), ctx);
  const container = get(job, 'container');
  addEnv(res, f, env, get(container, 'env'), ctx);
  addEnv(res, f, env, get(job, 'env'), ctx);
  const host = hostOf(get(job, 'runs-on'), ctx);
  let image: string | null = null;
  const imageRaw = str(asMap(container) ? get(container, 'image') : container);
  if (imageRaw !== null) {
    const r = substituteExpr(imageRaw, ctx);
    image = r.unknown || r.text.trim() === '' ? null : r.text.trim();
  }
  const jobWdRaw =
    str(getPath(job, 'defaults', 'run', 'working-directory')) ??
    str(getPath(root, 'defaults', 'run', 'working-directory'));
  const jobDir = jobWdRaw === null ? '.' : workDir(jobWdRaw, ctx);
  const jobShell =
    str(getPath(job, 'defaults', 'run', 'shell')) ?? str(getPath(root, 'defaults', 'run', 'shell'));
  let goVersion: string | null | undefined;
  for (const step of listOf(get(job, 'steps'))) {
    const uses = str(get(step, 'uses'));
    if (uses !== null && /^actions\/setup-go(@|$)/.test(uses.trim())) {
      const v = str(getPath(step, 'with', 'go-version'));
      if (v !== null) {
        const r = substituteExpr(v, ctx);
        goVersion = r.unknown ? null : goVersionOf(r.text);
      } else goVersion = null;
      continue;
    }
    const run = asScalar(get(step, 'run'));
    if (!run || run.isNull) continue;
    // Windows runners run steps in pwsh unless told otherwise; pwsh and cmd scripts are read
    // through a line-for-line translation, other interpreters (python) are skipped.
    const shell = str(get(step, 'shell')) ?? jobShell ?? (host?.startsWith('windows/') ? 'pwsh' : null);
    if (shell !== null && SKIP_SHELLS.test(shell.trim())) continue;
    const dialect = shell === null ? null : winShellOf(shell);
    const stepEnv: Env = { ...env };
    addEnv(res, f, stepEnv, get(step, 'env'), { ...ctx, env: stepEnv });
    const wdRaw = str(get(step, 'working-directory'));
    const dir = wdRaw === null ? jobDir : workDir(wdRaw, { ...ctx, env: stepEnv });
    const expanded = substituteExpr(run.text, { ...ctx, env: stepEnv }).text;
    const text = dialect ? toPosixShell(expanded, dialect) : expanded;
    const sr = scanScript(res, run, text, {
      file: f,
      kind: 'github',
      env: stepEnv,
      dir,
      imageDir: null,
      host,
      image,
    });
    if (sr && goVersion !== undefined) for (const c of sr.commands) c.goVersion = goVersion;
    githubEnvWrites(res, f, env, run.lineMap, text);
  }
}

/** `echo "NAME=value" >> $GITHUB_ENV`: the variable reaches the later steps of the job. */
function githubEnvWrites(
  res: CiResult,
  file: string,
  env: Env,
  lineMap: { line: number; column: number }[],
  text: string,
): void {
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    const m =
      /^\s*(?:echo|printf)\s+(?:-e\s+)?(["']?)([A-Za-z_][A-Za-z0-9_]*)=([^"'\n]*?)\1\s*>>\s*["']?\$\{?GITHUB_ENV\}?["']?\s*$/.exec(
        l,
      );
    if (!m) return;
    const value = /[$`\\]/.test(m[3]) ? null : m[3];
    const p = lineMap[i] ?? lineMap[lineMap.length - 1] ?? { line: 1, column: 1 };
    putSetting(
      res,
      env,
      setting(
        m[2],
        value,
        file,
        { line: p.line, column: p.column + (l.length - l.trimStart().length) },
        'export',
      ),
    );
  });
}
