// The crash lens end to end, without I/O: lines in, findings and the `crash` JSON object out.
// read → parse (parse.ts, unwrapping log prefixes) → bucket (buckets.ts) → classify (classify.ts).
// Push lines one at a time so that a log of any size streams through; the CLI (src/cli/triage.ts)
// and the browser feed it.

import type { Finding } from '../core/finding.js';
import { createBucketer } from './buckets.js';
import { classify, expectedExitStatus, refineKind } from './classify.js';
import type { Bucket, CrashKind, ParsedCrash } from './model.js';
import { createParser } from './parse.js';
import { textLines } from './rule.js';

/** Buckets listed in the JSON output; the rest are counted in `bucketsOmitted`. */
export const MAX_BUCKETS = 1000;

export interface TriageOptions {
  /** Display path of the input (`-` for stdin). */
  file: string;
  /** Rule ids that run; all crash rules when absent. */
  ruleIds?: ReadonlySet<string>;
}

/** The `crash` object of the JSON output (design.md), plus a few fields that explain it. */
export interface CrashJson {
  kind: CrashKind;
  /** The first matching rule in the catalog's table order, or null. */
  cause: string | null;
  /** From an `exit status N` line when printed, else what the catalog says this shape exits with (or null). */
  exitStatus: number | null;
  exitStatusInferred: boolean;
  /** Goroutines in the input. */
  goroutines: number;
  /** The goroutine the traceback names as crashing. */
  panicGoroutine: number | null;
  /** The first `panic:`/`fatal error:` message, or null. */
  message: string | null;
  /** `SIGSEGV`... when a signal was reported. */
  signal: string | null;
  /** Every rule that matched, in table order (the cause first). */
  matched: string[];
  /** Input lines read, and how many had a log prefix removed (docker, kubectl, journald...). */
  lines: number;
  unwrapped: number;
  buckets: Bucket[];
  bucketsOmitted?: number;
}

export interface TriageResult {
  findings: Finding[];
  crash: CrashJson;
  /** The parsed model (tests, the browser). */
  parsed: ParsedCrash;
  /** Text of the lines findings point at (unwrapped), for code frames: index = line - 1. */
  lineTexts: string[];
  /** Rules that threw (internal errors). */
  errors: string[];
}

export interface Triage {
  /** One input line without its newline. */
  push(line: string): void;
  finish(): TriageResult;
}

export function createTriage(opts: TriageOptions): Triage {
  const bucketer = createBucketer();
  const parser = createParser({ onGoroutine: (g, crashing) => bucketer.add(g, crashing) });
  return {
    push: (line) => parser.push(line),
    finish(): TriageResult {
      const parsed = parser.finish();
      const c = classify(parsed, { file: opts.file, ruleIds: opts.ruleIds });
      const kind = refineKind(parsed.kind, c.cause);
      const inferred = parsed.exitStatus === null ? expectedExitStatus(parsed, kind, c.cause) : null;
      const all = bucketer.buckets();
      const first = parsed.panics[0];
      const crash: CrashJson = {
        kind,
        cause: c.cause,
        exitStatus: parsed.exitStatus ?? inferred,
        exitStatusInferred: parsed.exitStatus === null && inferred !== null,
        goroutines: parsed.goroutineCount ?? parsed.goroutines.length,
        panicGoroutine: parsed.crashingGoroutine,
        message: first ? first.message : null,
        signal: parsed.signal?.name ?? null,
        matched: c.matched,
        lines: parsed.lines,
        unwrapped: parsed.unwrapped,
        buckets: all.slice(0, MAX_BUCKETS),
      };
      if (all.length > MAX_BUCKETS) crash.bucketsOmitted = all.length - MAX_BUCKETS;
      const lineTexts: string[] = [];
      const wanted = new Set(c.findings.map((f) => f.line));
      for (const l of textLines(parsed)) {
        if (wanted.has(l.inputLine) && lineTexts[l.inputLine - 1] === undefined)
          lineTexts[l.inputLine - 1] = l.text;
      }
      return { findings: c.findings, crash, parsed, lineTexts, errors: c.errors };
    },
  };
}

/** Triage of lines already in memory (tests, the browser). */
export function triageLines(lines: Iterable<string>, opts: TriageOptions): TriageResult {
  const t = createTriage(opts);
  for (const line of lines) t.push(line);
  return t.finish();
}

/** Triage of a whole text. */
export function triageText(text: string, opts: TriageOptions): TriageResult {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return triageLines(lines, opts);
}

/** One line for people: what the input is and what caused it. */
export function describeCrash(
  file: string,
  crash: CrashJson,
  titleOf: (id: string) => string | undefined,
): string {
  const shape: Record<CrashKind, string> = {
    panic: 'Go panic',
    fatal: 'Go runtime fatal error',
    signal: 'Go crash on a signal',
    dump: 'goroutine dump',
    race: 'race detector report',
    loader: 'dynamic loader error',
    exec: 'exec failure',
    link: 'link errors',
    build: 'build errors',
    unknown: 'no Go crash, loader, link or build error recognised',
  };
  const parts = [shape[crash.kind]];
  if (crash.panicGoroutine !== null) parts.push(`in goroutine ${crash.panicGoroutine}`);
  if (crash.goroutines > 0) {
    parts.push(
      `(${crash.goroutines} goroutine${crash.goroutines === 1 ? '' : 's'} in ${crash.buckets.length + (crash.bucketsOmitted ?? 0)} bucket${crash.buckets.length === 1 ? '' : 's'})`,
    );
  }
  if (crash.exitStatus !== null)
    parts.push(`exit status ${crash.exitStatus}${crash.exitStatusInferred ? ' (inferred)' : ''}`);
  let line = `${file}: ${parts.join(' ')}`;
  if (crash.cause) line += `\n  cause: ${crash.cause} ${titleOf(crash.cause) ?? ''}`.trimEnd();
  return `${line}\n`;
}
