import type { BinaryRule } from '../audit/rule.js';

/** Go's cgo wrappers around the NSS lookups (pclntab names; they survive stripping). */
const NSS_FUNCTION =
  /^(os\/user\._Cfunc_(mygetpw|mygetgr|mygetgrouplist)|net\._C2func_(getaddrinfo|getnameinfo)|net\._C_res_nsearch)/;
/** The C entry points into NSS, in a symbol table. */
const NSS_SYMBOL = /^(getpw\w*_r|getgr\w*_r|getgrouplist|getaddrinfo|getnameinfo|gethostbyname\w*)$/;

export const BIN001: BinaryRule = {
  id: 'BIN001',
  name: 'static-glibc-nss',
  severity: 'error',
  lens: 'binary',
  subsystem: 'binary',
  title: 'a statically linked glibc binary looks up users, groups or host names through NSS',
  docs: {
    symptom:
      'The link prints a warning and succeeds:\n\n```\n' +
      "/usr/bin/ld: ... in function `mygetpwnam_r':\n" +
      "warning: Using 'getpwnam_r' in statically linked applications requires at runtime the shared " +
      'libraries from the glibc version used for linking\n```\n\n' +
      '(also `getaddrinfo`, `getpwuid_r`, `getgrgid_r`, `getgrnam_r`, `getgrouplist`). At run time a ' +
      'user, group or host lookup crashes once nsswitch.conf names a service that is not built into ' +
      'the static libc (systemd, sss, ldap, mdns, resolve, winbind...):\n\n```\n' +
      'fatal error: unexpected signal during runtime execution\n' +
      '[signal SIGSEGV: segmentation violation code=... addr=0x0 pc=...]\n\n' +
      'goroutine 1 [syscall]:\nruntime.cgocall(...)\nos/user._Cfunc_mygetpwnam_r(...)\n```\n\n' +
      'or it silently finds nothing. The binary is the product of the BLD001 build; this rule sees it in ' +
      'the artifact, stripped or not.',
    why:
      'glibc implements getpwnam_r, getgrgid_r, getaddrinfo and friends through NSS: it reads ' +
      '/etc/nsswitch.conf and dlopens `libnss_<service>.so.2` for every service it names. A static ' +
      'binary has no dynamic loader state for those modules (thread-local storage, a second libc.so.6 ' +
      'mapped beside the static copy), so calling into them crashes (glibc bug 19341). Only the services ' +
      'compiled into the static libc work: `files`, and from glibc 2.34 `dns` for hosts. The binary is ' +
      "static glibc when it has no PT_INTERP and carries glibc's `.note.ABI-tag` note or the strings " +
      "`GLIBC_PRIVATE`, `libnss_%s.so`, `_nss_%s_%s`; it uses NSS when Go's cgo wrappers " +
      '(`os/user._Cfunc_mygetpw*`, `_Cfunc_mygetgr*`, `net._C2func_getaddrinfo`...) are in its pclntab or ' +
      'the C functions in its symbol table.',
    fix:
      'Pick one:\n\n' +
      '- keep the static binary and let Go do the lookups in pure Go: `go build -tags netgo,osusergo ' +
      "-ldflags '-linkmode external -extldflags -static'` — then users from sss/LDAP and mDNS `.local` " +
      'names no longer resolve (golang/go#35067);\n' +
      '- link dynamically (drop `-extldflags -static`) and ship a base image with a matching glibc;\n' +
      '- link statically against musl (`CC=musl-gcc`), whose getpwnam and resolver read the files ' +
      'directly.',
    versions:
      'Every Go release with cgo and every glibc; from glibc 2.34 the `dns` hosts service is built into ' +
      'static libc, the user and group services other than `files` still are not.',
    references: [
      'glibc bug 19341 (static dlopen of NSS modules)',
      'golang/go#13470, golang/go#30310 (static binaries with os/user crash)',
      'golang/go#35067 (netgo/osusergo skip NSS)',
      'catalog BLD001 (the build that produces it)',
    ],
    bad: [
      {
        title: 'A cgo program with os/user linked with -extldflags -static against glibc',
        files: [
          {
            name: 'build.sh',
            text:
              '# main.go imports "C" and os/user; built on Debian 12 (glibc 2.36)\n' +
              "CGO_ENABLED=1 go build -ldflags '-linkmode external -extldflags -static' -o app .\n",
          },
          {
            name: 'readelf.txt',
            text:
              '$ readelf -h -l -n app\n  Type:                              EXEC (Executable file)\n' +
              '  (no INTERP program header)\n' +
              '  GNU                  0x00000010       NT_GNU_ABI_TAG (ABI version tag)\n' +
              '    OS: Linux, ABI: 3.2.0\n' +
              '$ go tool nm app | grep mygetpw\n  4c90e0 t os/user._Cfunc_mygetpwnam_r.abi0\n',
          },
        ],
      },
    ],
    good: [
      {
        title: "The same program with Go's own user and host lookups",
        files: [
          {
            name: 'build.sh',
            text:
              'CGO_ENABLED=1 go build -tags netgo,osusergo \\\n' +
              "  -ldflags '-linkmode external -extldflags -static' -o app .\n",
          },
          {
            name: 'readelf.txt',
            text:
              '$ go tool nm app | grep -c _Cfunc_mygetpw\n0\n' +
              '$ go version -m app | grep tags\n\tbuild\t-tags=netgo,osusergo\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const m = ctx.model;
    if (!m.staticGlibc) return;
    const uses: string[] = [];
    for (const f of m.functions() ?? []) {
      const name = f.replace(/\.abi0$/, '');
      if (NSS_FUNCTION.test(name) && !uses.includes(name)) uses.push(name);
      if (uses.length >= 4) break;
    }
    if (uses.length === 0) {
      for (const s of m.symbolNames()) {
        if (NSS_SYMBOL.test(s)) uses.push(s);
        if (uses.length >= 4) break;
      }
    }
    if (uses.length === 0) return;
    ctx.report({
      message:
        `statically linked glibc (${m.staticGlibcEvidence.join(', ')}) with NSS lookups (${uses.join(', ')}): ` +
        'glibc dlopens NSS modules that a static binary cannot load, so user, group or host lookups crash ' +
        '(SIGSEGV) or fail unless nsswitch.conf names only `files` (and `dns`)',
      fix: {
        description:
          'rebuild with `-tags netgo,osusergo`, link dynamically, or link statically against musl (CC=musl-gcc)',
      },
    });
  },
};
