// The shell reader of the build lens: finds `go build|install|test|run` and package installs in
// POSIX/bash script text (a Dockerfile RUN body, a Make recipe, a CI `run:` block, a `.sh` file),
// with the environment and directory each command runs with.
//
// It uses its own small tokenizer rather than shell-quote: the lens needs the file position of
// every word (multi-line scripts, continuations, here-documents, `sh -c` bodies mapped back to the
// file), quoting-aware substitution that keeps unknown variables as written, and structure
// (subshells, here-documents, control keywords) that shell-quote does not report.
//
// Pure: no Node APIs.

import type { BuildFileKind, Env, GoCommand, Installs, Loc, Setting, ShellResult } from './model.js';
import { joinAbs, joinRel } from './paths.js';

export interface ShellContext {
  /** Display path of the build file. */
  file: string;
  kind: BuildFileKind;
  /** File position of the first character of `text` (1-based line and column). */
  line: number;
  column: number;
  /**
   * Optional: for each line of `text` (0-based index), its 1-based line and the column where that
   * text line starts in the file (YAML block scalars are indented). Overrides line/column.
   */
  lineMap?: { line: number; column: number }[];
  /** Inherited settings; never mutated. */
  env: Env;
  /** Starting directory relative to the base ('.' usually). */
  dir: string | null;
  /** Absolute directory inside an image (Dockerfile WORKDIR) or null. */
  imageDir: string | null;
  host: string | null;
  image: string | null;
  stage?: number;
  /**
   * Reads another file of the scan for `source`/`.`: `path` is relative to the base the
   * commands' `dir` is relative to. Null when it is not a file the scan has.
   */
  readFile?: (path: string) => string | null;
  /** The script's own directory relative to that base, for `cd "$(dirname "$0")"`. */
  scriptDir?: string;
}

// ---- Words and tokens ----------------------------------------------------------------------------

interface LitSeg {
  k: 'lit';
  text: string;
  /** Source offset of each character of `text`. */
  offs: number[];
  quoted: boolean;
}
interface VarSeg {
  k: 'var';
  name: string;
  /** '' for `$V`/`${V}`; `:-`, `-`, `:=`, `=`, `:+`, `+`, `:?`, `?`, `#`, `##`, `%`, `%%`, or 'bad'. */
  op: string;
  arg: Seg[];
  /** `${#V}`. */
  length: boolean;
  raw: string;
  start: number;
  quoted: boolean;
}
interface CmdSeg {
  k: 'cmd';
  raw: string;
  start: number;
  quoted: boolean;
}
type Seg = LitSeg | VarSeg | CmdSeg;

interface Word {
  segs: Seg[];
  start: number;
  end: number;
  /** The text when the word is made of unquoted literal characters only (keywords, names). */
  plain: string | null;
}

interface Heredoc {
  delim: string;
  strip: boolean;
  quoted: boolean;
  body: string;
  bodyStart: number;
}

type Tok =
  | { t: 'word'; w: Word }
  | { t: 'op'; op: string; start: number }
  | { t: 'redir'; op: string; start: number; target: Word | null; heredoc: Heredoc | null }
  | { t: 'arith'; start: number };

const META = ' \t\r\n;&|()<>';
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPECIAL_PARAMS = '0123456789@*#?$!-';

class Lexer {
  i = 0;
  private readonly toks: Tok[] = [];
  private pending: Heredoc[] = [];

  constructor(private readonly s: string) {}

  lex(): Tok[] {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
        this.i++;
        continue;
      }
      if (c === '\\' && this.contAt(this.i)) {
        this.i = this.afterCont(this.i);
        continue;
      }
      if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
        continue;
      }
      if (c === '\n') {
        this.toks.push({ t: 'op', op: '\n', start: this.i });
        this.i++;
        this.readHeredocs();
        continue;
      }
      const start = this.i;
      if (c === '(' && s[this.i + 1] === '(') {
        const e = this.skipBalanced(this.i, '(', ')', s.length);
        if (e > 0) {
          this.toks.push({ t: 'arith', start });
          this.i = e;
          continue;
        }
      }
      const three = s.slice(this.i, this.i + 3);
      const two = s.slice(this.i, this.i + 2);
      if (three === ';;&') {
        this.op(three);
        continue;
      }
      if (two === '&>') {
        this.i += s[this.i + 2] === '>' ? 3 : 2;
        this.redir('>', start);
        continue;
      }
      if (two === ';;' || two === ';&' || two === '&&' || two === '||' || two === '|&') {
        this.op(two);
        continue;
      }
      if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
        this.op(c);
        continue;
      }
      if ((c === '<' || c === '>') && s[this.i + 1] === '(') {
        // Process substitution: an unknown word.
        const e = this.skipBalanced(this.i + 1, '(', ')', s.length);
        const end = e < 0 ? this.lineEnd(this.i) : e;
        this.i = end;
        this.toks.push({
          t: 'word',
          w: {
            segs: [{ k: 'cmd', raw: s.slice(start, end), start, quoted: false }],
            start,
            end,
            plain: null,
          },
        });
        continue;
      }
      if (c === '<' || c === '>') {
        this.redirOp(start);
        continue;
      }
      const w = this.readWord(true, s.length);
      if (w.end === start) {
        // Cannot happen (a META character is handled above); guard against a stuck loop.
        this.i++;
        continue;
      }
      if (w.plain !== null && /^[0-9]+$/.test(w.plain) && (s[this.i] === '<' || s[this.i] === '>')) {
        this.redirOp(start);
        continue;
      }
      this.toks.push({ t: 'word', w });
    }
    return this.toks;
  }

  private op(op: string): void {
    this.toks.push({ t: 'op', op, start: this.i });
    this.i += op.length;
  }

  private redirOp(start: number): void {
    const s = this.s;
    const ops = ['<<<', '<<-', '<<', '<>', '<&', '>&', '>>', '>|', '<', '>'];
    const op = ops.find((o) => s.startsWith(o, this.i)) ?? s[this.i];
    this.i += op.length;
    this.redir(op, start);
  }

  private redir(op: string, start: number): void {
    const s = this.s;
    while (this.i < s.length) {
      if (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
      else if (s[this.i] === '\\' && this.contAt(this.i)) this.i = this.afterCont(this.i);
      else break;
    }
    let target: Word | null = null;
    if (this.i < s.length && !META.includes(s[this.i])) target = this.readWord(true, s.length);
    let heredoc: Heredoc | null = null;
    if ((op === '<<' || op === '<<-') && target) {
      const raw = s.slice(target.start, target.end);
      let delim = '';
      for (const g of target.segs) delim += g.k === 'lit' ? g.text : g.raw;
      heredoc = { delim, strip: op === '<<-', quoted: /['"\\]/.test(raw), body: '', bodyStart: -1 };
      this.pending.push(heredoc);
    }
    this.toks.push({ t: 'redir', op, start, target, heredoc });
  }

  private readHeredocs(): void {
    const s = this.s;
    for (const h of this.pending) {
      h.bodyStart = this.i;
      let found = false;
      while (this.i < s.length) {
        let e = s.indexOf('\n', this.i);
        if (e < 0) e = s.length;
        let line = s.slice(this.i, e);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        const cmp = h.strip ? line.replace(/^\t+/, '') : line;
        if (cmp === h.delim) {
          h.body = s.slice(h.bodyStart, this.i);
          this.i = Math.min(e + 1, s.length);
          found = true;
          break;
        }
        this.i = e + 1;
      }
      if (!found) {
        h.body = s.slice(h.bodyStart);
        this.i = s.length;
      }
    }
    this.pending = [];
  }

  private contAt(i: number): boolean {
    const s = this.s;
    return s[i] === '\\' && (s[i + 1] === '\n' || (s[i + 1] === '\r' && s[i + 2] === '\n'));
  }

  private afterCont(i: number): number {
    return this.s[i + 1] === '\r' ? i + 3 : i + 2;
  }

  private lineEnd(i: number): number {
    const e = this.s.indexOf('\n', i);
    return e < 0 ? this.s.length : e;
  }

  /**
   * From an opening bracket at `i`, the index after its matching close (quotes and escapes
   * skipped), or -1 when it is not closed before `end`.
   */
  skipBalanced(i: number, open: string, close: string, end: number): number {
    const s = this.s;
    let depth = 0;
    let j = i;
    while (j < end) {
      const c = s[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === "'" && open !== '{') {
        const q = s.indexOf("'", j + 1);
        if (q < 0 || q >= end) return -1;
        j = q + 1;
        continue;
      }
      if (c === '"') {
        j++;
        while (j < end && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
        if (j >= end) return -1;
        j++;
        continue;
      }
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return -1;
  }

  /**
   * Reads one word from `this.i`. With `stop`, it ends at unquoted blanks and operators; without,
   * everything up to `end` is one word (a `${V:-default}` argument).
   */
  readWord(stop: boolean, end: number): Word {
    const s = this.s;
    const start = this.i;
    const segs: Seg[] = [];
    let plain = true;
    let plainText = '';
    const lit = (ch: string, off: number, quoted: boolean): void => {
      const last = segs[segs.length - 1];
      if (last && last.k === 'lit' && last.quoted === quoted) {
        last.text += ch;
        last.offs.push(off);
      } else segs.push({ k: 'lit', text: ch, offs: [off], quoted });
    };
    while (this.i < end) {
      const c = s[this.i];
      if (stop && META.includes(c)) {
        if (c === '(' && plain && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(plainText)) {
          // Array assignment NAME=(a b): an unknown value.
          const e = this.skipBalanced(this.i, '(', ')', end);
          const stop2 = e < 0 ? this.lineEnd(this.i) : e;
          segs.push({ k: 'cmd', raw: s.slice(this.i, stop2), start: this.i, quoted: false });
          this.i = stop2;
          plain = false;
          continue;
        }
        break;
      }
      if (c === '\\') {
        if (this.contAt(this.i)) {
          this.i = this.afterCont(this.i);
          continue;
        }
        if (this.i + 1 < end) {
          lit(s[this.i + 1], this.i, true);
          this.i += 2;
        } else {
          lit('\\', this.i, false);
          this.i++;
        }
        plain = false;
        continue;
      }
      if (c === "'") {
        plain = false;
        segs.push({ k: 'lit', text: '', offs: [], quoted: true });
        const q = s.indexOf("'", this.i + 1);
        const close = q >= 0 && q < end ? q : -1;
        const stopAt = close >= 0 ? close : Math.min(this.lineEnd(this.i), end);
        for (let j = this.i + 1; j < stopAt; j++) lit(s[j], j, true);
        this.i = close >= 0 ? close + 1 : stopAt;
        continue;
      }
      if (c === '"') {
        plain = false;
        this.readDq(segs, end, lit);
        continue;
      }
      if (c === '$') {
        const before = segs.length;
        const lastText = segs[before - 1]?.k === 'lit' ? (segs[before - 1] as LitSeg).text.length : -1;
        this.readDollar(segs, false, end, lit);
        const after = segs[segs.length - 1];
        const onlyDollar =
          segs.length === before
            ? after?.k === 'lit' && after.text.length === lastText + 1
            : segs.length === before + 1 && after.k === 'lit' && after.text === '$';
        if (onlyDollar) plainText += '$';
        else plain = false;
        continue;
      }
      if (c === '`') {
        plain = false;
        this.readBacktick(segs, false, end);
        continue;
      }
      lit(c, this.i, false);
      plainText += c;
      this.i++;
    }
    return { segs, start, end: this.i, plain: plain ? plainText : null };
  }

  private readDq(segs: Seg[], end: number, lit: (ch: string, off: number, quoted: boolean) => void): void {
    const s = this.s;
    const q = this.i;
    const mark = segs.length;
    segs.push({ k: 'lit', text: '', offs: [], quoted: true });
    this.i++;
    while (this.i < end) {
      const c = s[this.i];
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        if (this.contAt(this.i)) {
          this.i = this.afterCont(this.i);
          continue;
        }
        const n = s[this.i + 1];
        if (n !== undefined && '$`"\\'.includes(n)) {
          lit(n, this.i, true);
          this.i += 2;
        } else {
          lit('\\', this.i, true);
          this.i++;
        }
        continue;
      }
      if (c === '$') {
        this.readDollar(segs, true, end, lit);
        continue;
      }
      if (c === '`') {
        this.readBacktick(segs, true, end);
        continue;
      }
      lit(c, this.i, true);
      this.i++;
    }
    // Unterminated: the rest of the line is one quoted literal.
    segs.length = mark;
    segs.push({ k: 'lit', text: '', offs: [], quoted: true });
    const stopAt = Math.min(this.lineEnd(q), end);
    for (let j = q + 1; j < stopAt; j++) lit(s[j], j, true);
    this.i = stopAt;
  }

  private readBacktick(segs: Seg[], quoted: boolean, end: number): void {
    const s = this.s;
    const start = this.i;
    let j = this.i + 1;
    while (j < end && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
    const stopAt = j < end ? j + 1 : Math.min(this.lineEnd(start), end);
    segs.push({ k: 'cmd', raw: s.slice(start, stopAt), start, quoted });
    this.i = stopAt;
  }

  private readDollar(
    segs: Seg[],
    quoted: boolean,
    end: number,
    lit: (ch: string, off: number, quoted: boolean) => void,
  ): void {
    const s = this.s;
    const st = this.i;
    const n = s[st + 1];
    if (!quoted && n === "'") {
      this.readAnsiC(segs, lit, end);
      return;
    }
    if (!quoted && n === '"') {
      this.i++;
      this.readDq(segs, end, lit);
      return;
    }
    if (n === '(' || n === '[') {
      const e = this.skipBalanced(st + 1, n, n === '(' ? ')' : ']', end);
      const stopAt = e < 0 ? Math.min(this.lineEnd(st), end) : e;
      segs.push({ k: 'cmd', raw: s.slice(st, stopAt), start: st, quoted });
      this.i = stopAt;
      return;
    }
    if (n === '{') {
      const e = this.skipBalanced(st + 1, '{', '}', end);
      if (e < 0) {
        lit('$', st, quoted);
        this.i++;
        return;
      }
      segs.push(this.param(st, e, quoted));
      this.i = e;
      return;
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      let j = st + 1;
      while (j < end && /[A-Za-z0-9_]/.test(s[j])) j++;
      segs.push({
        k: 'var',
        name: s.slice(st + 1, j),
        op: '',
        arg: [],
        length: false,
        raw: s.slice(st, j),
        start: st,
        quoted,
      });
      this.i = j;
      return;
    }
    if (n !== undefined && SPECIAL_PARAMS.includes(n) && st + 1 < end) {
      segs.push({
        k: 'var',
        name: n,
        op: 'bad',
        arg: [],
        length: false,
        raw: s.slice(st, st + 2),
        start: st,
        quoted,
      });
      this.i = st + 2;
      return;
    }
    lit('$', st, quoted);
    this.i++;
  }

  /** `${...}` from `$` at `st` to after `}` at `e`. */
  private param(st: number, e: number, quoted: boolean): VarSeg {
    const s = this.s;
    const raw = s.slice(st, e);
    const innerStart = st + 2;
    const inner = s.slice(innerStart, e - 1);
    const bad: VarSeg = { k: 'var', name: '', op: 'bad', arg: [], length: false, raw, start: st, quoted };
    let length = false;
    let k = 0;
    if (inner[0] === '#' && inner.length > 1) {
      length = true;
      k = 1;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(inner.slice(k));
    if (!m) return bad;
    const name = m[1];
    k += name.length;
    const rest = inner.slice(k);
    if (length) return rest === '' ? { ...bad, name, op: '', length: true } : bad;
    if (!NAME_RE.test(name)) return { ...bad, name };
    if (rest === '') return { k: 'var', name, op: '', arg: [], length: false, raw, start: st, quoted };
    const om = /^(:-|:=|:\+|:\?|##|%%|-|=|\+|\?|#|%)/.exec(rest);
    if (!om) return { ...bad, name };
    const op = om[1];
    const argStart = innerStart + k + op.length;
    const save = this.i;
    this.i = argStart;
    const w = this.readWord(false, e - 1);
    this.i = save;
    return { k: 'var', name, op, arg: w.segs, length: false, raw, start: st, quoted };
  }

  private readAnsiC(segs: Seg[], lit: (ch: string, off: number, quoted: boolean) => void, end: number): void {
    const s = this.s;
    const st = this.i;
    segs.push({ k: 'lit', text: '', offs: [], quoted: true });
    let j = st + 2;
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      a: '\x07',
      b: '\b',
      e: '\x1b',
      E: '\x1b',
      f: '\f',
      v: '\v',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '?': '?',
    };
    while (j < end && s[j] !== "'") {
      if (s[j] === '\\' && j + 1 < end) {
        const n = s[j + 1];
        if (simple[n] !== undefined) {
          lit(simple[n], j, true);
          j += 2;
          continue;
        }
        const hex = /^x([0-9A-Fa-f]{1,2})/.exec(s.slice(j + 1, j + 4));
        if (hex) {
          lit(String.fromCharCode(Number.parseInt(hex[1], 16)), j, true);
          j += 1 + hex[0].length;
          continue;
        }
        const oct = /^[0-7]{1,3}/.exec(s.slice(j + 1, j + 4));
        if (oct) {
          lit(String.fromCharCode(Number.parseInt(oct[0], 8) & 0xff), j, true);
          j += 1 + oct[0].length;
          continue;
        }
        const uni = /^u([0-9A-Fa-f]{1,4})/.exec(s.slice(j + 1, j + 6));
        if (uni) {
          lit(String.fromCharCode(Number.parseInt(uni[1], 16)), j, true);
          j += 1 + uni[0].length;
          continue;
        }
        lit('\\', j, true);
        lit(n, j + 1, true);
        j += 2;
        continue;
      }
      lit(s[j], j, true);
      j++;
    }
    this.i = j < end ? j + 1 : j;
  }
}

// ---- Substitution --------------------------------------------------------------------------------

/** A looked-up value: undefined = unset, null = set but unknown. */
type Looked = string | null | undefined;

/** Applies a `${V<op>arg}` operator. `arg` computes the argument's value lazily (null = unknown). */
function applyOp(
  op: string,
  v: Looked,
  arg: () => string | null,
  assign: (x: string) => void,
): string | null {
  switch (op) {
    case '':
    case ':?':
    case '?':
      return v ?? null;
    case ':-':
      if (v === null) return null;
      return v === undefined || v === '' ? arg() : v;
    case '-':
      if (v === null) return null;
      return v === undefined ? arg() : v;
    case ':=':
    case '=': {
      if (v === null) return null;
      if (v === undefined || (op === ':=' && v === '')) {
        const a = arg();
        if (a !== null) assign(a);
        return a;
      }
      return v;
    }
    case ':+':
      if (v === null) return null;
      return v === undefined || v === '' ? '' : arg();
    case '+':
      if (v === null) return null;
      return v === undefined ? '' : arg();
    case '#':
    case '##':
    case '%':
    case '%%': {
      if (v === null || v === undefined) return null;
      const p = arg();
      if (p === null) return null;
      return trimPattern(v, p, op);
    }
    default:
      return null;
  }
}

/** `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}` with `*`, `?` and `[...]` glob patterns. */
function trimPattern(v: string, p: string, op: string): string {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const e = p.indexOf(']', i + 2);
      if (e < 0) re += '\\[';
      else {
        let cls = p.slice(i + 1, e);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += '[' + cls.replace(/\\/g, '\\\\') + ']';
        i = e;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  let rx: RegExp;
  try {
    rx = new RegExp('^(?:' + re + ')$');
  } catch {
    return v;
  }
  if (op === '#' || op === '##') {
    const order = op === '#' ? range(0, v.length) : range(0, v.length).reverse();
    for (const n of order) if (rx.test(v.slice(0, n))) return v.slice(n);
  } else {
    const order = op === '%' ? range(0, v.length).reverse() : range(0, v.length);
    for (const n of order) if (rx.test(v.slice(n))) return v.slice(0, n);
  }
  return v;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

// ---- Interpretation ------------------------------------------------------------------------------

type PosFn = (off: number) => Loc;

interface Var {
  /** Null: marked for export (`export A`) but not set. */
  s: Setting | null;
  exported: boolean;
}

interface State {
  vars: Map<string, Var>;
  dir: string | null;
  imageDir: string | null;
  stack: { dir: string | null; imageDir: string | null }[];
  allexport: boolean;
}

interface Field {
  text: string;
  offs: number[];
  unknown: boolean;
  platform: boolean;
  start: number;
}

interface Joined {
  text: string;
  offs: number[];
  unknown: boolean;
  platform: boolean;
  /** A multi-valued variable (a `for` list, a matrix) the value depends on. */
  multi: Setting | null;
}

type Override = { name: string; value: string } | null;

const VERBS = new Set(['build', 'install', 'test', 'run']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'yash']);
const INSTALLERS: Record<string, { verbs: string[]; withValue: string[]; strip: boolean }> = {
  apk: {
    verbs: ['add'],
    withValue: [
      '-t',
      '--virtual',
      '-X',
      '--repository',
      '-p',
      '--root',
      '--arch',
      '--keys-dir',
      '--cache-dir',
    ],
    strip: true,
  },
  'apt-get': {
    verbs: ['install'],
    withValue: ['-o', '--option', '-t', '--target-release', '-c', '--config-file'],
    strip: true,
  },
  apt: {
    verbs: ['install'],
    withValue: ['-o', '--option', '-t', '--target-release', '-c', '--config-file'],
    strip: true,
  },
  yum: {
    verbs: ['install'],
    withValue: ['-c', '--config', '-x', '--exclude', '--installroot', '--releasever'],
    strip: false,
  },
  dnf: {
    verbs: ['install'],
    withValue: ['-c', '--config', '-x', '--exclude', '--installroot', '--releasever'],
    strip: false,
  },
  microdnf: { verbs: ['install'], withValue: ['--config', '--installroot', '--releasever'], strip: false },
  tdnf: { verbs: ['install'], withValue: ['-c', '--config', '--installroot', '--releasever'], strip: false },
};

function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

function isGoTool(t: string): 'go' | 'garble' | 'xx-go' | null {
  const b = basename(t);
  if (b === 'go' || /^go1\.\d+(\.\d+)?((rc|beta)\d+)?$/.test(b)) return 'go';
  if (b === 'garble') return 'garble';
  // tonistiigi/xx's wrapper: go with GOOS/GOARCH (and GOARM...) set for $TARGETPLATFORM.
  if (b === 'xx-go') return 'xx-go';
  return null;
}

/**
 * For a `cd` target built from the script's own location — `$(dirname "$0")`,
 * `$(dirname "${BASH_SOURCE[0]}")`, `$(cd "$(dirname "$0")" && pwd)` — the path that follows it
 * (`/..` → `..`, nothing → ''); null for any other word.
 */
function scriptRelative(text: string): string | null {
  const m =
    /^(?:\$\(cd\s+"?)?\$\(dirname\s+"?\$\{?(?:0|BASH_SOURCE(?:\[0\])?)\}?"?\)(?:"?\s*(?:&&|;)\s*pwd(?:\s+-P)?\))?(.*)$/.exec(
      text.replace(/\\"/g, '"').replace(/^"|"$/g, ''),
    );
  if (!m) return null;
  return m[1].replace(/^"|"$/g, '').replace(/^\//, '');
}

function cloneState(st: State): State {
  return {
    vars: new Map(st.vars),
    dir: st.dir,
    imageDir: st.imageDir,
    stack: st.stack.slice(),
    allexport: st.allexport,
  };
}

function envOf(st: State): Env {
  const env: Env = {};
  for (const [k, v] of st.vars) if (v.exported && v.s) env[k] = v.s;
  return env;
}

function isAssignText(t: string): RegExpExecArray | null {
  return /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(t);
}

const MAX_DEPTH = 12;

class Scanner {
  readonly commands: GoCommand[] = [];
  readonly installs: Installs[] = [];
  /**
   * For settings made here whose value is unknown: their text with the unknown parts as written
   * (`-s -w -X main.v=$(git describe)`), substituted into arguments so flags stay visible.
   */
  readonly partial = new WeakMap<Setting, string>();

  constructor(readonly ctx: ShellContext) {}

  /** Scans `text` (positions through `pos`) starting from `st`; returns the state after it. */
  script(text: string, pos: PosFn, st: State, depth: number): State {
    if (depth > MAX_DEPTH) return st;
    const toks = new Lexer(text).lex();
    return new Runner(this, toks, pos, depth).run(st);
  }
}

class Runner {
  constructor(
    private readonly sc: Scanner,
    private readonly toks: Tok[],
    private readonly pos: PosFn,
    private readonly depth: number,
  ) {}

  run(start: State): State {
    const toks = this.toks;
    let st = start;
    const frames: { kind: 'paren' | 'brace' | 'func'; saved: State | null }[] = [];
    const cases: { pattern: boolean }[] = [];
    let funcNext = false;
    let prevOp: string | null = null;
    let i = 0;
    // Docker's `RUN <<EOF` form: a script made of a lone here-document runs its body.
    if (toks[0]?.t === 'redir' && toks[0].heredoc && (toks[1] === undefined || toks[1].t === 'op')) {
      const h = toks[0].heredoc;
      if (h.bodyStart >= 0) {
        st = this.sc.script(h.body, (o) => this.pos(h.bodyStart + o), st, this.depth + 1);
      }
      i = 1;
    }
    while (i < toks.length) {
      const tk = toks[i];
      const topCase = cases[cases.length - 1];
      if (topCase?.pattern) {
        if (tk.t === 'op' && (tk.op === '\n' || tk.op === ';')) {
          i++;
          continue;
        }
        if (tk.t === 'word' && tk.w.plain === 'esac') {
          cases.pop();
          i++;
          continue;
        }
        while (i < toks.length) {
          const x = toks[i];
          i++;
          if (x.t === 'op' && x.op === ')') break;
        }
        topCase.pattern = false;
        prevOp = null;
        continue;
      }
      if (tk.t === 'op') {
        if (tk.op === '(') {
          frames.push({ kind: 'paren', saved: st });
          st = cloneState(st);
          funcNext = false;
        } else if (tk.op === ')') {
          const k = findLast(frames, (f) => f.kind === 'paren');
          if (k >= 0) {
            st = frames[k].saved ?? st;
            frames.length = k;
          }
        } else if (tk.op === ';;' || tk.op === ';&' || tk.op === ';;&') {
          if (topCase) topCase.pattern = true;
        }
        prevOp = tk.op;
        i++;
        continue;
      }
      if (tk.t === 'arith') {
        i++;
        continue;
      }
      if (tk.t === 'word' && tk.w.plain !== null) {
        const kw = tk.w.plain;
        if (
          ['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', 'coproc'].includes(kw)
        ) {
          i++;
          continue;
        }
        if (kw === '{') {
          frames.push(funcNext ? { kind: 'func', saved: st } : { kind: 'brace', saved: null });
          if (funcNext) st = cloneState(st);
          funcNext = false;
          i++;
          continue;
        }
        if (kw === '}') {
          const k = findLast(frames, (f) => f.kind !== 'paren');
          if (k >= 0) {
            if (frames[k].kind === 'func' && frames[k].saved) st = frames[k].saved as State;
            frames.length = k;
          }
          i++;
          continue;
        }
        if (kw === 'case') {
          i += 2;
          while (i < toks.length && toks[i].t === 'op' && (toks[i] as { op: string }).op === '\n') i++;
          const w = toks[i];
          if (w?.t === 'word' && w.w.plain === 'in') i++;
          cases.push({ pattern: true });
          continue;
        }
        if (kw === 'esac') {
          cases.pop();
          i++;
          continue;
        }
        if (kw === 'for' || kw === 'select') {
          i = this.forLoop(i + 1, st);
          continue;
        }
        if (kw === 'function') {
          i += 2;
          const a = toks[i];
          const b = toks[i + 1];
          if (a?.t === 'op' && a.op === '(' && b?.t === 'op' && b.op === ')') i += 2;
          funcNext = true;
          continue;
        }
        if (kw === '[[') {
          while (i < toks.length && !(toks[i].t === 'word' && (toks[i] as { w: Word }).w.plain === ']]')) i++;
          i++;
          continue;
        }
        const a = toks[i + 1];
        const b = toks[i + 2];
        if (
          NAME_RE.test(kw.replace(/[-.:]/g, '_')) &&
          a?.t === 'op' &&
          a.op === '(' &&
          b?.t === 'op' &&
          b.op === ')'
        ) {
          i += 3;
          funcNext = true;
          continue;
        }
      }
      // A simple command: words and redirections up to an operator.
      const words: Word[] = [];
      const redirs: Extract<Tok, { t: 'redir' }>[] = [];
      let j = i;
      while (j < toks.length) {
        const x = toks[j];
        if (x.t === 'word') words.push(x.w);
        else if (x.t === 'redir') redirs.push(x);
        else if (x.t !== 'arith') break;
        j++;
      }
      const next = toks[j];
      const nextOp = next?.t === 'op' ? next.op : null;
      const isolated =
        prevOp === '|' || prevOp === '|&' || nextOp === '|' || nextOp === '|&' || nextOp === '&';
      funcNext = false;
      this.simple(words, redirs, st, isolated);
      prevOp = null;
      i = j;
    }
    // Unclosed subshells/functions: their changes do not persist.
    for (const f of frames) {
      if (f.saved) {
        st = f.saved;
        break;
      }
    }
    return st;
  }

  /** `for NAME [in words]; do`: NAME takes the listed values (unknown when not literal). Returns the next index. */
  private forLoop(i: number, st: State): number {
    const toks = this.toks;
    const nameTok = toks[i];
    if (nameTok?.t !== 'word') return i;
    const name = nameTok.w.plain;
    i++;
    while (i < toks.length && toks[i].t === 'op' && (toks[i] as { op: string }).op === '\n') i++;
    const values: string[] = [];
    let known = false;
    const inTok = toks[i];
    if (inTok?.t === 'word' && inTok.w.plain === 'in') {
      known = true;
      i++;
      while (i < toks.length && toks[i].t === 'word') {
        for (const f of this.fields((toks[i] as { w: Word }).w, st, null)) {
          if (f.unknown || f.platform || /[*?[]/.test(f.text)) known = false;
          values.push(f.text);
        }
        i++;
      }
    }
    if (name && NAME_RE.test(name)) {
      const loc = this.pos(nameTok.w.start);
      const s: Setting =
        known && values.length
          ? { name, value: values[0], loc, via: 'export' }
          : { name, value: null, loc, via: 'export' };
      if (known && values.length > 1) s.values = values;
      this.setVar(st, s, false);
    }
    return i;
  }

  // ---- expansion ----

  private lookup(st: State, name: string, ov: Override): { v: Looked; s: Setting | null } {
    if (ov && ov.name === name) return { v: ov.value, s: null };
    const x = st.vars.get(name);
    if (!x?.s) return { v: undefined, s: null };
    return { v: x.s.platformArg ? null : x.s.value, s: x.s };
  }

  /** Records the partly known text of a setting whose value is unknown. */
  private keepPartial(s: Setting, text: string): Setting {
    if (s.value === null) this.sc.partial.set(s, text);
    return s;
  }

  /** The value of one `$...` segment: text null when unknown. */
  private resolve(
    g: VarSeg,
    st: State,
    ov: Override,
    acc: { platform: boolean; multi: Setting | null; partial?: boolean },
  ): string | null {
    if (g.op === 'bad' || !NAME_RE.test(g.name)) return null;
    const { v, s } = this.lookup(st, g.name, ov);
    const text = s ? this.sc.partial.get(s) : undefined;
    if (
      v === null &&
      text !== undefined &&
      !g.length &&
      ['', ':-', '-', ':=', '=', ':?', '?'].includes(g.op)
    ) {
      if (s?.platformArg) acc.platform = true;
      acc.partial = true;
      return text;
    }
    if (s?.platformArg) acc.platform = true;
    if (s?.values && s.values.length > 1 && !acc.multi) acc.multi = s;
    if (g.length) return typeof v === 'string' ? String(v.length) : null;
    const arg = (): string | null => {
      const r = this.join(g.arg, st, ov);
      if (r.platform) acc.platform = true;
      return r.unknown || r.platform ? null : r.text;
    };
    return applyOp(g.op, v, arg, (x) => {
      const loc = this.pos(g.start);
      this.setVar(st, { name: g.name, value: x, loc, via: 'export' }, false);
    });
  }

  /** A word's value without field splitting (assignments, here-string). */
  private join(segs: Seg[], st: State, ov: Override): Joined {
    const out: Joined = { text: '', offs: [], unknown: false, platform: false, multi: null };
    for (const g of segs) {
      if (g.k === 'lit') {
        out.text += g.text;
        out.offs.push(...g.offs);
      } else if (g.k === 'cmd') {
        out.text += g.raw;
        for (let n = 0; n < g.raw.length; n++) out.offs.push(g.start + n);
        out.unknown = true;
      } else {
        const acc = { platform: false, multi: out.multi, partial: false };
        const v = this.resolve(g, st, ov, acc);
        if (acc.platform) out.platform = true;
        if (acc.partial) out.unknown = true;
        out.multi = acc.multi;
        if (v === null) {
          out.text += g.raw;
          for (let n = 0; n < g.raw.length; n++) out.offs.push(g.start + n);
          out.unknown = true;
        } else {
          out.text += v;
          for (let n = 0; n < v.length; n++) out.offs.push(g.start);
        }
      }
    }
    return out;
  }

  /** A word's fields: unquoted known expansions are split on blanks; unknown ones stay whole. */
  private fields(w: Word, st: State, ov: Override): Field[] {
    const out: Field[] = [];
    let cur: Field | null = null;
    const open = (start: number): Field => {
      if (!cur) cur = { text: '', offs: [], unknown: false, platform: false, start };
      return cur;
    };
    const close = (): void => {
      if (cur) out.push(cur);
      cur = null;
    };
    const acc = { platform: false, multi: null as Setting | null, partial: false };
    for (const g of w.segs) {
      if (g.k === 'lit') {
        const f = open(g.offs[0] ?? w.start);
        f.text += g.text;
        f.offs.push(...g.offs);
        continue;
      }
      if (g.k === 'cmd') {
        const f = open(g.start);
        f.text += g.raw;
        for (let n = 0; n < g.raw.length; n++) f.offs.push(g.start + n);
        f.unknown = true;
        continue;
      }
      acc.platform = false;
      acc.partial = false;
      const v = this.resolve(g, st, ov, acc);
      if (v === null) {
        const f = open(g.start);
        f.text += g.raw;
        for (let n = 0; n < g.raw.length; n++) f.offs.push(g.start + n);
        f.unknown = true;
        if (acc.platform) f.platform = true;
        continue;
      }
      if (g.quoted) {
        const f = open(g.start);
        if (acc.partial) f.unknown = true;
        if (acc.partial && acc.platform) f.platform = true;
        f.text += v;
        for (let n = 0; n < v.length; n++) f.offs.push(g.start);
        continue;
      }
      // Partly known text is split outside its unknown `$(...)`/`${...}` parts.
      const pieces = acc.partial ? splitOutside(v) : v.split(/[ \t\n]+/);
      const partial = acc.partial;
      const platform = acc.platform;
      pieces.forEach((p, n) => {
        if (n > 0) close();
        if (p === '') return;
        const f = open(g.start);
        if (partial) f.unknown = true;
        if (partial && platform) f.platform = true;
        f.text += p;
        for (let m = 0; m < p.length; m++) f.offs.push(g.start);
      });
    }
    close();
    return out;
  }

  // ---- state changes ----

  private setVar(st: State, s: Setting, exportIt: boolean): void {
    const old = st.vars.get(s.name);
    st.vars.set(s.name, { s, exported: exportIt || !!old?.exported || st.allexport });
  }

  /** A Setting from an assignment word's value segments. */
  private setting(
    name: string,
    segs: Seg[],
    st: State,
    via: Setting['via'],
    off: number,
    append: boolean,
  ): Setting {
    const r = this.join(segs, st, null);
    let value: string | null = r.unknown || r.platform ? null : r.text;
    const s: Setting = { name, value, loc: this.pos(off), via };
    let before = '';
    if (append) {
      const old = this.lookup(st, name, null);
      if (old.s?.platformArg) r.platform = true;
      value = value === null || old.v === null ? null : (old.v ?? '') + value;
      s.value = r.platform ? null : value;
      before = old.v ?? (old.s ? (this.sc.partial.get(old.s) ?? `$${name}`) : '');
    }
    this.keepPartial(s, before + r.text);
    if (r.platform) s.platformArg = true;
    if (r.multi?.values && !r.unknown && !r.platform && !append) {
      const multi = r.multi;
      const values = (multi.values ?? []).map(
        (x) => this.join(segs, st, { name: multi.name, value: x }).text,
      );
      s.values = values;
      s.value = values[0];
    }
    return s;
  }

  private fieldSetting(f: Field, via: Setting['via']): Setting | null {
    const m = isAssignText(f.text);
    if (!m) return null;
    const s: Setting = {
      name: m[1],
      value: f.unknown || f.platform ? null : f.text.slice(m[0].length),
      loc: this.pos(f.start),
      via,
    };
    if (f.platform) s.platformArg = true;
    return this.keepPartial(s, f.text.slice(m[0].length));
  }

  private assignOf(w: Word): { name: string; append: boolean; segs: Seg[] } | null {
    const first = w.segs[0];
    if (first?.k !== 'lit' || first.quoted) return null;
    const m = isAssignText(first.text);
    if (!m) return null;
    const n = m[0].length;
    const rest: LitSeg = { k: 'lit', text: first.text.slice(n), offs: first.offs.slice(n), quoted: false };
    return { name: m[1], append: m[2] === '+', segs: [rest, ...w.segs.slice(1)] };
  }

  private cd(st: State, target: Field | undefined): void {
    // `cd "$(dirname "$0")/.."`, `cd "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"`: the
    // script's own directory (when the caller says where the script is), then the rest.
    const own = target?.unknown ? scriptRelative(target.text) : null;
    const scriptDir = this.sc.ctx.scriptDir;
    if (own !== null && scriptDir !== undefined) {
      st.dir = joinRel(scriptDir, own || '.');
      st.imageDir = null;
      return;
    }
    if (
      !target ||
      target.unknown ||
      target.text === '-' ||
      target.text === '' ||
      /^~|[*?[]/.test(target.text)
    ) {
      st.dir = null;
      st.imageDir = null;
      return;
    }
    const t = target.text;
    if (t.startsWith('/')) {
      st.imageDir = joinAbs('/', t);
      st.dir = null;
      return;
    }
    st.dir = st.dir === null ? null : joinRel(st.dir, t);
    st.imageDir = st.imageDir === null ? null : joinAbs(st.imageDir, t);
  }

  // ---- simple commands ----

  private simple(words: Word[], redirs: Extract<Tok, { t: 'redir' }>[], st0: State, isolated: boolean): void {
    const st = isolated ? cloneState(st0) : st0;
    let k = 0;
    const assigns: { name: string; append: boolean; segs: Seg[]; off: number }[] = [];
    while (k < words.length) {
      const a = this.assignOf(words[k]);
      if (!a) break;
      assigns.push({ ...a, off: words[k].start });
      k++;
    }
    if (k === words.length) {
      for (const a of assigns) {
        this.setVar(st, this.setting(a.name, a.segs, st, 'export', a.off, a.append), false);
        this.arrayCommand(a.segs, st);
      }
      return;
    }
    // Inline prefixes: for this command only, each seeing the previous ones.
    const inline: Env = {};
    let view = st;
    if (assigns.length) {
      view = cloneState(st);
      for (const a of assigns) {
        const s = this.setting(a.name, a.segs, view, 'inline', a.off, a.append);
        inline[a.name] = s;
        view.vars.set(a.name, { s, exported: true });
      }
    }
    const head = words[k].plain;
    if (head !== null && ['export', 'declare', 'typeset', 'local', 'readonly'].includes(head)) {
      this.declare(head, words.slice(k + 1), st);
      return;
    }
    const fields: Field[] = [];
    for (const w of words.slice(k)) fields.push(...this.fields(w, st, null));
    this.command(fields, inline, false, st, redirs, { dir: null, set: false });
  }

  /**
   * `source ./env.sh` / `. ./env.sh`: when the caller can read that file (another build file of
   * the scan), its variables and exports apply from here on; what it runs is reported at the
   * `source` line. Files the caller cannot read are skipped, as before.
   */
  private source(target: Field, st: State): void {
    const read = this.sc.ctx.readFile;
    if (!read || target.unknown || this.depth > MAX_DEPTH) return;
    const rel = target.text;
    const path = rel.startsWith('/') ? null : st.dir === null ? null : joinRel(st.dir, rel);
    if (path === null) return;
    const text = read(path);
    if (text === null) return;
    const at = target.start;
    const after = this.sc.script(text, () => this.pos(at), st, this.depth + 1);
    st.vars = after.vars;
    st.allexport = after.allexport;
  }

  /**
   * `CMD=(go build -ldflags "..." -o app .)` then `"${CMD[@]}"`: a bash array that holds a go
   * command is read as that command, at the array's position (its words see the variables set
   * so far). Other arrays stay unknown values.
   */
  private arrayCommand(segs: Seg[], st: State): void {
    const arr = segs.find((x): x is CmdSeg => x.k === 'cmd' && x.raw.startsWith('(') && x.raw.endsWith(')'));
    if (!arr || this.depth > MAX_DEPTH) return;
    const inner = arr.raw.slice(1, -1);
    const toks = new Lexer(inner).lex();
    const sub = new Runner(this.sc, toks, (o) => this.pos(arr.start + 1 + o), this.depth + 1);
    sub.arrayWords(st);
  }

  /** The word tokens of this runner as one command, when it is a go command. */
  arrayWords(st: State): void {
    const fields: Field[] = [];
    for (const t of this.toks) if (t.t === 'word') fields.push(...this.fields(t.w, st, null));
    if (fields.length < 2 || fields[0].unknown || !isGoTool(fields[0].text)) return;
    this.command(fields, {}, false, st, [], { dir: null, set: false });
  }

  private declare(head: string, words: Word[], st: State): void {
    let exportIt = head === 'export';
    let unexport = false;
    for (const w of words) {
      const a = this.assignOf(w);
      if (a) {
        const s = this.setting(a.name, a.segs, st, 'export', w.start, a.append);
        this.setVar(st, s, exportIt);
        if (unexport) st.vars.set(a.name, { s, exported: false });
        continue;
      }
      const f = this.fields(w, st, null)[0];
      if (!f) continue;
      const t = f.text;
      if (/^[-+][A-Za-z]+$/.test(t)) {
        if (t[0] === '-' && t.includes('x')) exportIt = true;
        if ((t[0] === '+' && t.includes('x')) || (head === 'export' && t.includes('n'))) unexport = true;
        continue;
      }
      if (!NAME_RE.test(t)) continue;
      const old = st.vars.get(t);
      if (unexport) {
        if (old) st.vars.set(t, { s: old.s, exported: false });
      } else if (exportIt) st.vars.set(t, { s: old?.s ?? null, exported: true });
      else if (!old && head !== 'readonly') {
        // `local X` / `declare X`: set to empty.
        this.setVar(st, { name: t, value: '', loc: this.pos(f.start), via: 'export' }, false);
      }
    }
  }

  /**
   * A command after its prefix assignments: wrappers are peeled off until the real command.
   * `chdir` is a directory change for this command only (`env -C`).
   */
  private command(
    fields: Field[],
    inline: Env,
    cleared: boolean,
    st: State,
    redirs: Extract<Tok, { t: 'redir' }>[],
    chdir: { dir: string | null; set: boolean; imageDir?: string | null },
  ): void {
    let f = fields;
    let envCleared = cleared;
    for (let guard = 0; guard < 20 && f.length; guard++) {
      const first = f[0];
      if (first.unknown) return;
      const name = basename(first.text);
      const rest = f.slice(1);
      if (name === 'env') {
        let n = 0;
        while (n < rest.length) {
          const t = rest[n].text;
          if (t === '--') {
            n++;
            break;
          }
          if (t === '-i' || t === '-' || t === '--ignore-environment') {
            envCleared = true;
            for (const k of Object.keys(inline)) delete inline[k];
          } else if (t === '-u' || t === '--unset') {
            const u = rest[n + 1]?.text;
            if (u) delete inline[u];
            if (u) this.unsetFor(st, u, inline);
            n++;
          } else if (t.startsWith('--unset=') || (t.startsWith('-u') && t.length > 2)) {
            const u = t.startsWith('--') ? t.slice(8) : t.slice(2);
            delete inline[u];
            this.unsetFor(st, u, inline);
          } else if (t === '-C' || t === '--chdir') {
            this.chdirFor(chdir, st, rest[n + 1]);
            n++;
          } else if (t.startsWith('--chdir=')) {
            this.chdirFor(chdir, st, { ...rest[n], text: t.slice(8) });
          } else if (t === '-S' || t === '--split-string') {
            const sp = rest[n + 1];
            n += 2;
            if (sp) {
              const pieces = sp.text.split(/\s+/).filter(Boolean);
              rest.splice(n, 0, ...pieces.map((p) => ({ ...sp, text: p })));
            }
            continue;
          } else if (!t.startsWith('-') || t.length === 1) break;
          n++;
        }
        while (n < rest.length) {
          const s = this.fieldSetting(rest[n], 'inline');
          if (!s) break;
          inline[s.name] = s;
          n++;
        }
        f = rest.slice(n);
        continue;
      }
      if (name === 'sudo' || name === 'doas') {
        const withValue = [
          '-u',
          '-g',
          '-h',
          '-p',
          '-C',
          '-D',
          '-r',
          '-t',
          '-U',
          '-T',
          '--user',
          '--group',
          '--chdir',
        ];
        let n = 0;
        while (n < rest.length && rest[n].text.startsWith('-')) {
          const t = rest[n].text;
          if (t === '--') {
            n++;
            break;
          }
          if (t === '-i' || t === '-s' || t === '-l' || t === '-v' || t === '-k' || t === '-K') return;
          if (t === '-D' || t === '--chdir') this.chdirFor(chdir, st, rest[n + 1]);
          n += withValue.includes(t) ? 2 : 1;
        }
        while (n < rest.length) {
          const s = this.fieldSetting(rest[n], 'inline');
          if (!s) break;
          inline[s.name] = s;
          n++;
        }
        f = rest.slice(n);
        continue;
      }
      if (name === 'exec') {
        let n = 0;
        while (n < rest.length && /^-[a-z]+$/.test(rest[n].text)) n += rest[n].text === '-a' ? 2 : 1;
        f = rest.slice(n);
        continue;
      }
      if (name === 'time') {
        let n = 0;
        while (n < rest.length && rest[n].text.startsWith('-')) {
          const t = rest[n].text;
          n += t === '-f' || t === '-o' || t === '--format' || t === '--output' ? 2 : 1;
        }
        f = rest.slice(n);
        continue;
      }
      if (['nohup', 'builtin', 'chronic', 'unbuffer', 'caffeinate'].includes(name)) {
        f = rest;
        continue;
      }
      if (name === 'command') {
        if (rest[0] && /^-[pvV]*[vV]/.test(rest[0].text)) return;
        f = rest[0]?.text === '-p' ? rest.slice(1) : rest;
        continue;
      }
      if (name === 'nice' || name === 'ionice' || name === 'stdbuf' || name === 'timeout') {
        const withValue: Record<string, string[]> = {
          nice: ['-n', '--adjustment'],
          ionice: ['-c', '-n', '-p', '-P', '-u', '--class', '--classdata'],
          stdbuf: ['-i', '-o', '-e', '--input', '--output', '--error'],
          timeout: ['-k', '-s', '--kill-after', '--signal'],
        };
        let n = 0;
        while (n < rest.length && rest[n].text.startsWith('-') && rest[n].text.length > 1) {
          n += withValue[name].includes(rest[n].text) ? 2 : 1;
        }
        if (name === 'timeout') n++;
        f = rest.slice(n);
        continue;
      }
      if (SHELLS.has(name)) {
        this.shell(f, inline, envCleared, st, redirs, chdir);
        return;
      }
      if (name === 'eval') {
        const joined = this.concat(rest);
        const inner = chdir.set ? { ...st, dir: chdir.dir, imageDir: chdir.imageDir ?? null } : st;
        const after = this.sc.script(joined.text, this.mapPos(joined.offs), inner, this.depth + 1);
        if (!chdir.set) Object.assign(st, after);
        return;
      }
      if (name === 'cd' || name === 'pushd' || name === 'popd') {
        this.dirCommand(name, rest, st);
        return;
      }
      if (name === 'unset') {
        if (rest.some((x) => x.text === '-f')) return;
        for (const x of rest) if (NAME_RE.test(x.text)) st.vars.delete(x.text);
        return;
      }
      if ((name === 'source' || name === '.') && rest.length > 0) {
        this.source(rest[0], st);
        return;
      }
      if (name === 'set') {
        for (let n = 0; n < rest.length; n++) {
          const t = rest[n].text;
          if ((t === '-o' || t === '+o') && rest[n + 1]?.text === 'allexport') st.allexport = t === '-o';
          else if (/^-[a-zA-Z]+$/.test(t) && t.includes('a')) st.allexport = true;
          else if (/^\+[a-zA-Z]+$/.test(t) && t.includes('a')) st.allexport = false;
        }
        return;
      }
      if (name === 'read') {
        const withValue = ['-p', '-a', '-d', '-t', '-n', '-N', '-u', '-i'];
        for (let n = 0; n < rest.length; n++) {
          const t = rest[n].text;
          if (t.startsWith('-')) {
            if (withValue.includes(t)) n++;
            continue;
          }
          if (NAME_RE.test(t))
            this.setVar(st, { name: t, value: null, loc: this.pos(rest[n].start), via: 'export' }, false);
        }
        return;
      }
      const tool = isGoTool(first.text);
      if (tool) {
        this.goCommand(f, tool, inline, envCleared, st, chdir);
        return;
      }
      if (INSTALLERS[name]) {
        this.install(name, f);
        return;
      }
      return;
    }
  }

  private unsetFor(st: State, name: string, inline: Env): void {
    // `env -u NAME`: recorded as an inline entry removal; the state itself is untouched.
    delete inline[name];
    const v = st.vars.get(name);
    if (v?.exported) inline[`\0unset:${name}`] = v.s as Setting;
  }

  private chdirFor(
    chdir: { dir: string | null; set: boolean; imageDir?: string | null },
    st: State,
    f: Field | undefined,
  ): void {
    const tmp = cloneState(st);
    if (chdir.set) {
      tmp.dir = chdir.dir;
      tmp.imageDir = chdir.imageDir ?? null;
    }
    this.cd(tmp, f);
    chdir.dir = tmp.dir;
    chdir.imageDir = tmp.imageDir;
    chdir.set = true;
  }

  private dirCommand(name: string, rest: Field[], st: State): void {
    if (name === 'popd') {
      const top = st.stack.pop();
      st.dir = top ? top.dir : null;
      st.imageDir = top ? top.imageDir : null;
      return;
    }
    let n = 0;
    while (n < rest.length && /^-[LPe@n]*$/.test(rest[n].text) && rest[n].text !== '-') {
      n++;
      if (rest[n - 1].text === '--') break;
    }
    if (name === 'pushd') {
      st.stack.push({ dir: st.dir, imageDir: st.imageDir });
      const t = rest[n];
      if (!t || /^[+-]\d+$/.test(t.text)) {
        st.dir = null;
        st.imageDir = null;
        return;
      }
    }
    this.cd(st, rest[n]);
  }

  /** Joins fields with spaces (eval). */
  private concat(fs: Field[]): { text: string; offs: number[] } {
    let text = '';
    const offs: number[] = [];
    fs.forEach((f, n) => {
      if (n > 0) {
        text += ' ';
        offs.push((offs[offs.length - 1] ?? f.start) + 1);
      }
      text += f.text;
      offs.push(...f.offs);
    });
    return { text, offs };
  }

  private mapPos(offs: number[]): PosFn {
    return (o: number) => {
      if (!offs.length) return this.pos(0);
      return this.pos(o < offs.length ? offs[o] : offs[offs.length - 1] + 1);
    };
  }

  /** A child shell's starting state: exported variables (and, for a here-document, all). */
  private childState(
    st: State,
    inline: Env,
    cleared: boolean,
    keepShellVars: boolean,
    chdir: { dir: string | null; set: boolean; imageDir?: string | null },
  ): State {
    const vars = new Map<string, Var>();
    for (const [k, v] of st.vars) {
      if (k.startsWith('\0')) continue;
      if (v.exported && v.s && !cleared) vars.set(k, { s: v.s, exported: true });
      else if (keepShellVars && v.s && !v.exported) vars.set(k, { s: v.s, exported: false });
    }
    for (const [k, s] of Object.entries(inline)) {
      if (k.startsWith('\0unset:')) vars.delete(k.slice(7));
      else vars.set(k, { s, exported: true });
    }
    return {
      vars,
      dir: chdir.set ? chdir.dir : st.dir,
      imageDir: chdir.set ? (chdir.imageDir ?? null) : st.imageDir,
      stack: [],
      allexport: false,
    };
  }

  private shell(
    f: Field[],
    inline: Env,
    cleared: boolean,
    st: State,
    redirs: Extract<Tok, { t: 'redir' }>[],
    chdir: { dir: string | null; set: boolean; imageDir?: string | null },
  ): void {
    let n = 1;
    let cflag = false;
    let sflag = false;
    while (n < f.length) {
      const t = f[n].text;
      if (t === '--' || t === '-') {
        n++;
        break;
      }
      if (!/^[-+]/.test(t)) break;
      if (t.startsWith('--')) {
        n++;
        continue;
      }
      if (t[0] === '-' && t.includes('c')) cflag = true;
      if (t[0] === '-' && t.includes('s')) sflag = true;
      n += t === '-o' || t === '+o' || t === '-O' || t === '+O' ? 2 : 1;
    }
    if (cflag) {
      const body = f[n];
      if (!body) return;
      const child = this.childState(st, inline, cleared, false, chdir);
      this.sc.script(body.text, this.mapPos(body.offs), child, this.depth + 1);
      return;
    }
    if (n < f.length && !sflag) return; // `sh script.sh`: another file
    const h = redirs.find((r) => r.heredoc)?.heredoc;
    if (!h || h.bodyStart < 0) return;
    const child = this.childState(st, inline, cleared, !h.quoted, chdir);
    this.sc.script(h.body, (o) => this.pos(h.bodyStart + o), child, this.depth + 1);
  }

  private goCommand(
    f: Field[],
    tool: 'go' | 'garble' | 'xx-go',
    inline: Env,
    cleared: boolean,
    st: State,
    chdir: { dir: string | null; set: boolean; imageDir?: string | null },
  ): void {
    let n = 1;
    const where = { ...chdir };
    if (tool === 'garble') {
      while (n < f.length && f[n].text.startsWith('-')) {
        const t = f[n].text;
        n += ['-seed', '--seed', '-debugdir', '--debugdir'].includes(t) ? 2 : 1;
      }
    } else {
      while (n < f.length && f[n].text.startsWith('-')) {
        const t = f[n].text;
        if (t === '-C' || t === '--C') {
          this.chdirFor(where, st, f[n + 1]);
          n += 2;
        } else if (/^--?C=/.test(t)) {
          this.chdirFor(where, st, { ...f[n], text: t.slice(t.indexOf('=') + 1) });
          n++;
        } else n++;
      }
    }
    const verb = f[n]?.text;
    if (verb === 'env' && tool === 'go') {
      let write = false;
      for (const x of f.slice(n + 1)) {
        if (x.text === '-w') write = true;
        else if (x.text.startsWith('-')) write = false;
        else if (write) {
          const s = this.fieldSetting(x, 'export');
          if (s) this.setVar(st, s, true);
        }
      }
      return;
    }
    if (!verb || !VERBS.has(verb)) return;
    const env: Env = {};
    if (!cleared) Object.assign(env, envOf(st));
    for (const [k, s] of Object.entries(inline)) {
      if (k.startsWith('\0unset:')) delete env[k.slice(7)];
      else env[k] = s;
    }
    if (tool === 'xx-go') {
      // xx-go builds for the target platform whatever the stage runs on (CGO_ENABLED untouched).
      for (const name of ['GOOS', 'GOARCH']) {
        env[name] = { name, value: null, platformArg: true, loc: this.pos(f[0].start), via: 'inline' };
      }
    }
    const ctx = this.sc.ctx;
    const cmd: GoCommand = {
      loc: this.pos(f[0].start),
      verb: verb as GoCommand['verb'],
      args: f.slice(n + 1).map((x) => x.text),
      env,
      dir: where.set ? where.dir : st.dir,
      imageDir: where.set ? (where.imageDir ?? null) : st.imageDir,
      kind: ctx.kind,
      host: ctx.host,
      image: ctx.image,
    };
    if (ctx.stage !== undefined) cmd.stage = ctx.stage;
    this.sc.commands.push(cmd);
  }

  private install(name: string, f: Field[]): void {
    const spec = INSTALLERS[name];
    const rest = f.slice(1);
    let n = 0;
    let found = false;
    while (n < rest.length) {
      const t = rest[n].text;
      if (t.startsWith('-')) {
        n += spec.withValue.includes(t) ? 2 : 1;
        continue;
      }
      if (spec.verbs.includes(t)) {
        found = true;
        n++;
      }
      break;
    }
    if (!found) return;
    const packages: string[] = [];
    for (; n < rest.length; n++) {
      const t = rest[n].text;
      if (t.startsWith('-')) {
        if (spec.withValue.includes(t)) n++;
        continue;
      }
      if (!t) continue;
      packages.push(spec.strip && !rest[n].unknown ? t.replace(/(?:[=~<>@].*|\/[^/]*)$/, '') : t);
    }
    if (packages.length === 0) return;
    const inst: Installs = { packages, loc: this.pos(f[0].start) };
    if (name === 'apt' || name === 'apt-get') {
      const flags = rest.map((x) => x.text);
      inst.recommends = !flags.some(
        (t) => t === '--no-install-recommends' || /Install-Recommends=(false|0|no)/i.test(t),
      );
    }
    this.sc.installs.push(inst);
  }
}

/** Splits on blanks that are not inside `$(...)`, `${...}` or backquotes. */
function splitOutside(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let tick = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '`') tick = !tick;
    else if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      depth++;
      cur += c + s[i + 1];
      i++;
      continue;
    } else if ((c === ')' || c === '}') && depth > 0) depth--;
    if (depth === 0 && !tick && (c === ' ' || c === '\t' || c === '\n')) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function findLast<T>(a: T[], p: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (p(a[i])) return i;
  return -1;
}

/** The position function of a top-level script: text offset → file position. */
function topPos(text: string, ctx: ShellContext): PosFn {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const map = ctx.lineMap ?? [];
  return (off: number): Loc => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    const col = off - starts[lo];
    const m = map[lo];
    if (m) return { file: ctx.file, line: m.line, column: m.column + col };
    if (map.length) {
      const last = map[map.length - 1];
      return { file: ctx.file, line: last.line + (lo - (map.length - 1)), column: 1 + col };
    }
    return { file: ctx.file, line: ctx.line + lo, column: (lo === 0 ? ctx.column : 1) + col };
  };
}

/**
 * Reads a shell fragment: the go commands and package installs in it, and the environment and
 * directory it leaves. Never throws: malformed text yields what could be read.
 */
export function scanShell(text: string, ctx: ShellContext): ShellResult {
  const vars = new Map<string, Var>();
  for (const [k, s] of Object.entries(ctx.env ?? {})) vars.set(k, { s, exported: true });
  const st: State = { vars, dir: ctx.dir, imageDir: ctx.imageDir, stack: [], allexport: false };
  const sc = new Scanner(ctx);
  let end = st;
  try {
    end = sc.script(typeof text === 'string' ? text : '', topPos(text ?? '', ctx), st, 0);
  } catch {
    // Keep what was found before the failure.
  }
  return {
    commands: sc.commands,
    installs: sc.installs,
    env: envOf(end),
    dir: end.dir,
    imageDir: end.imageDir,
  };
}
