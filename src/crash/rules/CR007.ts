import { type CrashRule, firstLine, seeRule } from '../rule.js';

const SIGNAL_STACK = [
  /non-Go code set up signal handler without SA_ONSTACK flag/,
  /non-Go code disabled sigaltstack/,
  /signal \d+ received but handler not on signal stack/,
];

export const CR007: CrashRule = {
  id: 'CR007',
  name: 'signal-conflict',
  severity: 'warning',
  lens: 'crash',
  subsystem: 'crash',
  title: "C code changed the runtime's signal handling",
  docs: {
    symptom:
      '```\nsignal 23 received but handler not on signal stack\n' +
      'fatal error: non-Go code set up signal handler without SA_ONSTACK flag\n```\n\n' +
      'or `fatal error: non-Go code disabled sigaltstack`; exit status 2. Signal 23 is SIGURG on Linux, which ' +
      'the runtime sends itself to preempt goroutines, so the crash can come at any moment after the C ' +
      'library was initialised.',
    why:
      "Go installs its handlers with `SA_ONSTACK` and runs them on each thread's alternate signal stack, " +
      'because goroutine stacks are small and movable. A C library that re-installs a handler (often by ' +
      "saving Go's and chaining to it) without `SA_ONSTACK`, or that turns the alternate stack off, makes " +
      "Go's handler run on a goroutine stack; the runtime detects that and aborts.",
    fix:
      'Make the C code install handlers with `SA_ONSTACK | SA_SIGINFO | SA_RESTART`, keep the previous ' +
      'action and chain to it, and leave `sigaltstack` alone; better, let Go own signals (`os/signal.Notify`) ' +
      'and do not install handlers in C at all. Many libraries have an option to skip their signal setup ' +
      '(JVMs: `-Xrs`; crash reporters: disable their handler).',
    versions: 'Go 1.14+ for SIGURG preemption; the SA_ONSTACK requirement holds for every release.',
    references: [
      'os/signal documentation, "Go programs that use cgo or SWIG"',
      'src/runtime/signal_unix.go: adjustSignalStack, sigNotOnStack',
      'catalog CGO013',
    ],
    bad: [
      {
        title: "A C library re-installs the runtime's SIGURG handler without SA_ONSTACK",
        files: [
          {
            name: 'crash.log',
            text:
              'signal 23 received but handler not on signal stack\n' +
              'fatal error: non-Go code set up signal handler without SA_ONSTACK flag\n\nruntime stack:\n' +
              'runtime.throw({0x470934?, 0xc00003c000?})\n\t/usr/local/go/src/runtime/panic.go:1047 +0x5d\n' +
              'runtime.sigNotOnStack(0x17)\n\t/usr/local/go/src/runtime/signal_unix.go:1020 +0x65\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The C code keeps SA_ONSTACK and chains',
        files: [
          {
            name: 'handler.c',
            text:
              '#include <signal.h>\n#include <string.h>\n\nstatic struct sigaction old;\n\n' +
              'static void on_usr1(int sig, siginfo_t *info, void *ctx) {\n\t/* ... */\n' +
              '\tif (old.sa_flags & SA_SIGINFO) old.sa_sigaction(sig, info, ctx);\n}\n\n' +
              'void install(void) {\n\tstruct sigaction sa;\n\tmemset(&sa, 0, sizeof sa);\n' +
              '\tsa.sa_sigaction = on_usr1;\n\tsa.sa_flags = SA_ONSTACK | SA_SIGINFO | SA_RESTART;\n' +
              '\tsigaction(SIGUSR1, &sa, &old);\n}\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const hit = firstLine(crash, SIGNAL_STACK);
    if (!hit) return;
    const sig = /signal (\d+) received/.exec(hit.line.text);
    const urg = sig?.[1] === '23' ? " (signal 23 is SIGURG, the runtime's preemption signal on Linux)" : '';
    report({
      line: hit.line.inputLine,
      message: /disabled sigaltstack/.test(hit.line.text)
        ? 'C code turned off the alternate signal stack the Go runtime needs; leave sigaltstack alone'
        : `a handler installed by C code runs without SA_ONSTACK${urg}; install C handlers with SA_ONSTACK and chain to the old action`,
      related: [seeRule('CGO013', 'the source lens finds sigaction/signal calls in C code')],
    });
  },
};
