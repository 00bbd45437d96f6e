import type { Related } from '../../core/finding.js';
import { PLUGIN_GOOS } from '../known.js';
import type { ResolvedBuild } from '../resolve.js';
import { type BuildRule, locFor, relatedSetting } from '../rule.js';

export const BLD005: BuildRule = {
  id: 'BLD005',
  name: 'plugin-without-cgo',
  severity: 'error',
  lens: 'build',
  subsystem: 'build',
  title: 'a plugin, or a program that loads plugins, built with cgo off',
  docs: {
    symptom:
      'Up to Go 1.21, `go build -buildmode=plugin` with cgo off prints only\n\n```\n' +
      'loadinternal: cannot find runtime/cgo\n```\n\nand exits 0, leaving a file that no program can ' +
      'load. From Go 1.22 the build fails:\n\n```\n' +
      '-buildmode=plugin requires external (cgo) linking, but cgo is not enabled\n```\n\n' +
      'A host program built with cgo off gets `plugin: not implemented` from every `plugin.Open`.',
    why:
      "Plugins are shared objects loaded with the system's `dlopen`: the `plugin` package is implemented " +
      'in cgo, and building a plugin needs the external linker. With `CGO_ENABLED=0` — set on purpose, or ' +
      'the default of a cross build or of a builder without a C compiler (Go 1.20+) — neither side can ' +
      'work. Plugins exist only on Linux, FreeBSD and macOS.',
    fix:
      'Build both the plugin and the host with `CGO_ENABLED=1` and a C compiler, natively for the target ' +
      '(same Go release, same versions of shared dependencies); or drop plugins for RPC (hashicorp/go-plugin), ' +
      'WebAssembly, or compiling the extensions in.',
    versions: 'Go 1.8+ (plugins). Go <= 1.21: warning and exit 0. Go >= 1.22: the build fails.',
    references: [
      'plugin package documentation ("Warnings")',
      'cmd/go/internal/work/init.go: buildModeInit',
      'catalog BLD005',
    ],
    bad: [
      {
        title: 'A plugin built in a static-only Dockerfile',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.21 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\n' +
              'RUN go build -buildmode=plugin -o /out/greeter.so ./plugins/greeter\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Plugins with cgo on',
        files: [
          {
            name: 'Dockerfile',
            text:
              'FROM golang:1.21 AS build\nWORKDIR /src\nCOPY . .\n' +
              'RUN CGO_ENABLED=1 go build -buildmode=plugin -o /out/greeter.so ./plugins/greeter\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const b of ctx.builds) {
      if (b.external) continue;
      const plugin = b.flags.buildmode === 'plugin';
      const related: Related[] = b.cgo.setting ? [relatedSetting(b.cgo.setting, b.cgo.why)] : [];
      if (plugin && b.goos && !PLUGIN_GOOS.has(b.goos)) {
        ctx.report({
          loc: locFor(b.cmd, ['buildmode']),
          message: `-buildmode=plugin for ${b.goos}: plugins exist only on linux, freebsd and darwin (go build: "-buildmode=plugin not supported on ${b.goos}/${b.goarch ?? '…'}")`,
        });
        continue;
      }
      if (b.cgo.value !== false) continue;
      if (plugin) {
        ctx.report({
          loc: locFor(b.cmd, ['buildmode'], b.cgo.setting),
          message: `-buildmode=plugin with cgo off (${b.cgo.why}): ${outcome(b)}. Build plugins with CGO_ENABLED=1 and a C compiler`,
          related,
        });
      } else if (b.program.plugin && b.cmd.verb !== 'test') {
        const where = locFor(b.cmd, [], b.cgo.setting);
        const fix =
          b.goos && !PLUGIN_GOOS.has(b.goos)
            ? `plugins do not exist on ${b.goos} at all (only linux, freebsd, darwin): load extensions another way (RPC, WebAssembly, compiled in)`
            : 'Build the host with CGO_ENABLED=1';
        ctx.report({
          loc: where,
          message: `${b.program.plugin.pkg} loads plugins, but this build has cgo off (${b.cgo.why}): every plugin.Open fails with "plugin: not implemented". ${fix}`,
          related,
        });
      }
    }
  },
};

function outcome(b: ResolvedBuild): string {
  const old =
    'Go <= 1.21 prints "loadinternal: cannot find runtime/cgo" and exits 0 with an unloadable plugin';
  const now =
    'Go >= 1.22 fails with "-buildmode=plugin requires external (cgo) linking, but cgo is not enabled"';
  if (b.goMinor === null) return `${old}; ${now}`;
  return b.goMinor <= 21
    ? `on Go 1.${b.goMinor}, ${old.replace('Go <= 1.21 ', '')}`
    : `on Go 1.${b.goMinor} the build fails ("-buildmode=plugin requires external (cgo) linking, but cgo is not enabled")`;
}
