import type { BinaryRule } from '../audit/rule.js';

interface Floor {
  /** The setting as recorded, e.g. `GOAMD64=v3`. */
  setting: string;
  /** Comparable level. */
  level: number[];
  what: string;
  refusal: string;
}

/** `v8.1,lse` → [8, 1]; `7,softfloat` → [7]; `rva22u64` → [22]; `power9` → [9]. */
function levelOf(value: string, re: RegExp): number[] | null {
  const m = re.exec(value.split(',')[0].trim());
  return m
    ? m
        .slice(1)
        .filter((x) => x !== undefined)
        .map(Number)
    : null;
}

function compareLevel(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The CPU floor recorded in the build settings, when it is above the architecture's baseline. */
export function microarchFloor(settings: Record<string, string>): Floor | null {
  const amd64 = settings.GOAMD64;
  if (amd64) {
    const l = levelOf(amd64, /^v(\d)$/);
    if (l && l[0] >= 2) {
      return {
        setting: `GOAMD64=${amd64}`,
        level: l,
        what: `an x86-64-v${l[0]} CPU`,
        refusal: `This program can only be run on AMD64 processors with v${l[0]} microarchitecture support.`,
      };
    }
  }
  const arm = settings.GOARM;
  if (arm) {
    const l = levelOf(arm, /^(\d)$/);
    if (l && l[0] >= 6) {
      const softfloat = arm.includes('softfloat');
      return softfloat
        ? null
        : {
            setting: `GOARM=${arm}`,
            level: l,
            what: l[0] >= 7 ? 'an ARMv7 CPU with VFPv3' : 'an ARMv6 CPU with VFP',
            refusal:
              l[0] >= 7
                ? 'runtime: this CPU has no VFPv3 floating point hardware, so it cannot run\nthis GOARM=7 binary. Recompile using GOARM=5 or GOARM=6.'
                : 'runtime: this CPU has no floating point hardware, so it cannot run\nthis GOARM=6 binary. Recompile using GOARM=5.',
          };
    }
  }
  const arm64 = settings.GOARM64;
  if (arm64) {
    const l = levelOf(arm64, /^v(\d+)\.(\d+)$/);
    if (l && compareLevel(l, [8, 1]) >= 0) {
      return {
        setting: `GOARM64=${arm64}`,
        level: l,
        what: `an ARMv${l.join('.')}-A CPU`,
        refusal: 'the program dies with SIGILL (illegal instruction) on an older CPU',
      };
    }
  }
  const riscv = settings.GORISCV64;
  if (riscv) {
    const l = levelOf(riscv, /^rva(\d+)u64$/);
    if (l && l[0] >= 22) {
      return {
        setting: `GORISCV64=${riscv}`,
        level: l,
        what: `an RVA${l[0]}U64 profile CPU`,
        refusal: 'the program dies with SIGILL (illegal instruction) on an older CPU',
      };
    }
  }
  const ppc = settings.GOPPC64;
  if (ppc) {
    const l = levelOf(ppc, /^power(\d+)$/);
    if (l && l[0] >= 9) {
      return {
        setting: `GOPPC64=${ppc}`,
        level: l,
        what: `a POWER${l[0]} CPU`,
        refusal: 'the program dies with SIGILL (illegal instruction) on an older CPU',
      };
    }
  }
  return null;
}

/** The target variant as a level of the same setting (`v2` → [2], `v7` → [7], `v8.1` → [8, 1]). */
function variantLevel(variant: string): number[] {
  return variant.replace(/^v/, '').split('.').map(Number);
}

export const BIN006: BinaryRule = {
  id: 'BIN006',
  name: 'microarch-floor',
  severity: 'info',
  lens: 'binary',
  subsystem: 'binary',
  title: 'built for a CPU level above the architecture baseline (GOAMD64, GOARM, GOARM64, ...)',
  docs: {
    symptom:
      'On an older CPU (or a VM that hides CPU features) the program exits with status 1 before `main`:\n\n' +
      '```\nThis program can only be run on AMD64 processors with v3 microarchitecture support.\n```\n\n' +
      'ARM, with GOARM=7 on a CPU without VFPv3 (Go 1.19-1.21 wording; later releases suggest `,softfloat`):\n\n' +
      '```\nruntime: this CPU has no VFPv3 floating point hardware, so it cannot run\n' +
      'this GOARM=7 binary. Recompile using GOARM=5 or GOARM=6.\n```\n\n' +
      'GOARM64, GORISCV64 and GOPPC64 floors have no such check: the program dies with SIGILL.',
    why:
      'The compiler uses the instructions of the level it is told (GOAMD64=v3: AVX2, BMI2, FMA...), and ' +
      'the runtime refuses to start on a CPU without them where it can check. The level is recorded in the ' +
      'build info (`go version -m`: `build GOAMD64=v3`). Baselines never fire: GOAMD64=v1, GOARM=5, any ' +
      'GO386, GOPPC64=power8. GOARM=6 and 7 do; the default for a cross build to arm was 5 in older ' +
      'releases (go1.19 records `GOARM=5`) and is 7 in newer ones (go1.23 reports `7,hardfloat`).',
    fix:
      'Build for the oldest CPU you must run on (GOAMD64=v1, GOARM=6 for ARMv6 boards), or ship one binary ' +
      'per level. With `--target linux/amd64/v2` gotrap checks the level against the target.',
    versions:
      'GOAMD64 since Go 1.18 (the startup message above is the one Go 1.19 prints); GOARM64 and GORISCV64 ' +
      'since Go 1.23; GOPPC64=power10 since Go 1.20. The ARM message changed in Go 1.22 (`,softfloat` advice).',
    references: [
      'https://go.dev/wiki/MinimumRequirements',
      'cmd/go help environment: GOAMD64, GOARM, GOARM64, GORISCV64, GOPPC64',
      'runtime/asm_amd64.s bad_cpu_msg; runtime/os_linux_arm.go checkgoarm',
    ],
    bad: [
      {
        title: 'A v3 binary for a fleet with older CPUs',
        files: [
          { name: 'build.sh', text: 'GOAMD64=v3 go build -o app .\n' },
          { name: 'go-version-m.txt', text: '$ go version -m app | grep GOAMD64\n\tbuild\tGOAMD64=v3\n' },
        ],
      },
    ],
    good: [
      {
        title: 'The baseline level',
        files: [
          { name: 'build.sh', text: 'GOAMD64=v1 go build -o app .\n' },
          { name: 'go-version-m.txt', text: '$ go version -m app | grep GOAMD64\n\tbuild\tGOAMD64=v1\n' },
        ],
      },
    ],
  },

  check(ctx) {
    const m = ctx.model;
    const floor = microarchFloor(m.settings);
    if (!floor) return;
    const t = ctx.target;
    const sameArch = t?.arch !== null && t?.arch !== undefined && t.arch === m.goarch;
    if (t?.variant && sameArch && compareLevel(variantLevel(t.variant), floor.level) < 0) {
      ctx.report({
        severity: 'error',
        message:
          `built with ${floor.setting}: it needs ${floor.what}, above the target ${t.os}/${t.arch}/${t.variant}; ` +
          `there it stops with: ${floor.refusal.replace(/\n/g, ' ')}`,
        fix: {
          description: `rebuild for the target level (${floor.setting.split('=')[0]}=${t.variant.replace(/^v/, m.goarch === 'arm' ? '' : 'v')})`,
        },
      });
      return;
    }
    ctx.report({
      message: `built with ${floor.setting}: it needs ${floor.what}; older CPUs refuse it: ${floor.refusal.replace(/\n/g, ' ')}`,
    });
  },
};
