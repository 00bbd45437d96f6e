import type { Node } from 'web-tree-sitter';
import type { Related } from '../../core/finding.js';
import { atLeast } from '../../core/goversion.js';
import { argsOf, calleeOf, isPkgCall } from '../analysis/calls.js';
import { callsNamed, constInt, resolveLocal, textMayCall } from '../analysis/funcs.js';
import type { GoFile, Package } from '../model.js';
import type { PackageRule } from '../rule.js';

const CONVERSIONS = /^(u?int(8|16|32|64)?|uintptr|float(32|64))$/;
const PRINTERS = /^[SF]?Print(f|ln)?$|^Errorf$|^(Fatal|Panic)(f|ln)?$/;
const METHOD_PRINTERS = /^(Print|Log|Info|Debug|Warn|Error|Trace)(f|ln|w)?$/;

/** `make` (the builtin) when `call` is `make(...)`. */
function isMake(call: Node): boolean {
  const fn = call.childForFieldName('function');
  return fn?.type === 'identifier' && fn.text === 'make' && resolveLocal(fn) === null;
}

function argIndex(call: Node, n: Node): number {
  return argsOf(call).findIndex((a) => a.startIndex === n.startIndex && a.endIndex === n.endIndex);
}

/** `runtime.NumCPU()`, or `runtime.GOMAXPROCS(q)` with q < 1 (a query). */
function isCPUQuery(pkg: Package, file: GoFile, call: Node): string | null {
  if (isPkgCall(file, call, 'runtime', ['NumCPU'])) return 'runtime.NumCPU()';
  if (!isPkgCall(file, call, 'runtime', ['GOMAXPROCS'])) return null;
  const arg = argsOf(call)[0];
  const v = arg ? constInt(pkg, file, arg) : null;
  return v !== null && v < 1 ? `runtime.GOMAXPROCS(${arg!.text})` : null;
}

/**
 * Where the value of `call` goes when it is evaluated at package initialization: the names of
 * the package-level variables it initializes, 'sizing' when it only sizes a `make`, or null
 * when it does not run at initialization (inside a function, or a literal not called there).
 */
function initTarget(call: Node): { names: Node[]; spec: Node } | 'sizing' | null {
  let n: Node = call;
  // `workers = runtime.NumCPU()` inside `func init()`: the same one-time evaluation.
  let assigned: { stmt: Node; value: Node } | null = null;
  for (let p = n.parent; p; n = p, p = p.parent) {
    switch (p.type) {
      case 'assignment_statement':
        if (!assigned && p.childForFieldName('right')?.startIndex === n.startIndex)
          assigned = { stmt: p, value: n };
        break;
      case 'argument_list': {
        const c = p.parent;
        if (c?.type === 'call_expression' && isMake(c) && argIndex(c, n) >= 1) return 'sizing';
        break;
      }
      case 'func_literal': {
        let up: Node = p;
        while (up.parent?.type === 'parenthesized_expression') up = up.parent;
        const c = up.parent;
        if (c?.type !== 'call_expression' || c.childForFieldName('function')?.startIndex !== up.startIndex)
          return null;
        break;
      }
      case 'function_declaration': {
        if (!assigned || p.childForFieldName('name')?.text !== 'init') return null;
        const left = assigned.stmt.childForFieldName('left')?.namedChildren ?? [];
        const right = assigned.value.namedChildren;
        const i = right.findIndex((v) => v && v.startIndex <= call.startIndex && v.endIndex >= call.endIndex);
        const picked = left.length === right.length && i >= 0 ? [left[i]] : left;
        const names = picked.filter((x): x is Node => x?.type === 'identifier' && resolveLocal(x) === null);
        return names.length > 0 ? { names, spec: assigned.stmt } : null;
      }
      case 'method_declaration':
      case 'const_spec':
        return null;
      case 'var_spec': {
        let d = p.parent;
        if (d?.type === 'var_spec_list') d = d.parent;
        if (d?.parent?.type !== 'source_file') return null;
        const names = p.childrenForFieldName('name').filter((x): x is Node => x !== null);
        const values = p.childForFieldName('value');
        const list = values?.type === 'expression_list' ? values.namedChildren : values ? [values] : [];
        if (list.length === names.length) {
          const i = list.findIndex(
            (v) => v && v.startIndex <= call.startIndex && v.endIndex >= call.endIndex,
          );
          if (i >= 0) return { names: [names[i]], spec: p };
        }
        return { names, spec: p };
      }
    }
  }
  return null;
}

type Use = 'sizing' | 'display' | 'bound';

/** What one reference to the cached variable does with it. */
function classify(file: GoFile, ident: Node): Use {
  let n: Node = ident;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (p.type === 'parenthesized_expression') continue;
    if (p.type === 'binary_expression') {
      const op = p.childForFieldName('operator')?.type ?? '';
      if (['+', '-', '*', '/', '%', '<<', '>>'].includes(op)) continue;
      return 'bound';
    }
    if (p.type === 'argument_list') {
      const c = p.parent;
      if (c?.type !== 'call_expression') return 'bound';
      const fn = c.childForFieldName('function');
      if (fn?.type === 'identifier' && CONVERSIONS.test(fn.text) && !resolveLocal(fn)) {
        n = c;
        p = c;
        continue;
      }
      if (isMake(c) && argIndex(c, n) >= 1) {
        // A channel sized by the CPU count is a semaphore or worker queue: it bounds concurrency.
        return argsOf(c)[0]?.type === 'channel_type' ? 'bound' : 'sizing';
      }
      const callee = calleeOf(file, c);
      if (callee?.pkg === 'fmt' || callee?.pkg === 'log')
        return PRINTERS.test(callee.name) ? 'display' : 'bound';
      if (callee && !callee.pkg && callee.recv && METHOD_PRINTERS.test(callee.name)) return 'display';
      return 'bound';
    }
    return 'bound';
  }
  return 'bound';
}

/** References to the package-level variable `name` (not its declaration, not shadowed names). */
function usesOf(pkg: Package, name: string, declFile: GoFile, decl: Node): { file: GoFile; node: Node }[] {
  const out: { file: GoFile; node: Node }[] = [];
  const word = new RegExp(`\\b${name}\\b`, 'g');
  for (const file of pkg.files) {
    if (!file.text.includes(name)) continue;
    for (const m of file.text.matchAll(word)) {
      const i = m.index ?? 0;
      const n = file.root.descendantForIndex(i, i + name.length);
      if (n?.type !== 'identifier' || n.text !== name) continue;
      if (file === declFile && n.startIndex === decl.startIndex) continue;
      if (resolveLocal(n)) continue;
      const p = n.parent;
      // Its declaration and assignments to it are not uses of the value.
      if (
        p?.type === 'var_spec' &&
        p.childrenForFieldName('name').some((x) => x?.startIndex === n.startIndex)
      )
        continue;
      if (
        p?.type === 'expression_list' &&
        p.parent?.type === 'assignment_statement' &&
        p.parent.childForFieldName('left')?.startIndex === p.startIndex
      )
        continue;
      if (
        p?.type === 'literal_element' &&
        p.parent?.type === 'keyed_element' &&
        p.parent.namedChild(0)?.startIndex === p.startIndex
      )
        continue;
      out.push({ file, node: n });
    }
  }
  return out;
}

export const RT002: PackageRule = {
  id: 'RT002',
  name: 'cached-cpu-count',
  severity: 'warning',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'CPU count cached in a package-level variable at initialization',
  prefilter: /NumCPU|GOMAXPROCS/,
  trainer: { difficulty: 2, essential: ['Run', 'jobs'] },
  docs: {
    symptom:
      'The program sizes its worker pools, semaphores or parallelism limits for the wrong number of CPUs: ' +
      'a pod limited to 2 CPUs on a 64-core node starts 64 workers and spends its CPU quota on contention ' +
      'and throttling; after the CPU limit changes (Go 1.25+ follows it) the pool keeps its old size.',
    why:
      'A package-level initializer runs exactly once, during package initialization, before `main` (for a ' +
      'plugin, inside `plugin.Open`). `runtime.NumCPU()` counts the CPUs in the affinity mask and ignores ' +
      'cgroup CPU quotas. `runtime.GOMAXPROCS(0)` is better, but its value can change after initialization: ' +
      'a later `GOMAXPROCS(n)` call (go.uber.org/automaxprocs does one from its own `init`, which may run ' +
      'after yours), and from Go 1.25 the runtime itself, which follows the container CPU limit and re-reads ' +
      'it about once a second. A copy taken at initialization never sees any of that.',
    fix:
      'Read the value where it is used, `runtime.GOMAXPROCS(0)`, e.g. when a pool is built or a request ' +
      'fans out. Sizing a buffer or a slice capacity from it at initialization is harmless; bounding ' +
      'concurrency with it is not.',
    versions:
      'All releases; since Go 1.25 (go.mod `go 1.25` or later) GOMAXPROCS follows the cgroup CPU limit at run ' +
      'time, which makes a cached copy go stale on its own.',
    references: [
      'runtime.NumCPU and runtime.GOMAXPROCS documentation',
      'Go 1.25 release notes, "Container-aware GOMAXPROCS"',
      'The Go Programming Language Specification, "Package initialization"',
    ],
    bad: [
      {
        title: 'A worker count fixed at initialization',
        files: [
          {
            name: 'pool.go',
            text:
              'package pool\n\nimport (\n\t"runtime"\n\t"sync"\n)\n\nvar numWorkers = runtime.NumCPU()\n\n' +
              'func Run(jobs <-chan func()) {\n\tvar wg sync.WaitGroup\n\tfor i := 0; i < numWorkers; i++ {\n' +
              '\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor job := range jobs {\n\t\t\t\tjob()\n' +
              '\t\t\t}\n\t\t}()\n\t}\n\twg.Wait()\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Asking when the pool starts',
        files: [
          {
            name: 'pool.go',
            text:
              'package pool\n\nimport (\n\t"runtime"\n\t"sync"\n)\n\n' +
              'func Run(jobs <-chan func()) {\n\tvar wg sync.WaitGroup\n\tfor i := 0; i < runtime.GOMAXPROCS(0); i++ {\n' +
              '\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor job := range jobs {\n\t\t\t\tjob()\n' +
              '\t\t\t}\n\t\t}()\n\t}\n\twg.Wait()\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const modern = ctx.versions.language !== null && atLeast(ctx.versions.language, 25);
    const seen = new Set<Node>();
    for (const file of ctx.pkg.files) {
      // A test binary is short-lived; only the program's package state matters here.
      if (file.isTest) continue;
      if (!/^var\b|^func init\(/m.test(file.text)) continue;
      if (!textMayCall(file, 'runtime', 'NumCPU') && !textMayCall(file, 'runtime', 'GOMAXPROCS')) continue;
      const calls = [...callsNamed(file, 'NumCPU'), ...callsNamed(file, 'GOMAXPROCS')];
      for (const call of calls) {
        const what = isCPUQuery(ctx.pkg, file, call);
        if (!what) continue;
        const target = initTarget(call);
        if (target === null || target === 'sizing') continue;
        for (const nameNode of target.names) {
          if (seen.has(nameNode) || nameNode.text === '_') continue;
          seen.add(nameNode);
          const name = nameNode.text;
          const exported = /^[A-Z]/.test(name);
          const uses = usesOf(ctx.pkg, name, file, nameNode);
          const bound = uses.find((u) => classify(u.file, u.node) === 'bound');
          // Used, and only to size buffers or in log lines: staleness does not matter.
          if (!exported && !bound && uses.length > 0) continue;
          const related: Related[] = bound
            ? [
                {
                  file: bound.file.path,
                  line: bound.node.startPosition.row + 1,
                  message: `\`${name}\` is used here`,
                },
              ]
            : [];
          const later = modern
            ? 'with go >= 1.25 GOMAXPROCS follows the container CPU limit at run time, so this copy goes stale'
            : what.startsWith('runtime.NumCPU')
              ? 'NumCPU ignores container CPU quotas, and a later GOMAXPROCS change (automaxprocs, the deployment) is never seen'
              : 'a later GOMAXPROCS change (automaxprocs, a GOMAXPROCS call in main) is never seen';
          ctx.report({
            file,
            at: call,
            message:
              `package-level \`${name}\` caches ${what} once, at package initialization (plugin.Open for a plugin); ` +
              `${later}. Call runtime.GOMAXPROCS(0) where the value bounds concurrency.`,
            related,
          });
        }
      }
    }
  },
};
