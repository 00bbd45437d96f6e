// Builds the binary-lens fixtures (testdata/binary/<program>) with the real Go toolchain into a
// temporary directory, and reads what the system tools say about them (`readelf`, `go version
// -m`) so tests can check every audit field against an independent reader. No binary is
// committed: each test file builds the ones it needs once, in a shared before hook; the Go build
// cache makes the second test file's builds fast.

import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { hasCommand } from './toolchain.js';

export const BINARY_TESTDATA = join(import.meta.dirname, '..', '..', '..', 'testdata', 'binary');

export type Tool = 'gcc' | 'musl-gcc' | 'git';

export interface Fixture {
  name: string;
  /** Program directory under testdata/binary. */
  program: string;
  /** `go build` arguments before `-o`. */
  args: string[];
  env: Record<string, string>;
  /** Tools the build needs besides Go. */
  needs: Tool[];
  /** Built inside a git repository with an uncommitted change (vcs.modified=true). */
  dirty?: boolean;
  /** What it demonstrates (test names). */
  what: string;
}

const STATIC_LDFLAGS = '-linkmode external -extldflags -static';

export const FIXTURES: readonly Fixture[] = [
  {
    name: 'static',
    program: 'hello',
    args: [],
    env: { CGO_ENABLED: '0' },
    needs: [],
    what: 'pure Go, static',
  },
  {
    name: 'stripped',
    program: 'hello',
    args: ['-ldflags=-s -w'],
    env: { CGO_ENABLED: '0' },
    needs: [],
    what: 'pure Go, -s -w',
  },
  {
    name: 'trimpath',
    program: 'hello',
    args: ['-trimpath'],
    env: { CGO_ENABLED: '0' },
    needs: [],
    what: 'pure Go, -trimpath',
  },
  {
    name: 'pie',
    program: 'hello',
    args: ['-buildmode=pie'],
    env: { CGO_ENABLED: '0' },
    needs: [],
    what: "Go's internal PIE",
  },
  {
    name: 'race',
    program: 'hello',
    args: ['-race'],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: '-race',
  },
  {
    name: 'v3',
    program: 'hello',
    args: ['-tags', 'foo bar'],
    env: { CGO_ENABLED: '0', GOAMD64: 'v3' },
    needs: [],
    what: 'GOAMD64=v3 with -tags',
  },
  {
    name: 'netcgo',
    program: 'netuser',
    args: [],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: 'net and os/user with cgo',
  },
  {
    name: 'netgo',
    program: 'netuser',
    args: ['-tags', 'netgo,osusergo'],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: 'net and os/user with netgo,osusergo',
  },
  {
    name: 'cgodyn',
    program: 'cgo',
    args: [],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: 'cgo, dynamic',
  },
  {
    name: 'cgostripped',
    program: 'cgo',
    args: ['-ldflags=-s -w'],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: 'cgo, stripped',
  },
  {
    name: 'cgostatic',
    program: 'cgo',
    args: [`-ldflags=${STATIC_LDFLAGS}`],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: 'cgo + os/user linked -static against glibc',
  },
  {
    name: 'cgostaticstripped',
    program: 'cgo',
    args: [`-ldflags=-s -w ${STATIC_LDFLAGS}`],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: 'cgo + os/user linked -static against glibc, stripped',
  },
  {
    name: 'relr',
    program: 'cgo',
    args: ['-buildmode=pie', '-ldflags=-linkmode external -extldflags -Wl,-z,pack-relative-relocs'],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: 'cgo, external PIE with DT_RELR (GLIBC_ABI_DT_RELR)',
  },
  {
    name: 'musldyn',
    program: 'cgo',
    args: [],
    env: { CGO_ENABLED: '1', CC: 'musl-gcc' },
    needs: ['musl-gcc'],
    what: 'cgo with musl-gcc, dynamic',
  },
  {
    name: 'muslstatic',
    program: 'cgo',
    args: [`-ldflags=${STATIC_LDFLAGS}`],
    env: { CGO_ENABLED: '1', CC: 'musl-gcc' },
    needs: ['musl-gcc'],
    what: 'cgo with musl-gcc, static',
  },
  {
    name: 'arm64',
    program: 'hello',
    args: [],
    env: { CGO_ENABLED: '0', GOARCH: 'arm64' },
    needs: [],
    what: 'GOARCH=arm64',
  },
  {
    name: 'arm',
    program: 'hello',
    args: [],
    env: { CGO_ENABLED: '0', GOARCH: 'arm', GOARM: '7' },
    needs: [],
    what: 'GOARCH=arm GOARM=7',
  },
  {
    name: '386',
    program: 'hello',
    args: [],
    env: { CGO_ENABLED: '0', GOARCH: '386' },
    needs: [],
    what: 'GOARCH=386',
  },
  {
    name: 's390x',
    program: 'hello',
    args: [],
    env: { CGO_ENABLED: '0', GOARCH: 's390x' },
    needs: [],
    what: 'GOARCH=s390x (big endian)',
  },
  {
    name: 'windows',
    program: 'hello',
    args: [],
    env: { CGO_ENABLED: '0', GOOS: 'windows', GOARCH: 'amd64' },
    needs: [],
    what: 'GOOS=windows (PE)',
  },
  {
    name: 'darwin',
    program: 'hello',
    args: [],
    env: { CGO_ENABLED: '0', GOOS: 'darwin', GOARCH: 'arm64' },
    needs: [],
    what: 'GOOS=darwin GOARCH=arm64 (Mach-O)',
  },
  {
    name: 'sqlnocgo',
    program: 'sqlite',
    args: [],
    env: { CGO_ENABLED: '0' },
    needs: [],
    what: 'go-sqlite3 stand-in without cgo',
  },
  {
    name: 'sqlcgo',
    program: 'sqlite',
    args: [],
    env: { CGO_ENABLED: '1' },
    needs: ['gcc'],
    what: 'go-sqlite3 stand-in with cgo',
  },
  {
    name: 'dirty',
    program: 'hello',
    args: [],
    env: { CGO_ENABLED: '0' },
    needs: ['git'],
    dirty: true,
    what: 'a git checkout with an uncommitted change',
  },
];

export interface Built {
  fixture: Fixture;
  /** Absolute path of the binary, when the build succeeded. */
  path: string | null;
  /** Why it was not built (a missing tool), for a visible skip. */
  skip: string | null;
  /** Build output (stderr), e.g. the GNU ld static-NSS warning. */
  output: string;
}

/** Environment variables a developer's shell may set that would change what a fixture is. */
const CLEARED = [
  'GOOS',
  'GOARCH',
  'GOAMD64',
  'GOARM',
  'GO386',
  'CC',
  'CXX',
  'CGO_ENABLED',
  'GOFLAGS',
  'GOWORK',
];

function buildEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of CLEARED) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('CGO_')) delete env[k];
  return {
    ...env,
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
    GO111MODULE: 'on',
    GOWORK: 'off',
    ...extra,
  };
}

function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd, env, timeout: 540_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ ok: !err, out: `${stdout}${stderr}${err && !stderr ? String(err) : ''}` });
      },
    );
  });
}

/** A missing tool, as a skip reason (the caller decides whether CI turns it into a failure). */
export function missingTool(f: Fixture): string | null {
  for (const t of f.needs) if (!hasCommand(t)) return `${t} not found on PATH`;
  return null;
}

/**
 * Builds the named fixtures (all when `names` is absent) into `outDir`, a few at a time. A build
 * that fails throws: the fixtures are std-only and must build wherever their tools exist.
 */
export async function buildFixtures(
  goBin: string,
  outDir: string,
  names?: readonly string[],
): Promise<Map<string, Built>> {
  const wanted = FIXTURES.filter((f) => !names || names.includes(f.name));
  const results = new Map<string, Built>();
  const queue = [...wanted];
  const failures: string[] = [];
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const skip = missingTool(f);
      if (skip) {
        results.set(f.name, { fixture: f, path: null, skip, output: '' });
        continue;
      }
      const src = join(outDir, 'src', f.name);
      mkdirSync(src, { recursive: true });
      cpSync(join(BINARY_TESTDATA, f.program), src, { recursive: true });
      const env = buildEnv(f.env);
      if (f.dirty) {
        const git = (...a: string[]) =>
          execFileSync('git', ['-c', 'user.name=gotrap', '-c', 'user.email=gotrap@example.com', ...a], {
            cwd: src,
            stdio: 'pipe',
          });
        git('init', '-q');
        git('add', '-A');
        git('commit', '-qm', 'fixture');
        writeFileSync(join(src, 'dirty.txt'), 'an uncommitted file\n');
      }
      const bin = join(outDir, f.name + (f.env.GOOS === 'windows' ? '.exe' : ''));
      const r = await run(goBin, ['build', ...f.args, '-o', bin, '.'], src, env);
      if (!r.ok) failures.push(`${f.name}: go build ${f.args.join(' ')} failed:\n${r.out}`);
      results.set(f.name, { fixture: f, path: r.ok ? bin : null, skip: null, output: r.out });
    }
  };
  const n = Math.max(1, Math.min(4, availableParallelism()));
  await Promise.all(Array.from({ length: n }, worker));
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
  return results;
}

// ---------------------------------------------------------------------------------------------
// What the system tools say

export interface ReadelfFacts {
  type: string;
  machine: string;
  interpreter: string | null;
  needed: string[];
  rpath: string[];
  runpath: string[];
  flags1Pie: boolean;
  bindNow: boolean;
  relro: boolean;
  /** PT_GNU_STACK present and without E. */
  nxStack: boolean;
  sections: string[];
  /** Version needs: name, weak flag, file. */
  versionNeeds: { name: string; weak: boolean; file: string }[];
  /** Undefined dynamic symbols with their version: `pthread_create@GLIBC_2.34`. */
  undefinedVersioned: { name: string; version: string }[];
  notes: string[];
}

export function readelf(file: string): ReadelfFacts {
  const out = execFileSync('readelf', ['-h', '-l', '-d', '-V', '--dyn-syms', '-n', '-S', '-W', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LC_ALL: 'C' },
  });
  const lines = out.split('\n');
  const facts: ReadelfFacts = {
    type: /^\s*Type:\s+(\S+)/m.exec(out)?.[1] ?? '',
    machine: /^\s*Machine:\s+(.+)$/m.exec(out)?.[1].trim() ?? '',
    interpreter: /\[Requesting program interpreter: (.*)\]/.exec(out)?.[1] ?? null,
    needed: [...out.matchAll(/\(NEEDED\)\s+Shared library: \[(.*)\]/g)].map((m) => m[1]),
    rpath: [...out.matchAll(/\(RPATH\)\s+Library rpath: \[(.*)\]/g)].flatMap((m) => m[1].split(':')),
    runpath: [...out.matchAll(/\(RUNPATH\)\s+Library runpath: \[(.*)\]/g)].flatMap((m) => m[1].split(':')),
    flags1Pie: /\(FLAGS_1\)\s+Flags:.*\bPIE\b/.test(out),
    bindNow: /\(BIND_NOW\)|\(FLAGS\)\s+.*\bBIND_NOW\b|\(FLAGS_1\)\s+Flags:.*\bNOW\b/.test(out),
    relro: /^\s*GNU_RELRO\s/m.test(out),
    nxStack: false,
    sections: [...out.matchAll(/^\s*\[\s*\d+\]\s+(\S+)/gm)].map((m) => m[1]),
    versionNeeds: [],
    undefinedVersioned: [],
    notes: [...out.matchAll(/^\s+\S+\s+0x[0-9a-f]+\s+(NT_\w+)/gm)].map((m) => m[1]),
  };
  const stack = /^\s*GNU_STACK\s+.*$/m.exec(out)?.[0];
  if (stack) {
    // readelf -W prints the flags (R, W, E) before the alignment at the end of the line.
    const flags = /\s([RWE ]{1,3})\s+0x[0-9a-f]+\s*$/.exec(stack)?.[1] ?? '';
    facts.nxStack = !flags.includes('E');
  }
  let needFile = '';
  let inNeeds = false;
  for (const line of lines) {
    if (/^Version needs section/.test(line)) inNeeds = true;
    else if (/^\S/.test(line) && inNeeds && !/^Version needs/.test(line)) inNeeds = false;
    if (!inNeeds) continue;
    const f = /File: (\S+)/.exec(line);
    if (f) needFile = f[1];
    const v = /Name: (\S+)\s+Flags: (.*?)\s+Version:/.exec(line);
    if (v) facts.versionNeeds.push({ name: v[1], weak: /WEAK/.test(v[2]), file: needFile });
  }
  for (const m of out.matchAll(/\bUND\s+([^@\s]+)@(GLIBC_[\w.]+)/g)) {
    facts.undefinedVersioned.push({ name: m[1], version: m[2] });
  }
  return facts;
}

export interface GoVersionM {
  goVersion: string;
  path: string | null;
  mod: { path: string; version: string; sum?: string } | null;
  deps: {
    path: string;
    version: string;
    sum?: string;
    replace?: { path: string; version: string; sum?: string };
  }[];
  settings: Record<string, string>;
}

/** `go version -m file`, parsed the way debug/buildinfo prints it. */
export function goVersionM(goBin: string, file: string): GoVersionM {
  const out = execFileSync(goBin, ['version', '-m', file], {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local' },
  });
  const lines = out.split('\n');
  const res: GoVersionM = {
    goVersion: /: (go\S+)/.exec(lines[0])?.[1] ?? '',
    path: null,
    mod: null,
    deps: [],
    settings: {},
  };
  const mod = (f: string[]) => ({ path: f[1], version: f[2], ...(f[3] ? { sum: f[3] } : {}) });
  for (const line of lines.slice(1)) {
    const f = line.replace(/^\t/, '').split('\t');
    if (f[0] === 'path') res.path = f[1];
    else if (f[0] === 'mod') res.mod = mod(f);
    else if (f[0] === 'dep') res.deps.push(mod(f));
    else if (f[0] === '=>') res.deps[res.deps.length - 1].replace = mod(f);
    else if (f[0] === 'build') {
      const eq = f[1].indexOf('=');
      const key = f[1].slice(0, eq);
      let value = f[1].slice(eq + 1);
      if (value.startsWith('"')) value = JSON.parse(value) as string;
      res.settings[key] = value;
    }
  }
  return res;
}
