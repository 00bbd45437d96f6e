import type { Goroutine } from '../model.js';
import { type CrashRule, reportedGoroutine, seeRule, where } from '../rule.js';

/** Every test runs in a goroutine created by these; a test panic is not a stray goroutine. */
const TEST_RUNNERS = new Set([
  'testing.(*T).Run',
  'testing.tRunner',
  'testing.runTests',
  'testing.(*B).run1',
]);

export const CR003: CrashRule = {
  id: 'CR003',
  name: 'goroutine-panic',
  severity: 'warning',
  lens: 'crash',
  subsystem: 'crash',
  title: 'a panic in a background goroutine took down the whole process',
  docs: {
    symptom:
      'The process exits with status 2 and the traceback names a goroutine other than 1, with a ' +
      '`created by` line:\n\n```\npanic: runtime error: index out of range [3] with length 3\n\n' +
      'goroutine 17 [running]:\nmain.worker({0xc0000367b8?, 0x0?, 0xc0000061a0?})\n' +
      '\t/src/app/worker.go:7 +0x36\ncreated by main.main\n\t/src/app/main.go:12 +0x25\n```\n\n' +
      '(Go 1.21+: `created by main.main in goroutine 1`.)',
    why:
      'A panic unwinds only the goroutine that raised it. When it reaches the top of that goroutine ' +
      'without a `recover`, the runtime prints it and ends the whole process — main, every other goroutine ' +
      'and their deferred functions included. There is no per-goroutine fault isolation: one bad request ' +
      'handler or worker kills the server.',
    fix:
      'Fix the bug the panic reports; then decide whether the goroutine may take the process down. For ' +
      'workers that must survive bad input, recover at the top of the goroutine and turn the panic into an ' +
      'error:\n\n```go\ngo func() {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n' +
      '\t\t\terrs <- fmt.Errorf("worker: %v", r)\n\t\t}\n\t}()\n\twork()\n}()\n```\n\n' +
      '`net/http` recovers handler panics itself; goroutines that handlers start are not covered.',
    versions: 'Every Go release; `created by ... in goroutine N` since Go 1.21.',
    references: [
      'The Go Programming Language Specification, "Handling panics"',
      'Go blog, "Defer, Panic, and Recover"',
      'catalog RT004',
    ],
    bad: [
      {
        title: 'A worker goroutine indexes past the end of its slice',
        files: [
          {
            name: 'crash.log',
            text:
              'panic: runtime error: index out of range [3] with length 3\n\ngoroutine 17 [running]:\n' +
              'main.worker({0xc0000367b8?, 0x0?, 0xc0000061a0?})\n\t/src/app/worker.go:7 +0x36\n' +
              'created by main.main\n\t/src/app/main.go:12 +0x25\nexit status 2\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The worker stays in bounds and reports failures as errors',
        files: [
          {
            name: 'worker.go',
            text:
              'package main\n\nimport "fmt"\n\nfunc worker(jobs []int, errs chan<- error) {\n' +
              '\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\terrs <- fmt.Errorf("worker: %v", r)\n' +
              '\t\t}\n\t}()\n\tfor i := 0; i < len(jobs); i++ {\n\t\t_ = jobs[i]\n\t}\n}\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const panic = crash.panics.find((p) => p.kind === 'panic');
    if (!panic) return;
    const g: Goroutine | undefined = reportedGoroutine(crash);
    if (!g || g.id === 1 || !g.createdBy) return;
    if (TEST_RUNNERS.has(g.createdBy.func)) return;
    const by = g.createdBy;
    report({
      line: panic.inputLine,
      message:
        `unrecovered panic in goroutine ${g.id} (created by ${by.func} at ${where(by)}) ended the whole ` +
        `process: ${panic.message}`,
      related: [
        { line: by.inputLine, message: `the go statement that started goroutine ${g.id}` },
        seeRule('RT004', 'the source lens flags go statements whose function panics without recover'),
      ],
    });
  },
};
