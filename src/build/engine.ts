// The build lens: reads every build file with its reader, resolves each go command against the
// scanned packages, and runs the BLD rules over the result. Pure: takes texts and package facts.

import { type Finding, severityRank } from '../core/finding.js';
import { GT001 } from '../core/meta-rules.js';
import type { ModuleInfo } from '../source/model.js';
import type { PackageFacts } from '../source/rule.js';
import { readCircleCi } from './circleci.js';
import { readDockerfile } from './dockerfile.js';
import { readGithubWorkflow } from './github.js';
import { readGitlabCi } from './gitlab.js';
import { readGoreleaser } from './goreleaser.js';
import { readKubernetes } from './kubernetes.js';
import { readMakefile } from './makefile.js';
import type { BuildFile, DockerfileModel, GoCommand, Installs, K8sWorkload, Setting } from './model.js';
import { dirOf, parentOf, relativeDir } from './paths.js';
import { indexPackages, joinDir, moduleOf, type Program } from './program.js';
import { type ResolvedBuild, resolveCommand } from './resolve.js';
import type { BuildContext, BuildReport, BuildRule } from './rule.js';
import { scanShell } from './shell.js';
import { markDockerRelease } from './stages.js';

export interface BuildLensInput {
  files: BuildFile[];
  /** Facts of every scanned package, with their `build` part. */
  packages: PackageFacts[];
  modules: ModuleInfo[];
}

export interface BuildLensResult {
  findings: Finding[];
  /** Internal errors (a rule that threw). */
  errors: string[];
  /** Go commands found (for statistics). */
  commands: number;
}

interface FileRead {
  file: BuildFile;
  commands: GoCommand[];
  installs: Installs[];
  dockerfile?: DockerfileModel;
  workloads: K8sWorkload[];
  gomaxprocs: Setting[];
  problems: { file: string; line?: number; message: string }[];
}

/** Reads one build file; `readFile` gives other files of the scan, by path relative to `base`. */
function readOne(file: BuildFile, base: string, readFile: (path: string) => string | null): FileRead {
  const out: FileRead = { file, commands: [], installs: [], workloads: [], gomaxprocs: [], problems: [] };
  switch (file.kind) {
    case 'dockerfile': {
      const r = readDockerfile(file);
      out.dockerfile = r.model;
      out.commands = r.model.commands;
      out.problems = r.problems;
      for (const s of r.model.stages) {
        for (const e of s.envLines) if (e.name === 'GOMAXPROCS') out.gomaxprocs.push(e);
      }
      return out;
    }
    case 'makefile': {
      return { ...out, ...readMakefile(file, { dir: '.', readFile }) };
    }
    case 'shell': {
      const r = scanShell(file.text, {
        file: file.path,
        kind: 'shell',
        line: 1,
        column: 1,
        env: {},
        dir: '.',
        imageDir: null,
        host: null,
        image: null,
        readFile,
        scriptDir: relativeDir(base, dirOf(file.path)) ?? undefined,
      });
      const gomaxprocs = r.env.GOMAXPROCS ? [r.env.GOMAXPROCS] : [];
      return { ...out, commands: r.commands, installs: r.installs, gomaxprocs };
    }
    case 'kubernetes': {
      const r = readKubernetes(file);
      return { ...out, workloads: r.workloads, gomaxprocs: r.gomaxprocs, problems: r.problems };
    }
    default: {
      const reader =
        file.kind === 'github'
          ? readGithubWorkflow
          : file.kind === 'gitlab'
            ? readGitlabCi
            : file.kind === 'circleci'
              ? readCircleCi
              : readGoreleaser;
      return { ...out, ...reader(file, { readFile }) };
    }
  }
}

/** The scan-relative directory a file's commands are relative to (see design notes in each case). */
function baseOf(file: BuildFile, modules: readonly ModuleInfo[]): string {
  const d = dirOf(file.path);
  switch (file.kind) {
    case 'github': {
      // <repo>/.github/workflows/x.yml
      const m = /^(?:(.*)\/)?\.github\/workflows$/.exec(d);
      return m ? (m[1] ?? '.') : d;
    }
    case 'circleci': {
      const m = /^(?:(.*)\/)?\.circleci$/.exec(d);
      return m ? (m[1] ?? '.') : d;
    }
    case 'dockerfile': {
      // The build context: the Dockerfile's directory when it is a module root, else the nearest
      // module root above it (docker build -f build/Dockerfile .), else its own directory.
      for (let cur: string | null = d; cur !== null; cur = parentOf(cur)) {
        if (modules.some((m) => m.dir === cur)) return cur;
      }
      return d;
    }
    case 'shell':
      // Scripts are run from the module root more often than from their own directory.
      return moduleOf(d, modules)?.dir ?? d;
    default:
      return d;
  }
}

export function analyzeBuild(input: BuildLensInput, rules: BuildRule[]): BuildLensResult {
  const idx = indexPackages(input.packages, input.modules);
  const texts = new Map(input.files.map((f) => [f.path, f.text]));
  const reads = input.files.map((f) => {
    const base = baseOf(f, input.modules);
    const readFile = (path: string): string | null => {
      const full = joinDir(base, path);
      return full === null ? null : (texts.get(full) ?? null);
    };
    try {
      return readOne(f, base, readFile);
    } catch (e) {
      return {
        file: f,
        commands: [],
        installs: [],
        workloads: [],
        gomaxprocs: [],
        problems: [{ file: f.path, message: `could not be read: ${(e as Error).message}` }],
      } satisfies FileRead;
    }
  });
  const builds: ResolvedBuild[] = [];
  const programs = new Map<string, Program>();
  for (const r of reads) {
    const base = baseOf(r.file, input.modules);
    const mod = moduleOf(base, input.modules);
    const moduleMinor = mod?.toolchain?.minor ?? mod?.go?.minor ?? null;
    for (const cmd of r.commands) {
      const resolved = resolveCommand(cmd, {
        idx,
        base,
        moduleMinor,
        dockerfile: r.dockerfile,
        installs: r.installs,
        programs,
      });
      for (const b of resolved) markDockerRelease(b);
      builds.push(...resolved);
    }
  }
  const findings: Finding[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (const r of reads) {
    for (const p of r.problems) {
      findings.push({
        rule: GT001.id,
        name: GT001.name,
        severity: GT001.severity,
        lens: 'gotrap',
        message: `build file not fully understood: ${p.message}`,
        file: p.file,
        line: p.line,
      });
    }
  }
  const ctx = (rule: BuildRule): BuildContext => ({
    builds,
    dockerfiles: reads.flatMap((r) => (r.dockerfile ? [r.dockerfile] : [])),
    workloads: reads.flatMap((r) => r.workloads),
    gomaxprocs: reads.flatMap((r) => r.gomaxprocs),
    packages: idx,
    modules: input.modules,
    moduleFor: (file) => moduleOf(dirOf(file), input.modules) ?? rootModule(input.modules),
    report: (rep: BuildReport) => {
      // One finding per rule and line: matrix combinations and loop values of one command would
      // otherwise repeat it (columns shift with the substituted values); the most severe is kept.
      const key = `${rule.id}\0${rep.loc.file}\0${rep.loc.line}`;
      const prev = seen.get(key);
      const severity = rep.severity ?? rule.severity;
      if (prev !== undefined) {
        if (severityRank(severity) <= severityRank(findings[prev].severity)) return;
        findings.splice(prev, 1, {
          ...findings[prev],
          severity,
          message: rep.message,
          related: rep.related,
          fix: rep.fix,
        });
        return;
      }
      seen.set(key, findings.length);
      findings.push({
        rule: rule.id,
        name: rule.name,
        severity: rep.severity ?? rule.severity,
        lens: 'build',
        message: rep.message,
        file: rep.loc.file,
        line: rep.loc.line,
        column: rep.loc.column,
        related: rep.related,
        fix: rep.fix,
      });
    },
  });
  for (const rule of rules) {
    try {
      rule.check(ctx(rule));
    } catch (e) {
      errors.push(`${rule.id} failed: ${(e as Error).message}`);
    }
  }
  return { findings, errors, commands: builds.length };
}

/** With one module, or a module at the scan root, files outside every module belong to it. */
function rootModule(modules: readonly ModuleInfo[]): ModuleInfo | null {
  if (modules.length === 1) return modules[0];
  return modules.find((m) => m.dir === '.') ?? null;
}
