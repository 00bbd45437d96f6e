import type { Node } from 'web-tree-sitter';
import { calleeOf, importNames, isPkgCall, unparen } from '../analysis/calls.js';
import {
  callsNamed,
  type FuncInfo,
  type PackageFuncs,
  packageFuncs,
  resolveLocal,
  textMayCall,
} from '../analysis/funcs.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

/** Calls that read heap statistics or write a heap profile: the reason to collect first. */
const MEASUREMENTS: [string, string[]][] = [
  ['runtime', ['ReadMemStats', 'MemProfile']],
  ['runtime/pprof', ['WriteHeapProfile', 'Lookup']],
  ['runtime/metrics', ['Read']],
  ['runtime/debug', ['ReadGCStats', 'WriteHeapDump']],
];

/** `p.WriteTo(w, 0)` where `p` came from `pprof.Lookup(...)` or is declared as a `*pprof.Profile`. */
function isProfileWrite(file: GoFile, call: Node): boolean {
  const c = calleeOf(file, call);
  if (c?.name !== 'WriteTo' || !c.recv) return false;
  let recv = unparen(c.recv);
  if (recv.type === 'identifier') {
    const decl = resolveLocal(recv);
    const d = decl?.parent;
    if (!d) return false;
    const type = d.childForFieldName('type');
    if (type) {
      const m = /^\*?\s*([A-Za-z_]\w*)\.Profile$/.exec(type.text.trim());
      return m !== null && importNames(file).get(m[1]) === 'runtime/pprof';
    }
    const list = d.type === 'expression_list' ? d : null;
    const stmt = list?.parent;
    if (!list || !stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement'))
      return false;
    const idx = list.namedChildren.findIndex((n) => n?.startIndex === decl!.startIndex);
    const value = stmt.childForFieldName('right')?.namedChild(idx);
    if (!value) return false;
    recv = unparen(value);
  }
  return recv.type === 'call_expression' && isPkgCall(file, recv, 'runtime/pprof', ['Lookup', 'NewProfile']);
}

/** Method names that read or write heap statistics through an interface we cannot resolve. */
const MEASURING_NAME = /Profile|MemStats|HeapDump|GCStats/;

function isMeasurement(file: GoFile, call: Node): boolean {
  for (const [pkg, names] of MEASUREMENTS) if (isPkgCall(file, call, pkg, names)) return true;
  if (isProfileWrite(file, call)) return true;
  const c = calleeOf(file, call);
  return c !== null && c.pkg === undefined && c.recv !== undefined && MEASURING_NAME.test(c.name);
}

/**
 * The collection serves another purpose than freeing memory: running finalizers or checking
 * liveness (the function also calls runtime.SetFinalizer/KeepAlive), or it is an option the
 * caller asked for (`if callGC { runtime.GC() }`, `if opts.gc > 0 {...}`); or the function
 * returns the memory right after with debug.FreeOSMemory.
 */
function otherPurpose(fn: FuncInfo, gc: Node): boolean {
  if (fn.calls.some((c) => isPkgCall(fn.file, c.call, 'runtime', ['SetFinalizer', 'KeepAlive']))) return true;
  // Followed by debug.FreeOSMemory: the memory is handed back anyway.
  if (
    fn.calls.some(
      (c) => c.call.startIndex > gc.endIndex && isPkgCall(fn.file, c.call, 'runtime/debug', ['FreeOSMemory']),
    )
  )
    return true;
  for (let p = gc.parent; p && p.startIndex >= (fn.body?.startIndex ?? 0); p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    // An option literally named gc (`gc == GC`, `*gc > 0`) or a debug/test hook (`callGC`).
    if (cond && /\bgc\b|\b(?:call|debug|test)\w*gc\b/i.test(cond.text)) return true;
  }
  return false;
}

class Measures {
  private readonly direct = new Map<FuncInfo, boolean>();
  constructor(private readonly pf: PackageFuncs) {}

  /** The function itself makes a measurement call (or defers one). */
  private own(fn: FuncInfo): boolean {
    let v = this.direct.get(fn);
    if (v === undefined) {
      v =
        fn.calls.some((c) => isMeasurement(fn.file, c.call)) ||
        fn.defers.some((d) => isMeasurement(fn.file, d.call));
      this.direct.set(fn, v);
    }
    return v;
  }

  /** Some function synchronously reachable from `targets` measures. */
  reaches(targets: FuncInfo[]): boolean {
    if (targets.length === 0) return false;
    for (const f of this.pf.reachableFrom(targets)) if (this.own(f)) return true;
    return false;
  }

  /** After `gc` in `fn`: a measurement, a same-package call that measures, or a deferred one. */
  after(fn: FuncInfo, gc: Node): boolean {
    for (const c of fn.calls) {
      if (c.call.startIndex < gc.endIndex) continue;
      if (isMeasurement(fn.file, c.call) || this.reaches(c.targets)) return true;
    }
    return fn.defers.some((d) => isMeasurement(fn.file, d.call) || this.reaches(d.targets));
  }
}

export const RT006: PackageRule = {
  id: 'RT006',
  name: 'gc-to-release-memory',
  severity: 'info',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'runtime.GC() does not give memory back to the operating system right away',
  prefilter: /GC\(\)/,
  trainer: { difficulty: 1, essential: ['ProcessAll', 'process'] },
  docs: {
    symptom:
      'A forced `runtime.GC()` after a big job makes `MemStats.HeapAlloc` drop, yet the RSS seen by `top`, ' +
      '`ps` or the container stays where it was for minutes, and the OOM killer still counts it. Calling it ' +
      'in a loop or a timer mostly costs CPU: each call is a full, blocking collection.',
    why:
      'A collection frees heap objects for reuse by the Go allocator. Returning the now-free pages to the ' +
      'operating system is a separate job, done gradually by the background scavenger (and more eagerly ' +
      'only near a memory limit). So `runtime.GC()` changes what Go can reuse, not what the kernel sees. The ' +
      'call is right before measuring the heap (a heap profile, `ReadMemStats`), which is why the pprof ' +
      'documentation suggests it there.',
    fix:
      'To hand memory back, call `debug.FreeOSMemory()`, which collects and then returns as much as it can. ' +
      'To keep a container under its limit, set a soft limit with `GOMEMLIMIT` or `debug.SetMemoryLimit` ' +
      'and let the runtime collect and scavenge as needed. Keep `runtime.GC()` only right before reading ' +
      'heap statistics or writing a heap profile.',
    versions:
      'All releases; the scavenger became more eager in Go 1.13 and memory-limit driven in Go 1.19, but a ' +
      'plain collection still does not return all free memory at once.',
    references: [
      'runtime.GC and runtime/debug.FreeOSMemory documentation',
      'runtime/pprof documentation (WriteHeapProfile, "heap" profile)',
      'src/runtime/mgcscavenge.go',
    ],
    bad: [
      {
        title: 'Forcing a collection to shrink the process after each batch',
        files: [
          {
            name: 'worker.go',
            text:
              'package worker\n\nimport "runtime"\n\n' +
              'func ProcessAll(batches [][]byte) {\n\tfor _, b := range batches {\n\t\tprocess(b)\n' +
              '\t\truntime.GC() // give the memory back\n\t}\n}\n\nfunc process(b []byte) {}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Returning memory with debug.FreeOSMemory',
        files: [
          {
            name: 'worker.go',
            text:
              'package worker\n\nimport "runtime/debug"\n\n' +
              'func ProcessAll(batches [][]byte) {\n\tfor _, b := range batches {\n\t\tprocess(b)\n\t}\n' +
              '\tdebug.FreeOSMemory()\n}\n\nfunc process(b []byte) {}\n',
          },
        ],
      },
      {
        title: 'Collecting right before a heap profile',
        files: [
          {
            name: 'profile.go',
            text:
              'package worker\n\nimport (\n\t"os"\n\t"runtime"\n\t"runtime/pprof"\n)\n\n' +
              'func DumpHeap(path string) error {\n\tf, err := os.Create(path)\n\tif err != nil {\n\t\treturn err\n\t}\n' +
              '\tdefer f.Close()\n\truntime.GC() // up-to-date statistics\n\treturn pprof.WriteHeapProfile(f)\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    let measures: Measures | null = null;
    for (const file of ctx.pkg.files) {
      if (file.isTest || !textMayCall(file, 'runtime', 'GC')) continue;
      for (const call of callsNamed(file, 'GC')) {
        if (!isPkgCall(file, call, 'runtime', ['GC'])) continue;
        const pf = packageFuncs(ctx.pkg);
        measures ??= new Measures(pf);
        const fn = pf.enclosing(file, call);
        if (measures.after(fn, call) || otherPurpose(fn, call)) continue;
        ctx.report({
          file,
          at: call,
          message:
            'runtime.GC() frees heap objects but does not hand the memory back to the OS right away (the ' +
            'scavenger does that gradually), so RSS stays high; use debug.FreeOSMemory() to return it, or a ' +
            'memory limit (GOMEMLIMIT) to keep the heap bounded.',
          fix: { description: 'replace runtime.GC() with debug.FreeOSMemory(), or set GOMEMLIMIT' },
        });
      }
    }
  },
};
