import { standardInterpreters } from '../audit/libc.js';
import type { BinaryRule } from '../audit/rule.js';
import { needsLibc, whyNot } from '../audit/verdict.js';

export const BIN003: BinaryRule = {
  id: 'BIN003',
  name: 'wrong-interpreter',
  severity: 'error',
  lens: 'binary',
  subsystem: 'binary',
  title: 'the program interpreter (dynamic loader) the binary names is not on the target',
  docs: {
    symptom:
      'The file is there and executable, yet starting it fails as if it were missing:\n\n```\n' +
      'exec /app: no such file or directory\n```\n\n' +
      '(Docker and Kubernetes), `sh: ./app: not found` (BusyBox on Alpine), `bash: ./app: cannot execute: ' +
      "required file not found` (newer bash) — exit status 127 in a shell. `ldd` is no help: for Go's own " +
      'PIE it says "statically linked" although the file has an interpreter.',
    why:
      'A dynamically linked ELF file names its loader in PT_INTERP (`readelf -l`: "Requesting program ' +
      'interpreter"), and the kernel opens exactly that path before anything runs; when it does not exist ' +
      'execve fails with ENOENT, which every tool reports as the program itself missing. glibc binaries ' +
      'name `/lib64/ld-linux-x86-64.so.2` (aarch64: `/lib/ld-linux-aarch64.so.1`...), musl binaries ' +
      '`/lib/ld-musl-<arch>.so.1`: a glibc binary on Alpine, scratch or distroless static, or a musl ' +
      'binary on a glibc distribution, cannot start. A Go binary has an interpreter whenever it is ' +
      "dynamically linked — cgo, net or os/user without netgo/osusergo, -race — and also as Go's own PIE " +
      '(`-buildmode=pie`), which names the glibc loader even though it needs no library. Without ' +
      '`--target` the rule fires only when the path is not the standard one for the libc the binary needs ' +
      '(a build-machine path such as /nix/store/...-glibc/lib/ld-linux-x86-64.so.2, or another ' +
      "architecture's loader).",
    fix:
      'Match the binary to the image: build with `CGO_ENABLED=0` (or `-tags netgo,osusergo`) for scratch, ' +
      'distroless static and Alpine; build on Alpine (or with `CC=musl-gcc`) for Alpine; build on a glibc ' +
      'distribution for glibc images (distroless base/cc, Debian, Ubuntu, UBI). Do not patch the ' +
      'interpreter by hand (`patchelf`), and do not rely on `libc6-compat`/`gcompat` on Alpine.',
    versions: 'Every Go release; not Go-specific.',
    references: [
      'execve(2): ENOENT "the file or a script or ELF interpreter does not exist"',
      'cmd/link/internal/<arch>/obj.go: Linuxdynld, LinuxdynldMusl',
      'catalog BLD003, CR010',
    ],
    bad: [
      {
        title: 'A cgo (glibc) binary copied into an Alpine or scratch image',
        files: [
          {
            name: 'build.sh',
            text:
              '# builder: golang:1.19-bookworm\nCGO_ENABLED=1 go build -o app .\n' +
              '# final stage: FROM alpine:3.20 (or scratch, or gcr.io/distroless/static)\n',
          },
          {
            name: 'readelf.txt',
            text:
              '$ readelf -l app | grep interpreter\n' +
              '      [Requesting program interpreter: /lib64/ld-linux-x86-64.so.2]\n' +
              '$ docker run --rm img /app\nexec /app: no such file or directory\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'A static binary for an image without glibc',
        files: [
          {
            name: 'build.sh',
            text: 'CGO_ENABLED=0 go build -o app .\n# final stage: FROM alpine:3.20 / scratch / distroless static\n',
          },
          {
            name: 'readelf.txt',
            text: '$ readelf -l app | grep -c INTERP\n0\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const m = ctx.model;
    if (m.format !== 'elf' || !needsLibc(m)) return;
    const image = ctx.target?.libc ?? null;
    const loader = m.interpreter;
    if (image) {
      const reason = whyNot(m, image);
      // A glibc floor above the target's glibc is BIN002's finding.
      if (!reason || (m.libc === 'glibc' && image.libc === 'glibc' && m.interpreterStandard !== false))
        return;
      const fails = 'starting it fails with `exec ...: no such file or directory`';
      ctx.report({
        message: !loader
          ? `it needs ${m.libc ?? 'a C library'} (${m.needed.join(', ')}), which ${image.label} does not have`
          : m.interpreterStandard === false
            ? `the interpreter ${loader} is not a standard ${m.libc ?? 'glibc or musl'} loader path, so ${image.label} does not have it: ${fails}`
            : `it needs the ${m.libc} loader ${loader}, which ${image.label} does not have: ${fails}`,
        fix: { description: fixFor(image.libc) },
      });
      return;
    }
    if (!loader || m.interpreterStandard !== false) return;
    const standard = m.libc ? standardInterpreters(m.libc, m.bin.arch) : [];
    ctx.report({
      message:
        `the interpreter ${loader} is not the standard ${m.libc ?? 'glibc or musl'} loader for ${m.bin.arch ?? 'this architecture'}` +
        `${standard.length ? ` (${standard.join(' or ')})` : ''}: on machines without that exact path ` +
        'starting it fails with `exec ...: no such file or directory`',
      fix: { description: 'link on a standard distribution, or build without libc (CGO_ENABLED=0)' },
    });
  },
};

function fixFor(libc: 'glibc' | 'musl' | 'none'): string {
  if (libc === 'none')
    return 'build a static binary: CGO_ENABLED=0 (or -tags netgo,osusergo when only net/os/user use cgo)';
  if (libc === 'musl') return 'build on Alpine or with CC=musl-gcc, or build a static binary (CGO_ENABLED=0)';
  return 'build on a glibc distribution (not with musl), or build a static binary (CGO_ENABLED=0)';
}
