import { type CrashRule, firstLine, seeRule } from '../rule.js';

const CALLBACK = [
  /morestack on g0/,
  /cgocallback with sp=\S+ out of bounds \[/,
  /cgocallback SP out of bounds/,
  /bad g in cgocallback/,
  /cgo callback before cgo call/,
];

export const CR008: CrashRule = {
  id: 'CR008',
  name: 'cgo-callback',
  severity: 'warning',
  lens: 'crash',
  subsystem: 'crash',
  title: 'a call from C into Go failed in the runtime',
  docs: {
    symptom:
      'One of:\n\n```\nfatal: morestack on g0\n```\n\n(exit status 2, or SIGTRAP/SIGSEGV on older releases);\n\n```\n' +
      'M 11 procid 2986 runtime: cgocallback with sp=0x7f43bbdc9ee0 out of bounds [0x7f43bbda6ba0, 0x7f43bbdc6ba0]\n' +
      'fatal error: cgocallback SP out of bounds\n```\n\n(Go 1.22.x; the `fatal error` line only in some builds, ' +
      'else exit status 2 right after the first line);\n\n```\nruntime: bad g in cgocallback\n```\n\n' +
      'and `fatal error: cgo callback before cgo call` when Go is entered without the export wrapper.',
    why:
      "When C calls an exported Go function the runtime switches from the C thread's stack to Go's; it " +
      'records the bounds of that C stack when the thread first enters Go. C code that switches stacks ' +
      'under Go — coroutines (`swapcontext`, `makecontext`), green threads, fibers, `longjmp` across Go frames ' +
      '— calls back from a stack the runtime does not know, and it aborts. Go 1.22.0–1.22.5 checked the ' +
      'bounds strictly and broke programs (PHP, Ruby, Lua embeddings) that earlier releases tolerated. ' +
      '`cgo callback before cgo call` means Go was entered through a raw C function pointer (Windows ' +
      '`syscall.NewCallback`) before the runtime was ready; on Unix, calling an exported Go function from a ' +
      'C global constructor instead hangs for ever.',
    fix:
      'Do not call Go from a C stack the runtime did not see: run the coroutine or fiber library so that ' +
      "Go callbacks happen on the thread's original stack, or call Go from a thread of its own. For the " +
      'Go 1.22 regression, upgrade to Go 1.22.6+ / 1.23 (golang/go#62130, #68285). Never call exported ' +
      'Go functions from C constructors (`__attribute__((constructor))`) or before `main` has started.',
    versions:
      'Every release for morestack on g0 (seen on Go 1.19); `cgocallback with sp=... out of bounds` in Go 1.22.x; ' +
      'Go 1.21+ keeps a C thread bound to its M between callbacks.',
    references: [
      'golang/go#62130',
      'golang/go#68285',
      'src/runtime/cgocall.go: cgocallbackg',
      'catalog CGO014',
    ],
    bad: [
      {
        title: 'A fiber library calls back into Go from a switched stack (Go 1.22.5)',
        files: [
          {
            name: 'crash.log',
            text:
              'M 11 procid 2986 runtime: cgocallback with sp=0x7f43bbdc9ee0 out of bounds [0x7f43bbda6ba0, 0x7f43bbdc6ba0]\n' +
              'fatal error: cgocallback SP out of bounds\n\nruntime stack:\nruntime.throw({0xada75f?, 0x0?})\n' +
              '\t/usr/local/go/src/runtime/panic.go:1023 +0x5c\n',
          },
        ],
      },
    ],
    good: [
      {
        title: "Callbacks run on the thread's own stack; Go upgraded past the 1.22 regression",
        files: [
          {
            name: 'go.mod',
            text: 'module example.com/embed\n\ngo 1.22\n\ntoolchain go1.22.6\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const hit = firstLine(crash, CALLBACK);
    if (!hit) return;
    const t = hit.line.text;
    const message = /morestack on g0/.test(t)
      ? "Go code ran out of stack on a C thread's system stack (morestack on g0): C switched stacks under a Go callback"
      : /out of bounds/.test(t)
        ? 'a C-to-Go callback arrived on a stack the runtime did not record (cgocallback SP out of bounds): ' +
          'C switched stacks (coroutines, fibers); Go 1.22.0–1.22.5 are stricter here'
        : /before cgo call/.test(t)
          ? 'Go was entered from C before the runtime was ready (cgo callback before cgo call)'
          : 'a C-to-Go callback found no valid goroutine (bad g in cgocallback)';
    report({
      line: hit.line.inputLine,
      message,
      related: [seeRule('CGO014', 'the source lens finds C threads and stack switching that call into Go')],
    });
  },
};
