// The binary lens: audits one binary read through a ByteSource (no file system: the CLI opens
// files, the browser reads what the user drops) and returns its JSON `binaries` entry and the
// findings of the BIN rules. Binary findings carry no line; `file` is the binary's path.

import type { Finding } from '../core/finding.js';
import { type BinaryEntry, entryOf } from './audit/entry.js';
import { buildModel } from './audit/model.js';
import type { BinaryReport, BinaryRule } from './audit/rule.js';
import { BINARY_RULES } from './audit/rules.js';
import { parseTarget, type Target } from './audit/target.js';
import { verdictOf } from './audit/verdict.js';
import { readGoFacts } from './go/facts.js';
import { openBinary } from './open.js';
import type { BinaryFormat, ByteSource } from './types.js';

export type { BinaryEntry } from './audit/entry.js';
export type { Target } from './audit/target.js';
export { parseTarget, TargetError } from './audit/target.js';

export interface AuditOptions {
  /** Display path of the binary (`-` for stdin); the default is `-`. */
  file?: string;
  /** `--target`, parsed or as given. */
  target?: Target | string | null;
  /** Rule ids to run (default: every BIN rule). */
  ruleIds?: ReadonlySet<string>;
  /** The rules to run (default: BINARY_RULES; tests may pass others). */
  rules?: readonly BinaryRule[];
}

export interface AuditOutput {
  entry: BinaryEntry;
  findings: Finding[];
}

/** The file is not one gotrap audits; `reason` says why (for `summary.skipped`). */
export class NotGoBinaryError extends Error {
  override name = 'NotGoBinaryError';
  constructor(
    readonly reason: string,
    readonly format: BinaryFormat | null,
  ) {
    super(reason);
  }
}

/**
 * Audits one binary. Throws NotGoBinaryError for files that are not executables (ELF, Mach-O,
 * PE) or have no Go evidence, and BinaryFormatError for malformed ones.
 */
export function auditBinary(src: ByteSource, opts: AuditOptions = {}): AuditOutput {
  const file = opts.file ?? '-';
  const target = typeof opts.target === 'string' ? parseTarget(opts.target) : (opts.target ?? null);
  const bin = openBinary(src);
  if (!bin) throw new NotGoBinaryError('not an executable (no ELF, Mach-O or PE header)', null);
  const facts = readGoFacts(bin);
  if (!facts.isGo) {
    throw new NotGoBinaryError(
      `${formatName(bin.format)} file without Go build info, version string or pclntab: not a Go binary`,
      bin.format,
    );
  }
  const model = buildModel(src, bin, facts, file);
  const entry = entryOf(model, verdictOf(model));
  const findings: Finding[] = [];
  for (const rule of opts.rules ?? BINARY_RULES) {
    if (opts.ruleIds && !opts.ruleIds.has(rule.id)) continue;
    rule.check({
      model,
      target,
      report: (r: BinaryReport) => findings.push(findingOf(rule, file, r)),
    });
  }
  return { entry, findings };
}

function findingOf(rule: BinaryRule, file: string, r: BinaryReport): Finding {
  const f: Finding = {
    rule: rule.id,
    name: rule.name,
    severity: r.severity ?? rule.severity,
    lens: 'binary',
    message: r.message,
    file,
  };
  if (r.related && r.related.length > 0) f.related = r.related;
  if (r.fix) f.fix = r.fix;
  return f;
}

function formatName(f: BinaryFormat): string {
  return f === 'elf' ? 'ELF' : f === 'macho' ? 'Mach-O' : 'PE';
}

/** A few lines for people: what the binary is, what it needs, where it runs (text output). */
export function describeEntry(e: BinaryEntry): string[] {
  const out: string[] = [];
  const platform = `${e.goos ?? '?'}/${e.goarch ?? '?'}`;
  const version = e.goVersion ?? (e.versionRange ? `Go ${e.versionRange}` : 'Go (version unknown)');
  const link = e.cgo
    ? `cgo${e.externalLink ? ', external link' : e.externalLink === false ? ', internal link' : ''}`
    : 'no cgo';
  out.push(
    `${e.file}: ${formatName(e.format)} ${platform}, ${version}, ${link}, ${e.linkage ?? 'unknown linkage'}`,
  );
  if (e.path || e.module) {
    const mod = e.module ? `${e.module.path}@${e.module.version}` : '';
    out.push(
      `  main ${e.path ?? ''}${mod && e.module?.path !== e.path ? ` (${mod})` : mod ? ` ${e.module?.version}` : ''}; ${e.deps.length} deps`,
    );
  }
  const libc = e.staticGlibc
    ? 'static glibc'
    : (e.libc ?? (e.needed.length || e.interpreter ? 'unknown libc' : 'no libc'));
  const parts = [libc];
  if (e.interpreter)
    parts.push(`interpreter ${e.interpreter}${e.interpreterStandard === false ? ' (not standard)' : ''}`);
  if (e.needed.length) parts.push(`needs ${e.needed.join(', ')}`);
  if (e.glibcMax)
    parts.push(
      `glibc >= ${e.glibcMax}${e.glibcSymbols.length ? ` (${e.glibcSymbols.slice(0, 4).join(', ')})` : ''}`,
    );
  if (e.rpath.length) parts.push(`RPATH ${e.rpath.join(':')}`);
  if (e.runpath.length) parts.push(`RUNPATH ${e.runpath.join(':')}`);
  out.push(`  ${parts.join('; ')}`);
  const hard = [e.stripped ? 'stripped' : 'symbols', e.dwarf ? 'DWARF' : 'no DWARF'];
  if (e.relro) hard.push(`RELRO ${e.relro}`);
  if (e.nx !== null) hard.push(e.nx ? 'NX' : 'executable stack');
  if (e.pie) hard.push('PIE');
  out.push(`  ${hard.join(', ')}`);
  if (e.format === 'elf' && (e.goos === 'linux' || e.goos === null)) {
    if (e.notRunsOn.length === 0) {
      out.push(`  runs on: every common distribution and image (${e.runsOn.length})`);
    } else {
      out.push(
        `  runs on: ${e.runsOn.length ? e.runsOn.join(', ') : 'none of the common distributions and images'}`,
      );
      out.push(`  not on:  ${e.notRunsOn.map((n) => n.target).join(', ')}`);
    }
  }
  return out;
}
