// Dockerfile reader of the build lens: stages, ARG/ENV/WORKDIR, COPY/ADD, and the go commands of
// every RUN (handed to the shell reader with the stage's environment and directories).
//
// dockerfile-ast splits the file into instructions and reads the parser directives (escape
// character). Everything inside an instruction is read here from the raw text, because the
// library loses what this reader needs: the physical line of each piece of a continued
// instruction, quotes in ENV values (`'$X'` is not substituted), several names on one ARG, JSON
// strings with spaces, `<<` inside quotes (taken for a heredoc that swallows the rest of the file)
// and `<<-` heredocs next to plain ones. Where its instruction ends later than Docker's, the lines
// in between are parsed again (Reader.run).

import { DockerfileParser } from 'dockerfile-ast';
import type {
  BuildFile,
  DockerCopy,
  DockerfileModel,
  DockerStage,
  Env,
  GoCommand,
  Installs,
  Setting,
} from './model.js';
import { type ShellContext, scanShell } from './shell.js';

export interface DockerfileResult {
  model: DockerfileModel;
  problems: { file: string; line?: number; message: string }[];
}

type Problem = DockerfileResult['problems'][number];

/** Docker's automatic platform ARGs: set by the builder, whatever the ARG line says. */
const PLATFORM_ARGS = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
]);

/** Variables that base images commonly set (unknown here, rather than empty). */
const IMAGE_ENV = new Set([
  'PATH',
  'GOPATH',
  'GOROOT',
  'GOLANG_VERSION',
  'GOTOOLCHAIN',
  'HOME',
  'LANG',
  'USER',
]);

const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

// ---- Raw text: logical lines, words, heredocs ------------------------------------------------------

/** One physical piece of a logical line: its text (continuation removed) and where it starts (0-based). */
interface Seg {
  text: string;
  line: number;
  col: number;
}

/** An instruction's text after continuation joining, with the file position of every character. */
class Logical {
  readonly text: string;
  private readonly starts: number[] = [];

  constructor(readonly segs: Seg[]) {
    let n = 0;
    for (const s of segs) {
      this.starts.push(n);
      n += s.text.length;
    }
    this.text = segs.map((s) => s.text).join('');
  }

  /** 1-based file position of the character at `offset` (the end of the text maps past its last character). */
  pos(offset: number): { line: number; column: number } {
    let k = this.segs.findIndex((s, j) => offset < this.starts[j] + s.text.length);
    if (k < 0) k = this.segs.length - 1;
    const s = this.segs[k];
    if (!s) return { line: 1, column: 1 };
    return { line: s.line + 1, column: s.col + Math.max(0, offset - this.starts[k]) + 1 };
  }

  /** The pieces from `offset` on (the first one cut), with texts replaced by `text` of the same length. */
  tail(offset: number, text: string = this.text): Seg[] {
    const out: Seg[] = [];
    this.segs.forEach((s, k) => {
      const a = this.starts[k];
      const b = a + s.text.length;
      if (b <= offset && !(k === this.segs.length - 1 && b === offset)) return;
      const from = Math.max(offset, a);
      out.push({ text: text.slice(from, b), line: s.line, col: s.col + (from - a) });
    });
    return out;
  }
}

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

function isCommentLine(line: string): boolean {
  return /^[ \t]*#/.test(line);
}

/** Index of a trailing continuation (escape char + blanks at the end of the line), or -1. */
function continuationAt(text: string, esc: string): number {
  let i = text.length;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i > 0 && text[i - 1] === esc ? i - 1 : -1;
}

/**
 * The logical line that starts at (line, col): physical lines joined where they end with the escape
 * character, leaving out comment lines and empty lines inside the continuation, as Docker does.
 */
function readLogical(
  lines: string[],
  line: number,
  col: number,
  esc: string,
): { logical: Logical; last: number } {
  const segs: Seg[] = [];
  let l = line;
  let start = col;
  for (;;) {
    const body = (lines[l] ?? '').slice(start);
    const c = continuationAt(body, esc);
    if (c < 0) {
      segs.push({ text: body, line: l, col: start });
      return { logical: new Logical(segs), last: l };
    }
    segs.push({ text: body.slice(0, c), line: l, col: start });
    l++;
    while (l < lines.length && (isBlank(lines[l]) || isCommentLine(lines[l]))) l++;
    if (l >= lines.length) return { logical: new Logical(segs), last: lines.length - 1 };
    start = 0;
  }
}

interface Word {
  /** The word as written (quotes and escapes kept). */
  raw: string;
  start: number;
  end: number;
}

/** Splits on blanks outside quotes; the escape character protects the next character. */
function splitWords(text: string, esc: string, from = 0): Word[] {
  const out: Word[] = [];
  let i = from;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | null = null;
    while (i < text.length) {
      const ch = text[i];
      if (quote) {
        if (ch === esc && quote === '"' && i + 1 < text.length) i += 2;
        else {
          if (ch === quote) quote = null;
          i++;
        }
      } else if (/\s/.test(ch)) break;
      else if (ch === esc && i + 1 < text.length) i += 2;
      else {
        if (ch === '"' || ch === "'") quote = ch;
        i++;
      }
    }
    out.push({ raw: text.slice(start, i), start, end: i });
  }
  return out;
}

interface HeredocOp {
  name: string;
  chomp: boolean;
  /** The operator's word in the logical text. */
  start: number;
  end: number;
}

/** `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`, `2<<EOF` words of a RUN/COPY/ADD line (BuildKit's rule). */
function heredocOps(words: Word[]): HeredocOp[] {
  const out: HeredocOp[] = [];
  for (const w of words) {
    const m = /^(\d*)<<(-?)([^<]+)$/.exec(w.raw);
    if (!m) continue;
    let name = m[3];
    const q = /^(['"])(.*)\1$/.exec(name);
    if (q) name = q[2];
    else if (/['"]/.test(name)) name = name.replace(/['"]/g, '');
    if (name === '') continue;
    out.push({ name, chomp: m[2] === '-', start: w.start, end: w.end });
  }
  return out;
}

interface HeredocBody {
  op: HeredocOp;
  /** Body lines (leading tabs removed for `<<-`), with their 0-based line and column. */
  lines: Seg[];
  terminated: boolean;
}

/** Reads the bodies that follow the instruction line, in order; returns the next unread line. */
function readHeredocs(
  lines: string[],
  from: number,
  ops: HeredocOp[],
): { bodies: HeredocBody[]; next: number } {
  const bodies: HeredocBody[] = [];
  let l = from;
  for (const op of ops) {
    const body: Seg[] = [];
    let terminated = false;
    while (l < lines.length) {
      const raw = lines[l];
      const tabs = op.chomp ? (/^\t*/.exec(raw)?.[0].length ?? 0) : 0;
      const text = raw.slice(tabs);
      l++;
      if (text === op.name) {
        terminated = true;
        break;
      }
      body.push({ text, line: l - 1, col: tabs });
    }
    bodies.push({ op, lines: body, terminated });
  }
  return { bodies, next: l };
}

// ---- Substitution -------------------------------------------------------------------------------

/** What a variable is: a value, declared without a known value (null), or a Docker automatic platform ARG. */
type Lookup = (name: string) => { value: string | null; auto?: boolean } | undefined;

interface Expanded {
  text: string;
  /** Some variable's value is unknown: its `$X` text was kept. */
  unknown: boolean;
}

/** Converts a shell pattern (`*`, `?`) to a regular expression source. */
function patternSource(p: string): string {
  return p
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
}

/**
 * Docker's word processing: quotes removed, `$X`/`${X}`/`${X:-d}`/`${X:+a}`/`${X#p}`/`${X%p}`
 * substituted (not inside single quotes), the escape character honoured.
 */
function expand(raw: string, esc: string, lookup: Lookup): Expanded {
  let unknown = false;
  let out = '';
  let i = 0;
  const n = raw.length;

  const dollar = (): void => {
    // raw[i] === '$'
    const rest = raw.slice(i + 1);
    const simple = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (simple) {
      const name = simple[0];
      const v = lookup(name);
      const src = '$' + name;
      if (v === undefined) out += unsetValue(name, src);
      else if (v.value === null || v.auto) {
        unknown = true;
        out += src;
      } else out += v.value;
      i += 1 + name.length;
      return;
    }
    if (rest.startsWith('{')) {
      let depth = 1;
      let j = 1;
      while (j < rest.length && depth > 0) {
        if (rest[j] === '{') depth++;
        else if (rest[j] === '}') depth--;
        if (depth > 0) j++;
      }
      if (depth > 0) {
        out += raw.slice(i);
        i = n;
        return;
      }
      const inner = rest.slice(1, j);
      const src = '${' + inner + '}';
      i += 2 + j;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])|(##?|%%?)|(\/\/?))?([\s\S]*)$/.exec(inner);
      if (!m) {
        unknown = true;
        out += src;
        return;
      }
      const [, name, op, trim, repl, word] = m;
      if (!op && !trim && !repl && word !== '') {
        unknown = true;
        out += src;
        return;
      }
      const v = lookup(name);
      const auto = v?.auto === true;
      const set = v !== undefined && v.value !== null;
      const value = v?.value ?? '';
      if (auto) {
        unknown = true;
        out += src;
        return;
      }
      if (op) {
        const colon = op.startsWith(':');
        const kind = op[op.length - 1];
        // null: declared without a value (an ARG without default): a default applies, the rest is unknown.
        const empty = v === undefined || v.value === null || (colon && v.value === '');
        if (kind === '-') out += empty ? sub(word) : value;
        else if (v !== undefined && v.value === null) {
          unknown = true;
          out += src;
        } else if (kind === '+') out += empty ? '' : sub(word);
        else if (empty) {
          unknown = true; // `${X:?message}`: the build fails when X is unset
          out += src;
        } else out += value;
        return;
      }
      if (v === undefined && !trim && !repl) {
        out += unsetValue(name, src);
        return;
      }
      if (!set) {
        if (v === undefined && !IMAGE_ENV.has(name)) return; // unset: empty whatever the operation
        unknown = true;
        out += src;
        return;
      }
      if (trim) {
        const re = new RegExp('^(?:' + patternSource(sub(word)) + ')$', 's');
        const len = value.length;
        const order = (longest: boolean): number[] =>
          Array.from({ length: len + 1 }, (_, k) => (longest ? len - k : k));
        if (trim[0] === '#') {
          const k = order(trim.length === 2).find((n) => re.test(value.slice(0, n)));
          out += k === undefined ? value : value.slice(k);
        } else {
          const k = order(trim.length === 2).find((n) => re.test(value.slice(len - n)));
          out += k === undefined ? value : value.slice(0, len - k);
        }
        return;
      }
      if (repl) {
        const slash = word.indexOf('/');
        const pat = sub(slash < 0 ? word : word.slice(0, slash));
        const rep = slash < 0 ? '' : sub(word.slice(slash + 1));
        out += value.replace(new RegExp(patternSource(pat), repl.length === 2 ? 'g' : ''), () => rep);
        return;
      }
      out += value;
      return;
    }
    out += '$';
    i++;
  };

  const unsetValue = (name: string, src: string): string => {
    // Undeclared: empty in Docker (a platform ARG too, inside a stage that did not declare it).
    if (IMAGE_ENV.has(name)) {
      unknown = true;
      return src;
    }
    return '';
  };

  const sub = (word: string): string => {
    const r = expand(word, esc, lookup);
    if (r.unknown) unknown = true;
    return r.text;
  };

  while (i < n) {
    const ch = raw[i];
    if (ch === "'") {
      const j = raw.indexOf("'", i + 1);
      const end = j < 0 ? n : j;
      out += raw.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      while (i < n && raw[i] !== '"') {
        const c = raw[i];
        if (c === esc && i + 1 < n && (raw[i + 1] === '"' || raw[i + 1] === '$' || raw[i + 1] === esc)) {
          out += raw[i + 1];
          i += 2;
        } else if (c === '$') dollar();
        else {
          out += c;
          i++;
        }
      }
      i++;
    } else if (ch === esc) {
      if (i + 1 < n) out += raw[i + 1];
      i += 2;
    } else if (ch === '$') dollar();
    else {
      out += ch;
      i++;
    }
  }
  return { text: out, unknown };
}

// ---- Paths -----------------------------------------------------------------------------------------

/** Posix normalisation: `.`/`..`/`//` removed; relative paths stay relative (`.` for empty). */
function normalize(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
    } else parts.push(part);
  }
  const body = parts.join('/');
  return abs ? '/' + body : body === '' ? '.' : body;
}

/** `b` relative to directory `a`; a path starting with an unknown `$VAR` is taken as absolute. */
function joinPath(a: string, b: string): string {
  if (b.startsWith('/')) return normalize(b);
  if (b.startsWith('$')) return normalize('/' + b);
  return normalize(a === '' ? b : `${a}/${b}`);
}

/** `sub` relative to `dir` when inside it (`''` for the directory itself), else null. */
function below(sub: string, dir: string): string | null {
  if (sub === dir) return '';
  if (dir === '/') return sub.slice(1);
  return sub.startsWith(dir + '/') ? sub.slice(dir.length + 1) : null;
}

const FILE_NAMES = new Set([
  'makefile',
  'dockerfile',
  'containerfile',
  'license',
  'readme',
  'version',
  'procfile',
  'jenkinsfile',
  'gemfile',
  'notice',
  'authors',
]);

/** The context directory a COPY source names (`.`, `./app`, `src/`), or null for files and globs. */
function contextDir(src: string): string | null {
  if (/[*?[\]$]/.test(src) || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || src.startsWith('git@')) return null;
  const rel = normalize(src.replace(/^\/+/, ''));
  if (rel.startsWith('..')) return null;
  if (rel === '.') return '.';
  if (src.endsWith('/')) return rel;
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  if (base.includes('.') || FILE_NAMES.has(base.toLowerCase())) return null;
  return rel;
}

// ---- The reader ------------------------------------------------------------------------------------

interface CopyInfo {
  copy: DockerCopy;
  seq: number;
  /** Build-context directory the copy maps onto `copy.dest` (one directory source), else null. */
  dir: string | null;
  /** From the build context (not `--from`, not a heredoc or URL). */
  context: boolean;
  /**
   * An image directory that holds a context directory, read from the layout: `COPY cmd/ cmd/`
   * (the same path on both sides) or `COPY backend/go.mod ./` (the module root).
   */
  anchor: { image: string; context: string } | null;
}

interface StageState {
  stage: DockerStage;
  copies: CopyInfo[];
  /** SHELL is cmd or PowerShell: shell-form RUN is not a POSIX script. */
  foreignShell: boolean;
}

interface RunScriptJob {
  text: string;
  line: number;
  column: number;
  lineMap: { line: number; column: number }[];
  /** Inline settings that reach the script (`CGO_ENABLED=0 sh <<EOF`). */
  inline: Setting[];
  /** Runs after the command line, with the state it leaves. */
  afterLine: boolean;
}

interface RunEntry {
  stage: StageState;
  seq: number;
  env: Env;
  workdir: string;
  line: number;
  /** `--mount=type=bind` of the build context: what it puts where, for this RUN only. */
  mounts: { image: string; context: string; dir: boolean }[];
  /** The shell command line (may be empty), then heredoc scripts. */
  commandLine: {
    text: string;
    line: number;
    column: number;
    lineMap: { line: number; column: number }[];
  } | null;
  scripts: RunScriptJob[];
}

const SHELLS = /^(?:sh|bash|ash|dash|zsh|ksh|mksh|busybox)$/;

class Reader {
  private readonly lines: string[];
  private escape = '\\';
  private readonly global = new Map<string, string | null>();
  private readonly states: StageState[] = [];
  private readonly runs: RunEntry[] = [];
  private seq = 0;
  private sawFrom = false;

  constructor(
    private readonly file: BuildFile,
    private readonly text: string,
    private readonly model: DockerfileModel,
    private readonly problems: Problem[],
  ) {
    this.lines = text.split('\n');
  }

  private problem(line: number | undefined, message: string): void {
    this.problems.push(
      line === undefined ? { file: this.file.path, message } : { file: this.file.path, line, message },
    );
  }

  private loc(p: { line: number; column: number }): { file: string; line: number; column: number } {
    return { file: this.file.path, line: p.line, column: p.column };
  }

  /** Instruction starts (0-based line and column) from dockerfile-ast, parsing from line `from` on. */
  private starts(from: number): { line: number; col: number }[] {
    let text = this.text;
    if (from > 0) {
      const blank = this.lines.map((l, i) => (i < from ? '' : l));
      if (this.escape !== '\\') blank[0] = '# escape=' + this.escape;
      text = blank.join('\n');
    }
    const df = DockerfileParser.parse(text);
    if (from === 0) {
      this.escape = df.getEscapeCharacter();
      for (const d of df.getDirectives()) {
        if (d.getName().toLowerCase() === 'escape' && d.getValue() !== '\\' && d.getValue() !== '`') {
          this.problem(
            d.getRange().start.line + 1,
            `invalid escape directive "${d.getValue()}": must be \\ or \``,
          );
        }
      }
    }
    return df
      .getInstructions()
      .map((ins) => ({ line: ins.getRange().start.line, col: ins.getRange().start.character }))
      .filter((s) => s.line >= from);
  }

  run(): void {
    let starts = this.starts(0);
    let next = 0;
    let reparses = 0;
    for (let k = 0; k < starts.length; k++) {
      const s = starts[k];
      if (s.line < next) continue; // inside the previous instruction (a heredoc body dockerfile-ast misread)
      let end = s.line;
      try {
        end = this.instruction(s.line, s.col);
      } catch (e) {
        this.problem(
          s.line + 1,
          `could not read this instruction: ${e instanceof Error ? e.message : String(e)}`,
        );
        end = s.line;
      }
      next = end + 1;
      // dockerfile-ast took more lines into this instruction than Docker does: read them again.
      const following = starts.slice(k + 1).find((t) => t.line >= next);
      const gapEnd = following ? following.line : this.lines.length;
      let gap = false;
      for (let l = next; l < gapEnd; l++)
        if (!isBlank(this.lines[l]) && !isCommentLine(this.lines[l])) gap = true;
      if (gap && reparses < 1000) {
        reparses++;
        starts = [...starts.slice(0, k + 1), ...this.starts(next)];
      }
    }
    if (!this.sawFrom) this.problem(undefined, 'no FROM instruction: not a Dockerfile build');
    this.scanRuns();
  }

  /** Reads one instruction starting at (line, col); returns its last line (0-based). */
  private instruction(line: number, col: number): number {
    const { logical, last } = readLogical(this.lines, line, col, this.escape);
    const text = logical.text;
    const kw = /^\S+/.exec(text)?.[0] ?? '';
    const keyword = kw.toUpperCase();
    const words = splitWords(text, this.escape, kw.length);
    let end = last;
    let heredocs: HeredocBody[] = [];
    // ONBUILD RUN <<EOF has its heredoc too (the trigger itself is not read: it runs in other builds).
    const trigger = keyword === 'ONBUILD' ? (words[0]?.raw.toUpperCase() ?? '') : keyword;
    if (trigger === 'RUN' || trigger === 'COPY' || trigger === 'ADD') {
      const ops = heredocOps(keyword === 'ONBUILD' ? words.slice(1) : words);
      if (ops.length > 0) {
        const r = readHeredocs(this.lines, last + 1, ops);
        heredocs = r.bodies;
        end = r.next - 1;
        for (const b of r.bodies) {
          if (!b.terminated)
            this.problem(line + 1, `unterminated heredoc <<${b.op.name}: it runs to the end of the file`);
        }
      }
    }
    const L = line + 1;
    this.seq++;
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      this.problem(
        L,
        kw === ''
          ? 'an empty instruction (a line continuation with nothing after it)'
          : `unknown instruction "${kw}"`,
      );
      return end;
    }
    if (keyword === 'FROM') {
      this.from(words, L, col + 1);
      return end;
    }
    if (keyword === 'ARG') {
      this.arg(logical, words, L);
      return end;
    }
    const st = this.states[this.states.length - 1];
    if (!st) {
      this.problem(L, `${keyword} before the first FROM`);
      return end;
    }
    switch (keyword) {
      case 'ENV':
        this.env(st, logical, words, L);
        break;
      case 'WORKDIR':
        this.workdir(st, logical, kw.length, L);
        break;
      case 'COPY':
      case 'ADD':
        this.copy(st, logical, words, heredocs, L, col + 1, keyword);
        break;
      case 'RUN':
        this.runInstruction(st, logical, words, heredocs, L);
        break;
      case 'SHELL': {
        const json = jsonArray(text.slice(kw.length));
        if (!json || json.values.length === 0)
          this.problem(L, 'SHELL needs a JSON array: SHELL ["executable", "parameters"]');
        else st.foreignShell = /(?:^|[\\/])(?:powershell|pwsh|cmd)(?:\.exe)?$/i.test(json.values[0]);
        break;
      }
      default:
        break;
    }
    return end;
  }

  // ---- FROM / ARG / ENV / WORKDIR --------------------------------------------------------------------

  private globalLookup: Lookup = (name) => {
    if (this.global.has(name)) return { value: this.global.get(name) ?? null };
    if (PLATFORM_ARGS.has(name)) return { value: null, auto: true };
    return undefined;
  };

  private stageLookup(st: StageState): Lookup {
    return (name) => {
      const s = st.stage.env[name];
      if (!s) return undefined;
      return { value: s.value, auto: s.platformArg === true && s.value === null };
    };
  }

  private from(words: Word[], line: number, column: number): void {
    this.sawFrom = true;
    let platform: string | null = null;
    let i = 0;
    for (; i < words.length && words[i].raw.startsWith('--'); i++) {
      const m = /^--([^=]+)(?:=([\s\S]*))?$/.exec(words[i].raw);
      if (m?.[1] === 'platform' && m[2] !== undefined) platform = this.expandPlatform(m[2]);
      else this.problem(line, `unknown FROM flag ${words[i].raw}`);
    }
    const imageWord = words[i];
    let name: string | null = null;
    const rest = words.slice(i + 1);
    if (rest.length > 0) {
      if (rest[0].raw.toLowerCase() === 'as' && rest.length === 2) name = rest[1].raw.toLowerCase();
      else this.problem(line, 'FROM takes `image [AS name]`');
    }
    let image = '';
    if (!imageWord) this.problem(line, 'FROM without an image');
    else image = expand(imageWord.raw, this.escape, this.globalLookup).text;
    const index = this.states.length;
    const baseIndex = this.stageByName(image, index);
    const base = baseIndex === null ? null : this.states[baseIndex];
    const env: Env = {};
    if (base) for (const [k, v] of Object.entries(base.stage.env)) if (v.via !== 'arg') env[k] = v;
    const stage: DockerStage = {
      index,
      name,
      image: base ? base.stage.image : image,
      loc: this.loc({ line, column }),
      platform: platform ?? base?.stage.platform ?? null,
      baseStage: baseIndex,
      copies: [],
      installs: [],
      env,
      envLines: [],
      workdir: base ? base.stage.workdir : '/',
    };
    this.states.push({ stage, copies: [], foreignShell: base?.foreignShell ?? false });
    this.model.stages.push(stage);
  }

  /** `--platform=` value: global ARGs substituted, `$BUILDPLATFORM`/`$TARGETPLATFORM` kept. */
  private expandPlatform(raw: string): string {
    return expand(raw, this.escape, this.globalLookup).text;
  }

  /** An earlier stage named `ref` (case-insensitive), or by number when `numeric`. */
  private stageByName(ref: string, before: number, numeric = false): number | null {
    const lower = ref.toLowerCase();
    for (let k = Math.min(before, this.states.length) - 1; k >= 0; k--) {
      if (this.states[k].stage.name === lower) return k;
    }
    if (numeric && /^\d+$/.test(ref)) {
      const k = Number(ref);
      if (k < before && k < this.states.length) return k;
    }
    return null;
  }

  private arg(logical: Logical, words: Word[], line: number): void {
    if (words.length === 0) {
      this.problem(line, 'ARG without a name');
      return;
    }
    const st = this.states[this.states.length - 1];
    for (const w of words) {
      const eq = w.raw.indexOf('=');
      const name = eq < 0 ? w.raw : w.raw.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        this.problem(line, `invalid ARG name "${name}"`);
        continue;
      }
      if (!st) {
        // A global ARG: visible to FROM lines, and to stages that declare it again.
        const value = eq < 0 ? null : expandValue(w.raw.slice(eq + 1), this.escape, this.globalLookup);
        this.global.set(name, value);
        continue;
      }
      const existing = st.stage.env[name];
      if (existing && existing.via === 'env') continue; // ENV always wins over ARG
      const loc = this.loc(logical.pos(w.start));
      let setting: Setting;
      if (PLATFORM_ARGS.has(name)) setting = { name, value: null, platformArg: true, loc, via: 'arg' };
      else if (eq >= 0) {
        const raw = w.raw.slice(eq + 1);
        const value = expandValue(raw, this.escape, this.stageLookup(st));
        setting = { name, value, loc, via: 'arg' };
        if (followsPlatform(raw, this.stageLookup(st))) setting.platformArg = true;
      } else setting = { name, value: this.global.get(name) ?? null, loc, via: 'arg' };
      st.stage.env = { ...st.stage.env, [name]: setting };
    }
  }

  private env(st: StageState, logical: Logical, words: Word[], line: number): void {
    if (words.length === 0) {
      this.problem(line, 'ENV without a name');
      return;
    }
    const lookup = this.stageLookup(st); // every value sees the environment before this line
    const pairs: { name: string; raw: string; at: number }[] = [];
    if (!words[0].raw.includes('=')) {
      // Legacy `ENV NAME value with spaces`.
      const rest = logical.text.slice(words[0].end).replace(/^\s+/, '').replace(/\s+$/, '');
      if (rest === '') this.problem(line, `ENV ${words[0].raw} without a value`);
      pairs.push({ name: words[0].raw, raw: rest, at: words[0].start });
    } else {
      for (const w of words) {
        const eq = w.raw.indexOf('=');
        if (eq <= 0) {
          this.problem(line, `ENV expects NAME=value, found "${w.raw}"`);
          continue;
        }
        pairs.push({ name: w.raw.slice(0, eq), raw: w.raw.slice(eq + 1), at: w.start });
      }
    }
    const env = { ...st.stage.env };
    for (const p of pairs) {
      const setting: Setting = {
        name: p.name,
        value: expandValue(p.raw, this.escape, lookup),
        loc: this.loc(logical.pos(p.at)),
        via: 'env',
      };
      if (followsPlatform(p.raw, lookup)) setting.platformArg = true;
      env[p.name] = setting;
      st.stage.envLines.push(setting);
    }
    st.stage.env = env;
  }

  private workdir(st: StageState, logical: Logical, after: number, line: number): void {
    const raw = logical.text.slice(after).trim();
    if (raw === '') {
      this.problem(line, 'WORKDIR without a path');
      return;
    }
    const path = expand(raw, this.escape, this.stageLookup(st)).text;
    st.stage.workdir = joinPath(st.stage.workdir, path);
  }

  // ---- COPY / ADD --------------------------------------------------------------------------------------

  private copy(
    st: StageState,
    logical: Logical,
    words: Word[],
    heredocs: HeredocBody[],
    line: number,
    column: number,
    keyword: string,
  ): void {
    const lookup = this.stageLookup(st);
    let fromRaw: string | null = null;
    let i = 0;
    for (; i < words.length && words[i].raw.startsWith('--'); i++) {
      const m = /^--([^=]+)(?:=([\s\S]*))?$/.exec(words[i].raw);
      if (m?.[1] === 'from') fromRaw = m[2] ?? '';
    }
    let paths: string[];
    const argStart = words[i]?.start ?? logical.text.length;
    const json = jsonArray(logical.text.slice(argStart));
    const heredocNames = new Set(heredocs.map((h) => h.op.start));
    if (json) paths = json.values.map((v) => expand(v, this.escape, lookup).text);
    else
      paths = words
        .slice(i)
        .map((w) => (heredocNames.has(w.start) ? w.raw : expand(w.raw, this.escape, lookup).text));
    if (paths.length < 2) {
      this.problem(line, `${keyword} needs a source and a destination`);
      return;
    }
    const src = paths.slice(0, -1);
    const destRaw = paths[paths.length - 1];
    let dest = joinPath(st.stage.workdir, destRaw);
    if ((destRaw.endsWith('/') || destRaw === '.') && dest !== '/') dest += '/';
    let from: number | string | null = null;
    if (fromRaw !== null) {
      const v = expand(fromRaw, this.escape, lookup).text;
      from = this.stageByName(v, st.stage.index, true) ?? v;
    }
    const copy: DockerCopy = { from, src, dest, loc: this.loc({ line, column }) };
    st.stage.copies.push(copy);
    const fromContext = from === null && heredocs.length === 0;
    const dirs = fromContext ? src.map(contextDir) : [];
    const dirSources = dirs.filter((d): d is string => d !== null);
    const context =
      fromContext && !src.some((s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('git@'));
    const dir = context && dirSources.length === 1 && src.length === 1 ? dirSources[0] : null;
    let anchor: CopyInfo['anchor'] = null;
    const target = stripSlash(dest);
    if (dir !== null && dir !== '.' && !dir.startsWith('..') && target.endsWith('/' + dir)) {
      anchor = { image: target.slice(0, target.length - dir.length - 1) || '/', context: '.' };
    } else if (context) {
      const mod = src.find((s) => /^go\.(?:mod|work)$/.test(basename(s)) && !/[*?[$]/.test(s));
      if (mod) {
        const into = dest.endsWith('/') || src.length > 1 ? target : parentDir(target);
        anchor = { image: into, context: parentDir(normalize(mod.replace(/^\/+/, ''))) };
      }
    }
    st.copies.push({ copy, seq: this.seq, dir, context, anchor });
  }

  // ---- RUN -----------------------------------------------------------------------------------------------

  private runInstruction(
    st: StageState,
    logical: Logical,
    words: Word[],
    heredocs: HeredocBody[],
    line: number,
  ): void {
    let i = 0;
    while (i < words.length && words[i].raw.startsWith('--')) i++;
    const argStart = words[i]?.start ?? logical.text.length;
    if (i >= words.length) {
      this.problem(line, 'RUN without a command');
      return;
    }
    const entry: RunEntry = {
      stage: st,
      seq: this.seq,
      env: { ...st.stage.env },
      workdir: st.stage.workdir,
      line,
      mounts: words.slice(0, i).flatMap((w) => this.contextMount(w.raw, st)),
      commandLine: null,
      scripts: [],
    };
    const json = heredocs.length === 0 ? jsonArray(logical.text.slice(argStart)) : null;
    if (json) {
      this.execForm(entry, logical, argStart, json);
      this.runs.push(entry);
      return;
    }
    if (st.foreignShell) return; // cmd / PowerShell: not a POSIX shell script
    // Shell form: the command line with heredoc operators blanked, then the heredoc scripts.
    let text = logical.text;
    for (const h of heredocs)
      text = text.slice(0, h.op.start) + ' '.repeat(h.op.end - h.op.start) + text.slice(h.op.end);
    const segs = logical.tail(argStart, text);
    const cl = shellText(segs);
    if (cl.text.trim() !== '') entry.commandLine = cl;
    if (heredocs.length > 0) this.heredocScripts(entry, logical, words.slice(i), heredocs);
    this.runs.push(entry);
  }

  /** `--mount=type=bind,source=x,target=y` without `from=`: the build context mounted into the image. */
  private contextMount(flag: string, st: StageState): RunEntry['mounts'] {
    const m = /^--mount=([\s\S]*)$/.exec(flag);
    if (!m) return [];
    const opts = new Map<string, string>();
    for (const part of m[1].split(',')) {
      const eq = part.indexOf('=');
      opts.set(
        (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(),
        eq < 0 ? '' : part.slice(eq + 1).trim(),
      );
    }
    if ((opts.get('type') ?? 'bind') !== 'bind' || opts.has('from')) return [];
    const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
    if (target === undefined) return [];
    const lookup = this.stageLookup(st);
    const src = expand(opts.get('source') ?? opts.get('src') ?? '.', this.escape, lookup).text;
    const image = joinPath(st.stage.workdir, expand(target, this.escape, lookup).text);
    const dir = contextDir(src);
    if (dir !== null) return [{ image, context: dir, dir: true }];
    if (/^go\.(?:mod|work|sum)$/.test(basename(src)))
      return [
        { image: parentDir(image), context: parentDir(normalize(src.replace(/^\/+/, ''))), dir: false },
      ];
    return [];
  }

  /** Exec form: `["go","build","."]` as a command, `["sh","-c","script"]` as its script. */
  private execForm(entry: RunEntry, logical: Logical, argStart: number, json: JsonArray): void {
    const [first, second] = json.values;
    const shell = first !== undefined && SHELLS.test(basename(first));
    if (shell && second !== undefined && /^-[a-z]*c[a-z]*$/.test(second) && json.values.length >= 3) {
      const s = json.strings[2];
      const p = logical.pos(argStart + s.start);
      const lineMap = s.lineStarts.map((off) => {
        const q = logical.pos(argStart + off);
        return { line: q.line, column: q.column };
      });
      entry.commandLine = { text: json.values[2], line: p.line, column: p.column, lineMap };
      return;
    }
    const p = logical.pos(argStart + (json.strings[0]?.start ?? 0));
    const text = json.values.map((v, k) => shellQuote(v, k === 0)).join(' ');
    entry.commandLine = {
      text,
      line: p.line,
      column: p.column,
      lineMap: [{ line: p.line, column: p.column }],
    };
  }

  /** Heredoc bodies that run as shell scripts: `RUN <<EOF` alone, or fed to `sh`/`bash` on stdin. */
  private heredocScripts(entry: RunEntry, logical: Logical, words: Word[], heredocs: HeredocBody[]): void {
    const opStarts = new Set(heredocs.map((h) => h.op.start));
    // Simple commands of the line (words between control operators), without heredoc operators
    // and redirections; `ops` tells which heredoc operators each one carries.
    const commands: { words: Word[]; ops: number[] }[] = [{ words: [], ops: [] }];
    for (let k = 0; k < words.length; k++) {
      const w = words[k];
      const cur = commands[commands.length - 1];
      if (/^(?:&&|\|\||;|\||&)$/.test(w.raw)) {
        commands.push({ words: [], ops: [] });
        continue;
      }
      if (opStarts.has(w.start)) cur.ops.push(w.start);
      else if (/^\d*(?:>>?|<|&>>?|>\|)$/.test(w.raw))
        k++; // the target is the next word
      else if (!isRedirection(w.raw)) {
        const m = /^(.*?)(;|&&|\|\|?)$/.exec(w.raw);
        if (m && m[1] !== '' && !m[1].endsWith('\\')) {
          cur.words.push({ raw: m[1], start: w.start, end: w.start + m[1].length });
          commands.push({ words: [], ops: [] });
          continue;
        }
        cur.words.push(w);
      }
    }
    const plain = commands.flatMap((c) => c.words);
    for (const h of heredocs) {
      let script = false;
      let inline: Setting[] = [];
      if (plain.length === 0) script = heredocs.length === 1;
      else {
        const cmd = commands.find((c) => c.ops.includes(h.op.start))?.words ?? [];
        const r = this.shellInvocation(cmd, entry.stage, logical);
        script = r.script;
        inline = r.inline;
      }
      if (!script) continue;
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(h.lines[0]?.text ?? '');
      if (shebang) {
        const prog = basename(shebang[1]) === 'env' ? (shebang[2] ?? '') : basename(shebang[1]);
        if (!SHELLS.test(prog)) continue; // `#!/usr/bin/env python`: not a shell script
      }
      if (h.lines.length === 0) continue;
      entry.scripts.push({
        text: h.lines.map((s) => s.text).join('\n'),
        line: h.lines[0].line + 1,
        column: h.lines[0].col + 1,
        lineMap: h.lines.map((s) => ({ line: s.line + 1, column: s.col + 1 })),
        inline,
        afterLine: plain.length > 0,
      });
    }
  }

  /** Whether a simple command runs a shell reading its script from stdin, and its inline settings. */
  private shellInvocation(
    ws: Word[],
    st: StageState,
    logical: Logical,
  ): { script: boolean; inline: Setting[] } {
    const inline: Setting[] = [];
    let k = 0;
    const assign = (w: Word): void => {
      const eq = w.raw.indexOf('=');
      const name = w.raw.slice(0, eq);
      inline.push({
        name,
        value: expandValue(w.raw.slice(eq + 1), '\\', this.stageLookup(st)),
        loc: this.loc(logical.pos(w.start)),
        via: 'inline',
      });
    };
    for (; k < ws.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[k].raw); k++) assign(ws[k]);
    while (k < ws.length && /^(?:sudo|env|exec|command|nice|time)$/.test(basename(ws[k].raw))) {
      k++;
      for (; k < ws.length && (/^-/.test(ws[k].raw) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[k].raw)); k++) {
        if (!ws[k].raw.startsWith('-')) assign(ws[k]);
      }
    }
    const prog = ws[k];
    if (!prog) return { script: false, inline };
    let name = basename(prog.raw.replace(/['"]/g, ''));
    k++;
    if (name === 'busybox') {
      name = ws[k] ? basename(ws[k].raw) : '';
      k++;
    }
    if (!SHELLS.test(name) || name === 'busybox') return { script: false, inline };
    for (; k < ws.length; k++) {
      const a = ws[k].raw;
      if (a === '-s' || /^-[a-z]*s[a-z]*$/.test(a)) return { script: true, inline };
      if (/^-[a-z]*c[a-z]*$/.test(a)) return { script: false, inline };
      if (a === '-o' || a === '+o') {
        k++;
        continue;
      }
      if (a === '--') continue;
      if (!/^[-+]/.test(a)) return { script: false, inline }; // a script file operand
    }
    return { script: true, inline };
  }

  // ---- Second pass: directories and the shell reader ------------------------------------------------

  private scanRuns(): void {
    const done = new Set<number>();
    for (const st of this.states) {
      const base = st.stage.baseStage === null ? null : this.states[st.stage.baseStage];
      if (base) st.stage.installs.push(...base.stage.installs);
      for (const run of this.runs) {
        if (run.stage !== st || done.has(run.seq)) continue;
        done.add(run.seq);
        try {
          this.scanRun(run);
        } catch (e) {
          this.problem(run.line, `could not read this RUN: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    this.model.commands.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  }

  private scanRun(run: RunEntry): void {
    const st = run.stage;
    const ctxBase: Omit<ShellContext, 'line' | 'column' | 'lineMap'> = {
      file: this.file.path,
      kind: 'dockerfile',
      env: run.env,
      dir: mountDir(run) ?? this.contextDirFor(st, run.workdir, run.seq),
      imageDir: run.workdir,
      host: st.stage.platform,
      image: st.stage.image,
      stage: st.stage.index,
    };
    let after: { env: Env; dir: string | null; imageDir: string | null } = {
      env: run.env,
      dir: ctxBase.dir,
      imageDir: ctxBase.imageDir,
    };
    if (run.commandLine) {
      const r = this.scan(run.commandLine, ctxBase);
      after = { env: r.env, dir: r.dir, imageDir: r.imageDir };
    }
    for (const s of run.scripts) {
      const env: Env = { ...(s.afterLine ? after.env : run.env) };
      for (const set of s.inline) env[set.name] = set;
      this.scan(s, {
        ...ctxBase,
        env,
        dir: s.afterLine ? after.dir : ctxBase.dir,
        imageDir: s.afterLine ? after.imageDir : ctxBase.imageDir,
      });
    }
  }

  private scan(
    src: { text: string; line: number; column: number; lineMap: { line: number; column: number }[] },
    base: Omit<ShellContext, 'line' | 'column' | 'lineMap'>,
  ): { env: Env; dir: string | null; imageDir: string | null } {
    const ctx: ShellContext = { ...base, line: src.line, column: src.column, lineMap: src.lineMap };
    const r = scanShell(src.text, ctx);
    const stage = base.stage ?? 0;
    for (const c of r.commands as GoCommand[]) {
      if (c.stage === undefined) c.stage = stage;
      this.model.commands.push(c);
    }
    const installs = r.installs as Installs[];
    this.states[stage]?.stage.installs.push(...installs);
    return { env: r.env, dir: r.dir, imageDir: r.imageDir };
  }

  /**
   * The build-context directory that WORKDIR `workdir` holds at instruction `seq`: from the COPY of a
   * directory onto it (or a parent) in this stage or a stage it builds on; else, when files were
   * copied there first, from a directory COPY later in the stage (`COPY go.mod go.sum ./`,
   * `RUN go mod download`, `COPY . .`).
   */
  private contextDirFor(st: StageState, workdir: string, seq: number): string | null {
    const chain: StageState[] = [];
    for (let s: StageState | undefined = st; s && !chain.includes(s); ) {
      chain.push(s);
      s = s.stage.baseStage === null ? undefined : this.states[s.stage.baseStage];
    }
    const covering = (c: CopyInfo): string | null => {
      if (c.dir === null) return null;
      const rel = below(workdir, stripSlash(c.copy.dest));
      return rel === null ? null : normalize(rel === '' ? c.dir : `${c.dir}/${rel}`);
    };
    let best: { dir: string; depth: number; seq: number } | null = null;
    for (const s of chain) {
      for (const c of s.copies) {
        if (s === st && c.seq >= seq) continue;
        const d = covering(c);
        if (d === null) continue;
        const depth = stripSlash(c.copy.dest).length;
        if (!best || depth > best.depth || (depth === best.depth && c.seq > best.seq))
          best = { dir: d, depth, seq: c.seq };
      }
    }
    if (best) return best.dir;
    // The layout: `COPY cmd/ cmd/`, `COPY go.mod go.sum ./` place the context root.
    let anchored: { dir: string; depth: number; seq: number } | null = null;
    for (const s of chain) {
      for (const c of s.copies) {
        if ((s === st && c.seq >= seq) || c.anchor === null) continue;
        const rel = below(workdir, c.anchor.image);
        if (rel === null) continue;
        const depth = c.anchor.image.length;
        if (!anchored || depth > anchored.depth || (depth === anchored.depth && c.seq > anchored.seq))
          anchored = {
            dir: normalize(rel === '' ? c.anchor.context : `${c.anchor.context}/${rel}`),
            depth,
            seq: c.seq,
          };
      }
    }
    if (anchored) return anchored.dir;
    const filesBefore = st.copies.some(
      (c) => c.seq < seq && c.context && below(workdir, stripSlash(c.copy.dest)) !== null,
    );
    if (!filesBefore) return null;
    for (const c of st.copies) {
      if (c.seq <= seq) continue;
      const d = covering(c);
      if (d !== null) return d;
    }
    return null;
  }
}

/** The context directory a RUN's bind mounts put at its WORKDIR (a directory mount first). */
function mountDir(run: RunEntry): string | null {
  let best: { dir: string; depth: number; strong: boolean } | null = null;
  for (const m of run.mounts) {
    const rel = below(run.workdir, m.image);
    if (rel === null) continue;
    const cand = {
      dir: normalize(rel === '' ? m.context : `${m.context}/${rel}`),
      depth: m.image.length,
      strong: m.dir,
    };
    if (!best || (cand.strong && !best.strong) || (cand.strong === best.strong && cand.depth > best.depth))
      best = cand;
  }
  return best?.dir ?? null;
}

function stripSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** The directory of a posix path (`.` for a bare name, `/` for a top-level absolute one). */
function parentDir(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : p.slice(0, i);
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function isRedirection(raw: string): boolean {
  return /^\d*(?:>>?|<|>&|<&|&>)/.test(raw) || /^\d*>&?\d*$/.test(raw);
}

/** The value is just a declared platform ARG (`$TARGETARCH`, `"${TARGETOS}"`): it follows the platform. */
function followsPlatform(raw: string, lookup: Lookup): boolean {
  const m = /^("?)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))\1$/.exec(raw);
  return m !== null && lookup(m[2] ?? m[3])?.auto === true;
}

/** A value after substitution; null when a variable in it is unknown. */
function expandValue(raw: string, esc: string, lookup: Lookup): string | null {
  const r = expand(raw, esc, lookup);
  return r.unknown ? null : r.text;
}

/** Quotes an exec-form word for the shell reader (a leading `A=b` stays a command name). */
function shellQuote(v: string, first: boolean): string {
  if (v !== '' && /^[A-Za-z0-9_@%+:,./-]+$/.test(v)) return v;
  if (!first && /^[A-Za-z0-9_@%+:,./=-]+$/.test(v) && v !== '') return v;
  return "'" + v.replace(/'/g, "'\\''") + "'";
}

/**
 * Shell text for the pieces of a continued RUN: one text line per physical line, joined by
 * backslash-newline (inside single quotes by a plain newline), with each line's file position.
 */
function shellText(segs: Seg[]): {
  text: string;
  line: number;
  column: number;
  lineMap: { line: number; column: number }[];
} {
  let text = '';
  let quote: string | null = null;
  segs.forEach((s, k) => {
    for (let i = 0; i < s.text.length; i++) {
      const ch = s.text[i];
      if (quote === "'") {
        if (ch === "'") quote = null;
      } else if (ch === '\\') i++;
      else if (quote === '"') {
        if (ch === '"') quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
    }
    text += s.text;
    if (k < segs.length - 1) text += quote === "'" ? '\n' : '\\\n';
  });
  const first = segs[0] ?? { line: 0, col: 0 };
  return {
    text,
    line: first.line + 1,
    column: first.col + 1,
    lineMap: segs.map((s) => ({ line: s.line + 1, column: s.col + 1 })),
  };
}

interface JsonArray {
  values: string[];
  /** Each string's position in the parsed text: its content start, and where each of its lines starts. */
  strings: { start: number; lineStarts: number[] }[];
}

/** Docker's exec form: the text is a JSON array of strings, else null (shell form). */
function jsonArray(text: string): JsonArray | null {
  const t = text.trim();
  if (!t.startsWith('[')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(t);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) return null;
  const strings: JsonArray['strings'] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + 1;
    const lineStarts = [start];
    // Raw offsets where the decoded string starts a new line (after each `\n` escape).
    const body = m[1];
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '\\') {
        if (body[i + 1] === 'n') lineStarts.push(start + i + 2);
        i++;
      }
    }
    strings.push({ start, lineStarts });
  }
  return { values: parsed as string[], strings };
}

/** Reads a Dockerfile. Never throws: what cannot be read becomes a problem. */
export function readDockerfile(file: BuildFile): DockerfileResult {
  const path = typeof file?.path === 'string' ? file.path : '';
  const model: DockerfileModel = { file: path, stages: [], commands: [] };
  const problems: Problem[] = [];
  try {
    const text = (typeof file.text === 'string' ? file.text : '')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n');
    new Reader({ ...file, path }, text, model, problems).run();
  } catch (e) {
    problems.push({
      file: path,
      message: `could not read the Dockerfile: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  return { model, problems };
}
