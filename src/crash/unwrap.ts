// Log wrappers around a crash: the lines a container runtime, kubectl, journald or a CI runner
// put around what the program printed. Each input line is unwrapped on its own (a wrapper is
// recognised by its exact shape, never guessed from the content), so interleaved unrelated
// lines pass through unchanged for the parser to keep as messages.
//
//   {"log":"panic: boom\n","stream":"stderr","time":"2024-01-01T00:00:00.1Z"}   docker json-file
//   2024-01-01T00:00:00.123456789Z panic: boom                                docker logs -t, kubectl --timestamps
//   2024-01-01T00:00:00.0000000Z panic: boom                                  GitHub Actions raw log
//   2024-01-01T00:00:00.1Z stderr F panic: boom                               CRI (containerd, /var/log/pods)
//   [pod/api-7d9f/app] panic: boom                                            kubectl logs --prefix
//   Jan 02 15:04:05 host app[123]: panic: boom                                journalctl (short, short-precise)
//   2024-01-02T15:04:05+0000 host app[123]: panic: boom                       journalctl -o short-iso
//   api-1  | panic: boom                                                      docker compose logs
//
// Wrappers nest (kubectl --prefix --timestamps); up to four layers are removed. Structured log
// lines (`time=... level=... msg=...`, JSON logs without a `log` field) are not wrappers: they
// are a different line and are left alone. ANSI colour sequences are removed everywhere.

export type WrapperKind = 'docker-json' | 'timestamp' | 'cri' | 'kubectl-prefix' | 'journald' | 'compose';

/** One line with its wrappers removed. */
export interface UnwrappedLine {
  text: string;
  /** Outermost first; empty when the line was not wrapped. */
  wrappers: WrapperKind[];
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)(?: |$)/;
const CRI_STREAM = /^(?:stdout|stderr) ([PF])(?: |$)/;
const KUBECTL_PREFIX = /^\[[a-z][a-z0-9.-]*\/[^/\]\s]+\/[^/\]\s]+\](?: |$)/;
/** journalctl's short and short-precise (`Jan 02 15:04:05[.123456]`) and short-iso[-precise] (numeric offset) forms, then `host ident[pid]: `. */
const JOURNALD =
  /^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d \d\d:\d\d:\d\d(?:\.\d{1,6})?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?[+-]\d\d:?\d\d) [^\s:]+ [^\s:[\]]+(?:\[\d+\])?:(?: |$)/;
/** `docker compose logs`: the service and replica number (`api-1`, v1 `api_1`), padded, then ` | `. */
const COMPOSE = /^[a-z0-9][a-z0-9_.-]*[-_]\d+ *\| /;
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

interface Layer {
  kind: WrapperKind;
  text: string;
  /** The payload is the first part of a longer line (docker without `\n`, CRI `P`). */
  partial: boolean;
}

/** Removes one wrapper layer from the start of the line, or returns null. */
function peel(line: string): Layer | null {
  const c = line.charCodeAt(0);
  if (c === 123 /* { */) {
    if (!line.startsWith('{"log":') && !/^\{\s*"(?:log|stream|time)"\s*:/.test(line)) return null;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      return null;
    }
    if (typeof obj !== 'object' || obj === null) return null;
    const log = (obj as { log?: unknown }).log;
    if (typeof log !== 'string') return null;
    const partial = !log.endsWith('\n');
    return {
      kind: 'docker-json',
      text: partial ? log : log.slice(0, log.endsWith('\r\n') ? -2 : -1),
      partial,
    };
  }
  if (c >= 48 && c <= 57 /* 0-9 */) {
    const j = JOURNALD.exec(line);
    if (j) return { kind: 'journald', text: line.slice(j[0].length), partial: false };
    const t = RFC3339.exec(line);
    if (!t) return null;
    const rest = line.slice(t[0].length);
    const cri = CRI_STREAM.exec(rest);
    if (cri) return { kind: 'cri', text: rest.slice(cri[0].length), partial: cri[1] === 'P' };
    return { kind: 'timestamp', text: rest, partial: false };
  }
  if (c === 91 /* [ */) {
    const k = KUBECTL_PREFIX.exec(line);
    return k ? { kind: 'kubectl-prefix', text: line.slice(k[0].length), partial: false } : null;
  }
  if (c >= 65 && c <= 83 /* A-S: month names */) {
    const j = JOURNALD.exec(line);
    return j ? { kind: 'journald', text: line.slice(j[0].length), partial: false } : null;
  }
  if (c >= 97 && c <= 122 && line.includes(' | ')) {
    const k = COMPOSE.exec(line);
    return k ? { kind: 'compose', text: line.slice(k[0].length), partial: false } : null;
  }
  return null;
}

function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}

function stripCR(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

/** Removes every wrapper of one line (stateless: a partial line is returned as it is). */
export function unwrapLine(line: string): UnwrappedLine {
  let text = stripCR(stripAnsi(line));
  const wrappers: WrapperKind[] = [];
  for (let i = 0; i < 4; i++) {
    const layer = peel(text);
    if (!layer) break;
    wrappers.push(layer.kind);
    text = stripCR(stripAnsi(layer.text));
  }
  return { text, wrappers };
}

/** Receives each line the program printed, with whether it was wrapped and the 0-based index of the input line it starts on. */
export type LineSink = (text: string, wrapped: boolean, index: number) => void;

/** A stateful unwrapper: joins Docker and CRI partial lines back into the line the program printed. */
export interface Unwrapper {
  /** One input line; calls the sink zero times (a partial line is held), once, or twice. */
  push(line: string): void;
  /** Hands on a partial line still held at the end of the input. */
  flush(): void;
}

export function createUnwrapper(sink: LineSink): Unwrapper {
  let pending: string | null = null;
  let pendingStart = 0;
  let index = 0;
  const flush = () => {
    if (pending === null) return;
    const done = pending;
    pending = null;
    sink(done, true, pendingStart);
  };
  return {
    push(line: string): void {
      const at = index++;
      const c = line.charCodeAt(0);
      // Fast path: goroutine headers, frames and file lines start with a lower-case letter or a tab.
      const maybe =
        c === 123 ||
        c === 91 ||
        (c >= 48 && c <= 57) ||
        (c >= 65 && c <= 83) ||
        c === 27 ||
        (c >= 97 && c <= 122 && line.includes(' | '));
      if (!maybe) {
        flush();
        sink(stripCR(line.includes('\x1b') ? line.replace(ANSI, '') : line), false, at);
        return;
      }
      let text = stripCR(stripAnsi(line));
      let layers = 0;
      let partial = false;
      while (layers < 4) {
        const layer = peel(text);
        if (!layer) break;
        layers++;
        partial = layer.partial;
        text = partial ? stripAnsi(layer.text) : stripCR(stripAnsi(layer.text));
        if (partial) break;
      }
      if (layers === 0) {
        // Only a wrapped line can continue a partial one.
        flush();
        sink(text, false, at);
        return;
      }
      if (pending !== null) {
        text = pending + text;
      } else {
        pendingStart = at;
      }
      if (partial) {
        pending = text;
        return;
      }
      pending = null;
      sink(text, true, pendingStart);
    },
    flush,
  };
}
