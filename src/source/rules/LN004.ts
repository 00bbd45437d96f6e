import { type AbiMismatch, compareAbi, type TypeResolver } from '../linkname/abi.js';
import type { Signature } from '../linkname/kb.js';
import {
  buildsOnTablePlatform,
  fileBuildOf,
  isRuntimeOrInternal,
  isStdTarget,
  type LinknameSite,
  linknameSites,
  releasePlan,
  splitTarget,
  versionOf,
} from '../linkname/pulls.js';
import type { GoFile, Package } from '../model.js';
import type { PackageRule } from '../rule.js';

export const LN004: PackageRule = {
  id: 'LN004',
  name: 'linkname-signature-mismatch',
  severity: 'error',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'package',
  title: '//go:linkname pull whose declaration does not match the target function',
  prefilter: /\/\/go:linkname/,
  trainer: { difficulty: 3, essential: ['semaWait'] },
  docs: {
    symptom:
      'Nothing at build time: the package compiles and links without a word. At run time the ' +
      'called function reads arguments from the wrong registers or stack slots, and the caller ' +
      'reads results that were never written: wrong values, a crash deep inside the runtime ' +
      '(`unexpected signal during runtime execution`, `fatal error: ...`), or memory corruption ' +
      'that surfaces much later.',
    why:
      'The linker binds a pull by name only. Neither the compiler nor the linker compares the ' +
      'local declaration with the function behind the target, so both sides must agree on the ' +
      'calling convention by hand: the same number of parameters and results, each of the same ' +
      'shape (an integer of the same size, a float, a bool, a string, a slice, an interface, a ' +
      'struct of the same layout; pointers of any type are interchangeable). Runtime functions ' +
      'change their parameters between releases — `runtime.growslice` was rewritten in Go 1.20, ' +
      '`runtime.gopark` changed its fourth parameter in 1.21 — so a declaration copied from one ' +
      'release can be wrong in the next. A `uintptr` where the target takes a pointer still has ' +
      'the right size, but the garbage collector no longer sees the pointer (reported as a warning).',
    fix:
      'Copy the declaration from the source of the Go release you build with (`go env GOROOT`), ' +
      'replacing unexported types by types of the same shape (`unsafe.Pointer` for `*g`):\n\n' +
      '```go\n//go:linkname semaWait sync.runtime_Semacquire\nfunc semaWait(addr *uint32)\n```\n\n' +
      'When the signature differs between releases, keep one file per release range with ' +
      '`//go:build go1.N` / `!go1.N` lines.',
    versions:
      'All releases. Judged at the linking toolchain (`--go`, else go.mod `toolchain`, else ' +
      "`go`) with the signature gotrap's table holds for that release (Go 1.19–1.26, " +
      "linux/amd64, 64-bit sizes). Only gVisor's checklinkname tool checks this elsewhere.",
    references: [
      'cmd/compile documentation, "Compiler Directives": //go:linkname',
      'src/cmd/compile/abi-internal.md (the register-based calling convention)',
      'gvisor.dev/gvisor/tools/checklinkname',
    ],
    bad: [
      {
        title: 'A semaphore pull that drops the pointer parameter',
        files: [
          { name: 'go.mod', text: 'module example.com/sema\n\ngo 1.21\n' },
          {
            name: 'sema.go',
            text:
              'package sema\n\nimport _ "unsafe"\n\n' +
              '//go:linkname semaWait sync.runtime_Semacquire\nfunc semaWait() int\n\n' +
              'func Wait() int { return semaWait() }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The declaration matches the target',
        files: [
          { name: 'go.mod', text: 'module example.com/sema\n\ngo 1.21\n' },
          {
            name: 'sema.go',
            text:
              'package sema\n\nimport _ "unsafe"\n\n' +
              '//go:linkname semaWait sync.runtime_Semacquire\nfunc semaWait(addr *uint32)\n\n' +
              'func Wait(addr *uint32) { semaWait(addr) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const plan = releasePlan(ctx.kb, ctx.versions.toolchain);
    // A toolchain newer than the table may have changed the signature: no facts, no finding.
    if (plan.now === null || plan.proxied) return;
    const minor = plan.now;
    for (const site of linknameSites(ctx.pkg)) {
      if (!site.pull) continue;
      const t = splitTarget(site.target);
      if (!t || !isStdTarget(t, ctx.pkg.module?.path)) continue;
      if (ctx.std && isRuntimeOrInternal(t.pkg)) continue;
      if (!buildsOnTablePlatform(fileBuildOf(site.file), minor)) continue;
      const info = ctx.kb.lookup(site.target, versionOf(minor));
      if (!info?.exists || !info.signature) continue;
      const local = localSignature(site);
      if (!local) continue;
      const mismatches = compareAbi(local, info.signature, {
        resolveLocal: localResolver(ctx.pkg, site.file),
        targetMinor: minor,
      });
      if (mismatches.length === 0) continue;
      ctx.report({
        file: site.file,
        at: site.directive,
        severity: mismatches.some((m) => m.severity === 'error') ? 'error' : 'warning',
        message: messageFor(site, info.signatureText ?? '', minor, mismatches),
      });
    }
  },
};

function localSignature(site: LinknameSite): Signature | null {
  const d = site.decl;
  if (d.kind === 'var') {
    if (!d.type) return null;
    return { kind: 'var', params: [], results: [{ name: d.name, type: d.type, variadic: false }] };
  }
  return { kind: 'func', params: d.params ?? [], results: d.results ?? [] };
}

/**
 * Resolves the package's own named types (`type gp unsafe.Pointer`, aliases too) and import
 * aliases of the std types the ABI table knows (`u.Pointer` for `unsafe.Pointer`).
 */
function localResolver(pkg: Package, file: GoFile): TypeResolver {
  const types = new Map<string, string>();
  for (const f of pkg.files) {
    if (f.isTest !== file.isTest && f !== file) continue;
    for (const d of f.decls) if (d.kind === 'type' && d.type && !types.has(d.name)) types.set(d.name, d.type);
  }
  const aliases = new Map<string, string>();
  for (const i of file.imports) {
    if (!i.name || i.name === '_' || i.name === '.') continue;
    aliases.set(i.name, i.path);
  }
  return (name) => {
    const local = types.get(name);
    if (local !== undefined) return local;
    const dot = name.indexOf('.');
    if (dot < 0) return null;
    const path = aliases.get(name.slice(0, dot));
    if (!path) return null;
    return `${path.slice(path.lastIndexOf('/') + 1)}.${name.slice(dot + 1)}`;
  };
}

function messageFor(site: LinknameSite, targetDecl: string, minor: number, ms: AbiMismatch[]): string {
  const GC = /: the garbage collector cannot see a pointer kept in an integer$/;
  const shown = ms.slice(0, 3).map((m) => m.message.replace(GC, ''));
  const more = ms.length > 3 ? `; and ${ms.length - 3} more` : '';
  const effect = ms.some((m) => m.severity === 'error')
    ? 'It compiles and links silently, but the call passes or returns values in the wrong places.'
    : ms.some((m) => GC.test(m.message))
      ? 'The call works, but the garbage collector does not see pointers passed as integers: what they point to can be freed or moved.'
      : 'The call works only while the values stay within what both types can hold.';
  return `${site.local} does not match ${site.target} in Go 1.${minor} (\`${targetDecl}\`): ${shown.join('; ')}${more}. ${effect}`;
}
