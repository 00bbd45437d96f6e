import type { Node } from 'web-tree-sitter';
import { calleeOf, cgoCalls, enclosingFunction } from '../analysis/calls.js';
import type { GoFile, Package } from '../model.js';
import type { PackageRule } from '../rule.js';

/** Non-thread-safe libc functions and what to use instead. */
const UNSAFE: Record<string, string> = {
  strtok: 'strtok_r',
  localtime: 'localtime_r',
  gmtime: 'gmtime_r',
  ctime: 'ctime_r',
  asctime: 'asctime_r',
  getpwnam: 'getpwnam_r',
  getpwuid: 'getpwuid_r',
  getgrnam: 'getgrnam_r',
  getgrgid: 'getgrgid_r',
  getpwent: 'getpwent_r (or os/user)',
  getgrent: 'getgrent_r (or os/user)',
  gethostbyname: 'getaddrinfo (or the net package)',
  gethostbyaddr: 'getnameinfo (or the net package)',
  getservbyname: 'getservbyname_r',
  getprotobyname: 'getprotobyname_r',
  inet_ntoa: 'inet_ntop',
  readdir: 'one DIR stream per goroutine, or os.ReadDir',
  strerror: 'strerror_r (or syscall.Errno.Error)',
  strsignal: 'syscall.Signal.String, or a mutex',
  rand: 'rand_r with a per-goroutine seed (or math/rand)',
  srand: 'rand_r with a per-goroutine seed',
  tmpnam: 'mkstemp (or os.CreateTemp)',
  ttyname: 'ttyname_r',
  getlogin: 'getlogin_r',
  ecvt: 'snprintf into your own buffer',
  fcvt: 'snprintf into your own buffer',
  crypt: 'crypt_r',
  dlerror: 'a mutex held across dlopen/dlsym and dlerror',
  ptsname: 'ptsname_r',
  setenv: 'os.Setenv before any goroutine or C thread starts',
  unsetenv: 'os.Unsetenv before any goroutine or C thread starts',
  putenv: 'os.Setenv before any goroutine or C thread starts',
};

const NAMES = Object.keys(UNSAFE).join('|');
const CALL_TEXT = new RegExp(`C\\.(?:${NAMES})\\s*\\(`);

export const CGO005: PackageRule = {
  id: 'CGO005',
  name: 'non-reentrant-libc',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'cgo call to a libc function that keeps its result in shared static storage',
  prefilter: new RegExp(`C\\.(?:${NAMES})\\b`),
  trainer: { difficulty: 2, essential: ['FormatLocal', 'tm_hour'] },
  docs: {
    symptom:
      "Under load, results come back mixed up: a timestamp formatted with another request's time, a " +
      "token from another goroutine's string, a user name that belongs to a different uid. Nothing " +
      'crashes and `go test -race` stays silent, because the race is inside C memory that the race ' +
      'detector does not see.',
    why:
      'Functions such as `localtime`, `strtok`, `getpwuid`, `inet_ntoa` or `strerror` keep their state or ' +
      'their result in one static buffer for the whole process. Goroutines run on many OS threads at ' +
      'once and cgo does not serialize C calls, so two goroutines in the same function overwrite each ' +
      "other's buffer between the call and the moment Go copies the result out. `rand`/`srand` share one " +
      'hidden seed; `setenv`/`putenv` rewrite the environment block that C `getenv` in other threads ' +
      'reads without a lock.',
    fix:
      'Call the reentrant variant with a buffer you own (`localtime_r`, `strtok_r`, `getpwuid_r`, ' +
      '`inet_ntop`, `strerror_r`), use the Go standard library equivalent, or hold one `sync.Mutex` ' +
      'around the call and the copy of its result:\n\n```go\nvar tmMu sync.Mutex\n\nfunc hour(t C.time_t) int {\n' +
      '\ttmMu.Lock()\n\tdefer tmMu.Unlock()\n\treturn int(C.localtime(&t).tm_hour)\n}\n```',
    versions: 'Every Go release with cgo; independent of GOMAXPROCS defaults since Go 1.5.',
    references: [
      'POSIX: "Thread-Safety" (functions that need not be thread-safe)',
      "cmd/cgo documentation: calls into C are made on the calling goroutine's thread, in parallel",
      'man 3 localtime_r, man 3 strtok_r, man 3 getpwuid_r',
    ],
    bad: [
      {
        title: 'Formatting times with localtime from many goroutines',
        files: [
          {
            name: 'clock.go',
            text:
              'package clock\n\n/*\n#include <time.h>\n*/\nimport "C"\n\n' +
              '// FormatLocal is called from every HTTP handler.\nfunc FormatLocal(sec int64) (h, m int) {\n' +
              '\tt := C.time_t(sec)\n\ttm := C.localtime(&t)\n\treturn int(tm.tm_hour), int(tm.tm_min)\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'localtime_r fills a struct owned by the caller',
        files: [
          {
            name: 'clock.go',
            text:
              'package clock\n\n/*\n#include <time.h>\n*/\nimport "C"\n\n' +
              'func FormatLocal(sec int64) (h, m int) {\n\tt := C.time_t(sec)\n\tvar tm C.struct_tm\n' +
              '\tC.localtime_r(&t, &tm)\n\treturn int(tm.tm_hour), int(tm.tm_min)\n}\n',
          },
        ],
      },
      {
        title: 'A mutex serializes the call and the read of the static result',
        files: [
          {
            name: 'clock.go',
            text:
              'package clock\n\n/*\n#include <time.h>\n*/\nimport "C"\n\nimport "sync"\n\nvar tmMu sync.Mutex\n\n' +
              'func FormatLocal(sec int64) (h, m int) {\n\ttmMu.Lock()\n\tdefer tmMu.Unlock()\n' +
              '\tt := C.time_t(sec)\n\ttm := C.localtime(&t)\n\treturn int(tm.tm_hour), int(tm.tm_min)\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    let definedInC: ((name: string) => boolean) | undefined;
    for (const file of ctx.pkg.files) {
      if (!CALL_TEXT.test(file.text)) continue;
      for (const { call, name } of cgoCalls(file)) {
        if (!Object.hasOwn(UNSAFE, name)) continue;
        definedInC ??= packageCDefinitions(ctx.pkg);
        if (definedInC(name)) continue;
        if (mutexHeldAt(file, call)) continue;
        if (name === 'readdir' && privateDirStream(file, call)) continue;
        ctx.report({
          file,
          at: call,
          message:
            `C.${name} is not thread-safe: it keeps its state or result in static storage that every thread ` +
            'shares, and goroutines calling it in parallel on different threads overwrite each other; use ' +
            `${UNSAFE[name]}, or hold a sync.Mutex around the call and the use of its result`,
        });
      }
    }
  },
};

/**
 * `C.readdir(d)` where `d` was opened by this same function (`d := C.opendir(p)`): glibc's
 * readdir only races on a shared directory stream, and this one is private to the call.
 */
function privateDirStream(file: GoFile, call: Node): boolean {
  const arg = call.childForFieldName('arguments')?.namedChild(0);
  const fn = enclosingFunction(call);
  if (arg?.type !== 'identifier' || !fn) return false;
  const name = arg.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const opened = new RegExp(`\\b${name}\\s*:?=\\s*C\\.(?:fd)?opendir\\s*\\(`);
  return opened.test(fn.text) && file.text.includes('opendir');
}

// --- C definitions of the package ------------------------------------------------------------

const C_EXT = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx|m|mm)$/i;
const NOT_A_TYPE = new Set([
  'return',
  'if',
  'while',
  'for',
  'switch',
  'else',
  'case',
  'do',
  'sizeof',
  'goto',
]);

/**
 * A test for "the package's own C code (cgo preambles, package .c/.h files) defines a function or
 * macro with this name" — such a `C.name` is the package's wrapper, not the libc function.
 * Text-based, so that large amalgamation files need no parse.
 */
export function packageCDefinitions(pkg: Package): (name: string) => boolean {
  const texts: string[] = [];
  for (const f of pkg.files) {
    if (f.text.includes('"C"') && f.cgo) texts.push(f.cgo.text);
  }
  for (const a of pkg.aux) if (C_EXT.test(a.name)) texts.push(a.text);
  const memo = new Map<string, boolean>();
  return (name) => {
    let v = memo.get(name);
    if (v === undefined) {
      v = texts.some((t) => t.includes(name) && definesC(t, name));
      memo.set(name, v);
    }
    return v;
  };
}

/** Does C text `t` define function `name` (with a body) or a macro `name`? */
export function definesC(t: string, name: string): boolean {
  if (new RegExp(`^[ \\t]*#[ \\t]*define[ \\t]+${name}\\b`, 'm').test(t)) return true;
  const re = new RegExp(`\\b${name}\\s*\\(`, 'g');
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const lineStart = t.lastIndexOf('\n', m.index - 1) + 1;
    const prefix = t.slice(lineStart, m.index);
    if (!declarationPrefix(prefix, t, lineStart)) continue;
    const close = matchingParen(t, m.index + m[0].length - 1);
    if (close < 0) continue;
    const rest = /^(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*/.exec(t.slice(close + 1, close + 400));
    if (t[close + 1 + (rest?.[0].length ?? 0)] === '{') return true;
  }
  return false;
}

/** The text before a name on its line looks like a return type (or is empty after a type line). */
function declarationPrefix(prefix: string, t: string, lineStart: number): boolean {
  const words = prefix.trim();
  if (words === '') {
    // `static int\nname(...)`: the type is on the previous line.
    const prevEnd = lineStart - 1;
    if (prevEnd <= 0) return false;
    const prev = t.slice(t.lastIndexOf('\n', prevEnd - 1) + 1, prevEnd).trim();
    return /^[A-Za-z_][\w\s*]*$/.test(prev) && !NOT_A_TYPE.has(prev.split(/\s+/)[0]);
  }
  if (!/^[A-Za-z_][\w\s*]*$/.test(words)) return false;
  return !NOT_A_TYPE.has(words.split(/[\s*]+/)[0]);
}

function matchingParen(t: string, open: number): number {
  let depth = 0;
  const end = Math.min(t.length, open + 4000);
  for (let i = open; i < end; i++) {
    const ch = t[i];
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
    else if (ch === ';' || ch === '{') return -1;
  }
  return -1;
}

// --- locks -----------------------------------------------------------------------------------

const LOCKS = new Set(['Lock', 'RLock']);
const UNLOCKS = new Set(['Unlock', 'RUnlock']);

/**
 * True when a `X.Lock()`/`X.RLock()` statement precedes `node` in its function (or in an enclosing
 * function, through synchronously called literals) with no plain `X.Unlock()` statement in between.
 * Only statements in lists that enclose `node` count: a lock or unlock inside an `if` branch that
 * does not contain the call is conditional and is ignored. `defer X.Unlock()` keeps the lock held.
 */
export function mutexHeldAt(file: GoFile, node: Node): boolean {
  let target = node;
  for (let fn = enclosingFunction(target); fn; fn = enclosingFunction(fn)) {
    if (heldWithin(file, fn, target)) return true;
    if (fn.type !== 'func_literal' || startedWithGo(fn)) return false;
    target = fn;
  }
  return false;
}

function startedWithGo(lit: Node): boolean {
  const call = lit.parent;
  return call?.type === 'call_expression' && call.parent?.type === 'go_statement';
}

function heldWithin(file: GoFile, fn: Node, target: Node): boolean {
  // Statement lists between the function and the target, outermost first.
  const chain: { list: Node; child: Node }[] = [];
  for (let child = target, p = target.parent; p && p.id !== fn.id; child = p, p = p.parent) {
    if (p.type === 'statement_list' || p.type === 'block') chain.unshift({ list: p, child });
  }
  const held = new Map<string, boolean>();
  for (const { list, child } of chain) {
    for (const stmt of list.namedChildren) {
      if (!stmt || stmt.startIndex >= child.startIndex) break;
      if (stmt.type !== 'expression_statement') continue;
      const call = stmt.namedChild(0);
      if (call?.type !== 'call_expression') continue;
      const c = calleeOf(file, call);
      if (!c?.recv || c.pkg) continue;
      if (LOCKS.has(c.name)) held.set(c.recv.text, true);
      else if (UNLOCKS.has(c.name)) held.delete(c.recv.text);
    }
  }
  return held.size > 0;
}
