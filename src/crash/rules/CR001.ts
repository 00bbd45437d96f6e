import type { Goroutine } from '../model.js';
import { type CrashRule, DEADLOCK, firstLine, seeRule, where } from '../rule.js';

/** A package initializer: `main.init`, `main.init.0`, `example.com/db.init.2` (not a method named init). */
const INIT_FRAME = /[^)]\.init(\.\d+)?$/;

export const CR001: CrashRule = {
  id: 'CR001',
  name: 'init-deadlock',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: 'the program deadlocked inside a package init function, before main started',
  docs: {
    symptom:
      'The program dies before `main` runs:\n\n```\nfatal error: all goroutines are asleep - deadlock!\n\n' +
      'goroutine 1 [chan receive, locked to thread]:\nmain.init.0()\n\t/src/app/main.go:6 +0x25\n```\n\n' +
      'Exit status 2. The blocked goroutine is 1 and its frames name an initializer (`main.init.0`, ' +
      '`example.com/pkg.init`); `locked to thread` is there because goroutine 1 stays locked to the main ' +
      'thread while package initializers run. When a plugin deadlocks in its init, the initializer sits ' +
      'under the goroutine that called `plugin.Open`. If any other goroutine is still alive (a server started ' +
      'from init), there is no message at all: the process just hangs.',
    why:
      'Every package `init` runs one after another on goroutine 1 before `main.main` is called. An init that ' +
      'waits — on a channel, a `sync.WaitGroup`, a `select` without `default` — for something only `main` ' +
      '(or a later init) will do can never be released: `main` cannot start until the init returns. When ' +
      'no goroutine is left to run, the runtime reports the deadlock and exits.',
    fix:
      'Do not block in `init`. Move the waiting into `main` or into an explicit `Start`/`Open` function that ' +
      'the program calls once it is ready, or make the initializer non-blocking (a buffered channel, ' +
      '`select` with `default`, a goroutine that does the wait). The source lens finds the blocking ' +
      'operation itself (RT001).',
    versions:
      'Every Go release. The default traceback hides runtime frames, so `runtime.doInit`/`doInit1` show ' +
      'only with `GOTRACEBACK=system`; Go 1.21+ also prints `created by ... in goroutine N` on other goroutines.',
    references: [
      'The Go Programming Language Specification, "Package initialization"',
      'src/runtime/proc.go: main (runs doInit before main.main), checkdead ("all goroutines are asleep")',
      'catalog RT001',
    ],
    bad: [
      {
        title: 'An init function waits for main',
        files: [
          {
            name: 'crash.log',
            text:
              'fatal error: all goroutines are asleep - deadlock!\n\n' +
              'goroutine 1 [chan receive, locked to thread]:\nmain.init.0()\n' +
              '\t/src/app/main.go:6 +0x25\nexit status 2\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The wait moved into main',
        files: [
          {
            name: 'main.go',
            text:
              'package main\n\nvar ready = make(chan struct{})\n\n' +
              'func main() {\n\tgo func() { close(ready) }()\n\t<-ready // waiting in main, not in init\n}\n',
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const fatal = firstLine(crash, DEADLOCK, (l) => l.source === 'fatal' || l.source === 'message');
    if (!fatal) return;
    const hasInit = (g: Goroutine) => g.frames.find((f) => INIT_FRAME.test(f.func));
    const one = crash.goroutines.find((g) => g.id === 1);
    const g = one && hasInit(one) ? one : crash.goroutines.find((x) => hasInit(x));
    if (!g) return;
    const frame = hasInit(g)!;
    const plugin = g.frames.some((f) => f.func === 'plugin.open' || f.func === 'plugin.Open');
    const pkg = frame.func.slice(0, frame.func.search(/\.init(\.\d+)?$/));
    report({
      line: fatal.line.inputLine,
      message:
        `deadlock inside package initialization: goroutine ${g.id} is blocked (${g.state}) in ` +
        `${frame.func} (${where(frame)})${plugin ? ' while plugin.Open ran the plugin initializers' : ''}, ` +
        `so ${plugin ? 'plugin.Open' : 'main'} can never start; do not block in ${pkg}'s init`,
      related: [
        { line: frame.inputLine, message: `${frame.func} is where the initializer waits` },
        seeRule('RT001', 'the source lens reports the blocking operation in the init function'),
      ],
      fix: { description: 'move the wait out of init into main or an explicit Start/Open function' },
    });
  },
};
