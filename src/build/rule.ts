// Build-lens rule shape: the rule record (metadata and docs, src/core/rule.ts) plus a check over
// the resolved build model of the whole scan (every go command of every build file, resolved
// against the module's packages; Dockerfile stages; Kubernetes workloads).

import type { Fix, Related, Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import type { ModuleInfo } from '../source/model.js';
import type { DockerfileModel, GoCommand, K8sWorkload, Loc, Setting } from './model.js';
import type { PackageIndex } from './program.js';
import type { ResolvedBuild } from './resolve.js';

export interface BuildReport {
  loc: Loc;
  message: string;
  severity?: Severity;
  related?: Related[];
  fix?: Fix;
}

export interface BuildContext {
  /** Every go command of every build file, once per target. */
  builds: ResolvedBuild[];
  dockerfiles: DockerfileModel[];
  workloads: K8sWorkload[];
  /** GOMAXPROCS settings in build files (Dockerfile ENV, CI env, exports, manifests). */
  gomaxprocs: Setting[];
  packages: PackageIndex;
  modules: ModuleInfo[];
  /** The module a build file belongs to (innermost containing it, else the only/root module). */
  moduleFor(file: string): ModuleInfo | null;
  report(r: BuildReport): void;
}

export interface BuildRule extends RuleMeta {
  lens: 'build';
  subsystem: 'build';
  check(ctx: BuildContext): void;
}

/** `file:line` for related entries and messages. */
export function at(loc: Loc): string {
  return `${loc.file}:${loc.line}`;
}

/** A related entry pointing at a setting. */
export function relatedSetting(s: Setting, message: string): Related {
  return { file: s.loc.file, line: s.loc.line, column: s.loc.column, message };
}

/**
 * Where a finding about a build points: in a declarative build (goreleaser) the first of `keys`
 * that is written, else the setting given, else the build entry; for commands, the command.
 */
export function locFor(
  cmd: GoCommand,
  keys: (keyof NonNullable<GoCommand['keyLocs']>)[],
  setting?: Setting | null,
): Loc {
  if (cmd.kind !== 'goreleaser') return cmd.loc;
  for (const k of keys) {
    const l = cmd.keyLocs?.[k];
    if (l) return l;
  }
  return setting?.loc ?? cmd.loc;
}
