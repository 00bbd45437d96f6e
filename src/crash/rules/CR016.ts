import { type CrashRule, cgocallFrame, firstLine, reportedGoroutine, seeRule, where } from '../rule.js';
import { nssFrame, UNEXPECTED_SIGNAL } from './CR005.js';

const CGO_SIGNAL = /signal arrived during (cgo|external code) execution/;

export const CR016: CrashRule = {
  id: 'CR016',
  name: 'c-code-crash',
  severity: 'warning',
  lens: 'crash',
  subsystem: 'crash',
  title: 'the crash happened in C code called through cgo',
  docs: {
    symptom:
      'A signal while a goroutine was inside a C call (exit status 2):\n\n```\n' +
      'fatal error: unexpected signal during runtime execution\n' +
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x482e82]\n\n' +
      'goroutine 1 [syscall]:\nruntime.cgocall(0x482e70, 0xc000046f38)\n...\nmain._Cfunc_deref(0x0)\n' +
      '\t_cgo_gotypes.go:43 +0x48 ...\nmain.main()\n```\n\n' +
      'Newer releases, and signals that are not faults (`abort()`), print a signal header instead:\n\n```\n' +
      'SIGSEGV: segmentation violation\nPC=0x491632 m=0 sigcode=1 addr=0x0\nsignal arrived during cgo execution\n```\n\n' +
      '(Windows: `signal arrived during external code execution`.) The Go frames stop at `runtime.cgocall`; ' +
      'the faulting C function is not named unless a cgo symbolizer is installed. A crash on a thread that C ' +
      'created prints no Go traceback at all, and a raw SIGSEGV the runtime does not handle exits 139.',
    why:
      'The goroutine is in state `syscall` with `runtime.cgocall` directly above a `_Cfunc_` wrapper: it was ' +
      'running C code when the signal arrived, so the fault is in that C function or in what it was given — ' +
      'a NULL or dangling pointer, a buffer overrun, memory freed twice, a Go pointer kept past the call, ' +
      'an out-of-bounds `unsafe` offset.',
    fix:
      'Debug the C side: run the program under gdb (`gdb --args ./app`, `handle SIGURG nostop noprint`) or ' +
      'build the C code with AddressSanitizer (`go build -asan`, Go 1.18+, with clang/gcc support); check ' +
      'the arguments the Go code passes (`C.CString` lifetimes, lengths, `nil`), and that C does not keep ' +
      'Go pointers. Installing a symbolizer (`runtime.SetCgoTraceback`, e.g. github.com/ianlancetaylor/cgosymbolizer) ' +
      'names the C frames in the traceback.',
    versions:
      'Every Go release with cgo. Go 1.19 reports faults as `fatal error: unexpected signal during runtime ' +
      'execution`; newer releases (seen on 1.23) print the `SIGSEGV:` header with `signal arrived during cgo execution`.',
    references: [
      'cmd/cgo documentation',
      'src/runtime/signal_unix.go: sighandler ("signal arrived during cgo execution")',
      'runtime.SetCgoTraceback documentation',
      'catalog CGO001, CGO002, CGO003, CGO011',
    ],
    bad: [
      {
        title: 'A C function dereferences NULL',
        files: [
          {
            name: 'crash.log',
            text:
              'SIGSEGV: segmentation violation\nPC=0x491632 m=0 sigcode=1 addr=0x0\n' +
              'signal arrived during cgo execution\n\ngoroutine 1 gp=0xc0000061c0 m=0 mp=0x559ba0 [syscall]:\n' +
              'runtime.cgocall(0x491620, 0xc000054f08)\n' +
              '\t/usr/local/go/src/runtime/cgocall.go:167 +0x4b fp=0xc000054ee0 sp=0xc000054ea8 pc=0x46228b\n' +
              'main._Cfunc_deref(0x0)\n\t_cgo_gotypes.go:45 +0x47 fp=0xc000054f08 sp=0xc000054ee0 pc=0x491567\n' +
              'main.main()\n\t/src/app/main.go:11 +0x1b fp=0xc000054f50 sp=0xc000054f08 pc=0x4915bb\n' +
              'exit status 2\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The C function checks its argument',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\n/*\nstatic int deref(int *p) { return p ? *p : -1; }\n*/\nimport "C"\n\n' +
              'import "fmt"\n\nfunc main() {\n\tv := C.int(7)\n\tfmt.Println(C.deref(&v), C.deref(nil))\n}\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const signalLine = firstLine(crash, UNEXPECTED_SIGNAL)?.line.inputLine ?? crash.signal?.inputLine;
    const arrived = firstLine(crash, CGO_SIGNAL);
    if (signalLine === undefined && !arrived) return;
    // A SIGQUIT dump (kill -QUIT) was asked for; it is not a crash in C.
    if (
      crash.signal &&
      /^SIG(QUIT|INT|TERM|HUP)$/.test(crash.signal.name) &&
      !firstLine(crash, UNEXPECTED_SIGNAL)
    )
      return;
    if (nssFrame(crash)) return; // CR005's
    const g = reportedGoroutine(crash);
    const call = g?.state.startsWith('syscall') ? cgocallFrame(g!) : null;
    if (!call && !arrived) return;
    const line = signalLine ?? arrived!.line.inputLine;
    const sig = crash.signal?.name ?? 'a signal';
    const what = call ? `${call.wrapper.func.replace(/^.*\._C2?func_/, 'C.')}` : 'a C function';
    report({
      line,
      message:
        `${sig} while goroutine ${g?.id ?? '?'} was running C code (${what}` +
        `${call?.caller ? `, called from ${call.caller.func} at ${where(call.caller)}` : ''}): the fault is in the C side or in what Go passed to it`,
      related: [
        ...(call
          ? [
              {
                line: call.wrapper.inputLine,
                message: `${call.wrapper.func} is the cgo call that was running`,
              },
            ]
          : []),
        ...(arrived
          ? [{ line: arrived.line.inputLine, message: 'the runtime says the signal arrived during a C call' }]
          : []),
        seeRule('CGO002', 'Go memory holding Go pointers passed to C'),
        seeRule('CGO003', 'C keeping Go pointers after the call'),
        seeRule('CGO011', 'unsafe offsets past the end of an object'),
        seeRule('CGO001', 'C memory handling'),
      ],
    });
  },
};
