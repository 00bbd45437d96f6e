import type { ModuleInfo } from '../../source/model.js';
import type { Setting } from '../model.js';
import type { BuildContext, BuildRule } from '../rule.js';

export const BLD006: BuildRule = {
  id: 'BLD006',
  name: 'container-gomaxprocs',
  severity: 'info',
  lens: 'build',
  subsystem: 'build',
  title:
    "GOMAXPROCS ignores the container CPU limit (Go < 1.25), or a fixed value switches off 1.25's tracking",
  docs: {
    symptom:
      'A service with `resources.limits.cpu: "2"` on a 64-core node runs 64 Ps: the kernel\'s CFS quota ' +
      'throttles the whole pod for most of every 100 ms period, and tail latency grows with the node ' +
      'size (`container_cpu_cfs_throttled_periods_total` climbs) while average CPU looks low.',
    why:
      'Before Go 1.25 the runtime sets GOMAXPROCS to the number of CPUs the process may run on (the ' +
      'affinity mask), which in a container is usually every CPU of the node; the cgroup CPU quota is ' +
      'ignored. Go 1.25 reads the cgroup limit and keeps GOMAXPROCS in step with it — unless a ' +
      'GOMAXPROCS environment variable is set (or GOMAXPROCS is called), which fixes the value and ' +
      "turns the updates off. The first case is judged from the module's `go` line (the GODEBUG default " +
      'follows it) and Kubernetes manifests with a CPU limit; a Dockerfile alone is no evidence of a ' +
      'limit.',
    fix:
      'Go < 1.25: import `go.uber.org/automaxprocs` (`import _ "go.uber.org/automaxprocs"`), or set ' +
      'GOMAXPROCS from the limit in the manifest (`valueFrom: resourceFieldRef: {resource: limits.cpu}`), ' +
      'or move the module to Go 1.25. Go >= 1.25: remove the GOMAXPROCS setting (keep it only where the ' +
      'pinning is deliberate, and say so with `# gotrap:ignore BLD006 -- why`).',
    versions:
      'Go <= 1.24: quota ignored. Go 1.25+: cgroup-aware (GODEBUG updatemaxprocs, containermaxprocs).',
    references: [
      'Go 1.25 release notes (runtime: container-aware GOMAXPROCS)',
      'go.uber.org/automaxprocs',
      'catalog BLD006',
    ],
    bad: [
      {
        title: 'A Go 1.22 service with a CPU limit',
        files: [
          { name: 'go.mod', text: 'module example.com/api\n\ngo 1.22\n' },
          {
            name: 'deploy.yaml',
            text:
              'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n' +
              '      containers:\n        - name: api\n          image: example/api:1\n          resources:\n' +
              '            limits:\n              cpu: "2"\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'automaxprocs follows the limit',
        files: [
          { name: 'go.mod', text: 'module example.com/api\n\ngo 1.22\n' },
          {
            name: 'main.go',
            text: 'package main\n\nimport _ "go.uber.org/automaxprocs"\n\nfunc main() {}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    // Whether a module already follows the limit, worked out once per module.
    const handledBy = new Map<ModuleInfo, string | null>();
    const isHandled = (mod: ModuleInfo): string | null => {
      if (!handledBy.has(mod)) handledBy.set(mod, handled(ctx, mod));
      return handledBy.get(mod) ?? null;
    };
    for (const w of ctx.workloads) {
      const mod = ctx.moduleFor(w.file);
      if (!mod?.go) continue;
      const go = mod.go;
      const modern = go.major > 1 || go.minor >= 25;
      for (const c of w.containers) {
        if (modern) {
          for (const e of c.env) {
            if (e.name !== 'GOMAXPROCS') continue;
            const what =
              e.value !== null
                ? `env GOMAXPROCS=${e.value}`
                : 'env GOMAXPROCS (from valueFrom, computed once when the container starts)';
            ctx.report({ loc: e.loc, message: fixedMessage(mod, what) });
          }
          continue;
        }
        if (!c.cpuLimit) continue;
        if (c.env.some((e) => e.name === 'GOMAXPROCS')) continue;
        const why = isHandled(mod);
        if (why) continue;
        ctx.report({
          loc: c.cpuLimit.loc,
          message: `the container is limited to ${c.cpuLimit.value} CPU but ${mod.path} targets Go ${go.major}.${go.minor} (< 1.25), whose GOMAXPROCS is the node's CPU count: the pod is throttled by its quota. Import go.uber.org/automaxprocs, set GOMAXPROCS from limits.cpu (resourceFieldRef), or move to Go 1.25`,
        });
      }
    }
    // Go 1.25+: a fixed GOMAXPROCS in a Dockerfile ENV turns the cgroup tracking off.
    for (const df of ctx.dockerfiles) {
      const mod = ctx.moduleFor(df.file);
      if (!mod?.go || (mod.go.major === 1 && mod.go.minor < 25)) continue;
      const final = df.stages[df.stages.length - 1];
      for (const e of final?.envLines ?? []) {
        if (e.name === 'GOMAXPROCS' && e.value !== null) {
          ctx.report({ loc: e.loc, message: fixedMessage(mod, `ENV GOMAXPROCS=${e.value}`) });
        }
      }
    }
  },
};

function fixedMessage(mod: ModuleInfo, what: string): string {
  return `${what} fixes GOMAXPROCS: ${mod.path} targets Go ${mod.go!.major}.${mod.go!.minor}, whose runtime follows the container's CPU limit and updates GOMAXPROCS when it changes — a fixed value turns that off. Remove it unless the pinning is deliberate`;
}

/** The module already follows the limit: automaxprocs, a GOMAXPROCS setting, or a call. */
function handled(ctx: BuildContext, mod: ModuleInfo): string | null {
  const pkgs = ctx.packages.all.filter((p) => p.module === mod.path);
  if (
    pkgs.some((p) =>
      p.imports.some((i) => i === 'go.uber.org/automaxprocs' || i.startsWith('go.uber.org/automaxprocs/')),
    )
  )
    return 'automaxprocs';
  if (pkgs.some((p) => (p.build?.setsGomaxprocs.length ?? 0) > 0)) return 'runtime.GOMAXPROCS';
  // A setting in another module's files (a monorepo) does not help this one.
  if (ctx.gomaxprocs.some((s: Setting) => s.name === 'GOMAXPROCS' && ctx.moduleFor(s.loc.file) === mod))
    return 'GOMAXPROCS setting';
  return null;
}
