import type { Related } from '../../core/finding.js';
import { fileNameInfo, satisfiableTogether } from '../constraint.js';
import {
  definitionText,
  type FileBuild,
  ImportGraph,
  isStdPath,
  judgeStdPush,
  packagesByPath,
  releaseLabel,
  splitTarget,
} from '../linkname/pulls.js';
import type { LinknameFact, PackageFacts, ProgramRule } from '../rule.js';

export const LN002: ProgramRule = {
  id: 'LN002',
  name: 'linkname-duplicate-definition',
  severity: 'error',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'program',
  title: '//go:linkname push to a symbol that another package already defines',
  prefilter: /\/\/go:linkname/,
  trainer: { difficulty: 2, essential: ['ticks'] },
  docs: {
    symptom:
      'Every package compiles; the link of any binary that contains both definitions fails:\n\n' +
      '```\nduplicated definition of symbol runtime.nanotime, from main and runtime\n```',
    why:
      'With `//go:linkname local pkg.name`, a function that has a body is emitted under the ' +
      'symbol `pkg.name` instead of its own: it *defines* that symbol (a "push"). A symbol may ' +
      'have only one definition in a binary. When `pkg` already gives `name` a body — in Go, in ' +
      'assembly, or through a push of its own (the runtime defines `sync.runtime_Semacquire` and ' +
      '`time.now` that way) — the linker finds two and stops. Pushing is only legal into a name ' +
      'that its package declares without a body and that nobody else defines.',
    fix:
      'To call the existing function, drop the body so the declaration becomes a pull:\n\n' +
      '```go\n//go:linkname ticks runtime.nanotime\nfunc ticks() int64\n```\n\n' +
      'To provide your own implementation, give it your own name and call it directly; there is ' +
      'no way to replace a function another package already defines.',
    versions:
      "All releases. Standard-library definitions are judged with gotrap's per-release table " +
      '(Go 1.19–1.26, linux/amd64) at the linking toolchain (error) and at newer releases ' +
      '(warning, for a symbol that a later release starts to define).',
    references: [
      'cmd/compile documentation, "Compiler Directives": //go:linkname',
      'src/cmd/link/internal/loader/loader.go (the "duplicated definition of symbol" error)',
      'src/runtime/sema.go (runtime pushes sync.runtime_Semacquire)',
    ],
    bad: [
      {
        title: 'A function with a body linknamed to runtime.nanotime',
        files: [
          { name: 'go.mod', text: 'module example.com/ticker\n\ngo 1.21\n' },
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"fmt"\n\t_ "unsafe"\n)\n\n' +
              '//go:linkname ticks runtime.nanotime\nfunc ticks() int64 { return 0 }\n\n' +
              'func main() { fmt.Println(ticks()) }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'A body-less pull of the runtime function',
        files: [
          { name: 'go.mod', text: 'module example.com/ticker\n\ngo 1.21\n' },
          {
            name: 'main.go',
            text:
              'package main\n\nimport (\n\t"fmt"\n\t_ "unsafe"\n)\n\n' +
              '//go:linkname ticks runtime.nanotime\nfunc ticks() int64\n\n' +
              'func main() { fmt.Println(ticks()) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const byPath = packagesByPath(ctx.packages);
    const modules = new Set(ctx.packages.map((p) => p.module).filter((m): m is string => m !== null));
    const graph = new ImportGraph(ctx.packages);
    const pushers = new Map<string, { pkg: PackageFacts; link: LinknameFact }[]>();
    for (const p of ctx.packages) {
      for (const l of p.linknames) {
        if (!l.target || !isPush(l) || l.unsafe === false) continue;
        const list = pushers.get(l.target) ?? [];
        list.push({ pkg: p, link: l });
        pushers.set(l.target, list);
      }
    }

    for (const [target, list] of pushers) {
      const t = splitTarget(target);
      if (!t) continue;
      for (const { pkg: p, link: l } of list) {
        // Standard-library mode: the runtime's pushes into other std packages are the design.
        if (p.std && (p.importPath === 'runtime' || p.importPath.startsWith('runtime/'))) continue;
        const owner = byPath.get(t.pkg);
        if (owner) {
          // A main package's symbols are named `main.x`: a push to its import path defines a new name.
          if (owner.importPath === p.importPath || owner.name === 'main') continue;
          if (!checkOwner(p, l, owner, t.name)) checkOtherPushes(p, l, list, owner.importPath);
          continue;
        }
        const std = !p.std && !inModule(t.pkg, modules) && isStdPath(t.pkg);
        const def = std ? judgeStdPush(ctx.kb, target, p.versions.toolchain, buildOf(l)) : null;
        if (!def) {
          checkOtherPushes(p, l, list, t.pkg);
          continue;
        }
        const release = releaseLabel(def.plan, def.minor);
        const message =
          def.severity === 'error'
            ? `${l.local} has a body, so this directive defines ${target}, which the standard library ` +
              `already defines in ${release}, ${definitionText(def.info)}: linking fails with \`duplicated ` +
              `definition of symbol ${target}\`. Remove the body to call the existing function.`
            : `${l.local} has a body, so this directive defines ${target}; the standard library defines ` +
              `it too from Go 1.${def.minor} on, ${definitionText(def.info)}, so building with Go ` +
              `1.${def.minor} or newer fails with \`duplicated definition of symbol ${target}\`.`;
        ctx.report({ file: l.file, at: l, message, severity: def.severity });
      }
    }

    /**
     * Can one binary hold both packages? Yes when one imports the other or a scanned main imports
     * both; also when no scanned main contains the pusher (a library: its users may import both).
     * No when the pusher's binaries are all in the scan and none of them links the other package.
     */
    function mayLinkTogether(pusher: string, other: string): boolean {
      if (graph.linkedTogether(pusher, other)) return true;
      return graph.mainsContaining(pusher).length === 0;
    }

    /** The owner package defines the name itself (Go or assembly body): reported, true. */
    function checkOwner(p: PackageFacts, l: LinknameFact, owner: PackageFacts, name: string): boolean {
      if (!owner.defined.includes(name) || !definedWith(owner, name, buildOf(l))) return false;
      if (!mayLinkTogether(p.importPath, owner.importPath)) return true;
      const target = l.target!;
      ctx.report({
        file: l.file,
        at: l,
        message:
          `${l.local} has a body, so this directive defines ${target}, which package ` +
          `${owner.importPath} already defines: any binary linking both fails with \`duplicated ` +
          `definition of symbol ${target}\`. Remove the body to call the existing function.`,
      });
      return true;
    }

    /** Another package pushes a body into the same target, in a build that can hold both. */
    function checkOtherPushes(
      p: PackageFacts,
      l: LinknameFact,
      all: { pkg: PackageFacts; link: LinknameFact }[],
      ownerPath: string,
    ): void {
      const target = l.target!;
      const others = all.filter(
        (o) =>
          o.pkg.importPath !== p.importPath &&
          o.pkg.importPath !== ownerPath &&
          together(buildOf(l), buildOf(o.link)) &&
          mayLinkTogether(p.importPath, o.pkg.importPath),
      );
      if (others.length === 0) return;
      const related: Related[] = others.map((o) => ({
        file: o.link.file,
        line: o.link.line,
        column: o.link.column,
        message: `${o.pkg.importPath} also defines ${target} here`,
      }));
      const names = [...new Set(others.map((o) => o.pkg.importPath))].join(', ');
      ctx.report({
        file: l.file,
        at: l,
        message:
          `${target} is defined by two pushes, here and in ${names}: a binary linking both fails ` +
          `with \`duplicated definition of symbol ${target}\`. Keep one body.`,
        related,
      });
    }
  },
};

function isPush(l: LinknameFact): boolean {
  return l.localKind === 'func' && l.hasBody;
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

function spec(b: FileBuild) {
  return { constraint: b.constraint, info: { goos: b.goos, goarch: b.goarch, isTest: false } };
}

function together(a: FileBuild, b: FileBuild): boolean {
  return satisfiableTogether([spec(a), spec(b)]);
}

/** Is `name` defined by the owner in a file that can be built together with the pushing file? */
function definedWith(owner: PackageFacts, name: string, pusher: FileBuild): boolean {
  const only = owner.definedOnlyIn?.[name];
  if (!only) return true;
  return only.some((d) => together(pusher, d));
}
