import { type CrashRule, firstLine, seeRule } from '../rule.js';

const MICROARCH = [
  /can only be run on AMD64 processors with (v[234]) microarchitecture support/,
  /this CPU has no (VFPv3 )?floating point hardware/i,
];

export const CR012: CrashRule = {
  id: 'CR012',
  name: 'microarch',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: 'the CPU lacks features the binary was compiled to require (GOAMD64, GOARM)',
  docs: {
    symptom:
      'The program stops before any of its code runs (exit status 1):\n\n```\n' +
      'This program can only be run on AMD64 processors with v3 microarchitecture support.\n```\n\n' +
      'On ARM: `runtime: this CPU has no VFPv3 floating point hardware, so it cannot run` / ' +
      '`this GOARM=7 binary. Recompile using GOARM=5 or GOARM=6.`',
    why:
      '`GOAMD64=v2/v3/v4` lets the compiler use newer instructions (SSE4.2/POPCNT, AVX2/BMI2/FMA, AVX-512) ' +
      'everywhere; the runtime checks the CPU at start-up and refuses to run on older or emulated CPUs ' +
      '(some virtual machines and QEMU hide features). `GOARM=7` requires VFPv3 hardware floating point.',
    fix:
      'Build for the oldest CPU you run on: leave `GOAMD64` at the default `v1` (or `v2` for x86-64-v2 ' +
      'machines) and `GOARM` at 6 or 5 for old boards; or expose the CPU features to the VM (`-cpu host`). ' +
      '`gotrap audit` shows the level a binary was built for.',
    versions: 'GOAMD64 since Go 1.18; the GOARM check since early releases.',
    references: [
      'cmd/go: "Environment variables" (GOAMD64, GOARM)',
      'src/runtime/asm_amd64.s (bad_cpu_msg)',
      'catalog BIN006',
    ],
    bad: [
      {
        title: 'A GOAMD64=v3 binary on a CPU without AVX2',
        files: [
          {
            name: 'crash.log',
            text: '$ ./app\nThis program can only be run on AMD64 processors with v3 microarchitecture support.\n$ echo $?\n1\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Build for the baseline',
        files: [{ name: 'build.sh', text: 'GOAMD64=v1 go build -o app .\n' }],
      },
    ],
  },

  check(crash, report) {
    const hit = firstLine(crash, MICROARCH);
    if (!hit) return;
    const level = hit.match[1];
    report({
      line: hit.line.inputLine,
      message: level?.startsWith('v')
        ? `the binary was built with GOAMD64=${level} and this CPU lacks those instructions; build with a lower GOAMD64 (default v1)`
        : 'the binary was built with a GOARM that needs floating-point hardware this CPU lacks; build with GOARM=5 or 6',
      related: [seeRule('BIN006', 'gotrap audit shows the microarchitecture level of the binary')],
    });
  },
};
