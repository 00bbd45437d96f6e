// Classification: runs the CR rules over one parsed crash and ranks what they recognised. The
// cause is the first rule in the catalog's table order that matched (CR005, the NSS crash, is
// tried before CR016, any crash in C); every other match is reported as well. Rules only read the
// model; a rule that throws becomes an internal error, never a crash of the whole run.

import type { Finding } from '../core/finding.js';
import type { CrashKind, ParsedCrash } from './model.js';
import type { CrashReport, CrashRule } from './rule.js';
import { CR001 } from './rules/CR001.js';
import { CR002 } from './rules/CR002.js';
import { CR003 } from './rules/CR003.js';
import { CR004 } from './rules/CR004.js';
import { CR005 } from './rules/CR005.js';
import { CR006 } from './rules/CR006.js';
import { CR007 } from './rules/CR007.js';
import { CR008 } from './rules/CR008.js';
import { CR009 } from './rules/CR009.js';
import { CR010 } from './rules/CR010.js';
import { CR011 } from './rules/CR011.js';
import { CR012 } from './rules/CR012.js';
import { CR013 } from './rules/CR013.js';
import { CR014 } from './rules/CR014.js';
import { CR015 } from './rules/CR015.js';
import { CR016 } from './rules/CR016.js';

/** The crash rules in the catalog's table order, which is also the order causes are tried in. */
export const CRASH_RULES: readonly CrashRule[] = [
  CR001,
  CR002,
  CR003,
  CR004,
  CR005,
  CR006,
  CR007,
  CR008,
  CR009,
  CR010,
  CR011,
  CR012,
  CR013,
  CR014,
  CR015,
  CR016,
];

export interface ClassifyOptions {
  /** Display path of the input (`-` for stdin). */
  file: string;
  /** Rule ids that run; all crash rules when absent. */
  ruleIds?: ReadonlySet<string>;
}

export interface Classification {
  /** One finding per report, in table order (reporters sort them by line). */
  findings: Finding[];
  /** The id of the first rule in table order that matched, or null. */
  cause: string | null;
  /** Every rule that matched, in table order (the cause first). */
  matched: string[];
  /** Rules that threw: `CR007: message`. */
  errors: string[];
}

export function classify(crash: ParsedCrash, opts: ClassifyOptions): Classification {
  const findings: Finding[] = [];
  const matched: string[] = [];
  const errors: string[] = [];
  for (const rule of CRASH_RULES) {
    if (opts.ruleIds && !opts.ruleIds.has(rule.id)) continue;
    const reports: CrashReport[] = [];
    try {
      rule.check(crash, (r) => reports.push(r));
    } catch (e) {
      errors.push(`${rule.id}: ${(e as Error).stack ?? String(e)}`);
      continue;
    }
    if (reports.length === 0) continue;
    matched.push(rule.id);
    for (const r of reports) findings.push(toFinding(rule, r, opts.file));
  }
  return { findings, cause: matched[0] ?? null, matched, errors };
}

function toFinding(rule: CrashRule, r: CrashReport, file: string): Finding {
  const f: Finding = {
    rule: rule.id,
    name: rule.name,
    severity: r.severity ?? rule.severity,
    lens: 'crash',
    message: r.message,
    file,
    line: r.line,
  };
  if (r.related && r.related.length > 0) f.related = r.related;
  if (r.fix) f.fix = r.fix;
  return f;
}

/**
 * The input's shape: the parser's, unless it saw nothing it knows and a rule still recognised
 * a message (then the cause decides: loader, exec, link or build output).
 */
export function refineKind(kind: CrashKind, cause: string | null): CrashKind {
  if (kind !== 'unknown' || cause === null) return kind;
  switch (cause) {
    case 'CR009':
    case 'CR010':
      return 'loader';
    case 'CR011':
    case 'CR012':
      return 'exec';
    case 'CR013':
      return 'link';
    case 'CR014':
      return kind;
    default:
      // A runtime message without a traceback (Go 1.22's `cgocallback with sp=... out of bounds` exits at once).
      return 'fatal';
  }
}

/** What the catalog says the process exits with for this shape and cause, when it is unambiguous. */
export function expectedExitStatus(crash: ParsedCrash, kind: CrashKind, cause: string | null): number | null {
  switch (cause) {
    case 'CR009':
    case 'CR012':
      return 1;
    case 'CR010':
      // glibc's ld.so and musl's loader both exit 127; an execve failure's status depends on the caller.
      return crash.messages.some((m) =>
        /error while loading shared libraries|Error loading shared library|Error relocating/.test(m.text),
      )
        ? 127
        : null;
    case 'CR011':
    case 'CR013':
    case 'CR014':
      return null;
    default:
      break;
  }
  switch (kind) {
    case 'panic':
      // Frames with pc= on a panic mean GOTRACEBACK was raised: with `crash` the process dies of
      // SIGABRT (134) without printing it, with `system` it exits 2; the log cannot tell which.
      return crash.goroutines.some((g) => g.frames.some((f) => f.pc !== undefined)) ? null : 2;
    case 'fatal':
    case 'signal':
      // 2 for Go's own crash report (GOTRACEBACK=crash would make it 134, which the log does not show).
      return 2;
    case 'dump':
      return crash.signal?.name === 'SIGQUIT' ? 2 : null;
    case 'race':
      return 66;
    default:
      return null;
  }
}
