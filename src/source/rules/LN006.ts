import { asmBuild, asmSymbols } from '../facts.js';
import type { TargetInfo } from '../linkname/kb.js';
import {
  fileBuildOf,
  isStdTarget,
  judgeStdPull,
  linknameSites,
  type Refused,
  type ReleasePlan,
  referencedInPackage,
  refusedSeverity,
  releaseLabel,
  splitTarget,
  whyText,
} from '../linkname/pulls.js';
import type { PackageRule } from '../rule.js';

const HATCH = '-ldflags=-checklinkname=0';

export const LN006: PackageRule = {
  id: 'LN006',
  name: 'linkname-blocked',
  severity: 'error',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'package',
  title: '//go:linkname pull of a standard-library symbol that Go 1.23+ linkers refuse',
  // Pulls, or body-less funcs (the Go side of assembly that may reference std symbols).
  prefilter: /\/\/go:linkname|^func\s[^{]*$/m,
  trainer: { difficulty: 2, essential: ['Pinned'] },
  docs: {
    symptom:
      'With Go 1.23 or newer, `go build`, `go test` and `go run` fail at link time (`go vet` ' +
      'and builds of the library alone still pass):\n\n' +
      '```\nlink: example.com/pin: invalid reference to runtime.acquirem\n```',
    why:
      'Since Go 1.23 the linker checks every pull into the standard library from a package ' +
      'outside it. The pull is accepted only when the definition is marked as a sanctioned ' +
      'target: it carries a one-argument `//go:linkname name` (the markers the Go team added for ' +
      'widely used names), it is itself the target of a push, it is written in assembly, or it ' +
      "is an ABI wrapper. Everything else is refused, and so are names on the linker's blocked " +
      'list even when marked (`runtime.coroswitch`, and from 1.24 `runtime.mapaccess1*`, ' +
      'which only the runtime may use). References from your own `.s` files are checked the ' +
      'same way. The check belongs to the toolchain that links: a module whose go.mod says ' +
      '`go 1.21` fails just the same when it is built with Go 1.23, which is why gotrap warns ' +
      'before the toolchain is upgraded.',
    fix:
      'Replace the pull with supported API: `runtime.LockOSThread`/`sync.Pool` instead of ' +
      '`acquirem`/`procPin`, `runtime/metrics` instead of stopping the world, iterators from the ' +
      '`iter` package instead of coroutine internals. As a stopgap the check can be switched ' +
      'off for a build:\n\n```\ngo build -ldflags=-checklinkname=0 ./...\n```\n\n' +
      'That only postpones the problem: an unmarked symbol can change or vanish in any release.',
    versions:
      'Go 1.23 added the check (error when the linking toolchain — `--go`, else go.mod ' +
      '`toolchain`, else `go` — is 1.23 or newer); older toolchains link the pull (warning: the ' +
      'first newer release that refuses it is named). Go 1.24 refuses `runtime.newobject` and ' +
      "blocks `runtime.mapaccess1`/`mapaccess1_faststr`. Facts come from gotrap's per-release " +
      'table (linux/amd64), never from an older GOROOT.',
    references: [
      'go.dev/doc/go1.23#linker',
      'golang/go#67401 (restricting linkname into the standard library)',
      'src/cmd/link/internal/loader/loader.go (checkLinkname, blockedLinknames)',
    ],
    bad: [
      {
        title: 'Keeping a goroutine on its M through an unmarked runtime function',
        files: [
          { name: 'go.mod', text: 'module example.com/pin\n\ngo 1.23\n' },
          {
            name: 'pin.go',
            text:
              'package pin\n\nimport "unsafe"\n\n' +
              '//go:linkname acquireM runtime.acquirem\nfunc acquireM() unsafe.Pointer\n\n' +
              '//go:linkname releaseM runtime.releasem\nfunc releaseM(mp unsafe.Pointer)\n\n' +
              '// Pinned runs f without being moved to another thread.\n' +
              'func Pinned(f func()) {\n\tmp := acquireM()\n\tdefer releaseM(mp)\n\tf()\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The supported API instead of the runtime internal',
        files: [
          { name: 'go.mod', text: 'module example.com/pin\n\ngo 1.23\n' },
          {
            name: 'pin.go',
            text:
              'package pin\n\nimport "runtime"\n\n' +
              '// Pinned runs f without being moved to another thread.\n' +
              'func Pinned(f func()) {\n\truntime.LockOSThread()\n\tdefer runtime.UnlockOSThread()\n\tf()\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    // Standard-library mode: std pullers are not subject to the check.
    if (ctx.std) return;
    const modulePath = ctx.pkg.module?.path;
    const pkgLabel = ctx.pkg.name === 'main' ? 'main' : ctx.pkg.importPath;
    for (const site of linknameSites(ctx.pkg)) {
      if (!site.pull) continue;
      const t = splitTarget(site.target);
      if (!t || !isStdTarget(t, modulePath)) continue;
      const v = judgeStdPull(ctx.kb, site.target, ctx.versions.toolchain, fileBuildOf(site.file));
      if (!v.refused) continue;
      const referenced = referencedInPackage(ctx.pkg, site.local);
      const severity = refusedSeverity(v.refused, referenced);
      const loophole =
        v.refused.now && !referenced
          ? ` It links today only because nothing in ${pkgLabel} references ${site.local}; the first call from this package breaks the build.`
          : '';
      ctx.report({
        file: site.file,
        at: site.directive,
        severity,
        message: message(site.target, pkgLabel, v.refused, v.plan) + loophole,
      });
    }

    for (const a of ctx.pkg.aux) {
      if (!/\.s$/i.test(a.name) || !a.text.includes('·')) continue;
      const build = asmBuild(a);
      const seen = new Set<string>();
      for (const r of asmSymbols(a.text).refs) {
        const symbol = `${r.pkg}.${r.name}`;
        if (seen.has(symbol) || r.pkg === ctx.pkg.importPath) continue;
        const t = splitTarget(symbol);
        if (!t || !isStdTarget(t, modulePath)) continue;
        seen.add(symbol);
        const v = judgeStdPull(ctx.kb, symbol, ctx.versions.toolchain, build);
        if (!v.refused) continue;
        // A refused target is a Go function without a marker. Assembly calls the ABI0 entry point,
        // which such a function does not have, so the link fails in every release, before the
        // 1.23 check matters (seen with Go 1.19, 1.23, 1.24 and 1.26).
        ctx.report({
          file: a.path,
          at: { line: r.line, column: r.column },
          severity: 'error',
          message:
            `assembly reference to ${symbol}: it is a Go function with no assembly (ABI0) entry point, so ` +
            `the link fails in every Go release with \`relocation target ${symbol} not defined for ABI0 ` +
            `(but is defined for ABIInternal)\`; and ${message(symbol, pkgLabel, v.refused, v.plan)}`,
        });
      }
    }
  },
};

function message(symbol: string, pkgLabel: string, r: Refused, plan: ReleasePlan): string {
  const linkError = `link: ${pkgLabel}: invalid reference to ${symbol}`;
  const reason = refusalText(r.info);
  if (r.now) {
    return (
      `${releaseLabel(plan, r.minor)} refuses ${symbol} to packages outside the standard library ` +
      `(${reason}): the link fails with \`${linkError}\`. Use supported API instead; ` +
      `\`${HATCH}\` only switches the check off.`
    );
  }
  const from = plan.now === null ? 'toolchains before Go 1.23' : `Go 1.${plan.now}`;
  return (
    `${symbol} links with ${from}, but Go 1.${r.minor} and newer refuse it to ` +
    `packages outside the standard library (${reason}): building with them fails with ` +
    `\`${linkError}\` unless \`${HATCH}\` is passed.`
  );
}

/** The table's reason in words: `its definition carries no //go:linkname marker`. */
function refusalText(info: TargetInfo): string {
  const why = whyText(info);
  const blocked = /blockedLinknames \(([^)]*)\)/.exec(why);
  if (blocked) return `it is on the linker's blocked list: ${blocked[1]}`;
  if (/^no marker/.test(why)) {
    const detail = why.replace(/^no marker;?\s*/, '');
    return `its definition carries no //go:linkname marker${detail ? `; ${detail}` : ''}`;
  }
  return why;
}
