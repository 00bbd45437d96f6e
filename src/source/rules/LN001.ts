import type { PackageRule } from '../rule.js';

export const LN001: PackageRule = {
  id: 'LN001',
  name: 'linkname-without-unsafe',
  severity: 'error',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'package',
  title: '//go:linkname in a file that does not import "unsafe"',
  prefilter: /\/\/go:linkname/,
  trainer: { difficulty: 1, essential: ['monotonicNanos'] },
  docs: {
    symptom:
      'The package does not compile:\n\n' +
      '```\n./clock.go:7:3: //go:linkname only allowed in Go files that import "unsafe"\n' +
      './clock.go:8:6: missing function body\n```\n\n' +
      'The second error appears when the linknamed function is a body-less pull.',
    why:
      '`//go:linkname` lets code reach past the type system and package boundaries, so gc accepts it ' +
      'only in files that import `unsafe`, as a visible marker of that. The check is per file: an ' +
      '`unsafe` import in another file of the same package does not count. Without the directive the ' +
      'body-less declaration is an ordinary function with no body, hence the second error.',
    fix:
      'Add a blank import to the file that holds the directive:\n\n' +
      '```go\nimport _ "unsafe" // for go:linkname\n```',
    versions:
      'Every Go release since the directive existed; not new in Go 1.23 (1.23 restricted which targets may ' +
      'be pulled, see LN006).',
    references: [
      'cmd/compile documentation, "Compiler Directives": //go:linkname',
      'src/cmd/compile/internal/noder (the check that reports "only allowed in Go files that import \\"unsafe\\"")',
    ],
    bad: [
      {
        title: 'The directive is in a file without the unsafe import',
        files: [
          {
            name: 'clock.go',
            text:
              'package clock\n\nimport "time"\n\n' +
              '//go:linkname monotonicNanos runtime.nanotime\nfunc monotonicNanos() int64\n\n' +
              'func Since(start int64) time.Duration { return time.Duration(monotonicNanos() - start) }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'A blank unsafe import in the same file',
        files: [
          {
            name: 'clock.go',
            text:
              'package clock\n\nimport (\n\t"time"\n\t_ "unsafe" // for go:linkname\n)\n\n' +
              '//go:linkname monotonicNanos runtime.nanotime\nfunc monotonicNanos() int64\n\n' +
              'func Since(start int64) time.Duration { return time.Duration(monotonicNanos() - start) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const file of ctx.pkg.files) {
      // Look at the text first: touching imports or directives parses the file.
      if (!file.text.includes('go:linkname')) continue;
      if (file.imports.some((i) => i.path === 'unsafe')) continue;
      for (const d of file.directives) {
        // A bare `//go:linkname` with no argument is not a directive to gc (LN003 judges it).
        if (d.name !== 'linkname' || d.spaced || d.args.length === 0) continue;
        ctx.report({
          file,
          at: d,
          message:
            '//go:linkname is only allowed in Go files that import "unsafe"; add `import _ "unsafe"` to ' +
            `${file.name} (an import in another file of the package does not count)`,
          fix: { description: `add \`import _ "unsafe"\` to ${file.name}` },
        });
      }
    }
  },
};
