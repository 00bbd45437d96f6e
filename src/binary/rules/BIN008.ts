import type { BinaryRule } from '../audit/rule.js';

/** Target arch → binary archs it runs only with optional 32-bit or emulation support, and what that is. */
const COMPAT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'linux/amd64': { '386': "the kernel's IA-32 emulation (and 32-bit libraries if it is dynamic)" },
  'linux/arm64': { arm: 'AArch32 support in the CPU and kernel (many arm64 servers have none)' },
  'windows/amd64': { '386': 'WOW64' },
  'windows/arm64': { amd64: 'x64 emulation (Windows 11)', '386': 'x86 emulation', arm: 'AArch32 support' },
  'darwin/arm64': { amd64: 'Rosetta 2' },
};

/** The OS a binary is for: its recorded GOOS, else what the format says. */
function binaryOs(goos: string | null, format: string, fileOs: string | null): string | null {
  if (goos) return goos;
  if (format === 'macho') return 'darwin';
  if (format === 'pe') return 'windows';
  return fileOs;
}

export const BIN008: BinaryRule = {
  id: 'BIN008',
  name: 'arch-mismatch',
  severity: 'error',
  lens: 'binary',
  subsystem: 'binary',
  title: 'the binary is for another OS or CPU architecture than the --target',
  docs: {
    symptom:
      'The kernel refuses the file:\n\n```\nexec /app: exec format error\n```\n\n' +
      '(shells: `cannot execute binary file: Exec format error`, exit status 126). In a multi-arch image ' +
      'build this is typically an amd64 binary copied into an arm64 image, or the other way round.',
    why:
      'An ELF file records its machine and class (`readelf -h`: Machine, Class, Data): x86-64, AArch64, ' +
      's390x (big endian)... The kernel only loads files for its own machine — and for the 32-bit ' +
      'variant when it has compat support: 386 on amd64 needs IA-32 emulation, arm on arm64 needs ' +
      'AArch32 support, which many arm64 servers lack (these are reported as info). A Mach-O or PE file ' +
      'is not executable on Linux at all. Evaluated only when `--target` names an os/arch.',
    fix:
      'Build for the target: `GOOS=linux GOARCH=arm64 go build`; in a Dockerfile use ' +
      '`GOARCH=$TARGETARCH` (with `FROM --platform=$BUILDPLATFORM` for the builder), or `docker buildx ' +
      'build --platform linux/amd64,linux/arm64`.',
    versions: 'Every Go release; not Go-specific.',
    references: ['execve(2): ENOEXEC', 'readelf -h (Machine, Class, Data)', 'catalog CR011'],
    bad: [
      {
        title: 'An amd64 binary in an arm64 image',
        files: [
          {
            name: 'build.sh',
            text: 'GOARCH=amd64 go build -o app .\n# gotrap audit --target linux/arm64 app\n',
          },
          {
            name: 'readelf.txt',
            text: '$ readelf -h app | grep -E "Class|Machine"\n  Class:  ELF64\n  Machine:  Advanced Micro Devices X86-64\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Built for the target architecture',
        files: [
          { name: 'build.sh', text: 'GOOS=linux GOARCH=arm64 go build -o app .\n' },
          { name: 'readelf.txt', text: '$ readelf -h app | grep Machine\n  Machine:  AArch64\n' },
        ],
      },
    ],
  },

  check(ctx) {
    const t = ctx.target;
    if (!t?.os || !t.arch) return;
    const m = ctx.model;
    const os = binaryOs(m.goos, m.format, m.bin.os);
    const arch = m.bin.arch ?? m.goarch;
    const built = `${os ?? 'unknown OS'}/${arch ?? 'unknown architecture'}`;
    const target = `${t.os}/${t.arch}`;
    const what = `${m.format.toUpperCase()} ${m.bin.bits}-bit ${m.bin.endian === 'big' ? 'big' : 'little'}-endian`;
    if (os !== null && os !== t.os) {
      ctx.report({
        message: `built for ${built} (${what}); ${target} cannot execute it: \`exec format error\``,
        fix: { description: `rebuild with GOOS=${t.os} GOARCH=${t.arch}` },
      });
      return;
    }
    if (arch === null || arch === t.arch) return;
    const compat = COMPAT[target]?.[arch];
    if (compat) {
      ctx.report({
        severity: 'info',
        message: `built for ${built}; ${target} runs it only with ${compat}`,
        fix: { description: `rebuild with GOARCH=${t.arch} to run natively` },
      });
      return;
    }
    ctx.report({
      message: `built for ${built} (${what}); ${target} cannot execute it: \`exec format error\``,
      fix: { description: `rebuild with GOOS=${t.os} GOARCH=${t.arch}` },
    });
  },
};
