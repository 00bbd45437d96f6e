// Crash-lens rule shape: the rule record (metadata and docs, src/core/rule.ts) plus a check that
// reads one parsed crash (src/crash/model.ts) and reports at 1-based input lines. The helpers
// below are the only ways rules look at the text, so every rule reads the same lines the same way.

import type { Fix, Related, Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import type { Frame, Goroutine, ParsedCrash } from './model.js';

export interface CrashReport {
  /** 1-based input line of the recognised message. */
  line: number;
  message: string;
  /** Overrides the rule's default severity (where the catalog says so). */
  severity?: Severity;
  related?: Related[];
  fix?: Fix;
}

export interface CrashRule extends RuleMeta {
  lens: 'crash';
  subsystem: 'crash';
  check(crash: ParsedCrash, report: (r: CrashReport) => void): void;
}

/** One line of text a classifier may read, with where it was in the input. */
export interface TextLine {
  text: string;
  inputLine: number;
  /** `panic` and `fatal` lines come from the traceback grammar; `message` lines from everything else. */
  source: 'panic' | 'fatal' | 'signal' | 'message';
}

const textCache = new WeakMap<ParsedCrash, TextLine[]>();

/** Rules read this much of a line: every message they know is shorter, and a huge panic value must not make a pattern slow. */
export const MAX_TEXT = 4096;

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

/**
 * Every message line of the crash, in input order: the `panic:`/`fatal error:`/`fatal:` lines
 * (rebuilt as printed), the signal line, and the lines the parser kept as messages.
 */
export function textLines(crash: ParsedCrash): TextLine[] {
  const cached = textCache.get(crash);
  if (cached) return cached;
  const out: TextLine[] = [];
  for (const p of crash.panics) {
    out.push({
      text: clip(`${p.kind}: ${p.message}`),
      inputLine: p.inputLine,
      source: p.kind === 'panic' ? 'panic' : 'fatal',
    });
  }
  const s = crash.signal;
  if (s) out.push({ text: `${s.name}: ${s.description ?? ''}`, inputLine: s.inputLine, source: 'signal' });
  for (const m of crash.messages) out.push({ text: clip(m.text), inputLine: m.inputLine, source: 'message' });
  out.sort((a, b) => a.inputLine - b.inputLine);
  textCache.set(crash, out);
  return out;
}

export interface LineMatch {
  line: TextLine;
  match: RegExpExecArray;
}

/** Every line matching any of the patterns (first pattern that matches per line), in input order. */
export function matchLines(
  crash: ParsedCrash,
  patterns: RegExp | readonly RegExp[],
  only?: (l: TextLine) => boolean,
): LineMatch[] {
  const list = Array.isArray(patterns) ? patterns : [patterns as RegExp];
  const out: LineMatch[] = [];
  for (const line of textLines(crash)) {
    if (only && !only(line)) continue;
    for (const re of list) {
      const match = re.exec(line.text);
      if (match) {
        out.push({ line, match });
        break;
      }
    }
  }
  return out;
}

/** The first line matching any of the patterns, or null. */
export function firstLine(
  crash: ParsedCrash,
  patterns: RegExp | readonly RegExp[],
  only?: (l: TextLine) => boolean,
): LineMatch | null {
  return matchLines(crash, patterns, only)[0] ?? null;
}

/** Lines printed by the runtime as a fatal error, a panic, or a `runtime:` note. */
export function isRuntimeLine(l: TextLine): boolean {
  return l.source === 'panic' || l.source === 'fatal' || /^runtime(\/cgo)?: /.test(l.text);
}

export const DEADLOCK =
  /all goroutines are asleep - deadlock!|no goroutines \(main called runtime\.Goexit\) - deadlock!/;

/** The goroutine the traceback names as crashing; else the first one printed. */
export function reportedGoroutine(crash: ParsedCrash): Goroutine | undefined {
  if (crash.crashingGoroutine !== null) {
    const g = crash.goroutines.find((x) => x.id === crash.crashingGoroutine);
    if (g) return g;
  }
  return crash.goroutines[0];
}

export const CGO_WRAPPER = /(^|\.)_C2?func_/;

/** `runtime.cgocall` with a `_Cfunc_`/`_C2func_` wrapper frame directly under it, and the Go caller under that. */
export function cgocallFrame(g: Goroutine): { cgocall: Frame; wrapper: Frame; caller?: Frame } | null {
  for (let i = 0; i + 1 < g.frames.length; i++) {
    const f = g.frames[i];
    const next = g.frames[i + 1];
    if (f.func === 'runtime.cgocall' && CGO_WRAPPER.test(next.func)) {
      // net's `_C2func_getaddrinfo` sits under a Go shim `net._C_getaddrinfo`; report the first frame past the shims.
      let k = i + 2;
      while (k < g.frames.length && /(^|\.)_C_|(^|\.)_Cfunc_/.test(g.frames[k].func)) k++;
      return { cgocall: f, wrapper: next, caller: g.frames[k] };
    }
  }
  return null;
}

/** Any goroutine sits in (or came from) a cgo call. */
export function hasCgoFrames(crash: ParsedCrash): boolean {
  const cgo = (f: Frame) => f.func === 'runtime.cgocall' || CGO_WRAPPER.test(f.func);
  return crash.goroutines.some((g) => g.frames.some(cgo)) || crash.runtimeStack.some(cgo);
}

/** `file.go:12` for a frame, or its function when no position was printed. */
export function where(f: Frame | { func: string; file?: string; line?: number }): string {
  if (!f.file) return f.func;
  const base = f.file.slice(f.file.lastIndexOf('/') + 1);
  return f.line === undefined ? base : `${base}:${f.line}`;
}

/** A related entry naming a rule of another lens. */
export function seeRule(rule: string, message: string): Related {
  return { rule, message };
}
