import type { Node } from 'web-tree-sitter';
import { atLeast } from '../../core/goversion.js';
import { argsOf, isPkgCall, unparen } from '../analysis/calls.js';
import { callsNamed, constInt, resolveLocal, textMayCall } from '../analysis/funcs.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

/** `runtime.NumCPU()`, also wrapped in parentheses. */
function isNumCPU(file: GoFile, arg: Node): boolean {
  const a = unparen(arg);
  return a.type === 'call_expression' && isPkgCall(file, a, 'runtime', ['NumCPU']);
}

/**
 * The argument restores a saved setting: `runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))` (the outer
 * call) or `old := runtime.GOMAXPROCS(4); ...; runtime.GOMAXPROCS(old)`. The inner call is the
 * override and is reported on its own.
 */
function isRestore(file: GoFile, arg: Node): boolean {
  const a = unparen(arg);
  if (a.type === 'call_expression') return isPkgCall(file, a, 'runtime', ['GOMAXPROCS']);
  if (a.type !== 'identifier') return false;
  const decl = resolveLocal(a);
  const list = decl?.parent;
  if (list?.type !== 'expression_list' || list.parent?.type !== 'short_var_declaration') return false;
  const idx = list.namedChildren.findIndex((n) => n?.startIndex === decl!.startIndex);
  const value = list.parent.childForFieldName('right')?.namedChild(idx);
  return value?.type === 'call_expression' && isPkgCall(file, value, 'runtime', ['GOMAXPROCS']);
}

export const RT003: PackageRule = {
  id: 'RT003',
  name: 'gomaxprocs-override',
  severity: 'warning',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'runtime.GOMAXPROCS(n) overrides the scheduler default',
  prefilter: /GOMAXPROCS/,
  trainer: { difficulty: 1, essential: ['Printf'] },
  docs: {
    symptom:
      'No error: the program simply runs with a different number of Ps than the platform would pick. ' +
      'In a container with a CPU limit (say `cpu: 2` on a 32-core node), `runtime.GOMAXPROCS(runtime.NumCPU())` ' +
      'gives the program 32 Ps; it burns its CFS quota in a fraction of each period and then stalls, ' +
      'which shows up as tail-latency spikes and `nr_throttled` growing in `cpu.stat`. With a go.mod at ' +
      '`go 1.25` or later the same call also freezes GOMAXPROCS: later changes to the container limit are ' +
      'no longer picked up.',
    why:
      'Before Go 1.25 the default GOMAXPROCS is `runtime.NumCPU()`, which counts the CPUs in the ' +
      "process's affinity mask and knows nothing about cgroup quotas, so passing `NumCPU()` explicitly " +
      'only cements that blind spot. From Go 1.25 (language version in go.mod) the runtime derives the ' +
      'default from the cgroup CPU limit as well (never below 2 unless fewer CPUs are available) and ' +
      're-reads it periodically. Any call with `n >= 1`, even with the value already in effect, switches ' +
      'those automatic updates off; `runtime.SetDefaultGOMAXPROCS()` switches them back on. A call with ' +
      '`n < 1` only reports the current value.',
    fix:
      'Drop the call and let the runtime choose. Before Go 1.25, in containers, use ' +
      '`import _ "go.uber.org/automaxprocs"`, or set the `GOMAXPROCS` environment variable from the ' +
      'deployment. When a fixed value is truly wanted, make it configurable rather than computed from ' +
      '`NumCPU()`. To read the value, call `runtime.GOMAXPROCS(0)`.',
    versions:
      'All releases; the cgroup-aware default and its periodic updates arrived in Go 1.25 (GODEBUG ' +
      '`containermaxprocs=0` and `updatemaxprocs=0` turn them off).',
    references: [
      'runtime.GOMAXPROCS and runtime.SetDefaultGOMAXPROCS documentation',
      'Go 1.25 release notes, "Container-aware GOMAXPROCS"',
      'src/runtime/debug.go',
      'https://github.com/uber-go/automaxprocs',
    ],
    bad: [
      {
        title: 'Pinning GOMAXPROCS to the host CPU count',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"log"\n\t"runtime"\n)\n\n' +
              'func main() {\n\truntime.GOMAXPROCS(runtime.NumCPU())\n\tlog.Printf("scheduling on %d Ps", runtime.GOMAXPROCS(0))\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Only reading the current value',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"log"\n\t"runtime"\n)\n\n' +
              'func main() {\n\tlog.Printf("scheduling on %d Ps", runtime.GOMAXPROCS(0))\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const modern = ctx.versions.language !== null && atLeast(ctx.versions.language, 25);
    for (const file of ctx.pkg.files) {
      // Tests set GOMAXPROCS to exercise the scheduler; the test binary is not deployed.
      if (file.isTest || !textMayCall(file, 'runtime', 'GOMAXPROCS')) continue;
      for (const call of callsNamed(file, 'GOMAXPROCS')) {
        if (!isPkgCall(file, call, 'runtime', ['GOMAXPROCS'])) continue;
        const arg = argsOf(call)[0];
        if (!arg) continue;
        const value = constInt(ctx.pkg, file, arg);
        // n < 1 only queries the current setting.
        if (value !== null && value < 1) continue;
        if (isRestore(file, arg)) continue;
        const numCPU = isNumCPU(file, arg);
        const what = value !== null ? `${value}` : numCPU ? 'runtime.NumCPU()' : `\`${arg.text}\``;
        let message: string;
        if (modern) {
          message =
            `runtime.GOMAXPROCS(${numCPU ? 'runtime.NumCPU()' : arg.text}) turns off Go 1.25's automatic GOMAXPROCS, ` +
            'which follows the container CPU limit and its later changes; drop the call (or call ' +
            'runtime.SetDefaultGOMAXPROCS() to get the automatic value back).';
        } else if (numCPU) {
          message =
            'runtime.GOMAXPROCS(runtime.NumCPU()) sets the default explicitly: NumCPU ignores the container CPU ' +
            'quota, so a CPU-limited pod runs one P per host CPU and gets throttled; drop the call and use ' +
            'go.uber.org/automaxprocs or the GOMAXPROCS environment variable.';
        } else {
          message =
            `GOMAXPROCS is set to ${what} here instead of the runtime default; make sure that value fits the ` +
            "CPUs the process may really use (a container's CPU limit is not in NumCPU).";
        }
        ctx.report({ file, at: call, message, severity: numCPU ? 'warning' : 'info' });
      }
    }
  },
};
