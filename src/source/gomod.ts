// A go.mod reader: the module path, the go and toolchain lines, godebug settings, requirements
// and replacements, each with its 1-based line. It never throws: whatever it cannot
// understand is listed in `errors` and the rest is still read.
//
// The syntax follows golang.org/x/mod/modfile: a line is a directive word and its arguments;
// `word (` opens a block whose lines each take the word; `)` closes it. Arguments may be
// quoted ("..." or `...`). `//` starts a comment; a `// indirect` comment marks a requirement.

import { type GoVersion, parseGoVersion } from '../core/goversion.js';
import type { ModuleInfo } from './model.js';

export interface GoMod {
  path: string | null;
  pathLine?: number;
  go: GoVersion | null;
  goLine?: number;
  toolchain: GoVersion | null;
  toolchainLine?: number;
  godebug: { key: string; value: string; line: number }[];
  requires: { path: string; version: string; line: number; indirect: boolean }[];
  replaces: { from: string; fromVersion?: string; to: string; toVersion?: string; line: number }[];
  errors: { line: number; message: string }[];
}

/** One directive: its word, its arguments and its trailing comment, if any. */
interface Entry {
  verb: string;
  args: string[];
  comment: string;
  line: number;
}

/** What one source line holds after splitting off the comment. */
interface Tokens {
  words: string[];
  comment: string;
}

/** Directives whose content gotrap does not need. */
const IGNORED = new Set(['exclude', 'retract', 'tool', 'ignore']);

/** go.mod's own version syntax (no "go" prefix; a pre-release such as rc1 is allowed). */
const GO_LINE_RE = /^[1-9][0-9]*\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;

export function parseGoMod(text: string): GoMod {
  const mod: GoMod = {
    path: null,
    go: null,
    toolchain: null,
    godebug: [],
    requires: [],
    replaces: [],
    errors: [],
  };
  for (const entry of readEntries(text, mod.errors)) applyEntry(mod, entry);
  mod.errors.sort((a, b) => a.line - b.line);
  return mod;
}

// ---------------------------------------------------------------------------------------------
// Lines and blocks

function readEntries(text: string, errors: GoMod['errors']): Entry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: Entry[] = [];
  let block: { verb: string; line: number } | null = null;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const tokens = tokenizeLine(raw, line, errors);
    const words = tokens.words;
    if (words.length === 0) return;
    if (block) {
      if (words[0] === ')') {
        if (words.length > 1) errors.push({ line, message: `unexpected '${words[1]}' after ')'` });
        block = null;
        return;
      }
      if (words[words.length - 1] === '(') {
        errors.push({ line, message: `a ${block.verb} block cannot contain another block` });
        return;
      }
      entries.push({ verb: block.verb, args: words, comment: tokens.comment, line });
      return;
    }
    const [verb, ...args] = words;
    if (args.length === 1 && args[0] === '(') {
      block = { verb, line };
      return;
    }
    if (args.length === 2 && args[0] === '(' && args[1] === ')') return; // an empty block on one line
    if (verb === ')') {
      errors.push({ line, message: "unexpected ')' outside a block" });
      return;
    }
    entries.push({ verb, args, comment: tokens.comment, line });
  });
  if (block !== null) {
    const open: { verb: string; line: number } = block;
    errors.push({ line: open.line, message: `${open.verb} block opened here is never closed` });
  }
  return entries;
}

/** Splits a line into words, unquoting quoted ones; '(', ')' and '=>' are words of their own. */
function tokenizeLine(raw: string, line: number, errors: GoMod['errors']): Tokens {
  const words: string[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (raw.startsWith('//', i)) {
      return { words, comment: raw.slice(i + 2).trim() };
    } else if (c === '(' || c === ')') {
      words.push(c);
      i++;
    } else if (raw.startsWith('=>', i)) {
      words.push('=>');
      i += 2;
    } else if (c === '"' || c === '`') {
      const quoted = readQuoted(raw, i);
      if (quoted === null) {
        errors.push({ line, message: `unterminated quoted string starting at column ${i + 1}` });
        return { words: [], comment: '' }; // the whole line is dropped
      }
      words.push(quoted.value);
      i = quoted.end;
    } else {
      const start = i;
      while (
        i < raw.length &&
        !/[\s()"`]/.test(raw[i]) &&
        !raw.startsWith('//', i) &&
        !raw.startsWith('=>', i)
      )
        i++;
      words.push(raw.slice(start, i));
    }
  }
  return { words, comment: '' };
}

/** Reads a "..." (with backslash escapes) or `...` string starting at `start`. */
function readQuoted(raw: string, start: number): { value: string; end: number } | null {
  const quote = raw[start];
  let value = '';
  let i = start + 1;
  while (i < raw.length) {
    const c = raw[i];
    if (c === quote) return { value, end: i + 1 };
    if (c === '\\' && quote === '"' && i + 1 < raw.length) {
      value += unescapeChar(raw[i + 1]);
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return null;
}

function unescapeChar(c: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r' };
  return simple[c] ?? c;
}

// ---------------------------------------------------------------------------------------------
// Directives
//
// Each apply function records what it read into the model and returns an error message
// when the line is malformed (nothing is recorded then).

type Apply = (mod: GoMod, e: Entry) => string | undefined;

const DIRECTIVES: Record<string, Apply> = {
  module: applyModule,
  go: applyGo,
  toolchain: applyToolchain,
  godebug: applyGodebug,
  require: applyRequire,
  replace: applyReplace,
};

function applyEntry(mod: GoMod, e: Entry): void {
  if (IGNORED.has(e.verb)) return;
  const apply = Object.hasOwn(DIRECTIVES, e.verb) ? DIRECTIVES[e.verb] : undefined;
  const message = apply ? apply(mod, e) : `unknown directive: ${e.verb}`;
  if (message !== undefined) mod.errors.push({ line: e.line, message });
}

function applyModule(mod: GoMod, e: Entry): string | undefined {
  if (e.args.length !== 1) return usage(e, 'module module/path');
  if (mod.pathLine !== undefined) return repeated(e);
  mod.path = e.args[0];
  mod.pathLine = e.line;
}

function applyGo(mod: GoMod, e: Entry): string | undefined {
  if (e.args.length !== 1) return usage(e, 'go 1.23');
  if (mod.goLine !== undefined) return repeated(e);
  const text = e.args[0];
  const version = GO_LINE_RE.test(text) ? parseGoVersion(text) : null;
  if (!version) return `invalid go version '${text}': must match format 1.23.0`;
  mod.go = version;
  mod.goLine = e.line;
}

function applyToolchain(mod: GoMod, e: Entry): string | undefined {
  if (e.args.length !== 1) return usage(e, 'toolchain go1.23.0');
  if (mod.toolchainLine !== undefined) return repeated(e);
  const name = e.args[0];
  if (name !== 'default') {
    // A toolchain name may carry a custom suffix after '-' or '+', as in go1.22.3-custom.
    const release = name.startsWith('go') ? name.slice(2).split(/[-+]/)[0] : '';
    const version = GO_LINE_RE.test(release) ? parseGoVersion(release) : null;
    if (!version) return `invalid toolchain '${name}': must be 'default' or like go1.23.0`;
    mod.toolchain = version;
  }
  mod.toolchainLine = e.line;
}

function applyGodebug(mod: GoMod, e: Entry): string | undefined {
  const eq = e.args.length === 1 ? e.args[0].indexOf('=') : -1;
  if (eq <= 0) return usage(e, 'godebug key=value');
  mod.godebug.push({ key: e.args[0].slice(0, eq), value: e.args[0].slice(eq + 1), line: e.line });
}

function applyRequire(mod: GoMod, e: Entry): string | undefined {
  if (e.args.length !== 2) return usage(e, 'require module/path v1.2.3');
  const [path, version] = e.args;
  mod.requires.push({ path, version, line: e.line, indirect: isIndirect(e.comment) });
}

/** `// indirect`, or `// indirect; other notes`, marks an indirect requirement. */
function isIndirect(comment: string): boolean {
  return comment === 'indirect' || comment.startsWith('indirect;');
}

function applyReplace(mod: GoMod, e: Entry): string | undefined {
  const arrow = e.args.indexOf('=>');
  const left = arrow < 0 ? [] : e.args.slice(0, arrow);
  const right = arrow < 0 ? [] : e.args.slice(arrow + 1);
  if (left.length < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
    return usage(e, 'replace module/path [v1.2.3] => other/module v1.4.5 (or a local directory)');
  }
  const replace: GoMod['replaces'][number] = { from: left[0], to: right[0], line: e.line };
  if (left[1] !== undefined) replace.fromVersion = left[1];
  if (right[1] !== undefined) replace.toVersion = right[1];
  mod.replaces.push(replace);
}

function usage(e: Entry, form: string): string {
  return `malformed ${e.verb} line; usage: ${form}`;
}

function repeated(e: Entry): string {
  return `repeated ${e.verb} statement`;
}

/** `dir` lies in `root` (display paths; `.` is the working directory, `..` paths lie outside it). */
export function dirUnder(dir: string, root: string): boolean {
  return root === '.' ? !dir.startsWith('..') : dir === root || dir.startsWith(`${root}/`);
}

/** The innermost module whose directory contains `dir` (nested modules win over their parents). */
export function moduleContaining(dir: string, modules: readonly ModuleInfo[]): ModuleInfo | null {
  const depth = (d: string): number => (d === '.' ? 0 : d.split('/').length);
  let best: ModuleInfo | null = null;
  for (const m of modules) if (dirUnder(dir, m.dir) && (!best || depth(m.dir) > depth(best.dir))) best = m;
  return best;
}
