import { type CrashRule, DEADLOCK, firstLine } from '../rule.js';
import { CR001 } from './CR001.js';

export const CR002: CrashRule = {
  id: 'CR002',
  name: 'deadlock',
  severity: 'warning',
  lens: 'crash',
  subsystem: 'crash',
  title: 'every goroutine is blocked: the runtime detected a deadlock',
  docs: {
    symptom:
      '```\nfatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [semacquire]:\n' +
      'sync.runtime_Semacquire(0xc000090000?)\n...\nmain.main()\n\t/src/app/main.go:13 +0xa8\n\n' +
      'goroutine 17 [chan send]:\nmain.main.func1()\n\t/src/app/main.go:11 +0x65\n```\n\n' +
      'or, when `main` ended with `runtime.Goexit` and nothing else runs:\n\n' +
      '```\nfatal error: no goroutines (main called runtime.Goexit) - deadlock!\n```\n\nExit status 2.',
    why:
      'The runtime aborts when no goroutine can ever run again: each one waits on a channel, mutex, ' +
      'WaitGroup or `select` that only another blocked goroutine could release, and there are no timers, ' +
      'network pollers or cgo calls that could wake one. The goroutine states in the dump (`chan send`, ' +
      '`chan receive`, `semacquire`, `sync.Mutex.Lock`, `select`) show who waits on what. The detector only ' +
      'sees the whole program: a deadlock among some goroutines while others (an HTTP server) still run ' +
      'is never reported — that program just stops making progress.',
    fix:
      'Read the states and the lines of the blocked goroutines and break the cycle: send on a buffered ' +
      'channel or from a goroutine that is not the receiver, call `wg.Done` on every path (`defer wg.Done()`), ' +
      'close channels the receivers range over, and take locks in one fixed order. When the deadlock happens ' +
      'inside an init function, see CR001.',
    versions: 'Every Go release. Go 1.21+ adds `in goroutine N` to `created by` lines.',
    references: [
      'src/runtime/proc.go: checkdead',
      'Effective Go, "Channels"',
      'runtime.Goexit documentation ("If all other goroutines exit, the program crashes")',
    ],
    bad: [
      {
        title: 'main waits for a goroutine that waits for main',
        files: [
          {
            name: 'crash.log',
            text:
              'fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [semacquire]:\n' +
              'sync.runtime_Semacquire(0xc000090000?)\n\t/usr/local/go/src/runtime/sema.go:62 +0x25\n' +
              'sync.(*WaitGroup).Wait(0x0?)\n\t/usr/local/go/src/sync/waitgroup.go:139 +0x52\n' +
              'main.main()\n\t/src/app/main.go:13 +0xa8\n\ngoroutine 17 [chan send]:\nmain.main.func1()\n' +
              '\t/src/app/main.go:11 +0x65\ncreated by main.main\n\t/src/app/main.go:9 +0x9e\nexit status 2\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The result channel is buffered, so the sender finishes before Wait returns',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nimport "sync"\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n' +
              '\tresults := make(chan int, 1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tresults <- 42\n\t}()\n' +
              '\twg.Wait()\n\t<-results\n}\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const fatal = firstLine(crash, DEADLOCK, (l) => l.source === 'fatal' || l.source === 'message');
    if (!fatal) return;
    // A deadlock inside package initialization is CR001's.
    let inInit = false;
    CR001.check(crash, () => {
      inInit = true;
    });
    if (inInit) return;
    if (fatal.match[0].startsWith('no goroutines')) {
      report({
        line: fatal.line.inputLine,
        message:
          'main called runtime.Goexit and every other goroutine has finished or is blocked: nothing is left ' +
          'to run; return from main instead, or keep a goroutine working',
      });
      return;
    }
    const blocked = crash.goroutines.map((g) => `${g.id} [${g.state}]`);
    const shown =
      blocked.slice(0, 4).join(', ') + (blocked.length > 4 ? `, and ${blocked.length - 4} more` : '');
    report({
      line: fatal.line.inputLine,
      message:
        'deadlock: every goroutine is blocked waiting for another' +
        (shown ? ` (goroutines ${shown})` : '') +
        '; find the send, receive, Wait or Lock that nothing will ever release',
    });
  },
};
