import type { Related } from '../../core/finding.js';
import { type CSignalInstall, cPackage, cSpan, mayImportC } from '../analysis/csrc.js';
import type { PackageRule } from '../rule.js';

/** Signals the Go runtime turns into panics or uses itself; a foreign handler must pass them on. */
const MUST_CHAIN = new Set(['SIGSEGV', 'SIGBUS', 'SIGFPE', 'SIGPROF', 'SIGPIPE']);

function installText(i: CSignalInstall): string {
  const sig = i.signal ?? 'a signal';
  return `${i.api}(${sig}, ...)`;
}

export const CGO013: PackageRule = {
  id: 'CGO013',
  name: 'go-signal-clobbered',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'C code replaces a signal handler the Go runtime depends on',
  prefilter: /"C"[ \t]*(?:\r?\n|\/\/)/,
  trainer: { difficulty: 3, essential: ['install_handler', 'on_fault'] },
  docs: {
    symptom:
      'Depending on the signal and on how the handler was installed:\n\n' +
      '- A C handler for SIGURG (even `SIG_IGN`) takes the signal the scheduler uses to preempt goroutines ' +
      '(Go 1.14+): tight loops are no longer interrupted, so garbage collection and `GOMAXPROCS` changes ' +
      'wait for them, and a handler that runs on the goroutine stack corrupts it:\n\n' +
      '```\nruntime: g 20: unexpected return pc for main.main.func1 called from 0x0\nfatal error: unknown caller pc\n```\n\n' +
      'The corruption shows differently from run to run; `fatal error: runtime: split stack overflow` was seen ' +
      'from the same program on Go 1.19.\n\n' +
      "- A handler installed without `SA_ONSTACK` that passes the signal on to Go's handler kills the " +
      'process:\n\n```\nsignal 10 received but handler not on signal stack\n' +
      'fatal error: non-Go code set up signal handler without SA_ONSTACK flag\n```\n\n' +
      '- A SIGSEGV, SIGBUS or SIGFPE handler that does not pass the signal on turns every nil-pointer ' +
      'dereference or integer division by zero in Go into whatever the C handler does (often a silent exit ' +
      'or a hang) instead of a Go panic; a SIGPROF handler that keeps the signal breaks `pprof` CPU ' +
      'profiles; a SIGPIPE handler that keeps it changes how writes to closed pipes end the program.',
    why:
      'The Go runtime installs handlers for every signal at start-up and relies on them: SIGURG for ' +
      'asynchronous preemption, SIGSEGV/SIGBUS/SIGFPE to turn faults in Go code into panics, SIGPROF for ' +
      'the CPU profiler, SIGPIPE for the rules of `os/signal`. Goroutine stacks are small and movable, so ' +
      'Go requires every handler to run on the alternate signal stack (`SA_ONSTACK`): a handler without it ' +
      'runs on whatever stack the thread was using, which is often a goroutine stack, and writes its frame ' +
      "past the end of it. `signal()` never sets `SA_ONSTACK`. A foreign handler that replaces Go's must " +
      'save the previous action and call it for the signals Go needs, or Go never sees them.',
    fix:
      'Let Go own signals: use `os/signal.Notify` (or `signal.Ignore`) from Go. If C must handle a signal, ' +
      'install the handler with `sigaction`, `SA_ONSTACK | SA_SIGINFO | SA_RESTART`, save the old action and ' +
      'call it for anything the handler does not fully deal with:\n\n' +
      '```c\nstatic struct sigaction go_action;\n\nstatic void on_fault(int sig, siginfo_t *info, void *uc) {\n' +
      '    if (!handled_by_c(info)) go_action.sa_sigaction(sig, info, uc);\n}\n\n' +
      'static void install_handler(void) {\n    struct sigaction sa;\n    memset(&sa, 0, sizeof sa);\n' +
      '    sigemptyset(&sa.sa_mask);\n    sa.sa_flags = SA_ONSTACK | SA_SIGINFO | SA_RESTART;\n' +
      '    sa.sa_sigaction = on_fault;\n    sigaction(SIGSEGV, &sa, &go_action);\n}\n```\n\n' +
      'Never install anything for SIGURG.',
    versions:
      'SIGURG preemption since Go 1.14 (`GODEBUG=asyncpreemptoff=1` turns it off). The SA_ONSTACK check ' +
      '(`non-Go code set up signal handler without SA_ONSTACK flag`) has existed since Go 1.5; the messages ' +
      'above were produced with Go 1.19 on linux/amd64.',
    references: [
      'os/signal documentation: "Go programs that use cgo or SWIG" and "Non-Go programs that call Go code"',
      'src/runtime/signal_unix.go (sigtrampgo, adjustSignalStack, sigNotOnStack)',
      'src/runtime/preempt.go (asynchronous preemption with SIGURG)',
      'golang/go#37942',
    ],
    bad: [
      {
        title: 'A crash handler without SA_ONSTACK that never passes SIGSEGV on to Go',
        files: [
          {
            name: 'crash.go',
            text:
              'package crash\n\n/*\n#include <signal.h>\n#include <string.h>\n#include <unistd.h>\n\n' +
              'static void on_fault(int sig) {\n\tstatic const char msg[] = "native crash\\n";\n' +
              '\twrite(2, msg, sizeof msg - 1);\n\t_exit(70);\n}\n\nstatic void install_handler(void) {\n' +
              '\tstruct sigaction sa;\n\tmemset(&sa, 0, sizeof sa);\n\tsa.sa_handler = on_fault;\n' +
              '\tsigaction(SIGSEGV, &sa, NULL);\n}\n*/\nimport "C"\n\n' +
              '// Install reports native crashes on stderr.\nfunc Install() { C.install_handler() }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: "SA_ONSTACK, and the previous action (Go's) is saved and called",
        files: [
          {
            name: 'crash.go',
            text:
              'package crash\n\n/*\n#include <signal.h>\n#include <string.h>\n#include <unistd.h>\n\n' +
              'static struct sigaction go_action;\n\n' +
              'static void on_fault(int sig, siginfo_t *info, void *uc) {\n\tstatic const char msg[] = "native crash\\n";\n' +
              '\twrite(2, msg, sizeof msg - 1);\n\tgo_action.sa_sigaction(sig, info, uc);\n}\n\n' +
              'static void install_handler(void) {\n\tstruct sigaction sa;\n\tmemset(&sa, 0, sizeof sa);\n' +
              '\tsigemptyset(&sa.sa_mask);\n\tsa.sa_flags = SA_ONSTACK | SA_SIGINFO | SA_RESTART;\n' +
              '\tsa.sa_sigaction = on_fault;\n\tsigaction(SIGSEGV, &sa, &go_action);\n}\n*/\nimport "C"\n\n' +
              '// Install reports native crashes on stderr, then lets Go handle the signal.\n' +
              'func Install() { C.install_handler() }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    // Text first: some C text of the package must name a signal API.
    const re = /\b(sigaction|signal|sigset|bsd_signal|sysv_signal)\s*\(/;
    if (!ctx.pkg.files.some((f) => mayImportC(f.text))) return;
    if (!ctx.pkg.files.some((f) => re.test(f.text)) && !ctx.pkg.aux.some((a) => re.test(a.text))) return;
    const c = cPackage(ctx);
    for (const inst of c.signalInstalls()) {
      // Before the runtime starts, Go adopts the handler and forwards to it (os/signal docs).
      if (inst.early) continue;
      const problem = judge(inst);
      if (!problem) continue;
      const related: Related[] = [];
      if (inst.handler) {
        const h = inst.handler;
        const at = cSpan(h.source, h.nameNode);
        related.push({
          file: h.source.path,
          line: at.line,
          column: at.column,
          message: `handler \`${h.name}\` is defined here`,
        });
      }
      ctx.report({
        file: inst.source.file,
        at: cSpan(inst.source, inst.node),
        severity: problem.severity,
        message: problem.message,
        related,
      });
    }
  },
};

function judge(i: CSignalInstall): { severity: 'error' | 'warning'; message: string } | null {
  const what = installText(i);
  if (i.signal === 'SIGURG') {
    const disp =
      i.disposition === 'ignore'
        ? 'ignores SIGURG'
        : i.disposition === 'default'
          ? 'resets SIGURG to its default action'
          : `installs a handler${i.handlerName ? ` (\`${i.handlerName}\`)` : ''} for SIGURG`;
    const corrupts =
      i.disposition === 'function' && i.onstack !== true
        ? ', and a handler without SA_ONSTACK runs on goroutine stacks and corrupts them (`fatal error: unknown caller pc`)'
        : '';
    return {
      severity: 'error',
      message:
        `${what} ${disp}, the signal the Go scheduler (Go 1.14+) sends to preempt running goroutines: ` +
        `preemption stops working (tight loops stall garbage collection)${corrupts}; leave SIGURG to Go`,
    };
  }
  if (i.disposition !== 'function') return null;
  const problems: string[] = [];
  const name = i.handlerName ? `\`${i.handlerName}\`` : 'the handler';
  const abort =
    i.chains === true
      ? 'and since it passes the signal on to Go, the runtime aborts with `non-Go code set up signal handler without SA_ONSTACK flag`'
      : '(a handler that passes the signal on to Go makes the runtime abort with `non-Go code set up signal handler without SA_ONSTACK flag`)';
  if (i.api !== 'sigaction') {
    problems.push(
      `${i.api}() installs ${name} without SA_ONSTACK, so it runs on the interrupted goroutine's small stack ${abort}`,
    );
  } else if (i.onstack === false) {
    const flags = i.flagsText ? `sa_flags (${i.flagsText.replace(/\s+/g, ' ')})` : 'sa_flags';
    problems.push(
      `${flags} lacks SA_ONSTACK, so ${name} runs on the interrupted goroutine's small stack ${abort}`,
    );
  }
  if (i.signal && MUST_CHAIN.has(i.signal) && i.chains === false) {
    problems.push(
      `${name} ${i.savesOld ? 'never calls the saved previous action' : 'does not save the previous action'}, so Go ` +
        `never sees ${i.signal}${i.signal === 'SIGPROF' ? ' (CPU profiles break)' : i.signal === 'SIGPIPE' ? " (os/signal's SIGPIPE rules break)" : ' (faults in Go code no longer become panics)'}`,
    );
  }
  if (problems.length === 0) return null;
  return {
    severity: 'warning',
    message:
      `${what}: ${problems.join('; and ')}; use os/signal from Go, or sigaction with SA_ONSTACK|SA_SIGINFO|SA_RESTART ` +
      'that saves the old action and calls it',
  };
}
