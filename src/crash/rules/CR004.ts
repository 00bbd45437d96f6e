import { type CrashRule, firstLine, seeRule } from '../rule.js';

const POINTER_CHECK = [
  /argument of cgo function has Go pointer to unpinned Go pointer/,
  /Go pointer to unpinned Go pointer/,
  /Go pointer to Go pointer/,
  /cgo result has Go pointer/,
  /is unpinned Go pointer or points to unpinned Go pointer/,
  /Go pointer stored into non-Go memory/,
];

export const CR004: CrashRule = {
  id: 'CR004',
  name: 'cgo-pointer-check',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: "cgo's pointer-passing check stopped the program",
  docs: {
    symptom:
      'A panic at the C call (exit status 2):\n\n```\npanic: runtime error: cgo argument has Go pointer to Go pointer\n```\n\n' +
      'Go 1.21 and later say `cgo argument has Go pointer to unpinned Go pointer`; Go 1.26 words it ' +
      '`argument of cgo function has Go pointer to unpinned Go pointer`. Results returned from an exported ' +
      'Go function to C: `cgo result has Go pointer` (before 1.21), `cgo result is unpinned Go pointer or points ' +
      'to unpinned Go pointer` (1.21+). With the thorough checker (`GODEBUG=cgocheck=2` before 1.21, ' +
      '`GOEXPERIMENT=cgocheck2` since): `fatal error: Go pointer stored into non-Go memory` (1.21+: `unpinned ' +
      'Go pointer stored into non-Go memory`).',
    why:
      'The cgo pointer rules let C receive a Go pointer only if the memory it points to holds no Go ' +
      'pointers of its own (unless they are pinned), and forbid C from keeping Go pointers after the call. ' +
      'The garbage collector moves nothing today but does not scan C memory and may free what only C ' +
      'references. `GODEBUG=cgocheck=1` (the default) checks call arguments whose C type can hold pointers; ' +
      'the panic means the program broke the rule at that call, and the same code breaks it silently where ' +
      'the C parameter type is `char*`.',
    fix:
      'Pass flat data: copy what C needs into C memory (`C.malloc`, `C.CBytes`, `C.CString`) and free it ' +
      'afterwards; pass `&slice[0]` of a slice of numbers rather than a struct with pointer fields; since ' +
      'Go 1.21, pin inner pointers with `runtime.Pinner` for the duration of the call; hand C a ' +
      '`runtime/cgo.Handle` instead of a Go pointer it must keep. Do not silence the check with ' +
      '`GODEBUG=cgocheck=0`.',
    versions:
      'Go 1.6+ (the check); wording `Go pointer to Go pointer` until Go 1.20, `unpinned` since 1.21, ' +
      '`argument of cgo function has ...` since 1.26; `GODEBUG=cgocheck=2` replaced by `GOEXPERIMENT=cgocheck2` in 1.21.',
    references: [
      'cmd/cgo documentation, "Passing pointers"',
      'src/runtime/cgocall.go: cgoCheckPointer, cgoCheckResult',
      'src/runtime/cgocheck.go (the write barrier check)',
      'catalog CGO002, CGO003',
    ],
    bad: [
      {
        title: 'A struct with a pointer field passed to a void** parameter',
        files: [
          {
            name: 'crash.log',
            text:
              'panic: runtime error: cgo argument has Go pointer to Go pointer\n\ngoroutine 1 [running]:\n' +
              'main.main.func1(0x0?)\n\t/src/app/main.go:18 +0x2c\nmain.main()\n\t/src/app/main.go:18 +0x65\n' +
              'exit status 2\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The pointer is pinned for the call (Go 1.21+)',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\n/*\n#include <stddef.h>\nstatic size_t first(void **p) { return p[0] != NULL; }\n*/\n' +
              'import "C"\n\nimport (\n\t"runtime"\n\t"unsafe"\n)\n\ntype node struct{ next *int }\n\n' +
              'func main() {\n\tv := 7\n\tn := &node{next: &v}\n\tvar pin runtime.Pinner\n\tpin.Pin(n.next)\n' +
              '\tdefer pin.Unpin()\n\tC.first((*unsafe.Pointer)(unsafe.Pointer(n)))\n}\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const hit = firstLine(crash, POINTER_CHECK);
    if (!hit) return;
    const text = hit.line.text;
    const stored = /stored into non-Go memory/.test(text);
    const result = /cgo result/.test(text);
    report({
      line: hit.line.inputLine,
      message: stored
        ? 'cgo pointer check: Go code stored a Go pointer into C memory, which the garbage collector does not scan'
        : result
          ? 'cgo pointer check: an exported Go function returned a Go pointer (or memory holding one) to C'
          : 'cgo pointer check: a C call received Go memory that itself holds Go pointers; pass flat data, ' +
            'C memory, or pin the inner pointers (runtime.Pinner, Go 1.21+)',
      related: stored
        ? [seeRule('CGO003', 'C must not keep Go pointers'), seeRule('CGO002', 'the argument rule')]
        : [
            seeRule('CGO002', 'the source lens finds such arguments'),
            seeRule('CGO003', 'C must not keep Go pointers'),
          ],
    });
  },
};
