import { type CrashRule, hasCgoFrames, matchLines, seeRule } from '../rule.js';

const THREADS = [
  /program exceeds (\d+)-thread limit/,
  /thread exhaustion/,
  /pthread_create failed/,
  /failed to create new OS thread/,
  /\bnewosproc\b/,
];

export const CR006: CrashRule = {
  id: 'CR006',
  name: 'thread-exhaustion',
  severity: 'warning',
  lens: 'crash',
  subsystem: 'crash',
  title: 'the program ran out of OS threads',
  docs: {
    symptom:
      'The runtime limit (10000 threads unless `debug.SetMaxThreads` changed it):\n\n```\n' +
      'runtime: program exceeds 10000-thread limit\nfatal error: thread exhaustion\n```\n\n' +
      'or the system refusing to create one (a process, user or container pids limit):\n\n```\n' +
      'runtime/cgo: pthread_create failed: Resource temporarily unavailable\nSIGABRT: abort\n```\n\n```\n' +
      'runtime: failed to create new OS thread (have 2 already; errno=11)\n' +
      'runtime: may need to increase max user processes (ulimit -u)\nfatal error: newosproc\n```\n\nExit status 2.',
    why:
      'A goroutine that is blocked in a cgo call or a blocking system call holds its OS thread, and the ' +
      'scheduler starts another thread to keep running Go code. Thousands of goroutines each blocked in C ' +
      '(a slow C library, a lock in C, a sleeping call) mean thousands of threads, until the runtime limit ' +
      'or the kernel limit (`ulimit -u`, the cgroup `pids.max` of the container) is reached.',
    fix:
      'Bound the concurrency of blocking C calls: a worker pool, a semaphore channel, ' +
      '`errgroup.SetLimit`. If no goroutine was in a cgo call, look for a pids or process limit that is ' +
      'too low for the workload (`ulimit -u`, Kubernetes/systemd `pids.max`/`TasksMax`) or for goroutines ' +
      'locked to threads (`runtime.LockOSThread` without unlock). Raising `debug.SetMaxThreads` only ' +
      'moves the wall.',
    versions: 'Every Go release; the 10000 default has not changed.',
    references: [
      'runtime/debug.SetMaxThreads documentation',
      'src/runtime/proc.go: checkmcount ("program exceeds ... -thread limit")',
      'catalog CGO010',
    ],
    bad: [
      {
        title: 'Forty goroutines blocked in C with a limit of 12 threads',
        files: [
          {
            name: 'crash.log',
            text:
              'runtime: program exceeds 12-thread limit\nfatal error: thread exhaustion\n\nruntime stack:\n' +
              'runtime.throw({0x47ddf3?, 0x459520?})\n\t/usr/local/go/src/runtime/panic.go:1047 +0x5d\n' +
              'runtime.checkmcount()\n\t/usr/local/go/src/runtime/proc.go:765 +0x8c\n\n' +
              'goroutine 21 [syscall]:\nruntime.cgocall(0x467a30, 0xc000072fa0)\n' +
              '\t/usr/local/go/src/runtime/cgocall.go:158 +0x5c\nmain._Cfunc_block()\n\t_cgo_gotypes.go:39 +0x45\n' +
              'main.main.func1()\n\t/src/app/main.go:21 +0x5a\ncreated by main.main\n\t/src/app/main.go:19 +0x59\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'At most four goroutines in C at a time',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\n/*\n#include <unistd.h>\nstatic void block(void) { sleep(1); }\n*/\nimport "C"\n\n' +
              'import "sync"\n\nfunc main() {\n\tsem := make(chan struct{}, 4)\n\tvar wg sync.WaitGroup\n' +
              '\tfor i := 0; i < 40; i++ {\n\t\twg.Add(1)\n\t\tsem <- struct{}{}\n\t\tgo func() {\n' +
              '\t\t\tdefer func() { <-sem; wg.Done() }()\n\t\t\tC.block()\n\t\t}()\n\t}\n\twg.Wait()\n}\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const hits = matchLines(crash, THREADS);
    if (hits.length === 0) return;
    const limitHit = hits.find((h) => h.match[1] !== undefined);
    const limit = limitHit ? Number(limitHit.match[1]) : null;
    const cgo = hasCgoFrames(crash);
    const what =
      limit === null
        ? 'the system refused to create another OS thread (process, user or container pids limit)'
        : `the program exceeded the runtime's ${limit}-thread limit` +
          (limit === 10000 ? '' : ' (debug.SetMaxThreads changed it from the default 10000)');
    report({
      line: hits[0].line.inputLine,
      message: cgo
        ? `${what}; goroutines blocked in cgo calls each hold a thread: bound how many call C at once`
        : `${what}; no goroutine is in a cgo call, so check ulimit -u / pids.max and goroutines locked to threads`,
      related: cgo
        ? [seeRule('CGO010', 'the source lens finds go statements in loops that call C without a bound')]
        : [
            {
              message:
                'raise the process limit (ulimit -u, the container pids.max / TasksMax) or find what holds threads',
            },
          ],
    });
  },
};
