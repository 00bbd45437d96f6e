// The Makefile reader of the build lens: GNU make variables, conditionals and rules, with each
// recipe line expanded the way make expands it and handed to the shell reader.
//
// Unknown values (`$(shell ...)`, `$(wildcard ...)`, variables the Makefile does not define) are
// carried through expansion as markers: a private-use character pair around the reference as
// written, plus an optional guess for the default invocation on a linux/amd64 host (an undefined
// variable is empty, `$(shell uname -s)` is Linux). Conditionals evaluate with the guesses; recipes
// keep the reference as written (the shell reader sees `$(...)`: an unknown word); environment
// settings with a marker have value null.
//
// Pure: no Node APIs.

import type { BuildFile, Env, GoCommand, Installs, Setting } from './model.js';
import { scanShell } from './shell.js';

export interface MakefileResult {
  commands: GoCommand[];
  installs: Installs[];
  gomaxprocs: Setting[];
  problems: { file: string; line?: number; message: string }[];
}

// ---- Unknown markers -----------------------------------------------------------------------------

const M0 = '\uE000';
const M1 = '\uE001';
const M2 = '\uE002';
const MARK_RE = /\uE000([^\uE000\uE001\uE002]*)(?:\uE002([^\uE000\uE001\uE002]*))?\uE001/g;

function clean(s: string): string {
  return s.replace(/[\uE000\uE001\uE002]/g, '');
}

/** An unknown value written `raw`, with a guess for the default invocation when there is one. */
function mark(raw: string, guess?: string): string {
  return M0 + clean(raw) + (guess === undefined ? '' : M2 + clean(guess)) + M1;
}

function hasMark(s: string): boolean {
  return s.includes(M0);
}

/** The text with unknown parts replaced by their guesses; null when one has none. */
function guessOf(s: string): string | null {
  let ok = true;
  const out = s.replace(MARK_RE, (_m, _raw: string, g: string | undefined) => {
    if (g === undefined) ok = false;
    return g ?? '';
  });
  return ok ? out : null;
}

/** Splits on blanks, keeping unknown parts whole. */
function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inMark = false;
  for (const c of s) {
    if (c === M0) inMark = true;
    else if (c === M1) inMark = false;
    if (!inMark && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

function plainWords(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

// ---- Variables -----------------------------------------------------------------------------------

interface MVar {
  name: string;
  flavor: 'recursive' | 'simple';
  value: string;
  origin: 'file' | 'override' | 'default' | 'automatic';
  line: number;
  column: number;
  /** The file of the assignment when it is an included one. */
  file?: string;
}

const DEFAULTS: Record<string, string> = {
  MAKE: 'make',
  SHELL: '/bin/sh',
  CC: 'cc',
  CXX: 'g++',
  CPP: '$(CC) -E',
  AR: 'ar',
  AS: 'as',
  LD: 'ld',
  RM: 'rm -f',
  MAKECMDGOALS: '',
};

/** Guesses for common `$(shell ...)` commands on the default linux/amd64 host. */
function shellGuess(cmd: string): string | undefined {
  const c = cmd.trim().replace(/\s+/g, ' ');
  const table: Record<string, string> = {
    uname: 'Linux',
    'uname -s': 'Linux',
    'uname -m': 'x86_64',
    'uname -p': 'x86_64',
    'go env GOOS': 'linux',
    'go env GOARCH': 'amd64',
    'go env GOHOSTOS': 'linux',
    'go env GOHOSTARCH': 'amd64',
  };
  return table[c];
}

type Frame = Map<string, MVar>;

const FUNCS = new Set([
  'subst',
  'patsubst',
  'strip',
  'findstring',
  'filter',
  'filter-out',
  'sort',
  'word',
  'wordlist',
  'words',
  'firstword',
  'lastword',
  'dir',
  'notdir',
  'suffix',
  'basename',
  'addsuffix',
  'addprefix',
  'join',
  'wildcard',
  'realpath',
  'abspath',
  'error',
  'warning',
  'info',
  'shell',
  'origin',
  'flavor',
  'foreach',
  'if',
  'or',
  'and',
  'call',
  'eval',
  'file',
  'value',
  'let',
  'intcmp',
  'guile',
]);

/** Index of the bracket closing the one at `i` (same kind counted), or -1. */
function matchClose(s: string, i: number): number {
  const open = s[i];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === open) depth++;
    else if (s[j] === close && --depth === 0) return j;
  }
  return -1;
}

/** Splits function arguments on top-level commas; the last of `max` takes the rest. */
function splitArgs(s: string, max: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    if (c === ',' && depth === 0 && out.length < max - 1) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function patMatch(pat: string, w: string): string | null {
  const k = pat.indexOf('%');
  if (k < 0) return pat === w ? '' : null;
  const pre = pat.slice(0, k);
  const suf = pat.slice(k + 1);
  if (w.length >= pre.length + suf.length && w.startsWith(pre) && w.endsWith(suf)) {
    return w.slice(pre.length, w.length - suf.length);
  }
  return null;
}

function patsubst(pat: string, rep: string, text: string): string {
  return plainWords(text)
    .map((w) => {
      const stem = patMatch(pat, w);
      if (stem === null) return w;
      return pat.includes('%') ? rep.replace('%', stem) : rep;
    })
    .join(' ');
}

function dirOf(w: string): string {
  const i = w.lastIndexOf('/');
  return i < 0 ? './' : w.slice(0, i + 1);
}

function notdirOf(w: string): string {
  const i = w.lastIndexOf('/');
  return i < 0 ? w : w.slice(i + 1);
}

class Expander {
  /** Global variables. */
  readonly vars: Frame = new Map();
  /** Recursive variables being expanded (a self reference is an error in make: unknown here). */
  private readonly expanding = new Set<string>();
  /** Work budget for the whole file: past it, every reference is unknown (hostile input). */
  private budget = 500_000;

  /** Looks a name up in `frames` (innermost last), then the globals and make's defaults. */
  lookup(name: string, frames: Frame[]): MVar | undefined {
    for (let i = frames.length - 1; i >= 0; i--) {
      const v = frames[i].get(name);
      if (v) return v;
    }
    const g = this.vars.get(name);
    if (g) return g;
    if (name in DEFAULTS) {
      return { name, flavor: 'recursive', value: DEFAULTS[name], origin: 'default', line: 0, column: 0 };
    }
    return undefined;
  }

  expand(text: string, frames: Frame[], depth = 0): string {
    if (!text.includes('$')) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c !== '$') {
        const j = text.indexOf('$', i);
        const e = j < 0 ? text.length : j;
        out += text.slice(i, e);
        i = e;
        continue;
      }
      const n = text[i + 1];
      if (n === undefined) {
        out += '$';
        i++;
        continue;
      }
      if (n === '$') {
        out += '$';
        i += 2;
        continue;
      }
      if (n === '(' || n === '{') {
        const j = matchClose(text, i + 1);
        if (j < 0) {
          out += mark(text.slice(i));
          break;
        }
        out += this.ref(text.slice(i + 2, j), text.slice(i, j + 1), frames, depth);
        if (out.length > 1_000_000) return mark(text.slice(0, 200));
        i = j + 1;
        continue;
      }
      out += this.ref(n, /[A-Za-z0-9_]/.test(n) ? '$' + n : `$(${n})`, frames, depth);
      i += 2;
    }
    return out;
  }

  /** One `$(inner)` reference written `raw`. */
  ref(inner: string, raw: string, frames: Frame[], depth: number): string {
    if (depth > 60 || --this.budget < 0) return mark(raw);
    const fm = /^([a-z-]+)[ \t]/.exec(inner);
    if (fm && FUNCS.has(fm[1]))
      return this.func(fm[1], inner.slice(fm[0].length).replace(/^[ \t]+/, ''), raw, frames, depth);
    // Substitution reference $(VAR:a=b).
    const colon = topIndex(inner, ':');
    if (colon >= 0 && topIndex(inner.slice(colon), '=') >= 0) {
      const name = this.expand(inner.slice(0, colon), frames, depth + 1);
      const spec = inner.slice(colon + 1);
      const eq = topIndex(spec, '=');
      const a = this.expand(spec.slice(0, eq), frames, depth + 1);
      const b = this.expand(spec.slice(eq + 1), frames, depth + 1);
      const val = this.value(name, raw, frames, depth);
      return this.strict(raw, [val, a, b], ([v, x, y]) =>
        x.includes('%') ? patsubst(x, y, v) : patsubst('%' + x, '%' + y, v),
      );
    }
    const name = this.expand(inner, frames, depth + 1);
    if (hasMark(name)) return mark(raw);
    return this.value(name.trim(), raw, frames, depth);
  }

  /** The expanded value of variable `name` (a marker when unknown). */
  value(name: string, raw: string, frames: Frame[], depth: number): string {
    if (name.length === 2 && (name[1] === 'D' || name[1] === 'F') && '@<^+*?|%'.includes(name[0])) {
      const base = this.lookup(name[0], frames);
      if (!base || hasMark(base.value)) return mark(raw);
      const ws = plainWords(base.value);
      return ws.map((w) => (name[1] === 'D' ? dirOf(w).replace(/\/$/, '') || '.' : notdirOf(w))).join(' ');
    }
    const v = this.lookup(name, frames);
    if (!v) {
      if (name.length === 1 && '@<^+*?|%'.includes(name)) return mark(raw);
      if (name === 'CURDIR' || name === 'MAKEFILE_LIST' || name === 'MAKEFLAGS') return mark(raw);
      return mark(raw, '');
    }
    if (v.flavor === 'simple') return v.value;
    if (this.expanding.has(name)) return mark(raw);
    this.expanding.add(name);
    try {
      const out = this.expand(v.value, frames, depth + 1);
      return out.length > 1_000_000 ? mark(raw) : out;
    } finally {
      this.expanding.delete(name);
    }
  }

  /** A function whose arguments are all expanded first: unknown when one of them is. */
  private strict(raw: string, args: string[], f: (a: string[]) => string): string {
    if (!args.some(hasMark)) return f(args);
    const g = args.map(guessOf);
    if (g.every((x) => x !== null)) return mark(raw, f(g as string[]));
    return mark(raw);
  }

  private func(name: string, argText: string, raw: string, frames: Frame[], depth: number): string {
    const ex = (s: string): string => this.expand(s, frames, depth + 1);
    const fixed: Record<string, number> = {
      subst: 3,
      patsubst: 3,
      findstring: 2,
      filter: 2,
      'filter-out': 2,
      word: 2,
      wordlist: 3,
      addsuffix: 2,
      addprefix: 2,
      join: 2,
    };
    if (fixed[name] !== undefined) {
      const args = splitArgs(argText, fixed[name]).map(ex);
      while (args.length < fixed[name]) args.push('');
      return this.strict(raw, args, (a) => {
        switch (name) {
          case 'subst':
            return a[0] === '' ? a[2] : a[2].split(a[0]).join(a[1]);
          case 'patsubst':
            return patsubst(a[0].trim(), a[1].trim(), a[2]);
          case 'findstring':
            return a[1].includes(a[0]) ? a[0] : '';
          case 'filter':
          case 'filter-out': {
            const pats = plainWords(a[0]);
            const keep = name === 'filter';
            return plainWords(a[1])
              .filter((w) => pats.some((p) => patMatch(p, w) !== null) === keep)
              .join(' ');
          }
          case 'word': {
            const n = Number.parseInt(a[0].trim(), 10);
            return plainWords(a[1])[n - 1] ?? '';
          }
          case 'wordlist': {
            const s = Number.parseInt(a[0].trim(), 10);
            const e = Number.parseInt(a[1].trim(), 10);
            return plainWords(a[2])
              .slice(s - 1, e)
              .join(' ');
          }
          case 'addsuffix':
            return plainWords(a[1])
              .map((w) => w + a[0].trim())
              .join(' ');
          case 'addprefix':
            return plainWords(a[1])
              .map((w) => a[0].trim() + w)
              .join(' ');
          default: {
            const x = plainWords(a[0]);
            const y = plainWords(a[1]);
            const out: string[] = [];
            for (let i = 0; i < Math.max(x.length, y.length); i++) out.push((x[i] ?? '') + (y[i] ?? ''));
            return out.join(' ');
          }
        }
      });
    }
    switch (name) {
      case 'strip':
      case 'sort':
      case 'words':
      case 'firstword':
      case 'lastword':
      case 'dir':
      case 'notdir':
      case 'suffix':
      case 'basename':
        return this.strict(raw, [ex(argText)], ([t]) => {
          const ws = plainWords(t);
          switch (name) {
            case 'strip':
              return ws.join(' ');
            case 'sort':
              return [...new Set(ws)].sort().join(' ');
            case 'words':
              return String(ws.length);
            case 'firstword':
              return ws[0] ?? '';
            case 'lastword':
              return ws[ws.length - 1] ?? '';
            case 'dir':
              return ws.map(dirOf).join(' ');
            case 'notdir':
              return ws.map(notdirOf).join(' ');
            case 'suffix':
              return ws
                .map((w) => /(\.[^./]*)$/.exec(w)?.[1] ?? '')
                .filter(Boolean)
                .join(' ');
            default:
              return ws.map((w) => w.replace(/\.[^./]*$/, '')).join(' ');
          }
        });
      case 'shell': {
        const cmd = ex(argText);
        return mark(raw, hasMark(cmd) ? undefined : shellGuess(cmd));
      }
      case 'error':
      case 'warning':
      case 'info':
      case 'eval':
        return '';
      case 'origin':
      case 'flavor': {
        const n = ex(argText).trim();
        if (hasMark(n)) return mark(raw);
        const v = this.lookup(n, frames);
        if (name === 'flavor') return v ? v.flavor : mark(raw, 'undefined');
        return v ? v.origin : mark(raw, 'undefined');
      }
      case 'value': {
        const n = ex(argText).trim();
        const v = hasMark(n) ? undefined : this.lookup(n, frames);
        return v ? v.value : mark(raw, '');
      }
      case 'if': {
        const [c, a, b] = splitArgs(argText, 3);
        const cond = ex(c).trim();
        if (!hasMark(cond)) return cond ? ex(a ?? '') : ex(b ?? '');
        const g = guessOf(cond);
        if (g === null) return mark(raw);
        const r = ex((g.trim() ? a : b) ?? '');
        const rg = guessOf(r);
        return mark(raw, rg ?? undefined);
      }
      case 'or':
      case 'and': {
        let last = '';
        for (const a of splitArgs(argText, Number.MAX_SAFE_INTEGER)) {
          const v = ex(a).trim();
          if (hasMark(v)) return mark(raw);
          if (name === 'or' && v) return v;
          if (name === 'and' && !v) return '';
          last = v;
        }
        return name === 'or' ? '' : last;
      }
      case 'foreach': {
        const [vn, list, body] = splitArgs(argText, 3);
        const n = ex(vn).trim();
        const l = ex(list ?? '');
        if (hasMark(n) || hasMark(l)) return mark(raw);
        return plainWords(l)
          .map((w) => {
            const f: Frame = new Map([
              [n, { name: n, flavor: 'simple', value: w, origin: 'automatic', line: 0, column: 0 }],
            ]);
            return this.expand(body ?? '', [...frames, f], depth + 1);
          })
          .join(' ');
      }
      case 'call': {
        const args = splitArgs(argText, Number.MAX_SAFE_INTEGER);
        const n = ex(args[0]).trim();
        if (hasMark(n)) return mark(raw);
        const f: Frame = new Map();
        f.set('0', { name: '0', flavor: 'simple', value: n, origin: 'automatic', line: 0, column: 0 });
        args.slice(1).forEach((a, k) => {
          const key = String(k + 1);
          f.set(key, { name: key, flavor: 'simple', value: ex(a), origin: 'automatic', line: 0, column: 0 });
        });
        // Unset higher parameters expand to nothing inside the call.
        for (let k = args.length; k < 10; k++) {
          f.set(String(k), {
            name: String(k),
            flavor: 'simple',
            value: '',
            origin: 'automatic',
            line: 0,
            column: 0,
          });
        }
        const v = this.lookup(n, frames);
        if (!v) return mark(raw, '');
        if (v.flavor === 'simple') return v.value;
        return this.expand(v.value, [...frames, f], depth + 1);
      }
      default:
        return mark(raw);
    }
  }
}

/** Index of `ch` outside `$(...)`/`${...}` references, or -1. */
function topIndex(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      const j = matchClose(s, i + 1);
      if (j < 0) return -1;
      i = j;
      continue;
    }
    if (s[i] === '$') {
      i++;
      continue;
    }
    if (s[i] === ch) return i;
  }
  return -1;
}

/** The first assignment operator or rule colon outside references. */
function findOp(s: string): { kind: 'assign' | 'rule'; op: string; at: number } | null {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
      const j = matchClose(s, i + 1);
      if (j < 0) return null;
      i = j;
      continue;
    }
    if (c === '$') {
      i++;
      continue;
    }
    if (c === ':') {
      for (const op of [':::=', '::=', ':=']) if (s.startsWith(op, i)) return { kind: 'assign', op, at: i };
      return { kind: 'rule', op: ':', at: i };
    }
    if (c === '=') {
      const p = s[i - 1];
      if (p === '?' || p === '+' || p === '!') return { kind: 'assign', op: p + '=', at: i - 1 };
      return { kind: 'assign', op: '=', at: i };
    }
  }
  return null;
}

// ---- Reading the file ----------------------------------------------------------------------------

interface Text {
  text: string;
  /** File offset of each character. */
  offs: number[];
}

interface Rule {
  targets: string[];
  prereqs: string[];
  orderOnly: string[];
  /** Static pattern rule or pattern rule: `$<`/`$*` unknown. */
  pattern: boolean;
  recipe: Text[];
}

interface TargetOp {
  name: string;
  op: string;
  value: string;
  exported: boolean;
  override: boolean;
  line: number;
  column: number;
}

const MODIFIERS = new Set(['override', 'export', 'private', 'unexport']);

/** Where recipes start, and how to read an `include`d file (path relative to the Makefile's directory). */
export interface MakeBase {
  dir: string | null;
  readFile?: (path: string) => string | null;
}

/** A file whose lines sit in the reader's line list: the Makefile, or one it includes. */
interface Segment {
  base: number;
  end: number;
  file: string;
  starts: number[];
}

/** At most this many included files per Makefile (include loops end here too). */
const MAX_INCLUDES = 16;

class MakeReader {
  readonly out: MakefileResult = { commands: [], installs: [], gomaxprocs: [], problems: [] };
  private readonly ex = new Expander();
  private readonly lines: string[];
  private readonly starts: number[] = [];
  private readonly segs: Segment[] = [];
  private nextBase = 0;
  private readonly included = new Set<string>();
  private readonly rules: Rule[] = [];
  private readonly exportFlags = new Map<string, boolean>();
  private readonly targetOps = new Map<string, TargetOp[]>();
  private exportAll = false;
  private oneshell = false;
  private prefix = '\t';
  private readonly conds: { parentActive: boolean; active: boolean; taken: boolean }[] = [];

  constructor(
    private readonly file: BuildFile,
    private readonly base: MakeBase,
  ) {
    const text = file.text ?? '';
    this.lines = text.split('\n');
    let off = 0;
    for (const l of this.lines) {
      this.starts.push(off);
      off += l.length + 1;
    }
    this.lines = this.lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    this.segs.push({ base: 0, end: off, file: file.path, starts: this.starts.slice() });
    this.nextBase = off + 1;
    this.included.add(file.path);
  }

  /**
   * `include a.mk b.mk`: the files the caller can read are spliced in after the directive, so
   * their variables, exports and rules count as GNU make reads them; positions stay theirs.
   */
  private include(names: string[], at: number): void {
    const read = this.base.readFile;
    if (!read) return;
    for (const name of names.slice().reverse()) {
      if (this.included.size > MAX_INCLUDES || !name || name.includes('$') || name.startsWith('/')) continue;
      const path = name.replace(/^\.\//, '');
      const text = read(path);
      if (text === null) continue;
      const dir = this.file.path.includes('/')
        ? this.file.path.slice(0, this.file.path.lastIndexOf('/') + 1)
        : '';
      const display = `${dir}${path}`;
      if (this.included.has(display)) continue;
      this.included.add(display);
      const lines = text.split('\n');
      const local: number[] = [];
      let off = 0;
      for (const l of lines) {
        local.push(off);
        off += l.length + 1;
      }
      const base = this.nextBase;
      this.nextBase += off + 1;
      this.segs.push({ base, end: base + off, file: display, starts: local });
      this.lines.splice(at, 0, ...lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
      this.starts.splice(at, 0, ...local.map((x) => base + x));
    }
  }

  private problem(line: number, message: string): void {
    this.out.problems.push({ file: this.file.path, line, message });
  }

  /** The 1-based line, in its own file, of entry `li` of the line list (includes are spliced in). */
  private lineOf(li: number): number {
    return this.at(this.starts[li] ?? 0).line;
  }

  /** 1-based line and column of an offset, and the file (the Makefile or an included one). */
  private at(off: number): { line: number; column: number; file: string } {
    const seg = this.segs.find((x) => off >= x.base && off <= x.end) ?? this.segs[0];
    const rel = off - seg.base;
    let lo = 0;
    let hi = seg.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (seg.starts[mid] <= rel) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: rel - seg.starts[lo] + 1, file: seg.file };
  }

  private active(): boolean {
    return this.conds.every((c) => c.active);
  }

  read(): void {
    let curRule: Rule | null = null;
    let li = 0;
    while (li < this.lines.length) {
      const n = this.lines.length;
      const line = this.lines[li];
      if (curRule && line.startsWith(this.prefix)) {
        // A recipe line (with its backslash-newline continuations, prefix stripped from each).
        const t: Text = { text: '', offs: [] };
        let cur = line.slice(this.prefix.length);
        let curOff = this.starts[li] + this.prefix.length;
        for (;;) {
          for (let k = 0; k < cur.length; k++) t.offs.push(curOff + k);
          t.text += cur;
          if (!endsWithContinuation(cur) || li + 1 >= n) break;
          t.text += '\n';
          t.offs.push(curOff + cur.length);
          li++;
          const next = this.lines[li];
          const strip = next.startsWith(this.prefix) ? this.prefix.length : 0;
          cur = next.slice(strip);
          curOff = this.starts[li] + strip;
        }
        li++;
        if (this.active() && t.text.trim()) curRule.recipe.push(t);
        continue;
      }
      // A makefile line, continuations joined with one space.
      const first = li;
      const t: Text = { text: '', offs: [] };
      let cur = line;
      let curOff = this.starts[li];
      for (;;) {
        if (endsWithContinuation(cur) && li + 1 < n) {
          const body = cur.slice(0, -1).replace(/[ \t]+$/, '');
          for (let k = 0; k < body.length; k++) t.offs.push(curOff + k);
          t.text += body + ' ';
          t.offs.push(curOff + cur.length - 1);
          li++;
          const next = this.lines[li];
          const lead = next.length - next.replace(/^[ \t]+/, '').length;
          cur = next.slice(lead);
          curOff = this.starts[li] + lead;
          continue;
        }
        for (let k = 0; k < cur.length; k++) t.offs.push(curOff + k);
        t.text += cur;
        break;
      }
      li++;
      const code = stripComment(t.text);
      const trimmed = code.trim();
      if (!trimmed) continue;
      const lead = code.length - code.trimStart().length;
      const kw = /^(\S+)/.exec(trimmed)?.[1] ?? '';
      // Conditionals (also inside rules).
      if (['ifeq', 'ifneq', 'ifdef', 'ifndef', 'else', 'endif'].includes(kw)) {
        this.conditional(kw, trimmed.slice(kw.length).trim(), this.lineOf(first));
        continue;
      }
      if (kw === 'define' || /^(?:(?:override|export|private)\s+)+define\b/.test(trimmed)) {
        li = this.define(trimmed, li, first, t.offs[lead] ?? this.starts[first]);
        curRule = null;
        continue;
      }
      if (kw === 'endef') {
        if (this.active()) this.problem(this.lineOf(first), 'endef without define');
        continue;
      }
      if (!this.active()) continue;
      if (kw === 'include' || kw === '-include' || kw === 'sinclude') {
        this.include(words(this.ex.expand(trimmed.slice(kw.length), [])), li);
        curRule = null;
        continue;
      }
      if (kw === 'vpath' || kw === 'load') {
        curRule = null;
        continue;
      }
      if (kw === 'undefine' || /^override\s+undefine\b/.test(trimmed)) {
        for (const w of words(this.ex.expand(trimmed.replace(/^(override\s+)?undefine/, ''), [])))
          this.ex.vars.delete(w);
        curRule = null;
        continue;
      }
      const r = this.statement(code, t.offs, this.lineOf(first));
      if (r !== undefined) curRule = r;
    }
    if (this.conds.length) this.problem(this.lines.length, 'missing endif');
  }

  /** A rule, assignment or directive line. Returns the new rule context (null: none; undefined: unchanged). */
  private statement(code: string, offs: number[], line: number): Rule | null | undefined {
    // Modifiers: override / export / private / unexport.
    let i = code.length - code.trimStart().length;
    const mods = new Set<string>();
    for (;;) {
      const m = /^(\S+)(\s+|$)/.exec(code.slice(i));
      if (!m || !MODIFIERS.has(m[1])) break;
      // `export: foo` would be a rule named export: rare, ignored.
      mods.add(m[1]);
      i += m[0].length;
    }
    const rest = code.slice(i);
    const op = findOp(rest);
    if (mods.has('export') || mods.has('unexport')) {
      if (!op || op.kind === 'rule') {
        const names = words(this.ex.expand(rest, []));
        const flag = mods.has('export');
        if (!names.length) this.exportAll = flag;
        for (const nm of names) this.exportFlags.set(clean(nm), flag);
        return null;
      }
    }
    if (!op) {
      const t = rest.trim();
      if (/^\$[({][\s\S]*[)}]$/.test(t)) return undefined; // $(eval ...), $(info ...)
      this.problem(line, `missing separator: ${t.slice(0, 60)}`);
      return undefined;
    }
    if (op.kind === 'assign') {
      const nameText = rest.slice(0, op.at).trim();
      const name = clean(this.ex.expand(nameText, []).trim());
      const value = unescapeHash(
        rest
          .slice(op.at + op.op.length)
          .replace(/^[ \t]+/, '')
          .replace(/[ \t]+$/, ''),
      );
      const nameOff = offs[i + rest.indexOf(nameText)] ?? offs[0] ?? 0;
      const pos = this.at(nameOff);
      if (!name || /\s/.test(name)) {
        this.problem(line, `bad variable name: ${nameText.slice(0, 60)}`);
        return null;
      }
      this.assign(name, op.op, value, pos, mods.has('override'));
      if (mods.has('export')) this.exportFlags.set(name, true);
      if (mods.has('unexport')) this.exportFlags.set(name, false);
      return null;
    }
    // A rule.
    const targetsText = rest.slice(0, op.at);
    let after = rest.slice(op.at + 1);
    let afterStart = i + op.at + 1;
    if (after.startsWith(':')) {
      after = after.slice(1);
      afterStart++;
    }
    const targets = words(this.ex.expand(targetsText, []));
    // Target-specific variable?
    const lead = after.length - after.trimStart().length;
    let k = lead;
    const tmods = new Set<string>();
    for (;;) {
      const m = /^(\S+)(\s+|$)/.exec(after.slice(k));
      if (!m || !MODIFIERS.has(m[1])) break;
      tmods.add(m[1]);
      k += m[0].length;
    }
    const tv = after.slice(k);
    const tvSemi = topIndex(tv, ';');
    const top = findOp(tvSemi >= 0 ? tv.slice(0, tvSemi) : tv);
    if (top && top.kind === 'assign') {
      const nameText = tv.slice(0, top.at).trim();
      const name = clean(this.ex.expand(nameText, []).trim());
      const value = unescapeHash(
        tv
          .slice(top.at + top.op.length)
          .replace(/^[ \t]+/, '')
          .replace(/[ \t]+$/, ''),
      );
      const pos = this.at(offs[afterStart + k + Math.max(0, tv.indexOf(nameText))] ?? offs[0] ?? 0);
      for (const tg of targets) {
        const list = this.targetOps.get(tg) ?? [];
        const entry: TargetOp = {
          name,
          op: top.op,
          value: top.op === ':=' || top.op === '::=' || top.op === ':::=' ? this.ex.expand(value, []) : value,
          exported: tmods.has('export'),
          override: tmods.has('override'),
          line: pos.line,
          column: pos.column,
        };
        list.push(entry);
        this.targetOps.set(tg, list);
      }
      if (name === 'GOMAXPROCS') this.gomaxprocsSetting(name, value, pos);
      return null;
    }
    // prerequisites [; recipe]
    const semi = topIndex(after, ';');
    const prereqText = semi >= 0 ? after.slice(0, semi) : after;
    const pattern = targets.some((t) => t.includes('%')) || topIndex(prereqText, ':') >= 0;
    const pre = this.ex.expand(prereqText, []);
    const bar = words(pre).indexOf('|');
    const all = words(pre);
    const rule: Rule = {
      targets,
      prereqs: bar >= 0 ? all.slice(0, bar) : all,
      orderOnly: bar >= 0 ? all.slice(bar + 1) : [],
      pattern,
      recipe: [],
    };
    for (const tg of targets) {
      if (tg === '.EXPORT_ALL_VARIABLES') this.exportAll = true;
      if (tg === '.ONESHELL') this.oneshell = true;
    }
    if (semi >= 0) {
      const s = afterStart + semi + 1;
      const text = code.slice(s);
      const lead2 = text.length - text.trimStart().length;
      if (text.trim())
        rule.recipe.push({ text: text.slice(lead2), offs: offs.slice(s + lead2, s + text.length) });
    }
    this.rules.push(rule);
    return rule;
  }

  private assign(
    name: string,
    op: string,
    value: string,
    pos: { line: number; column: number; file?: string },
    override: boolean,
  ): void {
    const vars = this.ex.vars;
    const old = vars.get(name);
    if (old?.origin === 'override' && !override) return;
    const origin = override ? 'override' : 'file';
    const mk = (flavor: MVar['flavor'], v: string): MVar => ({
      name,
      flavor,
      value: v,
      origin,
      line: pos.line,
      column: pos.column,
      ...(pos.file && pos.file !== this.file.path ? { file: pos.file } : {}),
    });
    switch (op) {
      case '=':
        vars.set(name, mk('recursive', value));
        break;
      case ':=':
      case '::=':
      case ':::=':
        vars.set(name, mk('simple', this.ex.expand(value, [])));
        break;
      case '?=':
        if (!this.ex.lookup(name, [])) vars.set(name, mk('recursive', value));
        else return;
        break;
      case '+=': {
        const prev = old ?? this.ex.lookup(name, []);
        if (!prev) vars.set(name, mk('recursive', value));
        else if (prev.flavor === 'simple') {
          const add = this.ex.expand(value, []);
          vars.set(name, mk('simple', prev.value && add ? `${prev.value} ${add}` : prev.value + add));
        } else
          vars.set(
            name,
            mk('recursive', prev.value && value ? `${prev.value} ${value}` : prev.value + value),
          );
        break;
      }
      case '!=': {
        const cmd = this.ex.expand(value, []);
        vars.set(name, mk('simple', mark(`$(shell ${value})`, hasMark(cmd) ? undefined : shellGuess(cmd))));
        break;
      }
      default:
        return;
    }
    if (name === '.RECIPEPREFIX') {
      const v = clean(this.ex.expand(`$(${name})`, []));
      this.prefix = v ? v[0] : '\t';
    }
    if (name === 'GOMAXPROCS') this.gomaxprocsSetting(name, `$(${name})`, pos);
  }

  private gomaxprocsSetting(
    name: string,
    valueText: string,
    pos: { line: number; column: number; file?: string },
  ): void {
    const v = this.ex.expand(valueText, []);
    this.out.gomaxprocs.push({
      name,
      value: hasMark(v) ? null : v,
      loc: { file: pos.file ?? this.file.path, line: pos.line, column: pos.column },
      via: 'make',
    });
  }

  private conditional(kw: string, arg: string, line: number): void {
    if (kw === 'endif') {
      if (!this.conds.pop()) this.problem(line, 'endif without a conditional');
      return;
    }
    if (kw === 'else') {
      const top = this.conds[this.conds.length - 1];
      if (!top) {
        this.problem(line, 'else without a conditional');
        return;
      }
      if (!top.parentActive || top.taken) {
        top.active = false;
        return;
      }
      const m = /^(ifeq|ifneq|ifdef|ifndef)\b\s*(.*)$/.exec(arg);
      if (m) {
        const c = this.evaluate(m[1], m[2], line);
        top.active = c;
        top.taken = c;
      } else {
        top.active = true;
        top.taken = true;
      }
      return;
    }
    const parentActive = this.active();
    const c = parentActive ? this.evaluate(kw, arg, line) : false;
    this.conds.push({ parentActive, active: parentActive && c, taken: c });
  }

  /** Evaluates a condition; unknown (no guess) → true, the first branch. */
  private evaluate(kw: string, arg: string, line: number): boolean {
    if (kw === 'ifdef' || kw === 'ifndef') {
      const n = this.ex.expand(arg.trim(), []).trim();
      if (hasMark(n)) return true;
      const v = this.ex.lookup(n, []);
      const defined = !!v && v.value !== '';
      return kw === 'ifdef' ? defined : !defined;
    }
    let a: string;
    let b: string;
    const s = arg.trim();
    if (s.startsWith('(') && s.endsWith(')')) {
      const parts = splitArgs(s.slice(1, -1), 2);
      a = parts[0] ?? '';
      b = parts[1] ?? '';
    } else {
      const m = /^(["'])(.*?)\1\s+(["'])(.*?)\3$/.exec(s);
      if (!m) {
        this.problem(line, `cannot read condition: ${s.slice(0, 60)}`);
        return true;
      }
      a = m[2];
      b = m[4];
    }
    let x = this.ex.expand(a, []).trim();
    let y = this.ex.expand(b, []).trim();
    if (hasMark(x) || hasMark(y)) {
      const gx = guessOf(x);
      const gy = guessOf(y);
      if (gx === null || gy === null) return true;
      x = gx.trim();
      y = gy.trim();
    }
    return kw === 'ifeq' ? x === y : x !== y;
  }

  /** `define NAME [op]` ... `endef`: returns the index of the line after endef. */
  private define(trimmed: string, li: number, first: number, off: number): number {
    const m = /^((?:(?:override|export|private)\s+)*)define\s+(.*?)\s*(=|:=|::=|:::=|\?=|\+=|!=)?\s*$/.exec(
      trimmed,
    );
    const body: string[] = [];
    let depth = 1;
    let j = li;
    for (; j < this.lines.length; j++) {
      const t = this.lines[j].trim();
      if (/^((override|export|private)\s+)*define\b/.test(t)) depth++;
      else if (/^endef\b/.test(t)) {
        depth--;
        if (depth === 0) break;
      }
      body.push(this.lines[j]);
    }
    if (j >= this.lines.length) this.problem(this.lineOf(first), 'define without endef');
    if (m && this.active()) {
      const name = clean(this.ex.expand(m[2], []).trim());
      const mods = m[1] ?? '';
      const pos = this.at(off + trimmed.indexOf(m[2]));
      if (name) {
        this.assign(name, m[3] ?? '=', body.join('\n'), pos, /override/.test(mods));
        if (/export/.test(mods)) this.exportFlags.set(name, true);
      }
    }
    return j + 1;
  }

  // ---- recipes ----

  private isExported(name: string, tflags: Map<string, boolean>): boolean {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return false;
    const t = tflags.get(name);
    if (t !== undefined) return t;
    const f = this.exportFlags.get(name);
    if (f !== undefined) return f;
    return this.exportAll;
  }

  private recipeFrames(rule: Rule): { frames: Frame[]; tflags: Map<string, boolean>; names: Set<string> } {
    const auto: Frame = new Map();
    const setAuto = (n: string, v: string): void => {
      auto.set(n, { name: n, flavor: 'simple', value: v, origin: 'automatic', line: 0, column: 0 });
    };
    const literal = (w: string): boolean => !w.includes('%') && !hasMark(w);
    const t0 = rule.targets[0];
    setAuto('@', t0 !== undefined && !rule.pattern && literal(t0) ? t0 : mark('$(@)'));
    const p0 = rule.prereqs[0];
    if (!rule.pattern && rule.prereqs.every(literal)) {
      setAuto('<', p0 ?? '');
      setAuto('^', [...new Set(rule.prereqs)].join(' '));
      setAuto('+', rule.prereqs.join(' '));
      setAuto('|', rule.orderOnly.filter(literal).join(' '));
    }
    const tframe: Frame = new Map();
    const tflags = new Map<string, boolean>();
    const names = new Set<string>();
    for (const op of t0 !== undefined ? (this.targetOps.get(t0) ?? []) : []) {
      const prev = tframe.get(op.name) ?? this.ex.lookup(op.name, []);
      const mk = (flavor: MVar['flavor'], v: string): MVar => ({
        name: op.name,
        flavor,
        value: v,
        origin: op.override ? 'override' : 'file',
        line: op.line,
        column: op.column,
      });
      names.add(op.name);
      if (op.exported) tflags.set(op.name, true);
      switch (op.op) {
        case '=':
          tframe.set(op.name, mk('recursive', op.value));
          break;
        case ':=':
        case '::=':
        case ':::=':
          tframe.set(op.name, mk('simple', op.value));
          break;
        case '?=':
          if (!prev) tframe.set(op.name, mk('recursive', op.value));
          break;
        case '+=':
          if (!prev) tframe.set(op.name, mk('recursive', op.value));
          else if (prev.flavor === 'simple') {
            tframe.set(op.name, mk('simple', `${prev.value} ${this.ex.expand(op.value, [tframe])}`.trim()));
          } else tframe.set(op.name, mk('recursive', `${prev.value} ${op.value}`.trim()));
          break;
        case '!=':
          tframe.set(op.name, mk('simple', mark(`$(shell ${op.value})`)));
          break;
      }
    }
    return { frames: [tframe, auto], tflags, names };
  }

  /** Make-exported variables as Settings for the recipe's shell. */
  private recipeEnv(frames: Frame[], tflags: Map<string, boolean>, tnames: Set<string>): Env {
    const env: Env = {};
    const names = new Set<string>([
      ...this.ex.vars.keys(),
      ...tnames,
      ...this.exportFlags.keys(),
      ...tflags.keys(),
    ]);
    for (const n of names) {
      if (!this.isExported(n, tflags)) continue;
      const v = this.ex.lookup(n, frames);
      if (!v || v.origin === 'automatic') continue;
      const value = this.ex.value(n, `$(${n})`, frames, 0);
      env[n] = {
        name: n,
        value: hasMark(value) ? null : value,
        loc: { file: v.file ?? this.file.path, line: v.line || 1, column: v.column || 1 },
        via: 'make',
      };
    }
    return env;
  }

  /** Expands a recipe line keeping the file offset of every output character. */
  private expandRecipe(t: Text, frames: Frame[]): Text {
    let text = '';
    const offs: number[] = [];
    const s = t.text;
    let i = 0;
    const push = (str: string, off: number): void => {
      text += str;
      for (let k = 0; k < str.length; k++) offs.push(off);
    };
    while (i < s.length) {
      const c = s[i];
      if (c !== '$') {
        text += c;
        offs.push(t.offs[i] ?? 0);
        i++;
        continue;
      }
      const n = s[i + 1];
      const off = t.offs[i] ?? 0;
      if (n === undefined) {
        push('$', off);
        i++;
      } else if (n === '$') {
        push('$', off);
        i += 2;
      } else if (n === '(' || n === '{') {
        const j = matchClose(s, i + 1);
        if (j < 0) {
          push(s.slice(i), off);
          break;
        }
        push(this.ex.ref(s.slice(i + 2, j), s.slice(i, j + 1), frames, 0), off);
        i = j + 1;
      } else {
        push(this.ex.ref(n, /[A-Za-z0-9_]/.test(n) ? '$' + n : `$(${n})`, frames, 0), off);
        i += 2;
      }
    }
    // Unknown parts: keep them as written, drop the guesses.
    let outText = '';
    const outOffs: number[] = [];
    let inGuess = false;
    for (let k = 0; k < text.length; k++) {
      const ch = text[k];
      if (ch === M0) continue;
      if (ch === M2) {
        inGuess = true;
        continue;
      }
      if (ch === M1) {
        inGuess = false;
        continue;
      }
      if (inGuess) continue;
      outText += ch;
      outOffs.push(offs[k]);
    }
    return { text: outText, offs: outOffs };
  }

  /** Splits an expanded recipe line at newlines not escaped by a backslash (define bodies). */
  private splitLines(t: Text): Text[] {
    const out: Text[] = [];
    let start = 0;
    for (let k = 0; k <= t.text.length; k++) {
      if (k === t.text.length || (t.text[k] === '\n' && !escapedAt(t.text, k))) {
        out.push({ text: t.text.slice(start, k), offs: t.offs.slice(start, k) });
        start = k + 1;
      }
    }
    return out;
  }

  /** Removes the `@`, `-`, `+` prefixes and leading blanks. */
  private stripPrefix(t: Text): Text {
    const m = /^[\s@+-]*/.exec(t.text);
    const n = m ? m[0].length : 0;
    return { text: t.text.slice(n), offs: t.offs.slice(n) };
  }

  private runScript(t: Text, env: Env): void {
    if (!t.text.trim()) return;
    const lines = t.text.split('\n');
    const lineMap: { line: number; column: number; file: string }[] = [];
    let k = 0;
    for (const l of lines) {
      const off = t.offs[k] ?? (t.offs[k - 1] ?? 0) + 1;
      lineMap.push(this.at(off));
      k += l.length + 1;
    }
    const r = scanShell(t.text, {
      // A recipe of an included file reports in that file.
      file: lineMap[0]?.file ?? this.file.path,
      kind: 'makefile',
      line: lineMap[0].line,
      column: lineMap[0].column,
      lineMap,
      env,
      dir: this.base.dir,
      imageDir: null,
      host: null,
      image: null,
    });
    this.out.commands.push(...r.commands);
    this.out.installs.push(...r.installs);
    const seen = new Set(this.out.gomaxprocs.map((s) => `${s.loc.line}:${s.loc.column}`));
    const note = (s: Setting | undefined): void => {
      if (!s || s.via === 'make') return;
      const key = `${s.loc.line}:${s.loc.column}`;
      if (seen.has(key)) return;
      seen.add(key);
      this.out.gomaxprocs.push(s);
    };
    note(r.env.GOMAXPROCS);
    for (const c of r.commands) note(c.env.GOMAXPROCS);
  }

  recipes(): void {
    for (const rule of this.rules) {
      if (!rule.recipe.length) continue;
      const { frames, tflags, names } = this.recipeFrames(rule);
      const env = this.recipeEnv(frames, tflags, names);
      const lines: Text[] = [];
      for (const t of rule.recipe) {
        for (const l of this.splitLines(this.expandRecipe(t, frames))) lines.push(this.stripPrefix(l));
      }
      if (this.oneshell) {
        const joined: Text = { text: '', offs: [] };
        lines.forEach((l, k) => {
          if (k > 0) {
            joined.text += '\n';
            joined.offs.push((joined.offs[joined.offs.length - 1] ?? l.offs[0] ?? 0) + 1);
          }
          joined.text += l.text;
          joined.offs.push(...l.offs);
        });
        this.runScript(joined, env);
      } else for (const l of lines) this.runScript(l, env);
    }
  }
}

function unescapeHash(s: string): string {
  return s.replace(/\\#/g, '#');
}

function endsWithContinuation(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function escapedAt(s: string, k: number): boolean {
  let n = 0;
  for (let i = k - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Removes a `#` comment (not `\#`); offsets stay aligned (values unescape `\#` later). */
function stripComment(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '#' && !escapedAt(s, i)) return s.slice(0, i);
  }
  return s;
}

/**
 * Reads a GNU Makefile: every go command in its recipes (with the Make-exported environment),
 * package installs, GOMAXPROCS settings, and problems for lines it cannot read. Never throws.
 */
export function readMakefile(file: BuildFile, base: MakeBase): MakefileResult {
  let r: MakeReader | null = null;
  try {
    r = new MakeReader(file, base);
    r.read();
    r.recipes();
    return r.out;
  } catch (e) {
    const out = r?.out ?? { commands: [], installs: [], gomaxprocs: [], problems: [] };
    out.problems.push({ file: file.path, message: `cannot read Makefile: ${String(e).split('\n')[0]}` });
    return out;
  }
}
