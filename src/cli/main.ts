#!/usr/bin/env node
// The gotrap command line. Exit status: 0 no findings at or above --fail-on, 1 findings,
// 2 usage or internal error (design.md).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, EMPTY_CONFIG, type GotrapConfig, ruleEnabled } from '../core/config-model.js';
import { type Finding, isSeverity, type ScanResult, type Severity, severityRank } from '../core/finding.js';
import { META_RULES } from '../core/meta-rules.js';
import type { RuleMeta } from '../core/rule.js';
import { renderExplain, renderRulesTable } from '../report/explain.js';
import { FORMATS, type Format, render } from '../report/index.js';
import { findConfigFile, UsageError } from './errors.js';

// Commands load their lens on demand: `gotrap audit` never loads the source rules or the
// tree-sitter grammars, which keeps start-up short for a command that is often run on one file.
async function allRules(): Promise<RuleMeta[]> {
  return (await import('../rules.js')).ALL_RULES;
}

/** The rule with this id, or every rule with this name (lenses may share one: BLD001 and BIN001). */
function findRules(rules: readonly RuleMeta[], idOrName: string): RuleMeta[] {
  const up = idOrName.toUpperCase();
  const byId = rules.filter((r) => r.id === up);
  return byId.length > 0 ? byId : rules.filter((r) => r.name === idOrName);
}

const require = createRequire(import.meta.url);
const VERSION: string = (require('../../../package.json') as { version: string }).version;

interface CommonOpts {
  format: Format;
  go?: string;
  goroot?: string;
  rules?: string;
  severity: string;
  failOn: string;
  color: boolean;
  quiet: boolean;
  config?: string;
  includeVendor: boolean;
  includeGenerated: boolean;
  workers?: string;
}

function fail(msg: string): never {
  throw new UsageError(msg);
}

/** The configuration file, parsed; the YAML reader is loaded only when there is one. */
async function loadConfig(file: string | null): Promise<GotrapConfig> {
  if (!file) return EMPTY_CONFIG;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read config ${file}: ${(e as Error).message}`);
  }
  const { parseConfig } = await import('../core/config.js');
  return parseConfig(text, file);
}

/** The ids of `rules` that run: all, narrowed by the config and then by --rules. */
function selectRules(cfg: GotrapConfig, only: string | undefined, rules: readonly RuleMeta[]): Set<string> {
  let ids = rules.map((r) => r.id).filter((id) => ruleEnabled(cfg, id) || id.startsWith('GT'));
  if (only) {
    const wanted = only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .flatMap((s) => {
        const found = findRules(rules, s);
        if (found.length === 0) fail(`--rules: unknown rule "${s}" for this command (see \`gotrap rules\`)`);
        return found.map((r) => r.id);
      });
    ids = ids.filter((id) => wanted.includes(id) || id.startsWith('GT'));
  }
  return new Set(ids);
}

function severityOption(name: string, value: string, allowNone: boolean): Severity | 'none' {
  if (isSeverity(value) || (allowNone && value === 'none')) return value as Severity | 'none';
  return fail(`${name}: "${value}" is not one of info, warning, error${allowNone ? ', none' : ''}`);
}

function exitStatus(findings: Finding[], failOn: Severity | 'none'): number {
  if (failOn === 'none') return 0;
  return findings.some((f) => severityRank(f.severity) >= severityRank(failOn)) ? 1 : 0;
}

function getLines(file: string): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}

function output(format: Format, result: ScanResult, opts: CommonOpts, rules: RuleMeta[]): void {
  const text = render(format, result, {
    version: VERSION,
    color: opts.color,
    quiet: opts.quiet,
    rules,
    getLines,
  });
  process.stdout.write(text);
}

function addCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--go <version>', 'Go version to judge against (default: go.mod toolchain/go line)')
    .option('--goroot <dir>', 'Go source tree for linkname facts (used when its VERSION matches)')
    .option('--rules <ids>', 'run only these rules (comma-separated ids or names)')
    .option('--severity <min>', 'report findings at or above this severity', 'info')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding at or above this severity remains (none: never)',
      'error',
    )
    .option('--no-color', 'never colour the text output')
    .option('-q, --quiet', 'print findings only, no summary', false)
    .option('--config <file>', 'configuration file (default: .gotrap.yaml found upward)');
}

async function scanCommand(paths: string[], opts: CommonOpts): Promise<number> {
  const cwd = process.cwd();
  const targets = paths.length > 0 ? paths : ['.'];
  const configFile = opts.config ?? findConfigFile(targets[0]);
  const cfg = await loadConfig(configFile);
  const minSeverity = severityOption('--severity', opts.severity, false) as Severity;
  const failOn = severityOption('--fail-on', opts.failOn, true);
  const workers = opts.workers === undefined ? undefined : Number(opts.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 64)) {
    fail('--workers: expected a whole number from 0 to 64');
  }
  const tty = process.stderr.isTTY === true;
  const { runScan } = await import('./scan.js');
  const rules = await allRules();
  const { result, errors, stats } = await runScan({
    cwd,
    paths: targets,
    config: cfg,
    configDir: configFile ? dirname(resolve(cwd, configFile)) : undefined,
    go: opts.go ?? null,
    goroot: opts.goroot ?? null,
    includeVendor: opts.includeVendor,
    includeGenerated: opts.includeGenerated,
    ruleIds: selectRules(cfg, opts.rules, rules),
    workers,
    progress: tty && !opts.quiet ? (m) => process.stderr.write(`gotrap: ${m}\n`) : undefined,
  });
  Object.assign(extraStats, stats);
  result.findings = result.findings.filter((f) => severityRank(f.severity) >= severityRank(minSeverity));
  output(opts.format, result, { ...opts, color: opts.color && process.stdout.isTTY === true }, rules);
  for (const e of errors) process.stderr.write(`gotrap: internal error: ${e}\n`);
  if (errors.length > 0) return 2;
  return exitStatus(result.findings, failOn);
}

export async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = new Command()
    .name('gotrap')
    .description('Finds the traps of the Go runtime, cgo, //go:linkname and the Go build/link pipeline.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  addCommon(
    program
      .command('scan')
      .description(
        'source and build lenses: Go files, cgo preambles, directives; Dockerfiles, Makefiles, CI, manifests',
      ),
  )
    .argument('[paths...]', 'files or directories (default: .)')
    .option('--include-vendor', 'scan vendor directories too', false)
    .option('--include-generated', 'check files marked "Code generated ... DO NOT EDIT." too', false)
    .addOption(new Option('--workers <n>', 'worker threads (0: scan inline)').hideHelp())
    .action(async (paths: string[], opts: CommonOpts) => {
      status = await scanCommand(paths, opts);
    });

  addCommon(program.command('audit').description('binary lens: Go executables (ELF; Mach-O and PE too)'))
    .argument('<binaries...>', 'binaries, directories to search for Go binaries, or - for stdin')
    .option(
      '--target <target>',
      'where it must run: [os/arch[/variant],]<glibc version | image | distro:version>',
    )
    .action(async (paths: string[], opts: CommonOpts & { target?: string }) => {
      const { describeBinaries, runAudit } = await import('./audit.js');
      const rules: RuleMeta[] = [...META_RULES, ...(await import('../binary/audit/rules.js')).BINARY_RULES];
      const cwd = process.cwd();
      const configFile = opts.config ?? findConfigFile(cwd);
      const cfg = await loadConfig(configFile);
      const minSeverity = severityOption('--severity', opts.severity, false) as Severity;
      const failOn = severityOption('--fail-on', opts.failOn, true);
      const { result, binaries, errors } = runAudit({
        cwd,
        paths,
        target: opts.target,
        ruleIds: selectRules(cfg, opts.rules, rules),
        config: cfg,
        configDir: configFile ? dirname(resolve(cwd, configFile)) : undefined,
      });
      result.findings = result.findings.filter((f) => severityRank(f.severity) >= severityRank(minSeverity));
      if (opts.format === 'text' && !opts.quiet) process.stdout.write(describeBinaries(binaries));
      output(opts.format, result, { ...opts, color: opts.color && process.stdout.isTTY === true }, rules);
      for (const e of errors) process.stderr.write(`gotrap: internal error: ${e}\n`);
      status = errors.length > 0 ? 2 : exitStatus(result.findings, failOn);
    });

  addCommon(program.command('triage').description('crash lens: panics, goroutine dumps, loader, link errors'))
    .argument('[file]', 'a log file, or - for stdin (default: stdin)')
    .action(async (file: string | undefined, opts: CommonOpts) => {
      const { renderTriage, runTriage, TRIAGE_RULES } = await import('./triage.js');
      const cfg = await loadConfig(opts.config ?? findConfigFile(process.cwd()));
      const minSeverity = severityOption('--severity', opts.severity, false) as Severity;
      const failOn = severityOption('--fail-on', opts.failOn, true);
      const ruleIds = selectRules(cfg, opts.rules, TRIAGE_RULES);
      const out = await runTriage({ cwd: process.cwd(), file, ruleIds, config: cfg });
      const { findings } = out.result;
      out.result.findings = findings.filter((f) => severityRank(f.severity) >= severityRank(minSeverity));
      const color = opts.color && process.stdout.isTTY === true;
      process.stdout.write(renderTriage(opts.format, out, { version: VERSION, color, quiet: opts.quiet }));
      for (const e of out.errors) process.stderr.write(`gotrap: internal error: ${e}\n`);
      status = out.errors.length > 0 ? 2 : exitStatus(out.result.findings, failOn);
    });

  program
    .command('rules')
    .description('list the rules')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts: { format: 'text' | 'json' }) => {
      process.stdout.write(renderRulesTable(await allRules(), opts.format));
    });

  program
    .command('explain')
    .description('explain a rule: symptom, why, fix, versions, examples')
    .argument('<id>', 'rule id or name, e.g. LN004 or linkname-signature-mismatch')
    .option('--no-color', 'never colour the output')
    .action(async (id: string, opts: { color: boolean }) => {
      const found = findRules(await allRules(), id);
      if (found.length === 0) fail(`unknown rule "${id}" (see \`gotrap rules\`)`);
      const color = opts.color && process.stdout.isTTY === true;
      process.stdout.write(found.map((rule) => renderExplain(rule, { color })).join('\n'));
    });

  program
    .command('train')
    .description('serve the trainer and playground (runs in the browser) on 127.0.0.1 until Ctrl-C')
    .option('-p, --port <port>', 'port to listen on (0: any free port)', '0')
    .action(async (opts: { port: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        fail('--port: expected a number from 0 to 65535');
      }
      const { train } = await import('./train.js');
      await train({ port }).catch((e: Error) => fail(e.message));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`gotrap: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`gotrap: internal error: ${(e as Error).message}\n`);
    return 2;
  }
  return status;
}

const started = performance.now();
/** Figures a command adds to GOTRAP_STATS (the build lens's share of a scan). */
const extraStats: Record<string, number> = {};
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // For `npm run bench`: wall time and peak RSS of this process (worker threads included).
    if (process.env.GOTRAP_STATS === '1') {
      const stats = {
        wallMs: Math.round(performance.now() - started),
        maxRssKB: process.resourceUsage().maxRSS,
        ...extraStats,
      };
      process.stderr.write(`GOTRAP_STATS ${JSON.stringify(stats)}\n`);
    }
  },
  (e: unknown) => {
    process.stderr.write(`gotrap: internal error: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
