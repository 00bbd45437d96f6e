// The traceback parser: lines in, a faithful model of what was printed out (model.ts). It only
// records; it never groups (buckets.ts) or judges (rules/). The grammar follows the Go runtime's
// printing code (runtime/panic.go printpanics, dopanic_m; traceback.go goroutineheader,
// traceback2, printcreatedby1; signal_unix.go sighandler, fatalsignal; signal_<arch>.go dumpregs)
// and the race detector's report format.
//
// The parser is incremental: push() one line at a time, finish() at the end, so input of
// hundreds of MB streams through with bounded memory. Goroutines are handed to onGoroutine as
// soon as they are complete; at most keepGoroutines of them stay in the model (the crashing one
// always does), the rest are counted. Give onGoroutine a bucketer (buckets.ts) to group a huge
// dump without keeping it.
//
// Strings kept in the model are copied out of the input line first: a line is often a slice of a
// large read buffer, and keeping a slice keeps the whole buffer alive.

import type {
  Ancestor,
  CrashKind,
  Frame,
  Goroutine,
  PanicMessage,
  ParsedCrash,
  RaceAccess,
  RaceReport,
  SignalInfo,
} from './model.js';
import { createUnwrapper } from './unwrap.js';

export interface ParserOptions {
  /**
   * Receives every goroutine once its last line has been read, with whether it is the crashing
   * one (the first goroutine printed after the first `panic:`/`fatal error:`/`SIGxxx:` line).
   */
  onGoroutine?: (g: Goroutine, crashing: boolean) => void;
  /** Goroutines kept in ParsedCrash.goroutines (default 20,000); the crashing one is always kept. */
  keepGoroutines?: number;
  /** Message lines kept (default 10,000); past the cap only lines of known crash, loader, linker or build messages are kept, up to as many again. */
  maxMessages?: number;
}

export interface CrashParser {
  /** One input line (without its newline; a trailing `\r` is removed). Text with newlines is split. */
  push(line: string): void;
  /** Ends the input and returns the model. The parser must not be used afterwards. */
  finish(): ParsedCrash;
}

export const DEFAULT_KEEP_GOROUTINES = 20_000;
export const DEFAULT_MAX_MESSAGES = 10_000;
/** Caps that keep garbage input from growing the model without bound. */
const MAX_FRAMES = 1_000;
const MAX_PANIC_LINES = 200;
const MAX_RACES = 1_000;
const MAX_MESSAGE_CHARS = 8_192;

// ---- grammar ----------------------------------------------------------------------------------

/** `goroutine 7 [chan receive, 5 minutes, locked to thread]:`; Go 1.23+ may put `gp=... m=... mp=...` before the bracket. */
const GOROUTINE_HEADER = /^goroutine (\d+)(?: ([^[\]]*?))? \[([^\]]*)\]:$/;
/** `\t/src/pkg/file.go:123 +0x1d` (+ ` fp=... sp=... pc=...` at GOTRACEBACK=system); a cgo symbolizer prints `\tfile:line pc=0x...`. */
const FILE_LINE =
  /^[\t ]+(.+?):(\d+)(?: \+(0x[0-9a-f]+))?(?: fp=0x[0-9a-f]+ sp=0x[0-9a-f]+)?(?: pc=(0x[0-9a-f]+))?$/;
const CREATED_BY = /^created by (.+?)(?: in goroutine (\d+))?$/;
const ELIDED_N = /^\.\.\.(\d+) frames elided\.\.\.$/;
const ORIGINATING = /^\[originating from goroutine (\d+)\]:$/;
const NON_GO = /^non-Go function at pc=(0x[0-9a-f]+)$/;
const SIGNAL_BRACKET = /^\[signal (\S+?)(?:: (.+?))? code=(\S+) addr=(\S+) pc=(\S+)\]$/;
/** `SIGSEGV: segmentation violation` (sigtable name and description) or `Signal 65`. */
const SIGNAL_HEADER = /^(?:(SIG[A-Z0-9+]+): (.+)|Signal (\d+))$/;
const PC_LINE = /^PC=(0x[0-9a-f]+) m=(-?\d+) sigcode=(\S+)(?: addr=(0x[0-9a-f]+))?$/;
const REGISTER = /^([a-z][a-z0-9]{0,7}) +(0x[0-9a-f]+)$/;
/** `go run`/`go test`; Windows prints NTSTATUS codes in hex (`exit status 0xc0000005`). */
const EXIT_STATUS = /^exit status (\d+|0x[0-9a-f]+)$/;
/** `fatal: ...` lines the runtime writes directly (proc.go, stubs.go, signal_unix.go); other `fatal:` lines (git) are messages. */
const RUNTIME_FATAL =
  /^fatal: (?:morestack on g0|morestack on gsignal|bad g in signal handler|systemstack called from unexpected goroutine|recursive switchToCrashStack|concurrent switchToCrashStack)/;
const RECOVERED = / \[recovered(, repanicked)?\]$/;
const RACE_ACCESS =
  /^(Previous )?([A-Za-z][A-Za-z ]*?) at (0x[0-9a-f]+) by (?:goroutine (\d+)|(main) goroutine)(?: \(.*\))?:$/;
const RACE_GOROUTINE = /^Goroutine (\d+) \(([^)]*)\) created at:$/;
const RACE_RULE = /^={10,}$/;

/** Messages that decide `kind` when no traceback was printed. */
const LOADER =
  /error while loading shared libraries|version [`'‘](?:GLIBC|GLIBCXX|CXXABI)_[\d.]+['’] not found|Error loading shared library|Error relocating|symbol lookup error|cannot open shared object file/;
const EXEC =
  /[Ee]xec format error|cannot execute binary file|required file not found|(?:^|\s)(?:fork\/)?exec \S+: no such file or directory|bad ELF interpreter|can only be run on AMD64 processors|this CPU has no (?:VFPv3 )?floating point hardware/;
const LINK =
  /relocation target \S+ not defined|invalid reference to |undefined reference to|duplicated definition of symbol|reference to undefined builtin|in statically linked applications requires at runtime|collect2: error: ld returned|^\/usr\/bin\/(?:ld|ld\.\w+|x86_64-\S+-ld): |cannot find -l|link: running \S+ failed|loadinternal: cannot find/;
const BUILD =
  /use of cgo in test|missing function body|\/\/go:linkname only allowed in Go files that import "unsafe"|^(?:\.{0,2}\/)?[^\s:]+\.(?:go|c|h|s|cc|cpp):\d+:\d+: |build constraints exclude all Go files|no required module provides package|cannot find package|cgo: C compiler|could not determine kind of name for C\./;
/** Lines always worth keeping once the general message cap is reached. */
const NOTABLE =
  /runtime(?:\/cgo)?: |Go pointer|cgo|signal|sigaltstack|thread|pthread_create|newosproc|deadlock|concurrent map|DATA RACE|data race|race detected|requires cgo|GLIBC|unknown caller pc|morestack|out of memory|stack overflow|SIG[A-Z]+|core dumped|killed/;

// ---- helpers ----------------------------------------------------------------------------------

/** A copy of s that does not share memory with the line it was cut from. */
function own(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** A message line as kept: copied, and cut at MAX_MESSAGE_CHARS. */
function keepText(s: string): string {
  return own(s.length > MAX_MESSAGE_CHARS ? s.slice(0, MAX_MESSAGE_CHARS) : s);
}

/**
 * Standard library or runtime: the package path's first element has no dot and the package is
 * not main (rough: a module path without a dot is taken for the standard library).
 */
export function isStdFunc(func: string): boolean {
  const lastSlash = func.lastIndexOf('/');
  const end = func.indexOf('.', lastSlash + 1);
  const pkg = end < 0 ? func : func.slice(0, end);
  if (pkg === 'main') return false;
  const slash = pkg.indexOf('/');
  const first = slash < 0 ? pkg : pkg.slice(0, slash);
  return !first.includes('.') && !first.startsWith('_');
}

/** `pkg.func(args)` → [func, args]; null for anything else. Argument lists hold no parentheses. */
function splitFuncLine(line: string): [string, string] | null {
  const n = line.length;
  if (n < 4 || line.charCodeAt(n - 1) !== 41 /* ) */) return null;
  const c0 = line.charCodeAt(0);
  if (c0 <= 32) return null;
  const open = line.lastIndexOf('(');
  if (open <= 0) return null;
  const func = line.slice(0, open);
  // Every Go function is package-qualified except the runtime's `panic` (runtime.gopanic as
  // printed) and cgo's generated `_cgoexp_<hash>_Name` export wrappers.
  if (!func.includes('.') && func !== 'panic' && func.charCodeAt(0) !== 95 /* _ */) return null;
  if (/\s/.test(func) && /\s/.test(func.replace(/\[[^\]]*\]|\{[^}]*\}/g, ''))) return null;
  return [func, line.slice(open + 1, n - 1)];
}

function parseState(inside: string, g: Goroutine): void {
  const parts = inside.split(', ');
  let state = parts[0];
  if (state.endsWith(' (scan)')) {
    state = state.slice(0, -7);
    g.scan = true;
  }
  g.state = state;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    if (p === 'locked to thread') g.lockedToThread = true;
    else if (p.endsWith(' minutes') && /^\d+ minutes$/.test(p)) g.minutes = Number(p.slice(0, -8));
    else if (g.annotations) g.annotations.push(p);
    else g.annotations = [p];
  }
}

// ---- the parser -------------------------------------------------------------------------------

enum Section {
  None,
  Panic,
  Goroutine,
  RuntimeStack,
  Race,
}

export function createParser(options: ParserOptions = {}): CrashParser {
  const keep = options.keepGoroutines ?? DEFAULT_KEEP_GOROUTINES;
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  const sink = options.onGoroutine;

  const panics: PanicMessage[] = [];
  const goroutines: Goroutine[] = [];
  const runtimeStack: Frame[] = [];
  const messages: { text: string; inputLine: number }[] = [];
  const races: RaceReport[] = [];
  let signal: SignalInfo | null = null;
  let exitStatus: number | null = null;
  let crashingGoroutine: number | null = null;
  let lines = 0;
  let unwrapped = 0;
  let goroutineCount = 0;
  let goroutinesOmitted = 0;
  let messagesOmitted = 0;
  let notableKept = 0;

  /** The first crash line's shape, which decides `kind`. */
  let firstCrash: 'panic' | 'fatal' | 'signal' | 'dump' | null = null;
  let awaitingCrashing = false;
  let shapes = 0; // bit set: 1 loader, 2 exec, 4 link, 8 build

  let section = Section.None;
  let cur: Goroutine | null = null;
  let curCrashing = false;
  let ancestor: Ancestor | null = null;
  /** Where frames go: the goroutine, an ancestor, the runtime stack or a race access. */
  let frames: Frame[] = runtimeStack;
  /** The frame (or created-by) whose file line is expected next. */
  let pending: Frame | null = null;
  /** The open panic block: its message lines so far. */
  let panicOpen: PanicMessage | null = null;
  let panicLines: string[] = [];
  /** A `SIGxxx: ...` header waiting for its `PC=` line. */
  let sigHeader: { name: string; description?: string; inputLine: number } | null = null;
  let sigHeaderSeen = false;
  let race: RaceReport | null = null;

  const funcs = new Map<string, { name: string; runtime: boolean }>();
  const files = new Map<string, string>();
  const states = new Map<string, string>();

  function funcInfo(name: string): { name: string; runtime: boolean } {
    let f = funcs.get(name);
    if (!f) {
      f = { name: own(name), runtime: isStdFunc(name) };
      if (funcs.size < 200_000) funcs.set(f.name, f);
    }
    return f;
  }

  function internFile(file: string): string {
    let f = files.get(file);
    if (f === undefined) {
      f = own(file);
      if (files.size < 200_000) files.set(f, f);
    }
    return f;
  }

  function internState(state: string): string {
    let s = states.get(state);
    if (s === undefined) {
      s = own(state);
      if (states.size < 10_000) states.set(s, s);
    }
    return s;
  }

  function makeFrame(func: string, args: string, inputLine: number): Frame {
    const info = funcInfo(func);
    return { func: info.name, args, runtime: info.runtime, inputLine };
  }

  function addMessage(text: string, inputLine: number): void {
    if (text.length < 4096) {
      if (LOADER.test(text)) shapes |= 1;
      else if (EXEC.test(text)) shapes |= 2;
      else if (LINK.test(text)) shapes |= 4;
      else if (BUILD.test(text)) shapes |= 8;
    }
    if (messages.length < maxMessages) {
      messages.push({ text: keepText(text), inputLine });
    } else if (notableKept < maxMessages && text.length < 4096 && NOTABLE.test(text)) {
      notableKept++;
      messages.push({ text: keepText(text), inputLine });
    } else {
      messagesOmitted++;
    }
  }

  function startCrash(shape: 'panic' | 'fatal' | 'signal' | 'dump'): void {
    if (firstCrash !== null) return;
    firstCrash = shape;
    awaitingCrashing = true;
  }

  // -- panic blocks --

  function closePanic(): void {
    if (!panicOpen) return;
    let text = panicLines.length === 1 ? panicLines[0] : panicLines.join('\n');
    const m = RECOVERED.exec(text);
    if (m) {
      text = text.slice(0, m.index);
      panicOpen.recovered = true;
      if (m[1]) panicOpen.repanicked = true;
    }
    panicOpen.message = own(text);
    panicOpen = null;
    panicLines = [];
  }

  function openPanic(kind: PanicMessage['kind'], message: string, inputLine: number): void {
    closePanic();
    endGoroutine();
    endRace();
    const p: PanicMessage = { kind, message: '', recovered: false, repanicked: false, inputLine };
    panics.push(p);
    panicOpen = p;
    panicLines = [message];
    section = Section.Panic;
    startCrash(kind === 'panic' ? 'panic' : 'fatal');
  }

  // -- goroutines --

  function endGoroutine(): void {
    pending = null;
    ancestor = null;
    if (section === Section.RuntimeStack) {
      section = Section.None;
      frames = runtimeStack;
      return;
    }
    if (!cur) return;
    const g = cur;
    cur = null;
    section = Section.None;
    frames = runtimeStack;
    goroutineCount++;
    if (goroutines.length < keep || curCrashing) {
      for (const f of g.frames) f.args = own(f.args);
      if (g.extra !== undefined) g.extra = own(g.extra);
      if (g.createdBy) g.createdBy.args = own(g.createdBy.args);
      if (g.annotations) g.annotations = g.annotations.map(own);
      for (const a of g.ancestors ?? []) for (const f of a.frames) f.args = own(f.args);
      goroutines.push(g);
    } else {
      goroutinesOmitted++;
    }
    sink?.(g, curCrashing);
    curCrashing = false;
  }

  function startGoroutine(m: RegExpExecArray, inputLine: number): void {
    closePanic();
    endGoroutine();
    endRace();
    const g: Goroutine = {
      id: Number(m[1]),
      state: '',
      lockedToThread: false,
      frames: [],
      elided: false,
      inputLine,
    };
    if (m[2]) g.extra = m[2];
    parseState(m[3], g);
    g.state = internState(g.state);
    cur = g;
    frames = g.frames;
    section = Section.Goroutine;
    if (awaitingCrashing) {
      awaitingCrashing = false;
      crashingGoroutine = g.id;
      curCrashing = true;
    }
  }

  /** A line inside a goroutine, ancestor or runtime stack; false when it is not stack grammar. */
  function stackLine(line: string, inputLine: number): boolean {
    const c0 = line.charCodeAt(0);
    if (c0 === 9 || c0 === 32) {
      if (pending) {
        const m = FILE_LINE.exec(line);
        if (m) {
          pending.file = internFile(m[1]);
          pending.line = Number(m[2]);
          if (m[3]) pending.offset = `+${m[3]}`;
          if (m[4]) pending.pc = own(m[4]);
          pending = null;
          return true;
        }
      }
      if (cur && line.trim() === 'goroutine running on other thread; stack unavailable') {
        cur.stackUnavailable = true;
        return true;
      }
      return false;
    }
    const fl = splitFuncLine(line);
    if (fl) {
      const f = makeFrame(fl[0], fl[1], inputLine);
      // The runtime prints at most 100 frames per stack; past the cap the frame is read, not kept.
      if (frames.length < MAX_FRAMES) frames.push(f);
      else if (cur && !ancestor) cur.elided = true;
      pending = f;
      return true;
    }
    if (c0 === 99 /* c */ && line.startsWith('created by ')) {
      const m = CREATED_BY.exec(line);
      if (!m) return false;
      const f: Frame & { goroutine?: number } = makeFrame(m[1], '', inputLine);
      if (m[2]) f.goroutine = Number(m[2]);
      if (ancestor) ancestor.createdBy = f;
      else if (cur) cur.createdBy = f;
      else return false;
      pending = f;
      return true;
    }
    if (c0 === 46 /* . */) {
      const target = cur;
      if (line === '...additional frames elided...') {
        if (target && !ancestor) target.elided = true;
        pending = null;
        return true;
      }
      const m = ELIDED_N.exec(line);
      if (m) {
        if (target && !ancestor) {
          target.elided = true;
          target.elidedFrames = Number(m[1]);
        }
        pending = null;
        return true;
      }
      return false;
    }
    if (c0 === 91 /* [ */ && cur) {
      const m = ORIGINATING.exec(line);
      if (!m) return false;
      ancestor = { goroutine: Number(m[1]), frames: [], inputLine };
      if (cur.ancestors) cur.ancestors.push(ancestor);
      else cur.ancestors = [ancestor];
      frames = ancestor.frames;
      pending = null;
      return true;
    }
    if (c0 === 110 /* n */) {
      const m = NON_GO.exec(line);
      if (!m) return false;
      const f = makeFrame('non-Go function', '', inputLine);
      f.runtime = false;
      f.pc = own(m[1]);
      frames.push(f);
      pending = null;
      return true;
    }
    return false;
  }

  // -- race reports --

  function endRace(): void {
    if (section !== Section.Race) return;
    section = Section.None;
    race = null;
    pending = null;
    frames = runtimeStack;
  }

  function raceLine(line: string, inputLine: number): boolean {
    if (line === '') return true;
    const c0 = line.charCodeAt(0);
    if (c0 === 32) {
      const trimmed = line.trimStart();
      if (line.length - trimmed.length <= 4 && frames !== runtimeStack) {
        const fl = splitFuncLine(trimmed);
        if (fl) {
          const f = makeFrame(fl[0], own(fl[1]), inputLine);
          frames.push(f);
          pending = f;
          return true;
        }
      } else if (pending) {
        const m = FILE_LINE.exec(line);
        if (m) {
          pending.file = internFile(m[1]);
          pending.line = Number(m[2]);
          if (m[3]) pending.offset = `+${m[3]}`;
          pending = null;
          return true;
        }
      }
      return false;
    }
    if (!race) return false;
    let m = RACE_ACCESS.exec(line);
    if (m) {
      const a: RaceAccess = {
        access: own(`${m[1] ?? ''}${m[2]}`),
        previous: m[1] !== undefined,
        addr: own(m[3]),
        goroutine: m[4] ? Number(m[4]) : 1,
        frames: [],
        inputLine,
      };
      race.accesses.push(a);
      frames = a.frames;
      pending = null;
      return true;
    }
    m = RACE_GOROUTINE.exec(line);
    if (m) {
      const g = { id: Number(m[1]), state: own(m[2]), frames: [] as Frame[], inputLine };
      race.goroutines.push(g);
      frames = g.frames;
      pending = null;
      return true;
    }
    return false;
  }

  // -- one line --

  function handle(line: string, wrapped: boolean, index: number): void {
    const inputLine = index + 1;
    if (wrapped) unwrapped++;

    if (section === Section.Goroutine || section === Section.RuntimeStack) {
      if (line.length === 0) {
        endGoroutine();
        return;
      }
      if (stackLine(line, inputLine)) return;
    } else if (section === Section.Race) {
      if (RACE_RULE.test(line)) {
        endRace();
        return;
      }
      if (raceLine(line, inputLine)) return;
    } else if (section === Section.Panic) {
      if (line.length === 0) {
        closePanic();
        section = Section.None;
        return;
      }
      if (line.startsWith('\tpanic: ')) {
        openPanic('panic', line.slice(8), inputLine);
        return;
      }
      const c0 = line.charCodeAt(0);
      if (panicLines.length >= MAX_PANIC_LINES) {
        closePanic();
        section = Section.None;
      } else if (c0 === 9) {
        // Go 1.20+ indents the continuation lines of a multi-line message.
        panicLines.push(line.slice(1));
        return;
      }
      if (section === Section.Panic && !isStructural(line)) {
        // Go 1.19 and earlier print continuation lines as they are.
        panicLines.push(line);
        return;
      }
      closePanic();
      section = Section.None;
    }

    if (line.length === 0) return;
    topLine(line, inputLine);
  }

  /** Lines that start something of their own even inside a panic block. */
  function isStructural(line: string): boolean {
    return (
      line.startsWith('panic: ') ||
      line.startsWith('fatal error: ') ||
      line.startsWith('goroutine ') ||
      line.startsWith('[signal ') ||
      line.startsWith('runtime: ') ||
      line.startsWith('runtime stack:') ||
      line.startsWith('exit status ') ||
      RUNTIME_FATAL.test(line) ||
      SIGNAL_HEADER.test(line)
    );
  }

  function topLine(line: string, inputLine: number): void {
    const c0 = line.charCodeAt(0);
    switch (c0) {
      case 103 /* g */:
        {
          const m = GOROUTINE_HEADER.exec(line);
          if (m) {
            startGoroutine(m, inputLine);
            return;
          }
          break;
        }
      case 112 /* p */:
        if (line.startsWith('panic: ')) {
          openPanic('panic', line.slice(7), inputLine);
          return;
        }
        break;
      case 102 /* f */:
        if (line.startsWith('fatal error: ')) {
          openPanic('fatal error', line.slice(13), inputLine);
          return;
        }
        if (RUNTIME_FATAL.test(line)) {
          openPanic('fatal', line.slice(7), inputLine);
          return;
        }
        break;
      case 91 /* [ */:
        {
          const m = SIGNAL_BRACKET.exec(line);
          if (m) {
            closePanic();
            endGoroutine();
            section = Section.None;
            if (!signal) {
              signal = { name: own(m[1]), code: own(m[3]), addr: own(m[4]), pc: own(m[5]), inputLine };
              if (m[2]) signal.description = own(m[2]);
            }
            startCrash('signal');
            return;
          }
          break;
        }
      case 83 /* S */:
        {
          const m = SIGNAL_HEADER.exec(line);
          if (m) {
            // Confirmed by the PC= line that follows; until then it may be anyone's log line.
            sigHeader = { name: own(m[1] ?? `Signal ${m[3]}`), inputLine };
            if (m[2]) sigHeader.description = own(m[2]);
            closePanic();
            endGoroutine();
            return;
          }
          break;
        }
      case 80 /* P */:
        {
          const m = PC_LINE.exec(line);
          if (m && sigHeader) {
            const h = sigHeader;
            sigHeader = null;
            sigHeaderSeen = true;
            // A header after the crash's goroutines is another thread's relayed dump (GOTRACEBACK=crash).
            if (!signal && (firstCrash === null || awaitingCrashing)) {
              signal = {
                name: h.name,
                inputLine: h.inputLine,
                pc: own(m[1]),
                m: Number(m[2]),
                sigcode: own(m[3]),
              };
              if (h.description) signal.description = h.description;
              if (m[4]) signal.addr = own(m[4]);
            }
            startCrash(h.name === 'SIGQUIT' ? 'dump' : 'signal');
            return;
          }
          break;
        }
      case 114 /* r */:
        if (line === 'runtime stack:') {
          closePanic();
          endGoroutine();
          section = Section.RuntimeStack;
          frames = runtimeStack;
          return;
        }
        break;
      case 101 /* e */:
        {
          const m = EXIT_STATUS.exec(line);
          if (m) {
            closePanic();
            endGoroutine();
            if (exitStatus === null) exitStatus = Number(m[1]);
            return;
          }
          break;
        }
      case 61 /* = */:
        if (RACE_RULE.test(line)) return;
        break;
      case 87 /* W */:
        if (line === 'WARNING: DATA RACE') {
          closePanic();
          endGoroutine();
          race = { inputLine, accesses: [], goroutines: [] };
          if (races.length < MAX_RACES) races.push(race);
          section = Section.Race;
          frames = runtimeStack;
          pending = null;
          addMessage(line, inputLine);
          return;
        }
        break;
      case 105 /* i */:
        if (line.startsWith('instruction bytes:') && signal && sigHeaderSeen) {
          signal.instructionBytes = own(line.slice(18).trim());
          return;
        }
        break;
      case 45 /* - */:
        if (line === '-----') return; // GOTRACEBACK=crash: the next thread's dump follows
        break;
    }
    if (sigHeaderSeen && c0 >= 97 && c0 <= 122 && registerLine(line)) return;
    if (sigHeader) flushSigHeader();
    if (line === 'signal arrived during cgo execution' && signal) signal.duringCgo = true;
    addMessage(line, inputLine);
  }

  /** An unconfirmed `SIGxxx:` header turned out to be an ordinary line. */
  function flushSigHeader(): void {
    const h = sigHeader;
    if (!h) return;
    sigHeader = null;
    addMessage(h.description ? `${h.name}: ${h.description}` : h.name, h.inputLine);
  }

  function registerLine(line: string): boolean {
    const m = REGISTER.exec(line);
    if (!m) return false;
    endGoroutine();
    if (signal) {
      if (!signal.registers) signal.registers = {};
      if (!(m[1] in signal.registers)) signal.registers[own(m[1])] = own(m[2]);
    }
    return true;
  }

  const unwrapper = createUnwrapper(handle);

  function push(line: string): void {
    if (line.includes('\n')) {
      for (const l of line.split('\n')) push(l);
      return;
    }
    lines++;
    unwrapper.push(line);
  }

  function kind(): CrashKind {
    if (firstCrash !== null) return firstCrash;
    if (races.length > 0) return 'race';
    if (goroutineCount > 0) return 'dump';
    if (shapes & 1) return 'loader';
    if (shapes & 2) return 'exec';
    if (shapes & 4) return 'link';
    if (shapes & 8) return 'build';
    return 'unknown';
  }

  function finish(): ParsedCrash {
    unwrapper.flush();
    closePanic();
    endGoroutine();
    endRace();
    flushSigHeader();
    const out: ParsedCrash = {
      kind: kind(),
      panics,
      signal,
      goroutines,
      crashingGoroutine,
      exitStatus,
      runtimeStack,
      messages,
      lines,
      unwrapped,
      goroutineCount,
    };
    if (goroutinesOmitted) out.goroutinesOmitted = goroutinesOmitted;
    if (messagesOmitted) out.messagesOmitted = messagesOmitted;
    if (races.length) out.races = races;
    return out;
  }

  return { push, finish };
}

/** Parses a whole text (tests, the browser, small inputs). */
export function parseCrashText(text: string, options?: ParserOptions): ParsedCrash {
  const parser = createParser(options);
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) parser.push(l);
  return parser.finish();
}

/** Cuts text arriving in chunks of any size into lines for push(). */
export interface LineSplitter {
  write(chunk: string): void;
  /** Hands on the last line when the text did not end with a newline. */
  end(): void;
}

export function createLineSplitter(push: (line: string) => void): LineSplitter {
  let rest = '';
  return {
    write(chunk: string): void {
      let text = rest.length ? rest + chunk : chunk;
      let start = 0;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
        push(text.slice(start, i));
        start = i + 1;
      }
      rest = text.slice(start);
      text = '';
    },
    end(): void {
      if (rest.length) push(rest);
      rest = '';
    },
  };
}
