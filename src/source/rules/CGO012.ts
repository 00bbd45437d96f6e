import type { PackageRule } from '../rule.js';

export const CGO012: PackageRule = {
  id: 'CGO012',
  name: 'cgo-in-test-file',
  severity: 'error',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'import "C" in a _test.go file',
  prefilter: /"C"[ \t]*(?:\r?\n|\/\/|\/\*|;)/,
  trainer: { difficulty: 1, essential: ['TestChecksum', 'checksum'] },
  docs: {
    symptom:
      'Every go command that loads the package refuses it, not only `go test`:\n\n' +
      '```\n$ go test ./...\nuse of cgo in test /src/sum/sum_test.go not supported\n```\n\n' +
      '`go vet` and `go build` print the same line, and so does building any program that imports ' +
      'the package (the error is raised while the package is loaded, before anything is compiled). ' +
      'Setting `CGO_ENABLED=0` does not help.',
    why:
      'The go command runs cgo only over the non-test files of a package. `go/build` rejects a ' +
      '`_test.go` file that imports "C" as soon as it reads its imports, for internal (`package sum`) ' +
      'and external (`package sum_test`) test files alike, and the package is then unusable.',
    fix:
      'Move the preamble and the `C.` calls into an ordinary file of the package (for example ' +
      '`cgo_helpers.go`, guarded with `//go:build cgo` if the package must also build without cgo), ' +
      'wrap them in small Go functions, and call those from the test.',
    versions: 'Every Go release; the check lives in go/build.',
    references: [
      'go/build: Context.Import ("use of cgo in test %s not supported")',
      'cmd/cgo documentation: cgo processes the non-test Go files of a package',
    ],
    bad: [
      {
        title: 'The test declares its own C helper',
        files: [
          {
            name: 'sum.go',
            text: 'package sum\n\nfunc Add(a, b int) int { return a + b }\n',
          },
          {
            name: 'sum_test.go',
            text:
              'package sum\n\n// static int checksum(int a, int b) { return a + b; }\nimport "C"\n\n' +
              'import "testing"\n\nfunc TestChecksum(t *testing.T) {\n' +
              '\tif int(C.checksum(2, 3)) != Add(2, 3) {\n\t\tt.Fatal("mismatch")\n\t}\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The C helper lives in a non-test file and the test calls a Go wrapper',
        files: [
          {
            name: 'sum.go',
            text: 'package sum\n\nfunc Add(a, b int) int { return a + b }\n',
          },
          {
            name: 'cchecksum.go',
            text:
              'package sum\n\n// static int checksum(int a, int b) { return a + b; }\nimport "C"\n\n' +
              'func checksum(a, b int) int { return int(C.checksum(C.int(a), C.int(b))) }\n',
          },
          {
            name: 'sum_test.go',
            text:
              'package sum\n\nimport "testing"\n\nfunc TestChecksum(t *testing.T) {\n' +
              '\tif checksum(2, 3) != Add(2, 3) {\n\t\tt.Fatal("mismatch")\n\t}\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    for (const file of ctx.pkg.files) {
      if (!file.isTest || !file.text.includes('"C"')) continue;
      // The go command never reads `_x_test.go` files or files tagged `//go:build ignore`.
      if (/^[_.]/.test(file.name) || (file.constraint?.kind === 'tag' && file.constraint.tag === 'ignore'))
        continue;
      const imp = file.imports.find((i) => i.path === 'C');
      if (!imp) continue;
      ctx.report({
        file,
        at: imp,
        message:
          `test files cannot import "C": go build, go vet and go test of this package (and of every program ` +
          `importing it) stop with "use of cgo in test ${file.name} not supported"; move the cgo code into a ` +
          'non-test file and call it from the test',
        fix: {
          description: `move the preamble and the C calls of ${file.name} into a non-test file of the package`,
        },
      });
    }
  },
};
