import type { Node } from 'web-tree-sitter';
import { calleeOf, cgoCalls, isPkgCall, unparen } from '../analysis/calls.js';
import {
  type FuncInfo,
  type PackageFuncs,
  packageFuncs,
  resolveLocal,
  textFuncsOf,
} from '../analysis/funcs.js';
import type { GoFile, Import, Span } from '../model.js';
import type { PackageFacts, PackageRule } from '../rule.js';
import { byteColumn } from '../text.js';

/** C functions of thread-bound APIs, by name. */
const THREAD_BOUND_C: { re: RegExp; api: string }[] = [
  { re: /^glfw[A-Z]/, api: 'GLFW' },
  { re: /^glut[A-Z]/, api: 'GLUT' },
  { re: /^gl[A-Z]/, api: 'OpenGL' },
  { re: /^egl[A-Z]/, api: 'EGL' },
  { re: /^SDL_/, api: 'SDL' },
  { re: /^gtk_/, api: 'GTK' },
];

/** GLFW functions documented as callable from any thread; every other glfw* function needs the main thread. */
const GLFW_ANY_THREAD = new Set([
  'glfwMakeContextCurrent',
  'glfwGetCurrentContext',
  'glfwSwapBuffers',
  'glfwSwapInterval',
  'glfwExtensionSupported',
  'glfwGetProcAddress',
  'glfwGetTime',
  'glfwSetTime',
  'glfwGetTimerValue',
  'glfwGetTimerFrequency',
  'glfwPostEmptyEvent',
  'glfwGetError',
  'glfwGetVersion',
  'glfwGetVersionString',
  'glfwVulkanSupported',
]);

/** Go bindings of thread-bound APIs. */
const BINDINGS: { prefix: string; api: string; mainThread: boolean }[] = [
  { prefix: 'github.com/go-gl/glfw', api: 'GLFW', mainThread: true },
  { prefix: 'github.com/go-gl/gl/', api: 'OpenGL', mainThread: false },
  { prefix: 'github.com/gotk3/gotk3/', api: 'GTK', mainThread: false },
];

/**
 * Packages known to call runtime.LockOSThread in their own init function. go-sdl2's sdl package
 * has done so since 2016 (sdl.go: `func init() { runtime.LockOSThread() }`), and every other
 * go-sdl2 package imports sdl, so importing go-sdl2 already pins main to the main thread.
 */
const KNOWN_INIT_LOCKERS: ((path: string) => boolean)[] = [
  (p) => p.startsWith('github.com/veandco/go-sdl2/'),
  (p) => p === 'github.com/faiface/mainthread',
  (p) => p === 'golang.design/x/mainthread',
];

const USE_TEXT =
  /C\.(?:gl[A-Z]|glut[A-Z]|glfw[A-Z]|egl[A-Z]|SDL_|gtk_)|"github\.com\/(?:go-gl\/glfw|go-gl\/gl\/|gotk3\/gotk3\/)/;
const COCOA_TEXT = /Cocoa\/Cocoa\.h|AppKit\/AppKit\.h|-framework\s+(?:Cocoa|AppKit)/;

interface Site {
  file: GoFile;
  call: Node;
  fn: FuncInfo;
  api: string;
  /** Needs the process's main thread, not just one fixed thread. */
  mainThread: boolean;
  /** Set for calls into a Go binding: the binding's import spec. */
  binding?: Import;
  /** `C.name` for C calls, `pkg.Name` for binding calls. */
  label: string;
}

interface InitLockFact {
  initLock: true;
}

interface CandidateFact {
  candidate: { file: string; at: Span; message: string };
}

type Fact = InitLockFact | CandidateFact;

export const CGO006: PackageRule = {
  id: 'CGO006',
  name: 'thread-affine-c-api',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'a thread-bound C API (OpenGL, GLFW, SDL, GTK...) is used without runtime.LockOSThread',
  prefilter: /LockOSThread|C\.(?:gl|egl|SDL_|gtk_)|go-gl\/|gotk3\//,
  trainer: { difficulty: 2, essential: ['glClearColor', 'glfwPollEvents'] },
  docs: {
    symptom:
      'Rendering works for a while and then breaks in ways that depend on timing: a black window, ' +
      '`GL_INVALID_OPERATION` from calls that worked a frame earlier, crashes inside the GL driver, or ' +
      'on macOS an abort such as `NSInternalInconsistencyException: ... must only be used from the main ' +
      'thread` as soon as a window is created or events are polled.',
    why:
      'The Go scheduler moves goroutines between OS threads whenever they block or are preempted. An ' +
      'OpenGL or EGL context is current on one thread only, GLFW, GLUT and Cocoa require their window ' +
      "and event functions on the process's first thread, and GTK and SDL expect to be called from the " +
      'thread that initialized them. Without `runtime.LockOSThread` the goroutine making those calls ' +
      'can be on a different thread from one call to the next. Calling `LockOSThread` in an `init` ' +
      'function locks the main goroutine to the main thread (package initialization runs there), so ' +
      '`main` keeps running on it.',
    fix:
      'Lock in an `init` function of package main (or of any package the program imports):\n\n```go\n' +
      'func init() {\n\t// GLFW and the GL context must stay on the main thread.\n\truntime.LockOSThread()\n}\n```\n\n' +
      'Calling `runtime.LockOSThread()` as the first thing `main` does also works before any goroutine ' +
      'is started. APIs that only need one fixed thread (OpenGL, EGL, GTK, SDL) may instead run in a ' +
      'dedicated goroutine that calls `LockOSThread` first and makes every such call itself; GLFW window ' +
      'and event functions and Cocoa need the real main thread, hence the lock in `init`.',
    versions:
      'Every Go release. Go 1.10 changed what happens when a locked goroutine exits (its thread is ' +
      'terminated), not the need to lock.',
    references: [
      'runtime.LockOSThread documentation ("calling LockOSThread from an init function will cause the main function to be invoked on that thread")',
      'GLFW documentation: "Thread safety" (functions that must only be called from the main thread)',
      'github.com/go-gl/glfw README (the init lock)',
    ],
    bad: [
      {
        title: 'GLFW and OpenGL called from main with no thread lock',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\n/*\n#cgo LDFLAGS: -lglfw -lGL\n#include <GLFW/glfw3.h>\n#include <stdlib.h>\n*/\nimport "C"\n\n' +
              'import "unsafe"\n\n' +
              'func main() {\n\tif C.glfwInit() == 0 {\n\t\treturn\n\t}\n\tdefer C.glfwTerminate()\n' +
              '\ttitle := C.CString("demo")\n\tdefer C.free(unsafe.Pointer(title))\n' +
              '\twin := C.glfwCreateWindow(640, 480, title, nil, nil)\n\tC.glfwMakeContextCurrent(win)\n' +
              '\tfor C.glfwWindowShouldClose(win) == 0 {\n\t\tC.glClearColor(0.1, 0.1, 0.1, 1)\n' +
              '\t\tC.glClear(C.GL_COLOR_BUFFER_BIT)\n\t\tC.glfwSwapBuffers(win)\n\t\tC.glfwPollEvents()\n\t}\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'An init function locks the main goroutine to the main thread',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\n/*\n#cgo LDFLAGS: -lglfw -lGL\n#include <GLFW/glfw3.h>\n#include <stdlib.h>\n*/\nimport "C"\n\n' +
              'import (\n\t"runtime"\n\t"unsafe"\n)\n\nfunc init() { runtime.LockOSThread() }\n\n' +
              'func main() {\n\tif C.glfwInit() == 0 {\n\t\treturn\n\t}\n\tdefer C.glfwTerminate()\n' +
              '\ttitle := C.CString("demo")\n\tdefer C.free(unsafe.Pointer(title))\n' +
              '\twin := C.glfwCreateWindow(640, 480, title, nil, nil)\n\tC.glfwMakeContextCurrent(win)\n' +
              '\tfor C.glfwWindowShouldClose(win) == 0 {\n\t\tC.glClearColor(0.1, 0.1, 0.1, 1)\n' +
              '\t\tC.glClear(C.GL_COLOR_BUFFER_BIT)\n\t\tC.glfwSwapBuffers(win)\n\t\tC.glfwPollEvents()\n\t}\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const pkg = ctx.pkg;
    const files = pkg.files.filter((f) => !f.isTest);
    const pf = packageFuncs(pkg);
    const initLocked = files.some((f) => f.text.includes('LockOSThread')) && locksInInit(pf);
    if (initLocked) ctx.exportFact({ initLock: true } satisfies InitLockFact);
    if (pkg.name !== 'main' || initLocked) return;
    if (!files.some((f) => USE_TEXT.test(f.text))) return;

    const bindingImports = files.flatMap((f) =>
      f.imports.filter((i) => bindingOf(i.path)).map((i) => ({ f, i })),
    );
    if (files.some((f) => f.imports.some((i) => KNOWN_INIT_LOCKERS.some((k) => k(i.path))))) return;
    const all = threadBoundSites(pf, files);
    // Calls made only while packages initialize run on the locked main thread.
    const initOnly = initOnlyFuncs(pf);
    const sites = all.filter((s) => !initOnly.has(s.fn));
    if (sites.length === 0 && bindingImports.length === 0) return;

    const main = pf.main();
    if (main && walk(pf, main, new Set([main]), false)?.kind === 'locked') return;
    const cocoa = files.some((f) => COCOA_TEXT.test(f.text));
    const mainThread =
      cocoa ||
      sites.some((s) => s.mainThread) ||
      bindingImports.some(({ i }) => bindingOf(i.path)?.mainThread);
    if (!mainThread && sites.length > 0 && dedicatedGoroutine(pf, sites, initOnly)) return;

    const first = main ? firstBoundCall(pf, main) : null;
    const site = first ?? sites[0] ?? null;
    let file: GoFile;
    let at: Span;
    let message: string;
    if (site && !site.binding) {
      file = site.file;
      at = spanOf(file, site.call);
      message = siteMessage(site);
    } else {
      const imp = site?.binding ? { f: site.file, i: site.binding } : bindingImports[0];
      file = imp.f;
      at = imp.i;
      const b = bindingOf(imp.i.path)!;
      message = bindingMessage(imp.i.path, b.api, b.mainThread);
    }
    ctx.exportFact({ candidate: { file: file.path, at, message } } satisfies CandidateFact);
  },

  checkProgram(ctx) {
    const byPath = new Map<string, PackageFacts[]>();
    for (const p of ctx.packages) {
      const list = byPath.get(p.importPath) ?? [];
      list.push(p);
      byPath.set(p.importPath, list);
    }
    const locks = (p: PackageFacts) => ((p.exports.CGO006 ?? []) as Fact[]).some((f) => 'initLock' in f);
    for (const p of ctx.packages) {
      for (const f of (p.exports.CGO006 ?? []) as Fact[]) {
        if (!('candidate' in f)) continue;
        // Any package the program links that locks in its init pins main to the main thread.
        const seen = new Set<string>();
        const work = [...p.imports];
        let locked = false;
        while (work.length > 0 && !locked) {
          const path = work.pop()!;
          if (seen.has(path)) continue;
          seen.add(path);
          if (KNOWN_INIT_LOCKERS.some((k) => k(path))) locked = true;
          for (const q of byPath.get(path) ?? []) {
            if (locks(q)) locked = true;
            work.push(...q.imports);
          }
        }
        if (!locked) ctx.report({ file: f.candidate.file, at: f.candidate.at, message: f.candidate.message });
      }
    }
  },
};

function bindingOf(path: string): (typeof BINDINGS)[number] | undefined {
  return BINDINGS.find((b) => path === b.prefix.replace(/\/$/, '') || path.startsWith(b.prefix));
}

function spanOf(file: GoFile, n: Node): Span {
  const lines = file.lines;
  const s = n.startPosition;
  const e = n.endPosition;
  return {
    line: s.row + 1,
    column: byteColumn(lines[s.row], s.column),
    endLine: e.row + 1,
    endColumn: byteColumn(lines[e.row], e.column),
  };
}

function siteMessage(s: Site): string {
  const where = s.mainThread
    ? `${s.api} requires its window and event functions on the process's main thread`
    : `${s.api} state (the current context, the toolkit's loop) belongs to one OS thread`;
  return (
    `${s.label} is ${/^[AEIOU]/.test(s.api) ? 'an' : 'a'} ${s.api} call and ${where}, but nothing locks main's goroutine to its thread (no ` +
    'runtime.LockOSThread() in an init function or at the start of main), so the scheduler can run it on ' +
    'another thread; add `func init() { runtime.LockOSThread() }` to package main'
  );
}

function bindingMessage(path: string, api: string, mainThread: boolean): string {
  const need = mainThread
    ? "whose window and event functions must run on the process's main thread"
    : 'whose state belongs to one OS thread';
  return (
    `${path} wraps ${api}, ${need}, but no init function of the program calls runtime.LockOSThread() and main ` +
    "does not lock first, so main's goroutine can move between threads; add `func init() { runtime.LockOSThread() }` " +
    'to package main'
  );
}

// --- thread-bound call sites -----------------------------------------------------------------

function cApi(name: string): { api: string; mainThread: boolean } | null {
  const hit = THREAD_BOUND_C.find((t) => t.re.test(name));
  if (!hit) return null;
  return { api: hit.api, mainThread: hit.api === 'GLFW' ? !GLFW_ANY_THREAD.has(name) : hit.api === 'GLUT' };
}

/** A call to a thread-bound C function or into a binding package. */
function boundCall(file: GoFile, call: Node): Omit<Site, 'fn'> | null {
  const c = calleeOf(file, call);
  if (!c?.pkg) return null;
  if (c.pkg === 'C') {
    const a = cApi(c.name);
    return a ? { file, call, ...a, label: `C.${c.name}` } : null;
  }
  const b = bindingOf(c.pkg);
  if (!b) return null;
  const imp = file.imports.find((i) => i.path === c.pkg);
  return { file, call, api: b.api, mainThread: b.mainThread, binding: imp, label: `${c.pkg}.${c.name}` };
}

function threadBoundSites(pf: PackageFuncs, files: GoFile[]): Site[] {
  const out: Site[] = [];
  for (const file of files) {
    if (!USE_TEXT.test(file.text)) continue;
    const calls = file.imports.some((i) => bindingOf(i.path))
      ? file.root.descendantsOfType('call_expression').filter((n): n is Node => n !== null)
      : cgoCalls(file).map((c) => c.call);
    for (const call of calls) {
      const b = boundCall(file, call);
      if (b) out.push({ ...b, fn: pf.enclosing(file, call) });
    }
  }
  return out;
}

/** Functions reachable from inits and package variable initializers but not from main. */
function initOnlyFuncs(pf: PackageFuncs): Set<FuncInfo> {
  const inits = pf.inits().filter((f) => !f.file.isTest);
  const varinits = pf.pkg.files.filter((f) => !f.isTest && /\bvar\b/.test(f.text)).map((f) => pf.varinit(f));
  const fromInit = pf.reachableFrom([...inits, ...varinits], { literals: true });
  const main = pf.main();
  const fromMain = main
    ? pf.reachableFrom([main], { go: true, literals: true, refs: true })
    : new Set<FuncInfo>();
  return new Set([...fromInit].filter((f) => !fromMain.has(f) && f.kind !== 'varinit'));
}

// --- locks -----------------------------------------------------------------------------------

/**
 * An init function (or a package variable initializer) calls runtime.LockOSThread, directly or
 * through package functions. A text pass first: the functions whose bodies mention
 * `LockOSThread(`, then the functions whose bodies mention those by name, a few levels up; only
 * when an `init` (or a `var` line) turns up is the package parsed to confirm the calls.
 */
function locksInInit(pf: PackageFuncs): boolean {
  const files = pf.pkg.files.filter((f) => !f.isTest);
  const funcs = files.flatMap((f) => textFuncsOf(f).filter((d) => d.bodyStart >= 0));
  const bodyOf = (d: (typeof funcs)[number]) => d.file.text.slice(d.bodyStart, d.bodyEnd);
  let names = new Set(funcs.filter((d) => bodyOf(d).includes('LockOSThread(')).map((d) => d.name));
  const lockers = new Set(names);
  for (let depth = 0; depth < 3 && names.size > 0 && !lockers.has('init'); depth++) {
    const next = new Set<string>();
    for (const d of funcs) {
      if (lockers.has(d.name) || d.recv) continue;
      const body = bodyOf(d);
      for (const n of names) if (new RegExp(`\\b${n}\\s*\\(`).test(body)) next.add(d.name);
    }
    for (const n of next) lockers.add(n);
    names = next;
  }
  // `var _ = lockMain()`: a package variable initializer that calls a locker.
  const callees = [...lockers, 'LockOSThread'].join('|');
  const varLine = new RegExp(`^var\\b[^\\n]*\\b(?:${callees})\\s*\\(`, 'm');
  const varLock = files.some((f) => varLine.test(f.text));
  if (!lockers.has('init') && !varLock) return false;
  const roots: FuncInfo[] = pf.inits().filter((f) => !f.file.isTest);
  if (varLock) for (const f of files) if (f.text.includes('LockOSThread')) roots.push(pf.varinit(f));
  for (const fn of pf.reachableFrom(roots)) {
    if (!fn.file.text.includes('LockOSThread')) continue;
    if (fn.calls.some((c) => isPkgCall(fn.file, c.call, 'runtime', ['LockOSThread']))) return true;
  }
  return false;
}

type Event = { kind: 'locked' } | { kind: 'go' } | { kind: 'bound'; site: Omit<Site, 'fn'> };

/**
 * Runs `fn` in source order (following package functions it calls): what comes first, a
 * LockOSThread call, a `go` statement, or a thread-bound call. With `followGo`, goroutines are
 * entered instead of stopping there and locks are passed over (used to find the first
 * thread-bound call to report).
 */
function walk(pf: PackageFuncs, fn: FuncInfo, visited: Set<FuncInfo>, followGo: boolean): Event | null {
  const events = [
    ...fn.calls.map((c) => ({ at: c.call.startIndex, call: c.call, targets: () => c.targets, go: false })),
    ...fn.goStmts.map((g) => ({ at: g.node.startIndex, call: g.call, targets: () => g.targets, go: true })),
  ].sort((a, b) => a.at - b.at);
  for (const ev of events) {
    if (ev.go && !followGo) return { kind: 'go' };
    if (!ev.go && !followGo && isPkgCall(fn.file, ev.call, 'runtime', ['LockOSThread']))
      return { kind: 'locked' };
    const b = boundCall(fn.file, ev.call);
    if (b) return { kind: 'bound', site: b };
    for (const t of ev.targets()) {
      if (visited.has(t)) continue;
      visited.add(t);
      const r = walk(pf, t, visited, followGo);
      if (r) return r;
    }
  }
  return null;
}

function firstBoundCall(pf: PackageFuncs, main: FuncInfo): Site | null {
  const r = walk(pf, main, new Set([main]), true);
  return r?.kind === 'bound' ? { ...r.site, fn: pf.enclosing(r.site.file, r.site.call) } : null;
}

/**
 * Every thread-bound call happens in a goroutine that locked its thread before making any of
 * them: inside functions reachable from that goroutine only, or in function literals handed
 * to it through a channel when the locked goroutine runs the functions it receives.
 */
function dedicatedGoroutine(pf: PackageFuncs, sites: Site[], initOnly: Set<FuncInfo>): boolean {
  const roots: FuncInfo[] = [];
  for (const fn of pf.all()) {
    for (const g of fn.goStmts) {
      for (const t of g.targets) if (walk(pf, t, new Set([t]), false)?.kind === 'locked') roots.push(t);
    }
  }
  if (roots.length === 0) return false;
  const inside = pf.reachableFrom(roots, { literals: true });
  const main = pf.main();
  const inits = pf.inits().filter((f) => !f.file.isTest);
  const elsewhere = pf.reachableFrom([...(main ? [main] : []), ...inits]);
  const runsQueue = [...inside].some((f) => f.calls.some((c) => callsReceivedFunc(c.call)));
  return sites.every((s) => {
    if (initOnly.has(s.fn)) return true;
    if (elsewhere.has(s.fn)) return false;
    if (inside.has(s.fn)) return true;
    return runsQueue && handedOver(s.fn);
  });
}

/** `f()` where f came from a channel (`for f := range q`, `f := <-q`), or `(<-q)()`. */
function callsReceivedFunc(call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  const callee = unparen(fn);
  if (callee.type === 'unary_expression' && callee.child(0)?.type === '<-') return true;
  if (callee.type !== 'identifier') return false;
  const decl = resolveLocal(callee);
  if (!decl) return false;
  for (let p = decl.parent; p; p = p.parent) {
    if (p.type === 'range_clause') return true;
    if (p.type === 'receive_statement') return true;
    if (p.type === 'short_var_declaration' || p.type === 'var_spec' || p.type === 'assignment_statement') {
      const right = p.childForFieldName('right') ?? p.childForFieldName('value');
      return right !== null && /^<-/.test(right.text.trim());
    }
    if (p.type.endsWith('_statement') || p.type === 'block') break;
  }
  return false;
}

/** The function is (inside) a literal sent on a channel or passed to another function. */
function handedOver(fn: FuncInfo): boolean {
  for (let f: FuncInfo | null = fn; f && f.kind === 'literal'; f = f.parent) {
    const p = f.node.parent;
    if (p?.type === 'send_statement' || p?.type === 'argument_list') return true;
  }
  return false;
}
