import type { Related } from '../../core/finding.js';
import { cPackage, cSpan, mayImportC, STACK_SWITCHERS } from '../analysis/csrc.js';
import type { PackageRule } from '../rule.js';

export const CGO014: PackageRule = {
  id: 'CGO014',
  name: 'c-thread-callback',
  severity: 'info',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'A thread created in C calls back into Go',
  prefilter: /\/\/export/,
  trainer: { difficulty: 2, essential: ['worker_main', 'Start'] },
  docs: {
    symptom:
      'Usually nothing: calling an exported Go function from a thread that C created is supported. The ' +
      'first callback on such a thread costs more (the runtime must attach an M to it), and before Go 1.21 ' +
      'every callback paid that price (a few microseconds), because the M was detached again on return.\n\n' +
      'It goes wrong when the C side also switches stacks (`makecontext`/`swapcontext` coroutines, ' +
      '`setjmp`/`longjmp` across the callback, hand-written context switches): the runtime records the ' +
      "thread's stack bounds at the first callback and later finds itself on a different stack:\n\n" +
      '```\nfatal: morestack on g0\n```\n\nor, on Go 1.22:\n\n```\nruntime: cgocallback with sp=0x7f... out of bounds [0x7f..., 0x7f...]\n' +
      'fatal error: unexpected signal during runtime execution\n```',
    why:
      "A Go function needs an M (the runtime's view of an OS thread) and a g0 stack to run on. For a thread " +
      "Go did not create, cgo's export wrapper asks the runtime for an extra M and treats the current C " +
      "stack as that M's g0 stack; since Go 1.21 the M stays bound to the thread until it exits, so its " +
      'recorded stack bounds must stay valid for the whole life of the thread. Code that moves the thread to ' +
      'another stack between or during callbacks breaks that assumption. A callback from a C or C++ global ' +
      'constructor never returns either: the wrapper waits for the runtime to finish initialising, which ' +
      'only happens after constructors have run.',
    fix:
      'Keep callbacks from C threads simple and bounded; when a callback rate matters, hand the work to a Go ' +
      'goroutine through a queue instead of calling into Go for every event. Do not call exported Go ' +
      'functions from a coroutine stack created with `makecontext` or from code that `longjmp`s across the ' +
      "callback; switch back to the thread's original stack first, or run the coroutines in Go. Never call " +
      'into Go from a global constructor.',
    versions:
      'Supported in every Go release with cgo. Go 1.21 keeps the extra M bound to the C thread (cheaper ' +
      'callbacks, stricter stack assumptions); golang/go#62130 and #68285 are the stack-switching failures.',
    references: [
      'cmd/cgo documentation: "C references to Go" (//export)',
      'src/runtime/cgocall.go (cgocallbackg, needm, the extra M)',
      'golang/go#62130',
      'golang/go#68285',
    ],
    bad: [
      {
        title: 'A worker thread started by C calls an exported Go function in a loop',
        files: [
          {
            name: 'ticker.go',
            text:
              'package ticker\n\n/*\n#include <pthread.h>\n#include <unistd.h>\n\nextern void goOnTick(int n);\n\n' +
              'static void *worker_main(void *arg) {\n\tfor (int i = 0; i < 10; i++) {\n\t\tusleep(1000);\n' +
              '\t\tgoOnTick(i);\n\t}\n\treturn NULL;\n}\n\nstatic int start_worker(void) {\n\tpthread_t t;\n' +
              '\treturn pthread_create(&t, NULL, worker_main, NULL);\n}\n*/\nimport "C"\n\n' +
              'var ticks = make(chan int, 16)\n\n//export goOnTick\nfunc goOnTick(n C.int) { ticks <- int(n) }\n\n' +
              '// Start runs the native worker.\nfunc Start() <-chan int {\n\tC.start_worker()\n\treturn ticks\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The thread only produces data; Go polls it from a goroutine',
        files: [
          {
            name: 'ticker.go',
            text:
              'package ticker\n\n/*\n#include <pthread.h>\n#include <stdatomic.h>\n#include <unistd.h>\n\n' +
              'static atomic_int latest;\n\nstatic void *worker_main(void *arg) {\n\tfor (int i = 0; i < 10; i++) {\n' +
              '\t\tusleep(1000);\n\t\tatomic_store(&latest, i);\n\t}\n\treturn NULL;\n}\n\n' +
              'static int start_worker(void) {\n\tpthread_t t;\n\treturn pthread_create(&t, NULL, worker_main, NULL);\n}\n\n' +
              'static int latest_tick(void) { return atomic_load(&latest); }\n*/\nimport "C"\n\n' +
              '// Start runs the native worker.\nfunc Start() { C.start_worker() }\n\n' +
              '// Latest returns the last tick the worker produced.\nfunc Latest() int { return int(C.latest_tick()) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    // Text first: an //export directive and a thread API somewhere in the package's C text.
    if (!ctx.pkg.files.some((f) => f.text.includes('//export') && mayImportC(f.text))) return;
    const api =
      /\b(pthread_create|thrd_create|CreateThread|_beginthread(ex)?|uv_thread_create|g_thread_new)\s*\(/;
    if (!ctx.pkg.files.some((f) => api.test(f.text)) && !ctx.pkg.aux.some((a) => api.test(a.text))) return;
    const c = cPackage(ctx);
    const exports = c.goExports();
    if (exports.size === 0) return;
    for (const start of c.threadStarts()) {
      if (!start.routine) continue;
      const hit = c.findCall(start.routine, (k) => exports.has(k.name));
      if (!hit) continue;
      const exp = exports.get(hit.call.name)!;
      // Stack switching anywhere the thread runs, or in the C file that starts it.
      const near = [...c.reachable(start.routine), ...c.functionsIn(start.source)];
      const inFn = near.find((f) => c.callsOf(f).some((k) => STACK_SWITCHERS.has(k.name)));
      const switching = inFn ? c.callsOf(inFn).find((k) => STACK_SWITCHERS.has(k.name)) : undefined;
      const callAt = cSpan(hit.in.source, hit.call.node);
      const related: Related[] = [
        {
          file: hit.in.source.path,
          line: callAt.line,
          column: callAt.column,
          message: `\`${hit.in.name}\` calls the exported Go function \`${exp.name}\` here`,
        },
        {
          file: exp.file.path,
          line: exp.directive.line,
          column: exp.directive.column,
          message: `//export ${exp.name}`,
        },
      ];
      const chain = hit.path.map((f) => f.name).join(' → ');
      let message =
        `${start.api} starts \`${start.routine.name}\` on a thread Go did not create, and it calls the exported ` +
        `Go function \`${exp.name}\`${hit.path.length > 1 ? ` (through ${chain})` : ''}: supported, but each such thread ` +
        'gets an extra M on its first callback (before Go 1.21 on every callback)';
      let severity: 'info' | 'warning' = 'info';
      if (switching) {
        severity = 'warning';
        if (inFn) {
          const at = cSpan(inFn.source, switching.node);
          related.push({
            file: inFn.source.path,
            line: at.line,
            column: at.column,
            message: `\`${switching.name}\` switches stacks here`,
          });
        }
        message =
          `${start.api} starts \`${start.routine.name}\`, which calls the exported Go function \`${exp.name}\`` +
          `${hit.path.length > 1 ? ` (through ${chain})` : ''}, and this C code also switches stacks with \`${switching.name}\`: ` +
          'the runtime binds the callback thread to the stack it first saw, and a callback on another stack dies ' +
          'with `fatal: morestack on g0` or `cgocallback with sp=... out of bounds`; call into Go only from the ' +
          "thread's original stack";
      }
      ctx.report({
        file: start.source.file,
        at: cSpan(start.source, start.node),
        severity,
        message,
        related,
      });
    }
  },
};
