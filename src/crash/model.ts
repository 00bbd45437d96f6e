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
  /** `pc=0x...` of a frame printed without a function (`non-Go function at pc=0x...`) or by a cgo symbolizer. */
  pc?: string;
}

/** An ancestor's stack (`GODEBUG=tracebackancestors=N`): `[originating from goroutine N]:`. */
export interface Ancestor {
  goroutine: number;
  frames: Frame[];
  createdBy?: Frame;
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
  /** The state carried ` (scan)` (the GC was scanning the stack); removed from `state`. */
  scan?: boolean;
  /** Other header parts after the state, as printed (Go 1.25 `synctest bubble 1`). */
  annotations?: string[];
  /** Go 1.21+ `...N frames elided...` in the middle of the stack: N. */
  elidedFrames?: number;
  /** `goroutine running on other thread; stack unavailable`. */
  stackUnavailable?: boolean;
  /** `[originating from goroutine N]:` sections. */
  ancestors?: Ancestor[];
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
  /** `PC=0x... m=N sigcode=N` after a `SIGxxx: ...` header. */
  m?: number;
  sigcode?: string;
  /** `instruction bytes: 0x0f 0x0b ...` after a SIGILL or SIGFPE header. */
  instructionBytes?: string;
  /** `signal arrived during cgo execution` followed the header. */
  duringCgo?: boolean;
  /** The register dump (`rax    0x...`), name to value, as printed. */
  registers?: Record<string, string>;
}

/** One access of a race detector report (`Write at 0x... by goroutine 7:`). */
export interface RaceAccess {
  /** `Read`, `Write`, `Previous write`, `Atomic read`... as printed. */
  access: string;
  previous: boolean;
  addr: string;
  /** 1 for `main goroutine`. */
  goroutine: number | null;
  frames: Frame[];
  inputLine: number;
}

/** One `WARNING: DATA RACE` block. */
export interface RaceReport {
  inputLine: number;
  accesses: RaceAccess[];
  /** `Goroutine 7 (running) created at:` sections. */
  goroutines: { id: number; state: string; frames: Frame[]; inputLine: number }[];
}

export type CrashKind =
  | 'panic'
  | 'fatal'
  | 'signal'
  | 'dump'
  | 'race'
  | 'loader'
  | 'exec'
  | 'link'
  | 'build'
  | 'unknown';

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
  /** Goroutine headers parsed; more than `goroutines.length` when a huge dump was only bucketed. */
  goroutineCount?: number;
  /** Goroutines parsed but not kept in `goroutines` (see the parser's keepGoroutines). */
  goroutinesOmitted?: number;
  /** Message lines not kept in `messages` once its cap was reached. */
  messagesOmitted?: number;
  /** Race detector reports, in input order. */
  races?: RaceReport[];
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
  /** 1-based input line of the first goroutine's header. */
  inputLine?: number;
}
