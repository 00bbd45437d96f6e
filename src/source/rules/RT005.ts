import type { Node } from 'web-tree-sitter';
import { argsOf, isPkgCall } from '../analysis/calls.js';
import { callsNamed, constInt, textMayCall } from '../analysis/funcs.js';
import type { GoFile, Package } from '../model.js';
import type { PackageRule } from '../rule.js';

const DEBUG = 'runtime/debug';

/** `debug.SetMemoryLimit(n)` that sets a limit: not a query (n < 0) and not "no limit" (MaxInt64). */
function setsLimit(pkg: Package, file: GoFile, call: Node): boolean {
  if (!isPkgCall(file, call, DEBUG, ['SetMemoryLimit'])) return false;
  const arg = argsOf(call)[0];
  if (!arg || /\bMaxInt(64)?$/.test(arg.text)) return false;
  const v = constInt(pkg, file, arg);
  return v === null || v >= 0;
}

export const RT005: PackageRule = {
  id: 'RT005',
  name: 'gc-disabled',
  severity: 'warning',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'debug.SetGCPercent(-1) switches the garbage collector off for good',
  prefilter: /SetGCPercent/,
  trainer: { difficulty: 2, essential: ['importFile'] },
  docs: {
    symptom:
      'Memory only grows. `runtime.MemStats.NumGC` stops increasing, RSS climbs with every allocation, and ' +
      'the process eventually dies: `fatal error: runtime: out of memory`, or a silent SIGKILL from the ' +
      'kernel or the container runtime (`OOMKilled`, exit status 137).',
    why:
      'A negative percentage disables the collector until someone sets a non-negative one again. That ' +
      'includes the periodic forced collection the runtime otherwise runs every two minutes, so nothing ' +
      'frees the heap. Since Go 1.19 there is one exception: when a memory limit is in place ' +
      '(`GOMEMLIMIT` or `debug.SetMemoryLimit`) the collector still runs as the heap approaches that limit, ' +
      'which is the supported way to say "collect only when memory gets tight".',
    fix:
      'Switch the collector off only around the code that needs it and put the old value back:\n\n' +
      '```go\nold := debug.SetGCPercent(-1)\ndefer debug.SetGCPercent(old)\n```\n\n' +
      'For "GC only under memory pressure", keep `SetGCPercent(-1)` but also call ' +
      '`debug.SetMemoryLimit(limit)` (or set `GOMEMLIMIT`) on Go 1.19 or later.',
    versions:
      'All releases. The memory-limit exception exists from Go 1.19 (`debug.SetMemoryLimit`, `GOMEMLIMIT`).',
    references: [
      'runtime/debug.SetGCPercent and SetMemoryLimit documentation',
      'A Guide to the Go Garbage Collector (go.dev/doc/gc-guide), "Memory limit"',
      'src/runtime/mgcpacer.go (forcegcperiod)',
    ],
    bad: [
      {
        title: 'A batch job that turns the collector off for speed',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport "runtime/debug"\n\n' +
              'func main() {\n\tdebug.SetGCPercent(-1) // the import runs faster without GC\n' +
              '\tfor _, path := range inputs() {\n\t\timportFile(path)\n\t}\n}\n\n' +
              'func inputs() []string    { return nil }\nfunc importFile(path string) {}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Off only for one phase, then restored',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport "runtime/debug"\n\n' +
              'func main() {\n\tbulkImport()\n\tserve()\n}\n\n' +
              'func bulkImport() {\n\tprev := debug.SetGCPercent(-1)\n\tdefer debug.SetGCPercent(prev)\n' +
              '\tfor _, path := range inputs() {\n\t\timportFile(path)\n\t}\n}\n\n' +
              'func inputs() []string    { return nil }\nfunc importFile(path string) {}\nfunc serve() {}\n',
          },
        ],
      },
      {
        title: 'GC off, but bounded by a memory limit',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport "runtime/debug"\n\n' +
              'func main() {\n\tdebug.SetMemoryLimit(3 << 30)\n\tdebug.SetGCPercent(-1)\n\tserve()\n}\n\n' +
              'func serve() {}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const disables: { file: GoFile; call: Node; value: number }[] = [];
    // Restoring calls, separately for test files: a restore in a test does not help the program.
    let restoresProgram = false;
    let restoresTests = false;
    let limited = false;
    for (const file of ctx.pkg.files) {
      if (textMayCall(file, DEBUG, 'SetMemoryLimit')) {
        if (callsNamed(file, 'SetMemoryLimit').some((c) => setsLimit(ctx.pkg, file, c))) {
          limited = true;
          break;
        }
      }
      if (!textMayCall(file, DEBUG, 'SetGCPercent')) continue;
      for (const call of callsNamed(file, 'SetGCPercent')) {
        if (!isPkgCall(file, call, DEBUG, ['SetGCPercent'])) continue;
        const arg = argsOf(call)[0];
        if (!arg) continue;
        const value = constInt(ctx.pkg, file, arg);
        if (value !== null && value < 0) disables.push({ file, call, value });
        else if (file.isTest) restoresTests = true;
        else restoresProgram = true;
      }
    }
    if (limited) return;
    for (const d of disables) {
      if (restoresProgram || (d.file.isTest && restoresTests)) continue;
      const shown = d.value === -1 ? '-1' : `${d.value}`;
      ctx.report({
        file: d.file,
        at: d.call,
        message:
          `debug.SetGCPercent(${shown}) turns the garbage collector off and nothing in this package turns it back on ` +
          'or sets a memory limit, so the heap only grows until the process runs out of memory; restore the old ' +
          'value (`defer debug.SetGCPercent(old)`) or pair it with debug.SetMemoryLimit (Go 1.19+).',
        fix: { description: 'save the previous percentage and restore it with defer, or set a memory limit' },
      });
    }
  },
};
