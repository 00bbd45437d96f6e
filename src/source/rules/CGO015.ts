import { asmArch, cPackage, cPos, deadAt, mayImportC } from '../analysis/csrc.js';
import type { PackageRule } from '../rule.js';

/** A readable name for a set of GOARCH values. */
function archWords(arches: Set<string>): string {
  const list = [...arches].filter((a) => a !== 'amd64p32').sort();
  return list.join('/');
}

/** The guard macro to suggest for a set of GOARCH values. */
function guardFor(arches: Set<string>): string {
  if (arches.has('amd64')) return '#if defined(__x86_64__) || defined(__i386__)';
  if (arches.has('arm64') && arches.has('arm')) return '#if defined(__aarch64__) || defined(__arm__)';
  if (arches.has('arm64')) return '#if defined(__aarch64__)';
  return '#if defined(<arch macro>)';
}

export const CGO015: PackageRule = {
  id: 'CGO015',
  name: 'arch-specific-c-asm',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'Architecture-specific inline assembly in C code that is built for every GOARCH',
  prefilter: /"C"[ \t]*(?:\r?\n|\/\/)/,
  trainer: { difficulty: 2, essential: ['read_cycles', 'Now'] },
  docs: {
    symptom:
      'The package builds on the machine it was written on. Built for another architecture with a C cross ' +
      'compiler (`CGO_ENABLED=1 GOARCH=arm64 CC=aarch64-linux-gnu-gcc go build`), the C compiler rejects the ' +
      "assembly:\n\n```\n/tmp/go-build.../cgo-gcc-prolog: Assembler messages:\nError: unknown mnemonic `rdtsc' -- `rdtsc'\n```\n\n" +
      'Without a cross compiler the failure is quieter: changing GOOS or GOARCH turns cgo off by default, so ' +
      'the file silently drops out of the build and the package fails with `undefined: ...` for its C ' +
      'symbols, or a `!cgo` fallback is picked instead of the code that was tested.',
    why:
      'Inline assembly is text the C compiler passes to the assembler of the target architecture. An x86 ' +
      'instruction (`rdtsc`, `cpuid`, `pause`, `mfence`, `%rax`) means nothing to the arm64 assembler and the ' +
      'reverse holds for `mrs`, `dmb`, `isb`, `cntvct_el0` or `x0`. A Go file without a GOARCH build ' +
      'constraint or `_amd64.go`-style suffix is compiled for every GOARCH, and so is its cgo preamble; a ' +
      'package `.c` file is compiled for every GOARCH unless its own name or `//go:build` line restricts it. ' +
      'Only an `#if defined(__x86_64__)`-style guard keeps the assembly away from the other targets.',
    fix:
      'Put the assembly under a guard for the architecture it is written for, with a portable fallback:\n\n' +
      '```c\n#if defined(__x86_64__) || defined(__i386__)\n' +
      'static inline unsigned long long read_cycles(void) {\n    unsigned int lo, hi;\n' +
      '    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));\n    return ((unsigned long long)hi << 32) | lo;\n}\n' +
      '#else\n#include <time.h>\nstatic inline unsigned long long read_cycles(void) {\n    struct timespec ts;\n' +
      '    clock_gettime(CLOCK_MONOTONIC, &ts);\n    return (unsigned long long)ts.tv_sec * 1000000000ull + ts.tv_nsec;\n}\n#endif\n```\n\n' +
      'or move the code into files built for that architecture only (`cycles_amd64.go` with its preamble, or ' +
      '`cycles_amd64.c`, or a `//go:build amd64` line), and give the other architectures their own file.',
    versions: 'Every Go release with cgo.',
    references: [
      'cmd/cgo documentation: "Using cgo with the go command" (CGO_ENABLED defaults to 0 when cross-compiling)',
      'go/build documentation: "Build Constraints" (file-name suffixes and //go:build apply to .c files too)',
      'GCC manual: "Extended Asm" and "Common Predefined Macros"',
    ],
    bad: [
      {
        title: 'An x86 cycle counter in a preamble built for every GOARCH',
        files: [
          {
            name: 'cycles.go',
            text:
              'package cycles\n\n/*\nstatic inline unsigned long long read_cycles(void) {\n' +
              '\tunsigned int lo, hi;\n\t__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));\n' +
              '\treturn ((unsigned long long)hi << 32) | lo;\n}\n*/\nimport "C"\n\n' +
              '// Now returns the CPU time-stamp counter.\nfunc Now() uint64 { return uint64(C.read_cycles()) }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The same code under an architecture guard with a portable fallback',
        files: [
          {
            name: 'cycles.go',
            text:
              'package cycles\n\n/*\n#if defined(__x86_64__) || defined(__i386__)\n' +
              'static inline unsigned long long read_cycles(void) {\n\tunsigned int lo, hi;\n' +
              '\t__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));\n\treturn ((unsigned long long)hi << 32) | lo;\n}\n' +
              '#else\n#include <time.h>\nstatic inline unsigned long long read_cycles(void) {\n\tstruct timespec ts;\n' +
              '\tclock_gettime(CLOCK_MONOTONIC, &ts);\n\treturn (unsigned long long)ts.tv_sec * 1000000000ull + ts.tv_nsec;\n}\n' +
              '#endif\n*/\nimport "C"\n\n// Now returns a fast monotonic tick count.\nfunc Now() uint64 { return uint64(C.read_cycles()) }\n',
          },
        ],
      },
      {
        title: 'The assembly lives in a file built for amd64 only',
        files: [
          {
            name: 'cycles_amd64.go',
            text:
              'package cycles\n\n/*\nstatic inline unsigned long long read_cycles(void) {\n' +
              '\tunsigned int lo, hi;\n\t__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));\n' +
              '\treturn ((unsigned long long)hi << 32) | lo;\n}\n*/\nimport "C"\n\n' +
              'func now() uint64 { return uint64(C.read_cycles()) }\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    if (!ctx.pkg.files.some((f) => mayImportC(f.text))) return;
    // Cheap text test before anything is parsed: some C text of the package must say asm.
    const mayHaveAsm = (t: string) => t.includes('asm');
    if (!ctx.pkg.files.some((f) => mayHaveAsm(f.text)) && !ctx.pkg.aux.some((a) => mayHaveAsm(a.text)))
      return;
    const c = cPackage(ctx);
    /**
     * Is every expansion of a macro harmless: under an architecture guard, in a file built for
     * the right architectures, in dead code, or inside another macro whose expansions are? A
     * macro nobody expands never reaches the assembler.
     */
    const expansionsGuarded = (name: string, arches: Set<string>, depth: number): boolean => {
      if (depth > 4) return false;
      return c.macroUses(name).every((u) => {
        if (deadAt(c.index(u.source), u.row) || c.archContext(u.source, u.row, arches) !== null) return true;
        return u.inMacro !== undefined && expansionsGuarded(u.inMacro.name, arches, depth + 1);
      });
    };
    for (const src of c.cSources) {
      if (!mayHaveAsm(src.text)) continue;
      const ix = c.index(src);
      for (const a of c.asm(src)) {
        const use = asmArch(a);
        if (!use) continue;
        if (deadAt(ix, a.row)) continue;
        if (c.archContext(src, a.row, use.arches) !== null) continue;
        if (a.macro && expansionsGuarded(a.macro, use.arches, 0)) continue;
        const where =
          src.kind === 'header'
            ? `${src.name} is included where nothing limits the build to ${archWords(use.arches)}`
            : `${src.name} is not limited to ${archWords(use.arches)} by a _GOARCH file-name suffix or a //go:build line`;
        ctx.report({
          file: src.file,
          at: cPos(src, a.row, a.column),
          message:
            `inline assembly uses \`${use.token}\`, which only assembles for ${archWords(use.arches)}, but ${where} ` +
            'and the statement is not inside an architecture #if: building for another GOARCH with a cross C ' +
            `compiler fails to assemble it; wrap it in \`${guardFor(use.arches)}\` with a portable #else, or move it ` +
            'to a file built for that architecture only',
        });
      }
    }
  },
};
