import { fileNameInfo, satisfiableTogether } from '../constraint.js';
import {
  absenceText,
  closestName,
  type FileBuild,
  ImportGraph,
  isRuntimeOrInternal,
  isStdPath,
  judgeStdPull,
  type Missing,
  missingLinkError,
  packagesByPath,
  type ReleasePlan,
  releaseLabel,
  splitTarget,
  versionOf,
} from '../linkname/pulls.js';
import type { LinknameFact, PackageFacts, ProgramRule } from '../rule.js';
import { editDistance } from '../text.js';

export const LN005: ProgramRule = {
  id: 'LN005',
  name: 'linkname-unknown-target',
  severity: 'error',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'program',
  title: '//go:linkname pull of a symbol that does not exist',
  prefilter: /\/\/go:linkname/,
  trainer: { difficulty: 2, essential: ['monoClock'] },
  docs: {
    symptom:
      'The package compiles, and the build fails only when the program is linked, and only once ' +
      'something calls the pulled function:\n\n' +
      '```\nmain.main: relocation target runtime.nanotme not defined\n```\n\n' +
      'For a compiler intrinsic such as `runtime.getcallersp` the linker says instead:\n\n' +
      '```\nreference to undefined builtin "runtime.getcallersp" from package "main"\n```\n\n' +
      'A symbol that a newer Go release removed (`runtime.fastrandu` is gone since Go 1.22) ' +
      'breaks the build the day the toolchain is upgraded.',
    why:
      'A body-less declaration with `//go:linkname local pkg.name` is a promise that some other ' +
      'object file defines `pkg.name`. The compiler cannot check the promise; the linker can, and ' +
      'it fails when no package of the binary defines the symbol: a misspelled name, a function ' +
      'that was renamed or removed in the release you build with, a package that is not linked ' +
      'into the binary, or an intrinsic (`runtime.getg`, `getcallerpc`, `getcallersp`) that the ' +
      'compiler expands inline and that never gets a symbol. Dead code links fine, so the mistake ' +
      "can sit unnoticed until the first call is added. Go 1.23's linkname check does not catch " +
      'this either: it skips symbols that are not defined.',
    fix:
      'Use the exact name the target release defines (gotrap suggests the closest one), or use ' +
      'the supported API instead of the pull: `time.Now`/`time.Since` for clocks, `math/rand/v2` ' +
      'for random numbers. When a release removed the symbol, keep one file per release range ' +
      'with build tags:\n\n' +
      '```go\n//go:build !go1.22\n\npackage fastrand\n\nimport _ "unsafe"\n\n' +
      '//go:linkname Uint runtime.fastrandu\nfunc Uint() uint\n```\n\n' +
      'and a `//go:build go1.22` file that implements `Uint` with `math/rand/v2`. For a target ' +
      'in your own module, make sure its package defines the name and is imported by the binary ' +
      '(a blank import is enough).',
    versions:
      'All releases. Judged at the linking toolchain (`--go`, else go.mod `toolchain`, else `go`) ' +
      "as an error, and at every newer release in gotrap's table (1.19–1.26) as a warning that " +
      'names the first release without the symbol. Examples: `runtime.fastrandu` exists up to ' +
      '1.21; `sync.runtime_nanotime` up to 1.23; `runtime.getcallerpc`/`getcallersp` were ' +
      'intrinsics without a symbol and are no longer declared from 1.24; `runtime.cheaprand` ' +
      'appeared in 1.22.',
    references: [
      'cmd/compile documentation, "Compiler Directives": //go:linkname',
      'src/cmd/link/internal/ld/data.go (the "relocation target ... not defined" error)',
      'go.dev/doc/go1.22 (runtime fastrand functions replaced by cheaprand/rand)',
      'golang/go#67401 (Go 1.23 linkname restrictions; undefined symbols are not checked there)',
    ],
    bad: [
      {
        title: 'A misspelled runtime function',
        files: [
          { name: 'go.mod', text: 'module example.com/clock\n\ngo 1.21\n' },
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"fmt"\n\t_ "unsafe"\n)\n\n' +
              '//go:linkname monoClock runtime.nanotme\nfunc monoClock() int64\n\n' +
              'func main() { fmt.Println(monoClock()) }\n',
          },
        ],
      },
      {
        title: 'A runtime function removed in Go 1.22, in a module that may be built with it',
        files: [
          { name: 'go.mod', text: 'module example.com/shard\n\ngo 1.21\n' },
          {
            name: 'shard.go',
            text:
              'package shard\n\nimport _ "unsafe"\n\n' +
              '//go:linkname randUint runtime.fastrandu\nfunc randUint() uint\n\n' +
              'func Pick(n uint) uint { return randUint() % n }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The exact name of a symbol the release defines',
        files: [
          { name: 'go.mod', text: 'module example.com/clock\n\ngo 1.21\n' },
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"fmt"\n\t_ "unsafe"\n)\n\n' +
              '//go:linkname monoClock runtime.nanotime\nfunc monoClock() int64\n\n' +
              'func main() { fmt.Println(monoClock()) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const byPath = packagesByPath(ctx.packages);
    const modules = new Set(ctx.packages.map((p) => p.module).filter((m): m is string => m !== null));
    // Symbols defined for another package: Go pushes and assembly `TEXT other∕pkg·name(SB)`.
    const pushed = new Set(
      ctx.packages.flatMap((p) => [...p.pushes, ...(p.asmDefines ?? [])].map((x) => x.target)),
    );
    const graph = new ImportGraph(ctx.packages);

    for (const p of ctx.packages) {
      for (const l of p.linknames) {
        if (!l.target || l.unsafe === false || !isPull(l)) continue;
        const t = splitTarget(l.target);
        if (!t) continue;
        const owner = byPath.get(t.pkg);
        if (owner) {
          if (p.std && isRuntimeOrInternal(t.pkg)) continue;
          checkModuleTarget(p, l, owner, t.name);
          continue;
        }
        if (p.std || inModule(t.pkg, modules) || !isStdPath(t.pkg)) continue;
        const verdict = judgeStdPull(ctx.kb, l.target, p.versions.toolchain, buildOf(l));
        if (verdict.missing) reportStd(p, l, verdict.missing, verdict.plan);
      }
    }

    function checkModuleTarget(p: PackageFacts, l: LinknameFact, owner: PackageFacts, name: string): void {
      const target = l.target!;
      if (owner.name === 'main' && !p.std) {
        // The linker names a main package's symbols `main.x`, whatever its directory is called.
        ctx.report({
          file: l.file,
          at: l,
          message:
            `${owner.importPath} is a main package: the linker names its symbols main.${name}, so ` +
            `${target} is never defined and linking fails with \`relocation target ${target} not defined\`` +
            `${whenCalled(l)}.`,
        });
        return;
      }
      const defined = owner.defined.includes(name) || pushed.has(target);
      const only = owner.defined.includes(name) ? owner.definedOnlyIn?.[name] : undefined;
      if (defined && only && !pushed.has(target) && !only.some((d) => together(buildOf(l), d))) {
        ctx.report({
          file: l.file,
          at: l,
          message:
            `${target} is defined only in ${only.map((d) => d.file).join(', ')}, which is never built ` +
            `together with this file, so linking fails with \`relocation target ${target} not defined\`` +
            `${whenCalled(l)}.`,
        });
        return;
      }
      if (!defined) {
        // Declared without a body: a push from outside the scan may supply it.
        if (owner.bodiless.includes(name)) return;
        const near = closestName(name, owner.defined, editDistance);
        const hint = near ? ` Did you mean ${owner.importPath}.${near}?` : '';
        ctx.report({
          file: l.file,
          at: l,
          message:
            `${target} does not exist: package ${owner.importPath} defines no function or variable ` +
            `named ${name}, so linking fails with \`relocation target ${target} not defined\`` +
            `${whenCalled(l)}.${hint}`,
        });
        return;
      }
      if (p.std || p.name !== 'main' || owner.importPath === p.importPath) return;
      if (graph.closure(p.importPath).has(owner.importPath)) return;
      ctx.report({
        file: l.file,
        at: l,
        message:
          `${target} is defined, but nothing in this program imports ${owner.importPath}, so its code ` +
          `is not linked and the link fails with \`relocation target ${target} not defined\`` +
          `${whenCalled(l)}; import it (a blank import is enough).`,
      });
    }

    function reportStd(p: PackageFacts, l: LinknameFact, m: Missing, plan: ReleasePlan): void {
      const target = l.target!;
      const linkError = missingLinkError(target, m, p.name === 'main' ? 'main' : p.importPath);
      const absence = m.info ? absenceText(m.info) : '';
      const why = absence ? ` (${absence})` : '';
      let message: string;
      if (m.typoOf) {
        message =
          `${target} is not a symbol of ${splitTarget(target)!.pkg}; it is one keystroke away from ${m.typoOf}, ` +
          `so it is almost certainly a typo. Linking fails with \`${linkError}\`${whenCalled(l)}.`;
      } else if (m.severity === 'error') {
        const where = m.everywhere ? 'any Go release from 1.19 to 1.26' : releaseLabel(plan, m.minor);
        const added = m.addedIn
          ? `; it exists from Go 1.${m.addedIn} on, so raise the go/toolchain line or drop the pull`
          : '';
        // Suggest a name only for what looks like a misspelling: not for removals, intrinsics or
        // symbols that only other platforms define.
        const special = m.info ? /intrinsic|other platforms/.test(m.info.why) : false;
        const near = !m.existedSomewhere && !m.addedIn && !special ? suggestion(target, m.minor) : '';
        message =
          `${target} has no linker symbol in ${where}${why}: linking fails with \`${linkError}\`` +
          `${whenCalled(l)}${added}.${near}`;
      } else if (m.tooOld) {
        message =
          `${target} exists only from Go 1.${m.addedIn} on, and nothing pins this module to a newer ` +
          `toolchain: building it with Go 1.${m.minor} fails with \`${linkError}\`. Set the go line to ` +
          `1.${m.addedIn} or guard the file with \`//go:build go1.${m.addedIn}\`.`;
      } else {
        const from = plan.now === null ? 'older toolchains' : `Go 1.${plan.now}`;
        message =
          `${target} links with ${from}, but Go 1.${m.minor} removed it${why}: building this module with ` +
          `Go 1.${m.minor} or newer fails with \`${linkError}\`. Guard the file with ` +
          `\`//go:build !go1.${m.minor}\` and provide a replacement for newer releases.`;
      }
      ctx.report({ file: l.file, at: l, message, severity: m.severity });
    }

    function suggestion(target: string, minor: number): string {
      const t = splitTarget(target)!;
      const names = ctx.kb.symbolsOf(t.pkg, versionOf(minor)).map((s) => splitTarget(s)?.name ?? s);
      const near = closestName(t.name, names, editDistance);
      return near ? ` Did you mean ${t.pkg}.${near}?` : '';
    }
  },
};

function isPull(l: LinknameFact): boolean {
  return (l.localKind === 'func' || l.localKind === 'var') && !l.hasBody;
}

function inModule(pkg: string, modules: Set<string>): boolean {
  for (const m of modules) if (pkg === m || pkg.startsWith(`${m}/`)) return true;
  return false;
}

function buildOf(l: LinknameFact): FileBuild {
  if (l.build) return l.build;
  const info = fileNameInfo(l.file);
  return { constraint: null, goos: info.goos, goarch: info.goarch };
}

function together(a: FileBuild, b: FileBuild): boolean {
  const spec = (x: FileBuild) => ({
    constraint: x.constraint,
    info: { goos: x.goos, goarch: x.goarch, isTest: false },
  });
  return satisfiableTogether([spec(a), spec(b)]);
}

/** Dead code links: the error waits for the first reference. */
function whenCalled(l: LinknameFact): string {
  if (l.used) return '';
  if (/^[\p{Lu}]/u.test(l.local)) return ` as soon as ${l.local} is called`;
  return ` as soon as ${l.local} is called (nothing references it yet, so the build still links)`;
}
