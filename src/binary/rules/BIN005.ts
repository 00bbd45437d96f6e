import type { BinaryRule } from '../audit/rule.js';

export const BIN005: BinaryRule = {
  id: 'BIN005',
  name: 'race-build',
  severity: 'warning',
  lens: 'binary',
  subsystem: 'binary',
  title: 'built with the race detector (-race): a test build, not a production one',
  docs: {
    symptom:
      'The service uses several times the memory and CPU of a normal build, is slower, and now and then ' +
      'prints reports on stderr and exits with status 66:\n\n```\n==================\n' +
      'WARNING: DATA RACE\nWrite at 0x00c0000a4010 by goroutine 7:\n...\n==================\n' +
      'Found 1 data race(s)\n```\n\n' +
      'It also needs libc at run time (a race build is always cgo and dynamically linked on Linux), so it ' +
      'fails where a static build ran (`exec /app: no such file or directory` on scratch or Alpine).',
    why:
      'The race detector (ThreadSanitizer) instruments every memory access and keeps shadow memory ' +
      'for it: typically 5-10x the memory and 2-20x the CPU time. It is meant for tests and staging. ' +
      '`go version -m` shows `build -race=true` for such a binary; its symbol table has the `__tsan_*` ' +
      'runtime.',
    fix:
      'Drop `-race` from release builds (Makefiles, goreleaser `flags`, Dockerfiles); keep it for ' +
      '`go test -race` and for a separate instrumented staging build.',
    versions:
      'Every Go release with the race detector (amd64, arm64, ppc64le, s390x on Linux; others by platform).',
    references: ['https://go.dev/doc/articles/race_detector', 'runtime/race'],
    bad: [
      {
        title: 'A release build with -race',
        files: [
          { name: 'build.sh', text: 'go build -race -o app .\n' },
          {
            name: 'go-version-m.txt',
            text: '$ go version -m app | grep race\n\tbuild\t-race=true\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Race detection in tests, a normal release build',
        files: [{ name: 'build.sh', text: 'go test -race ./...\nCGO_ENABLED=0 go build -o app .\n' }],
      },
    ],
  },

  check(ctx) {
    const m = ctx.model;
    const recorded = m.settings['-race'] === 'true';
    // Build info records -race=true whenever it is on (Go 1.18+); the symbol table (slow to read)
    // is consulted only for binaries without build settings.
    const noSettings = Object.keys(m.settings).length === 0;
    const tsan =
      !recorded &&
      noSettings &&
      (m.symbolNames().has('__tsan_init') || m.symbolNames().has('__tsan_go_start'));
    if (!recorded && !tsan) return;
    ctx.report({
      message:
        `built with the race detector (${recorded ? 'build -race=true' : 'ThreadSanitizer symbols __tsan_*'}): ` +
        'several times the memory and CPU of a normal build, and it needs libc at run time; not for production',
      fix: { description: 'rebuild without -race for release' },
    });
  },
};
