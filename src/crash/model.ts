// The crash lens's model. Parsing (parse.ts) turns lines into this faithful model of what the
// program, loader, linker or compiler printed; bucketing (buckets.ts) groups goroutines;
// classification (classify.ts + src/crash/rules/CR0xx.ts) recognises causes. The three never mix
// (panicparse's lesson). Nothing here touches the file system: input arrives as lines.

export interface Frame {
  /** `main.(*Server).handle`, `runtime.gopark`, `main.init.0`, `net._C2func_getaddrinfo`. */
  func: string;
  /** Raw argument text inside the parentheses (`0xc000012345, 0x3`), `...` when elided. */
  args: string;
  /** Source file and line from the second frame line; absent when not printed. */
  file?: string;
  line?: number;
  /** `+0x1d`. */
  offset?: string;
  /** The function belongs to the runtime or the standard library (rough: no dot-path module). */
  runtime: boolean;
  /** 1-based input line of the function line. */
  inputLine: number;
}

export interface Goroutine {
  id: number;
  /** `chan receive`, `running`, `syscall`, `semacquire`, `select (no cases)`... without the minutes. */
  state: string;
  /** Wait time in minutes when printed (`, 5 minutes`). */
  minutes?: number;
  lockedToThread: boolean;
  /** Go 1.23+ extra header fields (`gp=0x... m=4 mp=0x...`), raw. */
  extra?: string;
  frames: Frame[];
  /** `...additional frames elided...` seen. */
  elided: boolean;
  createdBy?: Frame & { goroutine?: number };
  /** 1-based input line of the `goroutine N [...]:` header. */
  inputLine: number;
}

export interface PanicMessage {
  /** `panic:`, `fatal error:`, `fatal:` ... the text after it. */
  kind: 'panic' | 'fatal error' | 'fatal';
  message: string;
  recovered: boolean;
  repanicked: boolean;
  inputLine: number;
}

export interface SignalInfo {
  /** `SIGSEGV`, `SIGABRT`... */
  name: string;
  /** `segmentation violation`, `abort`. */
  description?: string;
  code?: string;
  addr?: string;
  pc?: string;
  inputLine: number;
}

export type CrashKind = 'panic' | 'fatal' | 'signal' | 'dump' | 'race' | 'loader' | 'exec' | 'link' | 'build' | 'unknown';

export interface ParsedCrash {
  kind: CrashKind;
  /** Every `panic:` / `fatal error:` line in order (nested panics give several). */
  panics: PanicMessage[];
  signal: SignalInfo | null;
  goroutines: Goroutine[];
  /** The goroutine the traceback names first after the panic/fatal line (the crashing one), if any. */
  crashingGoroutine: number | null;
  /** `exit status N` when present. */
  exitStatus: number | null;
  /** `runtime stack:` sections (system stack frames). */
  runtimeStack: Frame[];
  /** Lines that matched no traceback grammar but carry messages classifiers read (linker, loader, compiler, race detector), with their 1-based input line. */
  messages: { text: string; inputLine: number }[];
  /** Total input lines read, and how many were unwrapped from a log prefix (docker, kubectl, journald, CI). */
  lines: number;
  unwrapped: number;
}

export interface Bucket {
  count: number;
  state: string;
  lockedToThread: boolean;
  frames: { func: string; file?: string; line?: number }[];
  createdBy?: { func: string; file?: string; line?: number };
  ids: number[];
  minMinutes?: number;
  maxMinutes?: number;
  /** Contains the crashing goroutine. */
  crashing: boolean;
}
