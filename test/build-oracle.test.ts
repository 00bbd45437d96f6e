// Oracle tests for the build lens (BLD001–BLD006): every testdata/src/BLD00N/<case>/ with a
// build-oracle.json is copied to a temp directory and the steps it lists are run there with the
// real toolchain (go, gcc, musl-gcc, ld, file, readelf, make). A step builds what the case's build
// file says: every `go …` command in its `run` must occur verbatim (whitespace normalised) in the
// file named by `from`, so the oracle cannot quietly build something else. Steps without `from`
// may only query (`go list`, `go env`, `go version`) or inspect/run what earlier steps built.
//
//   { "go": "1.22-1.26",            optional Go minor range the claim holds for
//     "steps": [ { "from": "Dockerfile", "run": "<sh -c script>", "exit": "ok" | "fail",
//                  "expect": "<regex on stdout+stderr>",
//                  "nsswitch": "passwd: files systemd\n" } ] }   optional: run under a private
//                                                                 mount of /etc/nsswitch.conf
//
// Outside the range a case is skipped (version), never passed; a missing tool skips it with the
// reason (needTool), and fails the run under CI=true.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { type Case, listCases } from './support/cases.js';
import { findGoToolchains, type GoTool, hasCommand, needTool } from './support/toolchain.js';

interface Step {
  from?: string;
  run: string;
  exit: 'ok' | 'fail';
  expect: string;
  nsswitch?: string;
}

interface BuildOracle {
  go?: string;
  steps: Step[];
}

const ORACLE_FILE = 'build-oracle.json';

/** Go subcommands that only query: allowed in steps that name no build file. */
const QUERY_VERBS = new Set(['list', 'env', 'version']);

/** Tools whose absence skips a case (besides go), when a step runs them as a command. */
const TOOLS = ['file', 'readelf', 'make', 'grep', 'musl-gcc', 'gcc'];

// ---- Reading `run` scripts: simple commands and their go commands ---------------------------------

interface Word {
  text: string;
  start: number;
  end: number;
}

/** Index just past the `)` closing a `$(` whose `(` is at `i - 1`. Quotes and nesting respected. */
function skipSubst(s: string, i: number): number {
  let depth = 1;
  while (i < s.length && depth > 0) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === "'") i = s.indexOf("'", i + 1) < 0 ? s.length : s.indexOf("'", i + 1) + 1;
    else if (c === '"') i = skipDouble(s, i + 1);
    else {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      i++;
    }
  }
  return i;
}

/** Index just past the `"` closing a double-quoted string that starts at `i`. */
function skipDouble(s: string, i: number): number {
  while (i < s.length && s[i] !== '"') {
    if (s[i] === '\\') i += 2;
    else if (s[i] === '$' && s[i + 1] === '(') i = skipSubst(s, i + 2);
    else i++;
  }
  return i + 1;
}

/** The simple commands of a POSIX sh script (words with their source spans), good enough for oracles. */
export function simpleCommands(s: string): Word[][] {
  const out: Word[][] = [[]];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && s[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    if (';&|()\n'.includes(c)) {
      if (out[out.length - 1].length > 0) out.push([]);
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && !/[\s;&|()]/.test(s[i])) {
      const ch = s[i];
      if (ch === '\\') i += 2;
      else if (ch === "'") {
        const j = s.indexOf("'", i + 1);
        i = j < 0 ? s.length : j + 1;
      } else if (ch === '"') i = skipDouble(s, i + 1);
      else if (ch === '$' && s[i + 1] === '(') i = skipSubst(s, i + 2);
      else i++;
    }
    out[out.length - 1].push({ text: s.slice(start, i), start, end: i });
  }
  return out.filter((c) => c.length > 0);
}

/** The program a simple command runs, past `VAR=value` prefixes and `env`/`exec`/`command` wrappers. */
function programIndex(cmd: Word[]): number {
  let k = 0;
  for (;;) {
    while (k < cmd.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd[k].text)) k++;
    if (k < cmd.length && /^(env|exec|command|nice|time)$/.test(cmd[k].text)) {
      k++;
      while (k < cmd.length && cmd[k].text.startsWith('-')) k++;
      continue;
    }
    return k;
  }
}

export interface GoInvocation {
  /** From the `go` word to the end of the simple command, as written. */
  text: string;
  verb: string;
}

/** Every `go …` command of a script. */
export function goCommands(script: string): GoInvocation[] {
  const out: GoInvocation[] = [];
  for (const cmd of simpleCommands(script)) {
    const k = programIndex(cmd);
    if (k >= cmd.length || !/(^|\/)go$/.test(cmd[k].text)) continue;
    const verb = cmd.slice(k + 1).find((w) => !w.text.startsWith('-'))?.text ?? '';
    out.push({ text: script.slice(cmd[k].start, cmd[cmd.length - 1].end), verb });
  }
  return out;
}

/** The programs a script runs (for tool checks). */
function programs(script: string): string[] {
  return simpleCommands(script).flatMap((cmd) => {
    const k = programIndex(cmd);
    const cc = cmd
      .slice(0, k)
      .find((w) => /^CC=/.test(w.text))
      ?.text.slice(3);
    return [...(k < cmd.length ? [cmd[k].text] : []), ...(cc ? [cc] : [])];
  });
}

/** Whitespace normalised; continuation lines (backslash-newline) joined. */
function normalise(s: string): string {
  return s
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `needle` occurs in `hay` as whole words (not inside a longer word on either side). */
export function occursVerbatim(hay: string, needle: string): boolean {
  const h = normalise(hay);
  const n = normalise(needle);
  if (n === '') return false;
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
    const before = i === 0 ? ' ' : h[i - 1];
    const after = i + n.length >= h.length ? ' ' : h[i + n.length];
    if (/[\s;&|("'`=]/.test(before) && /[\s;&|)"'`#]/.test(after)) return true;
  }
  return false;
}

// ---- Validation (no toolchain needed) -----------------------------------------------------------

function inRange(minor: number, range: string | undefined): boolean {
  if (!range) return true;
  const m = /^1\.(\d+)(?:-1\.(\d+))?$/.exec(range);
  if (!m) throw new Error(`bad go range "${range}" (expected 1.19 or 1.22-1.26)`);
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  return minor >= lo && minor <= hi;
}

/** Problems with an oracle file: shape, `from` files, go commands not in their build file. */
function problemsOf(c: Case, o: BuildOracle): string[] {
  const out: string[] = [];
  if (o.go !== undefined) {
    try {
      inRange(19, o.go);
    } catch (e) {
      out.push((e as Error).message);
    }
  }
  if (!Array.isArray(o.steps) || o.steps.length === 0) return [...out, 'no steps'];
  o.steps.forEach((s, n) => {
    const at = `step ${n + 1}`;
    if (typeof s.run !== 'string' || s.run.trim() === '') out.push(`${at}: no run`);
    if (s.exit !== 'ok' && s.exit !== 'fail') out.push(`${at}: exit must be "ok" or "fail"`);
    try {
      new RegExp(s.expect, 'm');
    } catch (e) {
      out.push(`${at}: bad expect: ${(e as Error).message}`);
    }
    if (typeof s.expect !== 'string' || s.expect === '') out.push(`${at}: no expect`);
    if (s.nsswitch !== undefined && !/^\w+:/m.test(s.nsswitch))
      out.push(`${at}: nsswitch has no "db: services" line`);
    const gos = goCommands(s.run ?? '');
    if (s.from === undefined) {
      for (const g of gos) {
        if (!QUERY_VERBS.has(g.verb))
          out.push(`${at}: \`${g.text}\` builds or runs code but the step names no build file (from)`);
      }
      return;
    }
    const file = resolve(c.dir, s.from);
    if (relative(c.dir, file).startsWith('..') || !existsSync(file)) {
      out.push(`${at}: from "${s.from}" is not a file of the case`);
      return;
    }
    const text = readFileSync(file, 'utf8');
    for (const g of gos) {
      if (!occursVerbatim(text, g.text)) out.push(`${at}: \`${g.text}\` does not occur in ${s.from}`);
    }
  });
  return out;
}

// ---- Running ------------------------------------------------------------------------------------

const toolchains = findGoToolchains();

function pick(range: string | undefined): GoTool | undefined {
  return toolchains.find((t) => inRange(t.minor, range));
}

function libDirs(): string[] {
  const dirs = ['/lib', '/usr/lib', '/lib64', '/usr/lib64'];
  for (const root of ['/lib', '/usr/lib']) {
    try {
      for (const d of readdirSync(root)) if (/-linux-gnu/.test(d)) dirs.push(join(root, d));
    } catch {
      // no such directory
    }
  }
  return dirs;
}

/** NSS services glibc >= 2.34 has built in (no module is loaded for them). */
const BUILTIN_NSS = new Set(['files', 'dns']);

/** Why an nsswitch step cannot run here (null: it can). */
function nsswitchUnavailable(conf: string): string | null {
  const dirs = libDirs();
  for (const line of conf.split('\n')) {
    const m = /^\s*(\w+)\s*:(.*)$/.exec(line);
    if (!m) continue;
    for (const svc of m[2].split(/\s+/).filter((w) => w && !w.startsWith('['))) {
      if (BUILTIN_NSS.has(svc)) continue;
      const so = `libnss_${svc}.so.2`;
      if (!dirs.some((d) => existsSync(join(d, so))))
        return `/usr/lib/<triplet>/${so} (the NSS module for "${m[1]}: ${svc}")`;
    }
  }
  if (!hasCommand('unshare') || !hasCommand('mount')) return 'unshare/mount (util-linux)';
  const probe = spawnSync('unshare', ['-m', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0)
    return `unshare -m/mount --bind: a private mount namespace (${(probe.stderr ?? '').trim() || `exit ${probe.status}`})`;
  return null;
}

const nsCache = new Map<string, string | null>();
function nsswitchSkip(conf: string): string | false {
  if (!nsCache.has(conf)) nsCache.set(conf, nsswitchUnavailable(conf));
  const missing = nsCache.get(conf) ?? null;
  return missing === null ? false : needTool(missing, false);
}

/** The environment of a step: the chosen Go first on PATH, nothing inherited that changes a build. */
function stepEnv(go: GoTool): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of [
    'CGO_ENABLED',
    'GOOS',
    'GOARCH',
    'GOARM',
    'GOAMD64',
    'CC',
    'CXX',
    'CGO_CFLAGS',
    'CGO_CPPFLAGS',
    'CGO_CXXFLAGS',
    'CGO_LDFLAGS',
    'GOROOT',
    'GOBIN',
    'GOWORK',
    'MAKEFLAGS',
    'MFLAGS',
  ]) {
    delete env[k];
  }
  return {
    ...env,
    PATH: `${dirname(go.bin)}${delimiter}${process.env.PATH ?? ''}`,
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
    GO111MODULE: 'on',
  };
}

function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function runStep(
  dir: string,
  step: Step,
  env: NodeJS.ProcessEnv,
  n: number,
): { status: number | null; out: string } {
  let args = ['-c', step.run];
  let prog = 'sh';
  if (step.nsswitch !== undefined) {
    const conf = join(dir, `.oracle-nsswitch-${n}.conf`);
    writeFileSync(conf, step.nsswitch);
    prog = 'unshare';
    args = ['-m', 'sh', '-c', `mount --bind ${shQuote(conf)} /etc/nsswitch.conf && ${step.run}`];
  }
  const r = spawnSync(prog, args, { cwd: dir, env, encoding: 'utf8', timeout: 240_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n[spawn error: ${r.error.message}]` : ''}`;
  return { status: r.status, out };
}

function loadOracles(): { c: Case; oracle: BuildOracle | null; error?: string }[] {
  return listCases()
    .filter((c) => /^BLD\d{3}$/.test(c.rule) && existsSync(join(c.dir, ORACLE_FILE)))
    .map((c) => {
      try {
        return { c, oracle: JSON.parse(readFileSync(join(c.dir, ORACLE_FILE), 'utf8')) as BuildOracle };
      } catch (e) {
        return { c, oracle: null, error: (e as Error).message };
      }
    });
}

const oracles = loadOracles();

describe('build oracles: the files are sound', () => {
  it('has build oracle cases for BLD001, BLD002, BLD003 and BLD005', () => {
    const rules = new Set(oracles.map((o) => o.c.rule));
    for (const r of ['BLD001', 'BLD002', 'BLD003', 'BLD005'])
      assert.ok(rules.has(r), `no ${ORACLE_FILE} under ${r}`);
  });
  it('reads go commands from run scripts', () => {
    assert.deepEqual(
      goCommands(
        `CGO_ENABLED=1 go build -ldflags '-extldflags "-static"' -o app . && env PATH="$(dirname "$(command -v go)")" go list -f '{{.IgnoredGoFiles}}' . ; (grep -c "$PWD" app || true)`,
      ),
      [
        { text: `go build -ldflags '-extldflags "-static"' -o app .`, verb: 'build' },
        { text: `go list -f '{{.IgnoredGoFiles}}' .`, verb: 'list' },
      ],
    );
    assert.ok(
      occursVerbatim(
        'RUN go mod download && \\\n    go build -trimpath \\\n  -o app . # want X',
        'go build -trimpath -o app .',
      ),
    );
    assert.ok(!occursVerbatim('RUN go build -trimpath -o app ./cmd/app', 'go build -trimpath -o app .'));
    assert.ok(!occursVerbatim('RUN go build -trimpath -o app .', 'go build -o app .'));
  });
  for (const { c, oracle, error } of oracles) {
    it(`${c.rule}/${c.name}: ${ORACLE_FILE} builds what the build files say`, () => {
      assert.equal(error, undefined, `${ORACLE_FILE} is not JSON: ${error}`);
      const problems = problemsOf(c, oracle!);
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }
});

describe('build oracles: the real toolchain confirms each claim', () => {
  for (const { c, oracle } of oracles) {
    if (!oracle || !Array.isArray(oracle.steps)) continue;
    const go = pick(oracle.go);
    const name = `${c.rule}/${c.name}${oracle.go ? ` [go ${oracle.go}]` : ''}: ${oracle.steps.length} step(s)`;
    let skip: string | false = false;
    let setupError: string | null = null;
    try {
      const tools = new Set(oracle.steps.flatMap((s) => programs(s.run)).filter((p) => TOOLS.includes(p)));
      skip =
        needTool('go', toolchains.length > 0) ||
        (go
          ? false
          : `version: no installed Go in ${oracle.go} (have ${toolchains.map((t) => t.version).join(', ')})`) ||
        needTool('gcc', hasCommand('gcc')) ||
        [...tools].map((t) => needTool(t, hasCommand(t))).find((x) => x !== false) ||
        false;
    } catch (e) {
      setupError = (e as Error).message;
    }
    it(`${name}${go ? ` with ${go.version}` : ''}`, {
      skip: setupError ? false : skip,
      timeout: 900_000,
    }, (t) => {
      if (setupError) assert.fail(setupError);
      const dir = mkdtempSync(join(tmpdir(), 'gotrap-build-oracle-'));
      try {
        cpSync(c.dir, dir, { recursive: true });
        const env = stepEnv(go!);
        for (const [n, step] of oracle.steps.entries()) {
          if (step.nsswitch !== undefined) {
            const why = nsswitchSkip(step.nsswitch);
            if (why) {
              t.skip(
                `step ${n + 1}: ${why}${n === 1 ? ' (step 1 passed)' : n > 1 ? ` (steps 1-${n} passed)` : ''}`,
              );
              return;
            }
          }
          const r = runStep(dir, step, env, n);
          const label = `step ${n + 1} (${step.from ?? 'no build file'}): ${step.run}`;
          assert.equal(
            r.status === 0,
            step.exit === 'ok',
            `${label}\nexpected ${step.exit === 'ok' ? 'success' : 'failure'}, got exit status ${r.status}; output:\n${r.out}`,
          );
          assert.match(r.out, new RegExp(step.expect, 'm'), `${label}\noutput:\n${r.out}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
