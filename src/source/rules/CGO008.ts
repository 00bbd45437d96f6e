import type { Node } from 'web-tree-sitter';
import { buildsFor, type CPrototype, cPackage, cSpan, mayImportC, osGuardAt } from '../analysis/csrc.js';
import type { GoFile, Span } from '../model.js';
import type { PackageFacts, PackageRule } from '../rule.js';

/** What CGO008 records about each cgo package for the whole-program check. */
interface Cgo008Fact {
  /** The package is `main` and exports Go functions: most likely built as c-archive/c-shared. */
  hostProvides: boolean;
  /** `#cgo` LDFLAGS/pkg-config that bring libraries or objects into the link, or a .syso file. */
  links: boolean;
  /** Non-static C functions the package defines, and the Go functions it exports to C. */
  defined: string[];
  /** Preamble prototypes called from Go with no definition in the package. */
  candidates: Candidate[];
}

interface Candidate extends Span {
  name: string;
  file: string;
  use: { file: string; line: number; column: number };
  /** A math-library function: linking needs -lm. */
  libm: boolean;
}

/** Functions of libm (not linked by default with glibc), with f/l variants. */
const LIBM =
  /^(a?(sin|cos|tan)h?|atan2|exp(2|10|m1)?|log(2|10|1p|b)?|pow|sqrt|cbrt|hypot|ceil|floor|l?l?round|trunc|fmod|fmin|fmax|fma|fdim|ldexp|frexp|modf|scalbl?n|ilogb|erfc?|[lt]gamma|nearbyint|l?l?rint|remainder|remquo|nextafter|nexttoward|[jy][01n])[fl]?$/;

/** Compiler builtins that never leave a call behind, and symbols every cgo program gets from runtime/cgo. */
const ALWAYS_THERE = new Set(['fabs', 'fabsf', 'fabsl', 'copysign', 'copysignf', 'copysignl', 'crosscall2']);

export const CGO008: PackageRule = {
  id: 'CGO008',
  name: 'undefined-c-function',
  severity: 'error',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'A C function declared in the preamble and called from Go is defined nowhere',
  prefilter: /"C"[ \t]*(?:\r?\n|\/\/)/,
  trainer: { difficulty: 1, essential: ['checksum', 'Sum'] },
  docs: {
    symptom:
      '`go vet` passes and so does `go build` of the package itself (a library is compiled but not linked). ' +
      'Building a program that uses it fails at the final link:\n\n```\n' +
      "/usr/bin/ld: /tmp/go-link-.../000001.o: in function `_cgo_..._Cfunc_checksum':\n" +
      "/tmp/go-build/sum.cgo2.c:52: undefined reference to `checksum'\ncollect2: error: ld returned 1 exit status\n```",
    why:
      'A prototype tells the C compiler how to call a function; it does not provide one. cgo generates a ' +
      'wrapper for every `C.name` the Go code uses, and that wrapper needs the symbol at link time: from a ' +
      'definition in a preamble or a C/C++/assembly file of the package (or of another package of the ' +
      'program), from a library named by `#cgo LDFLAGS: -l...` or `#cgo pkg-config: ...`, or from libc. A ' +
      'prototype copied from a header of a library that is never linked compiles everywhere and links ' +
      'nowhere. Math functions are a common case: with glibc they live in libm, which is not linked unless ' +
      'a package asks for `-lm`.',
    fix:
      'Define the function (in the preamble, or in a `.c` file next to the Go files), or link the library ' +
      'that provides it:\n\n```go\n// #cgo pkg-config: zlib\n// #include <zlib.h>\nimport "C"\n```\n\n' +
      "or `#cgo LDFLAGS: -lz`. Prefer including the library's header over copying prototypes into the " +
      'preamble: the header keeps the declaration right, and the `#cgo` line next to it keeps the link right.\n\n' +
      'Not reported: packages with a `.syso` file or any `#cgo LDFLAGS` library/object or `pkg-config` line (what ' +
      'they bring in is unknown); symbols another package of the same program defines or links; `main` packages ' +
      'that `//export` Go functions (built with `-buildmode=c-shared`/`c-archive`, where the host program ' +
      'provides the missing symbols). gotrap does not read `CGO_LDFLAGS` set in Makefiles or Dockerfiles yet: if ' +
      'your build links the library that way, suppress the finding with that reason.',
    versions: 'Every Go release with cgo.',
    references: [
      'cmd/cgo documentation: "Using cgo with the go command" (#cgo LDFLAGS, pkg-config, .c/.syso files in the package)',
      'cmd/go documentation: -buildmode=c-archive and -buildmode=c-shared',
    ],
    bad: [
      {
        title: 'A prototype for a function no file of the package defines, and no library linked',
        files: [
          {
            name: 'sum.go',
            text:
              'package main\n\n/*\n#include <stddef.h>\n\nunsigned int checksum(const unsigned char *p, size_t n);\n*/\n' +
              'import "C"\n\nimport (\n\t"fmt"\n\t"unsafe"\n)\n\n// Sum returns the checksum of b.\nfunc Sum(b []byte) uint32 {\n' +
              '\treturn uint32(C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))))\n}\n\n' +
              'func main() { fmt.Println(Sum([]byte("abc"))) }\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The definition lives in a C file of the package',
        files: [
          {
            name: 'sum.go',
            text:
              'package main\n\n/*\n#include <stddef.h>\n\nunsigned int checksum(const unsigned char *p, size_t n);\n*/\n' +
              'import "C"\n\nimport (\n\t"fmt"\n\t"unsafe"\n)\n\n// Sum returns the checksum of b.\nfunc Sum(b []byte) uint32 {\n' +
              '\treturn uint32(C.checksum((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))))\n}\n\n' +
              'func main() { fmt.Println(Sum([]byte("abc"))) }\n',
          },
          {
            name: 'checksum.c',
            text:
              '#include <stddef.h>\n\nunsigned int checksum(const unsigned char *p, size_t n) {\n\tunsigned int s = 0;\n' +
              '\tfor (size_t i = 0; i < n; i++) s = s * 31 + p[i];\n\treturn s;\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    if (!ctx.pkg.files.some((f) => mayImportC(f.text))) return;
    const c = cPackage(ctx);
    if (c.cgoFiles.length === 0) return;
    const exports = c.goExports();
    // A library, an object file or a .syso in the link, or C code we cannot see (an include of a
    // file outside the package directory, an included .c file): what is provided is unknown.
    const links = c.hasSyso || c.linkInputs().length > 0 || c.unseenIncludes().length > 0;
    const defined = new Set<string>(exports.keys());
    for (const s of c.cSources) {
      if (!s.text.includes('{')) continue;
      for (const d of c.index(s).definitions) if (!d.isStatic) defined.add(d.name);
    }
    const candidates: Candidate[] = [];
    if (!links) {
      const known = new Set<string>([...c.definedNames(), ...c.macroNames(), ...exports.keys()]);
      for (const src of c.sources) {
        if (src.kind !== 'preamble' || !src.text.includes('(')) continue;
        // Judged for Linux (glibc): other systems link other default libraries (libSystem, kernel32...).
        if (!buildsFor('linux', src.constraint, src.goos, src.goarch)) continue;
        for (const proto of c.prototypes(src)) {
          if (!mayBeUndefined(proto) || known.has(proto.name) || c.asmMentions(proto.name)) continue;
          if (osGuardAt(c.index(src), proto.node.startPosition.row)) continue;
          const use = firstUse(c.cgoFiles, proto.name);
          if (!use) continue;
          const at = cSpan(src, proto.node);
          candidates.push({ ...at, name: proto.name, file: src.path, use, libm: LIBM.test(proto.name) });
        }
      }
    }
    const fact: Cgo008Fact = {
      hostProvides: ctx.pkg.name === 'main' && exports.size > 0,
      links,
      defined: [...defined].sort(),
      candidates,
    };
    ctx.exportFact(fact);
  },

  checkProgram(ctx) {
    const facts = new Map<string, { pkg: PackageFacts; fact: Cgo008Fact | undefined }>();
    for (const p of ctx.packages)
      facts.set(p.importPath, { pkg: p, fact: p.exports.CGO008?.[0] as Cgo008Fact | undefined });
    const closures = new Map<string, { pkgs: Set<string>; unknown: string[] }>();
    const closure = (path: string) => {
      let cl = closures.get(path);
      if (!cl) {
        cl = importClosure(path, facts);
        closures.set(path, cl);
      }
      return cl;
    };
    const mains = ctx.packages.filter((p) => p.name === 'main');
    for (const { pkg, fact } of facts.values()) {
      if (!fact || fact.candidates.length === 0 || fact.hostProvides) continue;
      const programs = mains.filter((m) => closure(m.importPath).pkgs.has(pkg.importPath));
      // Could another package supply `name` to a program that links this one?
      const supplies = (q: string, name: string): boolean => {
        if (q === pkg.importPath) return false;
        const f = facts.get(q)?.fact;
        return f !== undefined && (f.links || f.defined.includes(name));
      };
      for (const cand of fact.candidates) {
        let broken: boolean;
        if (programs.length === 0) {
          // No program in view: any scanned package might be linked with this one.
          broken =
            closure(pkg.importPath).unknown.length === 0 &&
            ![...facts.keys()].some((q) => supplies(q, cand.name));
        } else {
          broken = programs.some((m) => {
            const cl = closure(m.importPath);
            if (cl.unknown.length > 0 || facts.get(m.importPath)?.fact?.hostProvides) return false;
            return ![...cl.pkgs].some((q) => supplies(q, cand.name));
          });
        }
        if (!broken) continue;
        const hint = cand.libm
          ? `; it is a math-library function: add \`#cgo LDFLAGS: -lm\` (glibc keeps it in libm)`
          : '; define it in the preamble or a .c file of the package, or link the library that provides it ' +
            '(`#cgo LDFLAGS: -lname` or `#cgo pkg-config: name`)';
        ctx.report({
          file: cand.file,
          at: cand,
          message:
            `\`${cand.name}\` is declared in the cgo preamble and called as C.${cand.name}, but no C file, preamble or ` +
            `#cgo library of the program provides it: linking fails with "undefined reference to \`${cand.name}'"${hint}`,
          related: [
            {
              file: cand.use.file,
              line: cand.use.line,
              column: cand.use.column,
              message: `C.${cand.name} is used here`,
            },
          ],
        });
      }
    }
  },
};

/** Can a preamble prototype lack a definition without anyone providing it? */
function mayBeUndefined(p: CPrototype): boolean {
  if (p.weak) return false;
  // Reserved names (`__builtin_*`, `_cgo_*`) belong to the compiler and the runtime.
  if (p.name.startsWith('_')) return false;
  if (ALWAYS_THERE.has(p.name) || LIBC.has(p.name)) return false;
  return true;
}

/** The first `C.name` reference in the package's cgo files. */
function firstUse(files: GoFile[], name: string): { file: string; line: number; column: number } | null {
  const needle = `C.${name}`;
  for (const f of files) {
    if (!f.text.includes(needle)) continue;
    let best: Node | null = null;
    for (const sel of f.root.descendantsOfType(['selector_expression', 'qualified_type'])) {
      if (!sel) continue;
      const operand = sel.childForFieldName('operand') ?? sel.childForFieldName('package');
      const field = sel.childForFieldName('field') ?? sel.childForFieldName('name');
      if (operand?.text !== 'C' || field?.text !== name) continue;
      if (!best || sel.startIndex < best.startIndex) best = sel;
    }
    if (best)
      return { file: f.path, line: best.startPosition.row + 1, column: best.startPosition.column + 1 };
  }
  return null;
}

/**
 * The scanned packages a package links with (itself and its imports, transitively), and the
 * imports that were not scanned and are not standard-library paths (their #cgo flags are unknown).
 */
function importClosure(
  root: string,
  facts: Map<string, { pkg: PackageFacts; fact: Cgo008Fact | undefined }>,
): { pkgs: Set<string>; unknown: string[] } {
  const pkgs = new Set<string>([root]);
  const unknown: string[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const cur = facts.get(queue.shift()!);
    if (!cur) continue;
    for (const imp of cur.pkg.imports) {
      if (pkgs.has(imp)) continue;
      if (facts.has(imp)) {
        pkgs.add(imp);
        queue.push(imp);
      } else if (imp.split('/')[0].includes('.')) unknown.push(imp);
    }
  }
  return { pkgs, unknown };
}

// Functions of the C library (glibc's exported functions, plus the few it links statically from
// libc_nonshared.a and the BSD string functions newer releases added). A preamble prototype of one
// of these needs no definition: every cgo program links libc.
const LIBC_NAMES = `
a64l abort abs accept accept4 access acct addmntent addseverity adjtime adjtimex advance aio_cancel
aio_cancel64 aio_error aio_error64 aio_fsync aio_fsync64 aio_init aio_read aio_read64 aio_return
aio_return64 aio_suspend aio_suspend64 aio_write aio_write64 alarm aligned_alloc alphasort alphasort64
arc4random arc4random_buf arc4random_uniform arch_prctl argp_error argp_failure argp_help argp_parse
argp_state_help argp_usage argz_add argz_add_sep argz_append argz_count argz_create argz_create_sep
argz_delete argz_extract argz_insert argz_next argz_replace argz_stringify asctime asctime_r asprintf
at_quick_exit atexit atof atoi atol atoll authdes_create authdes_getucred authdes_pk_create
authnone_create authunix_create authunix_create_default backtrace backtrace_symbols backtrace_symbols_fd
basename bcmp bcopy bdflush bind bind_textdomain_codeset bindresvport bindtextdomain brk bsd_signal
bsearch btowc bzero c16rtomb c32rtomb c8rtomb call_once calloc callrpc canonicalize_file_name capget
capset catclose catgets catopen cbc_crypt cfgetispeed cfgetospeed cfmakeraw cfree cfsetispeed
cfsetospeed cfsetspeed chdir chflags chmod chown chroot clearenv clearerr clearerr_unlocked
clnt_broadcast clnt_create clnt_pcreateerror clnt_perrno clnt_perror clnt_spcreateerror clnt_sperrno
clnt_sperror clntraw_create clnttcp_create clntudp_bufcreate clntudp_create clntunix_create clock
clock_adjtime clock_getcpuclockid clock_getres clock_gettime clock_nanosleep clock_settime clone close
close_range closedir closefrom closelog cnd_broadcast cnd_destroy cnd_init cnd_signal cnd_timedwait
cnd_wait confstr connect copy_file_range copysign copysignf copysignl creat creat64 create_module
ctermid ctime ctime_r cuserid daemon dcgettext dcngettext delete_module des_setparity dgettext difftime
dirfd dirname div dl_iterate_phdr dladdr dladdr1 dlclose dlerror dlinfo dlmopen dlopen dlsym dlvsym
dn_comp dn_expand dn_skipname dngettext dprintf drand48 drand48_r dup dup2 dup3 duplocale dysize eaccess
ecb_crypt ecvt ecvt_r endaliasent endfsent endgrent endhostent endmntent endnetent endnetgrent
endprotoent endpwent endrpcent endservent endsgent endspent endttyent endusershell endutent endutxent
envz_add envz_entry envz_get envz_merge envz_remove envz_strip epoll_create epoll_create1 epoll_ctl
epoll_pwait epoll_pwait2 epoll_wait erand48 erand48_r err error error_at_line errx ether_aton
ether_aton_r ether_hostton ether_line ether_ntoa ether_ntoa_r ether_ntohost euidaccess eventfd
eventfd_read eventfd_write execl execle execlp execv execve execveat execvp execvpe exit explicit_bzero
faccessat fallocate fallocate64 fanotify_init fanotify_mark fattach fchdir fchflags fchmod fchmodat
fchown fchownat fclose fcloseall fcntl fcntl64 fcvt fcvt_r fdatasync fdetach fdopen fdopendir feof
feof_unlocked ferror ferror_unlocked fexecve fflush fflush_unlocked ffs ffsl ffsll fgetc fgetc_unlocked
fgetgrent fgetgrent_r fgetpos fgetpos64 fgetpwent fgetpwent_r fgets fgets_unlocked fgetsgent fgetsgent_r
fgetspent fgetspent_r fgetwc fgetwc_unlocked fgetws fgetws_unlocked fgetxattr fileno fileno_unlocked
finite finitef finitel flistxattr flock flockfile fmemopen fmtmsg fnmatch fopen fopen64 fopencookie fork
forkpty fpathconf fprintf fputc fputc_unlocked fputs fputs_unlocked fputwc fputwc_unlocked fputws
fputws_unlocked fread fread_unlocked free freeaddrinfo freeifaddrs freelocale fremovexattr freopen
freopen64 frexp frexpf frexpl fscanf fsconfig fseek fseeko fseeko64 fsetpos fsetpos64 fsetxattr fsmount
fsopen fspick fstat fstat64 fstatat fstatat64 fstatfs fstatfs64 fstatvfs fstatvfs64 fsync ftell ftello
ftello64 ftime ftok ftruncate ftruncate64 ftrylockfile fts64_children fts64_close fts64_open fts64_read
fts64_set fts_children fts_close fts_open fts_read fts_set ftw ftw64 funlockfile futimens futimes
futimesat fwide fwprintf fwrite fwrite_unlocked fwscanf gai_cancel gai_error gai_strerror gai_suspend
gcvt get_avphys_pages get_current_dir_name get_kernel_syms get_myaddress get_nprocs get_nprocs_conf
get_phys_pages getaddrinfo getaddrinfo_a getaliasbyname getaliasbyname_r getaliasent getaliasent_r
getauxval getc getc_unlocked getchar getchar_unlocked getcontext getcpu getcwd getdate getdate_r
getdelim getdents64 getdirentries getdirentries64 getdomainname getdtablesize getegid getentropy getenv
geteuid getfsent getfsfile getfsspec getgid getgrent getgrent_r getgrgid getgrgid_r getgrnam getgrnam_r
getgrouplist getgroups gethostbyaddr gethostbyaddr_r gethostbyname gethostbyname2 gethostbyname2_r
gethostbyname_r gethostent gethostent_r gethostid gethostname getifaddrs getipv4sourcefilter getitimer
getline getloadavg getlogin getlogin_r getmntent getmntent_r getmsg getnameinfo getnetbyaddr
getnetbyaddr_r getnetbyname getnetbyname_r getnetent getnetent_r getnetgrent getnetgrent_r getnetname
getopt getopt_long getopt_long_only getpagesize getpass getpeername getpgid getpgrp getpid getpmsg
getppid getpriority getprotobyname getprotobyname_r getprotobynumber getprotobynumber_r getprotoent
getprotoent_r getpt getpublickey getpw getpwent getpwent_r getpwnam getpwnam_r getpwuid getpwuid_r
getrandom getresgid getresuid getrlimit getrlimit64 getrpcbyname getrpcbyname_r getrpcbynumber
getrpcbynumber_r getrpcent getrpcent_r getrpcport getrusage gets getsecretkey getservbyname
getservbyname_r getservbyport getservbyport_r getservent getservent_r getsgent getsgent_r getsgnam
getsgnam_r getsid getsockname getsockopt getsourcefilter getspent getspent_r getspnam getspnam_r
getsubopt gettext gettid gettimeofday getttyent getttynam getuid getusershell getutent getutent_r
getutid getutid_r getutline getutline_r getutmp getutmpx getutxent getutxid getutxline getw getwc
getwc_unlocked getwchar getwchar_unlocked getwd getxattr glob glob64 glob_pattern_p globfree globfree64
gmtime gmtime_r gnu_dev_major gnu_dev_makedev gnu_dev_minor gnu_get_libc_release gnu_get_libc_version
grantpt group_member gsignal gtty hasmntopt hcreate hcreate_r hdestroy hdestroy_r herror host2netname
hsearch hsearch_r hstrerror htonl htons iconv iconv_close iconv_open if_freenameindex if_indextoname
if_nameindex if_nametoindex imaxabs imaxdiv index inet6_opt_append inet6_opt_find inet6_opt_finish
inet6_opt_get_val inet6_opt_init inet6_opt_next inet6_opt_set_val inet6_option_alloc inet6_option_append
inet6_option_find inet6_option_init inet6_option_next inet6_option_space inet6_rth_add inet6_rth_getaddr
inet6_rth_init inet6_rth_reverse inet6_rth_segments inet6_rth_space inet_addr inet_aton inet_lnaof
inet_makeaddr inet_netof inet_network inet_nsap_addr inet_nsap_ntoa inet_ntoa inet_ntop inet_pton
init_module initgroups initstate initstate_r innetgr inotify_add_watch inotify_init inotify_init1
inotify_rm_watch insque ioctl ioperm iopl iruserok iruserok_af isalnum isalnum_l isalpha isalpha_l
isascii isastream isatty isblank isblank_l iscntrl iscntrl_l isctype isdigit isdigit_l isfdtype isgraph
isgraph_l isinf isinff isinfl islower islower_l isnan isnanf isnanl isprint isprint_l ispunct ispunct_l
isspace isspace_l isupper isupper_l iswalnum iswalnum_l iswalpha iswalpha_l iswblank iswblank_l iswcntrl
iswcntrl_l iswctype iswctype_l iswdigit iswdigit_l iswgraph iswgraph_l iswlower iswlower_l iswprint
iswprint_l iswpunct iswpunct_l iswspace iswspace_l iswupper iswupper_l iswxdigit iswxdigit_l isxdigit
isxdigit_l jrand48 jrand48_r key_decryptsession key_decryptsession_pk key_encryptsession
key_encryptsession_pk key_gendes key_get_conv key_secretkey_is_set key_setnet key_setsecret kill killpg
klogctl l64a labs lchmod lchown lckpwdf lcong48 lcong48_r ldexp ldexpf ldexpl ldiv lfind lgetxattr link
linkat lio_listio lio_listio64 listen listxattr llabs lldiv llistxattr llseek localeconv localtime
localtime_r lockf lockf64 login login_tty logout logwtmp longjmp lrand48 lrand48_r lremovexattr lsearch
lseek lseek64 lsetxattr lstat lstat64 lutimes madvise makecontext mallinfo mallinfo2 malloc malloc_info
malloc_stats malloc_trim malloc_usable_size mallopt mblen mbrlen mbrtoc16 mbrtoc32 mbrtoc8 mbrtowc
mbsinit mbsnrtowcs mbsrtowcs mbstowcs mbtowc mcheck mcheck_check_all mcheck_pedantic mcount memalign
memccpy memchr memcmp memcpy memfd_create memfrob memmem memmove mempcpy memrchr memset mincore mkdir
mkdirat mkdtemp mkfifo mkfifoat mknod mknodat mkostemp mkostemp64 mkostemps mkostemps64 mkstemp
mkstemp64 mkstemps mkstemps64 mktemp mktime mlock mlock2 mlockall mmap mmap64 modf modff modfl
modify_ldt moncontrol monstartup mount mount_setattr move_mount mprobe mprotect mq_close mq_getattr
mq_notify mq_open mq_receive mq_send mq_setattr mq_timedreceive mq_timedsend mq_unlink mrand48 mrand48_r
mremap msgctl msgget msgrcv msgsnd msync mtrace mtx_destroy mtx_init mtx_lock mtx_timedlock mtx_trylock
mtx_unlock munlock munlockall munmap muntrace name_to_handle_at nanosleep netname2host netname2user
newlocale nfsservctl nftw nftw64 ngettext nice nl_langinfo nl_langinfo_l nrand48 nrand48_r
ns_name_compress ns_name_ntop ns_name_pack ns_name_pton ns_name_skip ns_name_uncompress ns_name_unpack
ntohl ntohs ntp_adjtime ntp_gettime ntp_gettimex obstack_free obstack_printf obstack_vprintf on_exit
open open64 open_by_handle_at open_memstream open_tree open_wmemstream openat openat64 opendir openlog
openpty parse_printf_format passwd2des pathconf pause pclose perror personality pidfd_getfd pidfd_open
pidfd_send_signal pipe pipe2 pivot_root pkey_alloc pkey_free pkey_get pkey_mprotect pkey_set
pmap_getmaps pmap_getport pmap_rmtcall pmap_set pmap_unset poll popen posix_fadvise posix_fadvise64
posix_fallocate posix_fallocate64 posix_madvise posix_memalign posix_openpt posix_spawn
posix_spawn_file_actions_addchdir_np posix_spawn_file_actions_addclose
posix_spawn_file_actions_addclosefrom_np posix_spawn_file_actions_adddup2
posix_spawn_file_actions_addfchdir_np posix_spawn_file_actions_addopen
posix_spawn_file_actions_addtcsetpgrp_np posix_spawn_file_actions_destroy posix_spawn_file_actions_init
posix_spawnattr_destroy posix_spawnattr_getflags posix_spawnattr_getpgroup posix_spawnattr_getschedparam
posix_spawnattr_getschedpolicy posix_spawnattr_getsigdefault posix_spawnattr_getsigmask
posix_spawnattr_init posix_spawnattr_setflags posix_spawnattr_setpgroup posix_spawnattr_setschedparam
posix_spawnattr_setschedpolicy posix_spawnattr_setsigdefault posix_spawnattr_setsigmask posix_spawnp
ppoll prctl pread pread64 preadv preadv2 preadv64 preadv64v2 printf printf_size printf_size_info prlimit
prlimit64 process_madvise process_mrelease process_vm_readv process_vm_writev profil pselect psiginfo
psignal pthread_atfork pthread_attr_destroy pthread_attr_getaffinity_np pthread_attr_getdetachstate
pthread_attr_getguardsize pthread_attr_getinheritsched pthread_attr_getschedparam
pthread_attr_getschedpolicy pthread_attr_getscope pthread_attr_getsigmask_np pthread_attr_getstack
pthread_attr_getstackaddr pthread_attr_getstacksize pthread_attr_init pthread_attr_setaffinity_np
pthread_attr_setdetachstate pthread_attr_setguardsize pthread_attr_setinheritsched
pthread_attr_setschedparam pthread_attr_setschedpolicy pthread_attr_setscope pthread_attr_setsigmask_np
pthread_attr_setstack pthread_attr_setstackaddr pthread_attr_setstacksize pthread_barrier_destroy
pthread_barrier_init pthread_barrier_wait pthread_barrierattr_destroy pthread_barrierattr_getpshared
pthread_barrierattr_init pthread_barrierattr_setpshared pthread_cancel pthread_clockjoin_np
pthread_cond_broadcast pthread_cond_clockwait pthread_cond_destroy pthread_cond_init pthread_cond_signal
pthread_cond_timedwait pthread_cond_wait pthread_condattr_destroy pthread_condattr_getclock
pthread_condattr_getpshared pthread_condattr_init pthread_condattr_setclock pthread_condattr_setpshared
pthread_create pthread_detach pthread_equal pthread_exit pthread_getaffinity_np
pthread_getattr_default_np pthread_getattr_np pthread_getconcurrency pthread_getcpuclockid
pthread_getname_np pthread_getschedparam pthread_getspecific pthread_join pthread_key_create
pthread_key_delete pthread_kill pthread_kill_other_threads_np pthread_mutex_clocklock
pthread_mutex_consistent pthread_mutex_consistent_np pthread_mutex_destroy pthread_mutex_getprioceiling
pthread_mutex_init pthread_mutex_lock pthread_mutex_setprioceiling pthread_mutex_timedlock
pthread_mutex_trylock pthread_mutex_unlock pthread_mutexattr_destroy pthread_mutexattr_getkind_np
pthread_mutexattr_getprioceiling pthread_mutexattr_getprotocol pthread_mutexattr_getpshared
pthread_mutexattr_getrobust pthread_mutexattr_getrobust_np pthread_mutexattr_gettype
pthread_mutexattr_init pthread_mutexattr_setkind_np pthread_mutexattr_setprioceiling
pthread_mutexattr_setprotocol pthread_mutexattr_setpshared pthread_mutexattr_setrobust
pthread_mutexattr_setrobust_np pthread_mutexattr_settype pthread_once pthread_rwlock_clockrdlock
pthread_rwlock_clockwrlock pthread_rwlock_destroy pthread_rwlock_init pthread_rwlock_rdlock
pthread_rwlock_timedrdlock pthread_rwlock_timedwrlock pthread_rwlock_tryrdlock pthread_rwlock_trywrlock
pthread_rwlock_unlock pthread_rwlock_wrlock pthread_rwlockattr_destroy pthread_rwlockattr_getkind_np
pthread_rwlockattr_getpshared pthread_rwlockattr_init pthread_rwlockattr_setkind_np
pthread_rwlockattr_setpshared pthread_self pthread_setaffinity_np pthread_setattr_default_np
pthread_setcancelstate pthread_setcanceltype pthread_setconcurrency pthread_setname_np
pthread_setschedparam pthread_setschedprio pthread_setspecific pthread_sigmask pthread_sigqueue
pthread_spin_destroy pthread_spin_init pthread_spin_lock pthread_spin_trylock pthread_spin_unlock
pthread_testcancel pthread_timedjoin_np pthread_tryjoin_np pthread_yield ptrace ptsname ptsname_r putc
putc_unlocked putchar putchar_unlocked putenv putgrent putmsg putpmsg putpwent puts putsgent putspent
pututline pututxline putw putwc putwc_unlocked putwchar putwchar_unlocked pvalloc pwrite pwrite64
pwritev pwritev2 pwritev64 pwritev64v2 qecvt qecvt_r qfcvt qfcvt_r qgcvt qsort qsort_r query_module
quick_exit quotactl raise rand rand_r random random_r rawmemchr rcmd rcmd_af re_comp re_compile_fastmap
re_compile_pattern re_exec re_match re_match_2 re_search re_search_2 re_set_registers re_set_syntax read
readahead readdir readdir64 readdir64_r readdir_r readlink readlinkat readv realloc reallocarray
realpath reboot recv recvfrom recvmmsg recvmsg regcomp regerror regexec regfree register_printf_function
register_printf_modifier register_printf_specifier register_printf_type registerrpc remap_file_pages
remove removexattr remque rename renameat renameat2 res_dnok res_hnok res_mailok res_mkquery
res_nmkquery res_nquery res_nquerydomain res_nsearch res_nsend res_ownok res_query res_querydomain
res_search res_send revoke rewind rewinddir rexec rexec_af rindex rmdir rpmatch rresvport rresvport_af
rtime ruserok ruserok_af ruserpass sbrk scalbn scalbnf scalbnl scandir scandir64 scandirat scandirat64
scanf sched_get_priority_max sched_get_priority_min sched_getaffinity sched_getcpu sched_getparam
sched_getscheduler sched_rr_get_interval sched_setaffinity sched_setparam sched_setscheduler sched_yield
secure_getenv seed48 seed48_r seekdir select sem_clockwait sem_close sem_destroy sem_getvalue sem_init
sem_open sem_post sem_timedwait sem_trywait sem_unlink sem_wait semctl semget semop semtimedop send
sendfile sendfile64 sendmmsg sendmsg sendto setaliasent setbuf setbuffer setcontext setdomainname
setegid setenv seteuid setfsent setfsgid setfsuid setgid setgrent setgroups sethostent sethostid
sethostname setipv4sourcefilter setitimer setjmp setlinebuf setlocale setlogin setlogmask setmntent
setnetent setnetgrent setns setpgid setpgrp setpriority setprotoent setpwent setregid setresgid
setresuid setreuid setrlimit setrlimit64 setrpcent setservent setsgent setsid setsockopt setsourcefilter
setspent setstate setstate_r settimeofday setttyent setuid setusershell setutent setutxent setvbuf
setxattr sgetsgent sgetsgent_r sgetspent sgetspent_r shm_open shm_unlink shmat shmctl shmdt shmget
shutdown sigabbrev_np sigaction sigaddset sigaltstack sigandset sigblock sigdelset sigdescr_np
sigemptyset sigfillset siggetmask sighold sigignore siginterrupt sigisemptyset sigismember siglongjmp
signal signalfd sigorset sigpause sigpending sigprocmask sigqueue sigrelse sigreturn sigset sigsetmask
sigstack sigsuspend sigtimedwait sigvec sigwait sigwaitinfo sleep snprintf sockatmark socket socketpair
splice sprintf sprofil srand srand48 srand48_r srandom srandom_r sscanf ssignal sstk stat stat64 statfs
statfs64 statvfs statvfs64 statx step stime stpcpy stpncpy strcasecmp strcasecmp_l strcasestr strcat
strchr strchrnul strcmp strcoll strcoll_l strcpy strcspn strdup strerror strerror_l strerror_r
strerrordesc_np strerrorname_np strfmon strfmon_l strfromd strfromf strfromf128 strfromf32 strfromf32x
strfromf64 strfromf64x strfroml strfry strftime strftime_l strlcat strlcpy strlen strncasecmp
strncasecmp_l strncat strncmp strncpy strndup strnlen strpbrk strptime strptime_l strrchr strsep
strsignal strspn strstr strtod strtod_l strtof strtof128 strtof128_l strtof32 strtof32_l strtof32x
strtof32x_l strtof64 strtof64_l strtof64x strtof64x_l strtof_l strtoimax strtok strtok_r strtol strtol_l
strtold strtold_l strtoll strtoll_l strtoq strtoul strtoul_l strtoull strtoull_l strtoumax strtouq
strverscmp strxfrm strxfrm_l stty svc_exit svc_getreq svc_getreq_common svc_getreq_poll svc_getreqset
svc_register svc_run svc_sendreply svc_unregister svcerr_auth svcerr_decode svcerr_noproc svcerr_noprog
svcerr_progvers svcerr_systemerr svcerr_weakauth svcfd_create svcraw_create svctcp_create
svcudp_bufcreate svcudp_create svcudp_enablecache svcunix_create svcunixfd_create swab swapcontext
swapoff swapon swprintf swscanf symlink symlinkat sync sync_file_range syncfs syscall sysconf sysctl
sysinfo syslog system sysv_signal tcdrain tcflow tcflush tcgetattr tcgetpgrp tcgetsid tcsendbreak
tcsetattr tcsetpgrp tdelete tdestroy tee telldir tempnam textdomain tfind tgkill thrd_create
thrd_current thrd_detach thrd_equal thrd_exit thrd_join thrd_sleep thrd_yield time timegm timelocal
timer_create timer_delete timer_getoverrun timer_gettime timer_settime timerfd_create timerfd_gettime
timerfd_settime times timespec_get timespec_getres tmpfile tmpfile64 tmpnam tmpnam_r toascii tolower
tolower_l toupper toupper_l towctrans towctrans_l towlower towlower_l towupper towupper_l tr_break
truncate truncate64 tsearch tss_create tss_delete tss_get tss_set ttyname ttyname_r ttyslot twalk
twalk_r tzset ualarm ulckpwdf ulimit umask umount umount2 uname ungetc ungetwc unlink unlinkat unlockpt
unsetenv unshare updwtmp updwtmpx uselib uselocale user2netname usleep ustat utime utimensat utimes
utmpname utmpxname valloc vasprintf vdprintf verr verrx versionsort versionsort64 vfork vfprintf vfscanf
vfwprintf vfwscanf vhangup vlimit vmsplice vprintf vscanf vsnprintf vsprintf vsscanf vswprintf vswscanf
vsyslog vtimes vwarn vwarnx vwprintf vwscanf wait wait3 wait4 waitid waitpid warn warnx wcpcpy wcpncpy
wcrtomb wcscasecmp wcscasecmp_l wcscat wcschr wcschrnul wcscmp wcscoll wcscoll_l wcscpy wcscspn wcsdup
wcsftime wcsftime_l wcslen wcsncasecmp wcsncasecmp_l wcsncat wcsncmp wcsncpy wcsnlen wcsnrtombs wcspbrk
wcsrchr wcsrtombs wcsspn wcsstr wcstod wcstod_l wcstof wcstof128 wcstof128_l wcstof32 wcstof32_l
wcstof32x wcstof32x_l wcstof64 wcstof64_l wcstof64x wcstof64x_l wcstof_l wcstoimax wcstok wcstol
wcstol_l wcstold wcstold_l wcstoll wcstoll_l wcstombs wcstoq wcstoul wcstoul_l wcstoull wcstoull_l
wcstoumax wcstouq wcswcs wcswidth wcsxfrm wcsxfrm_l wctob wctomb wctrans wctrans_l wctype wctype_l
wcwidth wmemchr wmemcmp wmemcpy wmemmove wmempcpy wmemset wordexp wordfree wprintf write writev wscanf
xdecrypt xdr_accepted_reply xdr_array xdr_authdes_cred xdr_authdes_verf xdr_authunix_parms xdr_bool
xdr_bytes xdr_callhdr xdr_callmsg xdr_char xdr_cryptkeyarg xdr_cryptkeyarg2 xdr_cryptkeyres
xdr_des_block xdr_double xdr_enum xdr_float xdr_free xdr_getcredres xdr_hyper xdr_int xdr_int16_t
xdr_int32_t xdr_int64_t xdr_int8_t xdr_key_netstarg xdr_key_netstres xdr_keybuf xdr_keystatus xdr_long
xdr_longlong_t xdr_netnamestr xdr_netobj xdr_opaque xdr_opaque_auth xdr_pmap xdr_pmaplist xdr_pointer
xdr_quad_t xdr_reference xdr_rejected_reply xdr_replymsg xdr_rmtcall_args xdr_rmtcallres xdr_short
xdr_sizeof xdr_string xdr_u_char xdr_u_hyper xdr_u_int xdr_u_long xdr_u_longlong_t xdr_u_quad_t
xdr_u_short xdr_uint16_t xdr_uint32_t xdr_uint64_t xdr_uint8_t xdr_union xdr_unixcred xdr_vector
xdr_void xdr_wrapstring xdrmem_create xdrrec_create xdrrec_endofrecord xdrrec_eof xdrrec_skiprecord
xdrstdio_create xencrypt xprt_register xprt_unregister
`;

const LIBC = new Set(LIBC_NAMES.split(/\s+/).filter(Boolean));
