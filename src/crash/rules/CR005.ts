import type { Frame, ParsedCrash } from '../model.js';
import { type CrashRule, firstLine, reportedGoroutine, seeRule } from '../rule.js';

/** The Go wrappers of libc's NSS lookups, and NSS's own frames when a C traceback is printed. */
export const NSS_FRAME =
  /^os\/user\._Cfunc_mygetpw|^os\/user\._Cfunc_mygetgr|_Cfunc_mygetgrouplist$|^net\._C2func_getaddrinfo$|^net\._C2func_getnameinfo$|^net\._C_res_nsearch$|(^|[^A-Za-z0-9])__?nss_|libnss_/;

export const UNEXPECTED_SIGNAL = /unexpected signal during runtime execution/;

/** The frames of the crash: the reported goroutine's, goroutines in syscall, and the system stack. */
export function crashingFrames(crash: ParsedCrash): Frame[] {
  const g = reportedGoroutine(crash);
  const out = [...crash.runtimeStack, ...(g?.frames ?? [])];
  for (const other of crash.goroutines) {
    if (other !== g && other.state === 'syscall') out.push(...other.frames);
  }
  return out;
}

/** The first NSS frame of the crashing stack, or undefined. */
export function nssFrame(crash: ParsedCrash): Frame | undefined {
  return crashingFrames(crash).find((f) => NSS_FRAME.test(f.func));
}

export const CR005: CrashRule = {
  id: 'CR005',
  name: 'static-nss-crash',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: 'a statically linked glibc program crashed in a user, group or host lookup (NSS)',
  docs: {
    symptom:
      'A segmentation fault inside a cgo lookup wrapper, exit status 2:\n\n```\n' +
      'fatal error: unexpected signal during runtime execution\n' +
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x7f79334240e0]\n...\n' +
      'goroutine 1 [syscall]:\nruntime.cgocall(0x486fc0, 0xc000046d08)\n...\n' +
      'os/user._Cfunc_mygetpwnam_r(0xc0000a8000, ...)\n...\nos/user.Lookup({0x541633, 0x13})\n```\n\n' +
      'Also in `net._C2func_getaddrinfo`, `net._C2func_getnameinfo`, `net._C_res_nsearch`, or `_nss_*` frames ' +
      'when a C traceback is printed. Often it works on the build machine and crashes elsewhere, or only for ' +
      'names that are not in /etc/passwd or /etc/hosts. The build printed warnings such as ' +
      "`Using 'getpwnam_r' in statically linked applications requires at runtime the shared libraries from the glibc version used for linking`.",
    why:
      'glibc resolves users, groups and hosts through NSS: for every service named in /etc/nsswitch.conf ' +
      'other than the few built into a static libc it `dlopen`s a `libnss_<service>.so.2` module, which pulls ' +
      'in the shared libc.so.6. A statically linked program cannot set up that second libc (thread-local ' +
      'storage, locks), so the module crashes. This happens with `-ldflags "-linkmode external -extldflags ' +
      '-static"` (or `CGO_LDFLAGS=-static`) and cgo-based `os/user` or `net` lookups.',
    fix:
      'Build without cgo NSS: `CGO_ENABLED=0`, or `-tags netgo,osusergo` to keep cgo for the rest; or link ' +
      'dynamically; or build with musl (`CC=musl-gcc`, Alpine). The pure-Go lookups read /etc/passwd, ' +
      '/etc/group and /etc/hosts and DNS only, so users from sss/LDAP and mDNS `.local` names are no longer ' +
      'found — say so where that matters.',
    versions:
      'Every Go release with cgo on glibc; the wrappers were renamed over time (os/user `_Cfunc_mygetpwnam_r`, ' +
      'net `_C2func_getaddrinfo`).',
    references: [
      'glibc bug 19341 (static dlopen of NSS modules)',
      'golang/go#13470',
      'golang/go#30310',
      'catalog BLD001, BIN001',
    ],
    bad: [
      {
        title: 'os/user.Lookup in a -static cgo binary',
        files: [
          {
            name: 'crash.log',
            text:
              'fatal error: unexpected signal during runtime execution\n' +
              '[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x7f79334240e0]\n\n' +
              'runtime stack:\nruntime.throw({0x545b1f?, 0xff612c0?})\n' +
              '\t/usr/local/go/src/runtime/panic.go:1047 +0x5d fp=0x7ffeb0e20e40 sp=0x7ffeb0e20e10 pc=0x43371d\n' +
              'runtime.sigpanic()\n\t/usr/local/go/src/runtime/signal_unix.go:819 +0x369 fp=0x7ffeb0e20e90 sp=0x7ffeb0e20e40 pc=0x4478a9\n\n' +
              'goroutine 1 [syscall]:\nruntime.cgocall(0x486fc0, 0xc000046d08)\n' +
              '\t/usr/local/go/src/runtime/cgocall.go:158 +0x5c fp=0xc000046ce0 sp=0xc000046ca8 pc=0x4047fc\n' +
              'os/user._Cfunc_mygetpwnam_r(0xc0000a8000, 0xc000092180, 0xff62d90, 0x400, 0xc0000a0020)\n' +
              '\t_cgo_gotypes.go:159 +0x4c fp=0xc000046d08 sp=0xc000046ce0 pc=0x48578c\n' +
              'os/user.Lookup({0x541633, 0x13})\n\t/usr/local/go/src/os/user/lookup.go:36 +0x91 fp=0xc000046f28 sp=0xc000046ee8 pc=0x4855b1\n' +
              'main.main()\n\t/src/app/main.go:9 +0x25 fp=0xc000046f80 sp=0xc000046f28 pc=0x486e85\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Pure-Go lookups in a static binary',
        files: [
          {
            name: 'build.sh',
            text:
              '# static, no NSS modules needed at run time\nCGO_ENABLED=0 go build -o app .\n' +
              '# or keep cgo for other packages but not for lookups:\n' +
              "go build -tags netgo,osusergo -ldflags '-linkmode external -extldflags -static' -o app .\n",
          },
        ],
      },
    ],
  },

  check(crash, report) {
    const hit =
      firstLine(crash, UNEXPECTED_SIGNAL) ??
      (crash.signal && /^SIG(SEGV|BUS)$/.test(crash.signal.name)
        ? { line: { inputLine: crash.signal.inputLine, text: crash.signal.name } }
        : null);
    if (!hit) return;
    const frame = nssFrame(crash);
    if (!frame) return;
    report({
      line: hit.line.inputLine,
      message:
        `crash in an NSS lookup (${frame.func}): a statically linked glibc program loaded an NSS module it ` +
        'cannot run; build with -tags netgo,osusergo or CGO_ENABLED=0, or link dynamically',
      related: [
        { line: frame.inputLine, message: `${frame.func} is the libc user/group/host lookup that crashed` },
        seeRule('BLD001', 'the build lens finds the -static cgo build'),
        seeRule('BIN001', 'gotrap audit finds static glibc with NSS in the binary'),
      ],
      fix: { description: 'rebuild with -tags netgo,osusergo (or CGO_ENABLED=0), or link dynamically' },
    });
  },
};
