import { type CrashRule, firstLine, isRuntimeLine, type LineMatch, seeRule } from '../rule.js';

interface Fatal {
  re: RegExp;
  /** The line must be a runtime line (panic/fatal/`runtime:`), not any log text. */
  runtimeOnly: boolean;
  message: string;
  related?: { rule: string; message: string };
}

const FATALS: Fatal[] = [
  {
    re: /concurrent map (writes|read and map write|iteration and map write|clear and map write)/,
    runtimeOnly: true,
    message:
      'two goroutines used a map at the same time and at least one wrote: guard it with a sync.Mutex or RWMutex ' +
      '(or use sync.Map); the race detector (-race) shows both accesses',
  },
  {
    re: /found bad pointer in Go heap \(incorrect use of unsafe or cgo\?\)/,
    runtimeOnly: true,
    message:
      'the garbage collector found a pointer to memory that is not a live Go object: memory corruption ' +
      'through unsafe or cgo (uintptr kept as a pointer, C memory freed while Go points to it)',
  },
  {
    re: /split stack overflow/,
    runtimeOnly: true,
    message:
      'the runtime found a stack pointer below the goroutine stack (split stack overflow): the stack was ' +
      'corrupted, for example by a C signal handler running on the goroutine stack, or by unsafe code',
    related: { rule: 'CGO013', message: 'one possible cause: a C signal handler without SA_ONSTACK' },
  },
  {
    re: /\bstack overflow\b/,
    runtimeOnly: true,
    message:
      'a goroutine stack grew past the maximum (1 GB on 64-bit): unbounded recursion; the repeated frames ' +
      'in the traceback show the cycle',
  },
  {
    re: /\bout of memory\b/,
    runtimeOnly: true,
    message:
      'the runtime could not get memory from the OS: the heap outgrew the machine or container limit; ' +
      'profile the heap (pprof), bound caches and queues, and set GOMEMLIMIT below the container limit',
  },
  {
    re: /cgocheck > 1 mode is no longer supported/,
    runtimeOnly: false,
    message:
      'GODEBUG=cgocheck=2 is rejected at run time since Go 1.21: build with GOEXPERIMENT=cgocheck2 instead',
  },
  {
    re: /unknown caller pc/,
    runtimeOnly: false,
    message:
      'the runtime could not unwind a goroutine stack (unknown caller pc): the stack was corrupted, ' +
      'for example by a C signal handler running on the goroutine stack',
    related: {
      rule: 'CGO013',
      message: 'one possible cause: a C signal handler without SA_ONSTACK that does not chain to Go',
    },
  },
  {
    re: /^WARNING: DATA RACE$/,
    runtimeOnly: false,
    message:
      'the race detector saw two goroutines access the same memory without synchronization, at least one ' +
      'writing; the report lists both stacks and where the goroutines were created',
  },
];

export const CR015: CrashRule = {
  id: 'CR015',
  name: 'runtime-fatal',
  severity: 'warning',
  lens: 'crash',
  subsystem: 'crash',
  title:
    'a runtime fatal error: concurrent map access, stack overflow, out of memory, heap corruption, data race',
  docs: {
    symptom:
      'One of the fatal errors the runtime raises for program bugs (exit status 2):\n\n```\n' +
      'fatal error: concurrent map writes\nfatal error: concurrent map read and map write\n' +
      'fatal error: stack overflow\nfatal error: runtime: out of memory\n' +
      'fatal error: found bad pointer in Go heap (incorrect use of unsafe or cgo?)\n' +
      'fatal error: unknown caller pc\n' +
      'fatal error: cgocheck > 1 mode is no longer supported at runtime. Use GOEXPERIMENT=cgocheck2 at build time instead.\n' +
      '```\n\nor a race detector report (`-race` builds; exit status 66 when races were found):\n\n```\n' +
      '==================\nWARNING: DATA RACE\nRead at 0x00c0000180c8 by goroutine 8:\n```',
    why:
      'These are not panics: they cannot be recovered, because the runtime can no longer trust its own ' +
      'state. Maps are not safe for concurrent use and the runtime detects some unsynchronized accesses; ' +
      'goroutine stacks are capped (`runtime/debug.SetMaxStack`, 1 GB on 64-bit); the heap lives within ' +
      'the machine or container memory; the garbage collector checks the pointers it scans.',
    fix:
      'Concurrent map access: protect the map with a `sync.Mutex`/`RWMutex`, use `sync.Map`, or give each ' +
      'goroutine its own map; run the tests with `-race`. Stack overflow: find the recursion in the repeated ' +
      'frames. Out of memory: profile (`net/http/pprof`), bound queues and caches, set `GOMEMLIMIT`. Bad ' +
      'pointers and `unknown caller pc`: look for `unsafe` conversions, C code that keeps or frees Go memory, ' +
      'and C signal handlers (CGO013). `cgocheck=2`: build with `GOEXPERIMENT=cgocheck2`.',
    versions:
      'Every release; `GODEBUG=cgocheck=2` is rejected since Go 1.21; `concurrent map clear and map write` ' +
      'appears in newer releases.',
    references: [
      'Go FAQ, "Why are map operations not defined to be atomic?"',
      'The Go Blog, "Introducing the Go Race Detector"',
      'runtime/debug.SetMaxStack, SetMemoryLimit documentation',
      'catalog CGO013',
    ],
    bad: [
      {
        title: 'Eight goroutines write one map',
        files: [
          {
            name: 'crash.log',
            text:
              'fatal error: concurrent map writes\n\ngoroutine 20 [running]:\nmain.main.func1(0x3)\n' +
              '\t/src/app/main.go:13 +0x91\ncreated by main.main\n\t/src/app/main.go:10 +0x45\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The map is guarded by a mutex',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport "sync"\n\nfunc main() {\n\tvar mu sync.Mutex\n\tcounts := map[int]int{}\n' +
              '\tvar wg sync.WaitGroup\n\tfor g := 0; g < 8; g++ {\n\t\twg.Add(1)\n\t\tgo func(g int) {\n' +
              '\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < 1000; i++ {\n\t\t\t\tmu.Lock()\n' +
              '\t\t\t\tcounts[i%100] = g\n\t\t\t\tmu.Unlock()\n\t\t\t}\n\t\t}(g)\n\t}\n\twg.Wait()\n}\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    let best: { hit: LineMatch; fatal: Fatal } | null = null;
    for (const fatal of FATALS) {
      const hit = firstLine(crash, fatal.re, fatal.runtimeOnly ? isRuntimeLine : undefined);
      if (hit && (!best || hit.line.inputLine < best.hit.line.inputLine)) best = { hit, fatal };
    }
    if (!best) return;
    report({
      line: best.hit.line.inputLine,
      message: best.fatal.message,
      related: best.fatal.related
        ? [seeRule(best.fatal.related.rule, best.fatal.related.message)]
        : undefined,
    });
  },
};
