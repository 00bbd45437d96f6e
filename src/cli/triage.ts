// `gotrap triage [file|-]`: the crash lens's side of the command line. Streams a log file (or
// stdin) line by line into the pure triage (src/crash/triage.ts) — never the whole file in
// memory — after checking that the input is text at all: an executable, an archive or UTF-16
// text gets a clear message and exit 2, as does empty input.

import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { applyConfig, type GotrapConfig } from '../core/config-model.js';
import type { ScanResult } from '../core/finding.js';
import { META_RULES } from '../core/meta-rules.js';
import type { RuleMeta } from '../core/rule.js';
import { CRASH_RULES } from '../crash/classify.js';
import { type CrashJson, createTriage, describeCrash } from '../crash/triage.js';
import { type Format, render } from '../report/index.js';
import { UsageError } from './errors.js';
import { displayPath } from './walk.js';

/** The rules `gotrap triage` runs and reports with (the crash lens never loads the other lenses). */
export const TRIAGE_RULES: RuleMeta[] = [...META_RULES, ...CRASH_RULES];

/** Longer lines are cut here (a log line is never this long; a binary without newlines would be). */
export const MAX_LINE = 256 * 1024;
/** Bytes looked at to decide whether the input is text. */
const SNIFF = 8 * 1024;

export interface TriageRunOptions {
  cwd: string;
  /** A file, `-` or undefined for stdin. */
  file?: string;
  /** Rule ids that run (after --rules and the config). */
  ruleIds: Set<string>;
  config: GotrapConfig;
  /** The stdin stream (injectable for tests). */
  stdin?: Readable & { isTTY?: boolean };
}

export interface TriageRunOutput {
  /** Display path of the input (`-` for stdin). */
  file: string;
  result: ScanResult;
  crash: CrashJson;
  /** Text of the lines findings point at, for code frames. */
  lineTexts: string[];
  /** Internal errors (a rule that threw); exit 2. */
  errors: string[];
}

export async function runTriage(o: TriageRunOptions): Promise<TriageRunOutput> {
  const started = performance.now();
  const fromStdin = o.file === undefined || o.file === '-';
  const display = fromStdin ? '-' : displayPath(o.cwd, resolve(o.cwd, o.file!));
  let stream: Readable;
  if (fromStdin) {
    const stdin = o.stdin ?? process.stdin;
    if (stdin.isTTY) {
      throw new UsageError(
        'triage: name a log file or pipe one in (gotrap triage crash.log, ... 2>&1 | gotrap triage)',
      );
    }
    stream = stdin;
  } else {
    const abs = resolve(o.cwd, o.file!);
    let isFile = false;
    try {
      isFile = statSync(abs).isFile();
    } catch (e) {
      throw new UsageError(
        `triage: cannot read ${o.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    if (!isFile) throw new UsageError(`triage: ${o.file} is not a file (name one log file, or - for stdin)`);
    stream = createReadStream(abs);
  }

  const triage = createTriage({ file: display, ruleIds: o.ruleIds });
  let sawText = false;
  try {
    await forEachLine(stream, display, (line) => {
      if (!sawText && line.trim() !== '') sawText = true;
      triage.push(line);
    });
  } finally {
    stream.destroy();
  }
  if (!sawText) throw new UsageError(`nothing to triage: ${display === '-' ? 'stdin' : display} is empty`);
  const out = triage.finish();
  return {
    file: display,
    result: {
      findings: applyConfig(out.findings, o.config),
      suppressed: [],
      files: 1,
      skipped: [],
      durationMs: Math.round(performance.now() - started),
      extra: { crash: out.crash },
    },
    crash: out.crash,
    lineTexts: out.lineTexts,
    errors: out.errors,
  };
}

/** The report: for text, a line saying what the input is and what caused it, then the findings. */
export function renderTriage(
  format: Format,
  out: TriageRunOutput,
  opts: { version: string; color: boolean; quiet: boolean },
): string {
  const body = render(format, out.result, {
    version: opts.version,
    color: opts.color,
    quiet: opts.quiet,
    rules: TRIAGE_RULES,
    getLines: (f) => (f === out.file ? out.lineTexts : undefined),
  });
  if (format !== 'text' || opts.quiet) return body;
  return (
    describeCrash(
      out.file === '-' ? 'stdin' : out.file,
      out.crash,
      (id) => TRIAGE_RULES.find((r) => r.id === id)?.title,
    ) + (body ? `\n${body}` : '')
  );
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Calls `each` for every line of the stream (without its newline), checking first that it is text. */
export async function forEachLine(
  stream: Readable,
  name: string,
  each: (line: string) => void,
): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let partial = '';
  let skipping = false; // inside an over-long line, dropping until its newline
  let sniffed = false;
  for await (const chunk of stream) {
    const bytes: Uint8Array = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    if (!sniffed) {
      sniffed = true;
      const why = notText(bytes.subarray(0, SNIFF));
      if (why) {
        throw new UsageError(
          `triage: ${name === '-' ? 'stdin' : name} is ${why}, not a text log` +
            (why.includes('executable') ? ' (to check a binary, use `gotrap audit`)' : ''),
        );
      }
    }
    const text = decoder.decode(bytes, { stream: true });
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (skipping) {
        skipping = false;
        partial = '';
        continue;
      }
      each(partial + piece);
      partial = '';
    }
    if (!skipping) {
      partial += text.slice(start);
      if (partial.length > MAX_LINE) {
        each(partial.slice(0, MAX_LINE));
        partial = '';
        skipping = true;
      }
    }
  }
  const rest = decoder.decode();
  if (!skipping && (partial + rest).length > 0) each(partial + rest);
}

/** Why these first bytes are not a text log, or null when they look like text. */
export function notText(b: Uint8Array): string | null {
  const at = (i: number) => (i < b.length ? b[i] : -1);
  const starts = (...sig: number[]) => sig.every((v, i) => at(i) === v);
  if (starts(0x7f, 0x45, 0x4c, 0x46)) return 'an ELF executable or object file';
  if (
    starts(0xcf, 0xfa, 0xed, 0xfe) ||
    starts(0xce, 0xfa, 0xed, 0xfe) ||
    starts(0xfe, 0xed, 0xfa, 0xcf) ||
    starts(0xfe, 0xed, 0xfa, 0xce) ||
    starts(0xca, 0xfe, 0xba, 0xbe)
  )
    return 'a Mach-O executable';
  if (starts(0x4d, 0x5a) && b.length >= 64) return 'a PE (Windows) executable';
  if (starts(0x1f, 0x8b)) return 'gzip-compressed (decompress it first: zcat file | gotrap triage)';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd-compressed (decompress it first)';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz-compressed (decompress it first)';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a zip archive';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'UTF-16 text (convert it: iconv -f UTF-16 -t UTF-8)';
  let nul = 0;
  let control = 0;
  for (const c of b) {
    if (c === 0) nul++;
    else if (c < 8 || (c > 13 && c < 32 && c !== 27)) control++;
  }
  if (nul > 0) return 'binary data (it contains NUL bytes)';
  if (b.length >= 64 && control / b.length > 0.1) return 'binary data';
  return null;
}
