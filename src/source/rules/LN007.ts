import {
  fileBuildOf,
  isRuntimeOrInternal,
  isStdTarget,
  judgeStdPull,
  linknameSites,
  referencedInPackage,
  refusedSeverity,
  splitTarget,
} from '../linkname/pulls.js';
import type { PackageRule } from '../rule.js';

/** Runtime internals, by what they do, with what to use instead. */
const INTERNALS: { kind: string; instead: string; names: RegExp }[] = [
  {
    kind: 'allocation',
    instead: 'make, new or append (and sync.Pool to reuse buffers)',
    names: /^(mallocgc|newarray|growslice|makeslice)$/,
  },
  {
    kind: 'map',
    instead: 'ordinary map operations, or a generic container',
    names: /^(mapaccess2\w*|mapassign\w*)$/,
  },
  {
    kind: 'scheduler',
    instead: 'channels, sync primitives, runtime.LockOSThread, or runtime/metrics for measurements',
    names:
      /^(gopark|goparkunlock|goready|acquirem|releasem|procPin|procUnpin|startTheWorld|systemstack|casgstatus)$/,
  },
  {
    kind: 'hashing',
    instead: 'hash/maphash (maphash.Bytes, maphash.String, maphash.Comparable)',
    names: /^(memhash|strhash)$/,
  },
];

export const LN007: PackageRule = {
  id: 'LN007',
  name: 'linkname-runtime-internals',
  severity: 'warning',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'package',
  title: '//go:linkname pull of runtime allocation, scheduler, map or hashing internals',
  prefilter: /\/\/go:linkname/,
  trainer: { difficulty: 2, essential: ['HashBytes'] },
  docs: {
    symptom:
      'The program builds and works — until a Go release changes the internal. Then it stops ' +
      'linking, or it links and misbehaves: a crash inside the runtime, corrupted maps, a ' +
      'scheduler that loses goroutines, hashes that no longer match.',
    why:
      'Functions such as `runtime.mallocgc`, `growslice`, `mapassign`, `gopark`, `acquirem` or ' +
      "`memhash` are the runtime's own plumbing. Their parameters, the layouts of the structures " +
      'they take (`*_type`, `*hmap`, `*g`, `*m`) and the invariants they assume (locks held, ' +
      'preemption disabled, the caller being on the system stack) belong to one release and ' +
      'change without notice: maps were rewritten in Go 1.24, `growslice` in 1.20, `gopark` ' +
      'changed in 1.21. Go 1.23 still lets some of them be pulled only because well-known ' +
      'modules did (the "hall of shame" markers); that keeps old code linking, it is not an API. ' +
      'A linknamed variable into a std package is worse still: its type and meaning are private ' +
      'to the release.',
    fix:
      'Use the supported equivalent: `make`/`new`/`append` and `sync.Pool` for allocation, plain ' +
      'map operations, channels and `sync` for parking and waking, `runtime.LockOSThread` for ' +
      'thread affinity, `runtime/metrics` for measurements, and `hash/maphash` for hashing:\n\n' +
      '```go\nvar seed = maphash.MakeSeed()\n\nfunc HashBytes(b []byte) uint64 { return maphash.Bytes(seed, b) }\n```',
    versions:
      'Every release; the internals named here changed in 1.20, 1.21, 1.22 and 1.24. LN005 and ' +
      'LN006 report the releases where the pull stops linking; this rule covers the releases ' +
      'where it still links.',
    references: [
      'golang/go#67401 (linkname restrictions and the "hall of shame")',
      'pkg.go.dev/hash/maphash',
      'pkg.go.dev/runtime/metrics',
    ],
    bad: [
      {
        title: "Hashing with the runtime's memhash",
        files: [
          { name: 'go.mod', text: 'module example.com/hashing\n\ngo 1.22\n' },
          {
            name: 'hash.go',
            text:
              'package hashing\n\nimport "unsafe"\n\n' +
              '//go:linkname memhash runtime.memhash\nfunc memhash(p unsafe.Pointer, seed, n uintptr) uintptr\n\n' +
              'func HashBytes(b []byte) uint64 {\n\tif len(b) == 0 {\n\t\treturn 0\n\t}\n' +
              '\treturn uint64(memhash(unsafe.Pointer(&b[0]), 0, uintptr(len(b))))\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'hash/maphash instead',
        files: [
          { name: 'go.mod', text: 'module example.com/hashing\n\ngo 1.22\n' },
          {
            name: 'hash.go',
            text:
              'package hashing\n\nimport "hash/maphash"\n\nvar seed = maphash.MakeSeed()\n\n' +
              'func HashBytes(b []byte) uint64 { return maphash.Bytes(seed, b) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const modulePath = ctx.pkg.module?.path;
    for (const site of linknameSites(ctx.pkg)) {
      const isVar = site.decl.kind === 'var';
      // Functions: pulls only (a push is LN002's). Variables: with or without an initializer,
      // the local name and the std variable are one and the same storage.
      if (!site.pull && !isVar) continue;
      const t = splitTarget(site.target);
      if (!t || !isStdTarget(t, modulePath)) continue;
      // Standard-library mode: linknames into runtime and internal packages, and the runtime's
      // own cross-package linknames, are the design.
      if (ctx.std && (isRuntimeOrInternal(t.pkg) || isRuntimeOrInternal(ctx.pkg.importPath))) continue;
      const internal = t.pkg === 'runtime' ? INTERNALS.find((i) => i.names.test(t.name)) : undefined;
      if (!isVar && !internal) continue;
      // Where LN005 or LN006 already report this directive as an error, that error says it all.
      const v = site.pull
        ? judgeStdPull(ctx.kb, site.target, ctx.versions.toolchain, fileBuildOf(site.file))
        : null;
      if (v?.missing?.severity === 'error') continue;
      if (
        !ctx.std &&
        v?.refused &&
        refusedSeverity(v.refused, referencedInPackage(ctx.pkg, site.local)) === 'error'
      ) {
        continue;
      }
      const message = isVar
        ? `${site.local} is a variable linknamed to ${site.target}: its type, layout and meaning are ` +
          'private to one Go release, and reads or writes through it bypass whatever locking the ' +
          'standard library uses. Use exported API instead.'
        : `${site.local} pulls ${site.target}, a runtime ${internal!.kind} internal: its parameters, the ` +
          'structures it takes and the invariants it assumes change between Go releases without ' +
          `notice, even where the linker still accepts the pull. Use ${internal!.instead}.`;
      ctx.report({ file: site.file, at: site.directive, message });
    }
  },
};
