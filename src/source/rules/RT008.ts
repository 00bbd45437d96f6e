import type { Node } from 'web-tree-sitter';
import {
  argsOf,
  calleeOf,
  callsIn,
  type DefinitionKind,
  definitionsIn,
  importNames,
  outerFunction,
  unparen,
} from '../analysis/calls.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

const SYSCALL_PKGS = ['syscall', 'golang.org/x/sys/unix'];

interface Opener {
  /** Index of the flags argument that can ask for close-on-exec; null when the call cannot. */
  flags: number | null;
  /** Where the new descriptor ends up: the first result, or an argument (Dup2's target, Pipe's array). */
  fd: 'result' | number;
  /** The flag that would make it close-on-exec, or the call to use instead. */
  advice: string;
}

const OPENERS: Record<string, Opener> = {
  Open: { flags: 1, fd: 'result', advice: 'add O_CLOEXEC to the flags' },
  Openat: { flags: 2, fd: 'result', advice: 'add O_CLOEXEC to the flags' },
  Openat2: { flags: 2, fd: 'result', advice: 'add O_CLOEXEC to OpenHow.Flags' },
  Creat: { flags: null, fd: 'result', advice: 'use Open with O_CREAT|O_WRONLY|O_TRUNC|O_CLOEXEC' },
  Socket: { flags: 1, fd: 'result', advice: 'or SOCK_CLOEXEC into the socket type' },
  Socketpair: { flags: 1, fd: 'result', advice: 'or SOCK_CLOEXEC into the socket type' },
  Accept: { flags: null, fd: 'result', advice: 'use Accept4 with SOCK_CLOEXEC' },
  Accept4: { flags: 1, fd: 'result', advice: 'pass SOCK_CLOEXEC in the flags' },
  Dup: { flags: null, fd: 'result', advice: 'use Dup3 with O_CLOEXEC or fcntl(F_DUPFD_CLOEXEC)' },
  Dup2: { flags: null, fd: 1, advice: 'use Dup3 with O_CLOEXEC' },
  Dup3: { flags: 2, fd: 1, advice: 'pass O_CLOEXEC in the flags' },
  Pipe: { flags: null, fd: 0, advice: 'use Pipe2 with O_CLOEXEC' },
  Pipe2: { flags: 1, fd: 0, advice: 'pass O_CLOEXEC in the flags' },
  InotifyInit: { flags: null, fd: 'result', advice: 'use InotifyInit1(IN_CLOEXEC)' },
  InotifyInit1: { flags: 0, fd: 'result', advice: 'pass IN_CLOEXEC' },
  EpollCreate: { flags: null, fd: 'result', advice: 'use EpollCreate1(EPOLL_CLOEXEC)' },
  EpollCreate1: { flags: 0, fd: 'result', advice: 'pass EPOLL_CLOEXEC' },
  Eventfd: { flags: 1, fd: 'result', advice: 'pass EFD_CLOEXEC' },
  MemfdCreate: { flags: 1, fd: 'result', advice: 'pass MFD_CLOEXEC' },
  TimerfdCreate: { flags: 1, fd: 'result', advice: 'pass TFD_CLOEXEC' },
  Signalfd: { flags: 2, fd: 'result', advice: 'pass SFD_CLOEXEC' },
  FanotifyInit: { flags: 0, fd: 'result', advice: 'pass FAN_CLOEXEC' },
};

const PKG_LABEL: Record<string, string> = {
  syscall: 'syscall',
  'golang.org/x/sys/unix': 'unix',
  'os/exec': 'exec',
  os: 'os',
};

type Tri = 'yes' | 'no' | 'unknown';

interface Site {
  file: GoFile;
  node: Node;
  what: string;
}

/** What an opener call is (`syscall.Open`), or null. Unqualified names count inside syscall/unix. */
function openerOf(pkgName: string, file: GoFile, call: Node): { label: string; op: Opener } | null {
  const c = calleeOf(file, call);
  if (!c || !Object.hasOwn(OPENERS, c.name)) return null;
  if (c.pkg) {
    if (!SYSCALL_PKGS.includes(c.pkg)) return null;
    return { label: `${c.pkg === 'syscall' ? 'syscall' : 'unix'}.${c.name}`, op: OPENERS[c.name] };
  }
  if (!c.recv && (pkgName === 'syscall' || pkgName === 'unix')) return { label: c.name, op: OPENERS[c.name] };
  return null;
}

/** The first call or composite literal in the file that starts another program, if any. */
function execSite(pkgName: string, file: GoFile): Site | null {
  if (!/Exec|Command|StartProcess|exec\.Cmd/.test(file.text)) return null;
  for (const call of callsIn(file.root)) {
    const c = calleeOf(file, call);
    if (!c) continue;
    const name = c.name;
    const hit =
      (c.pkg === 'syscall' && ['Exec', 'ForkExec', 'StartProcess'].includes(name)) ||
      (c.pkg === 'golang.org/x/sys/unix' && name === 'Exec') ||
      (c.pkg === 'os/exec' && (name === 'Command' || name === 'CommandContext')) ||
      (c.pkg === 'os' && name === 'StartProcess') ||
      (!c.pkg && !c.recv && pkgName === 'syscall' && ['Exec', 'ForkExec', 'StartProcess'].includes(name)) ||
      (!c.pkg && !c.recv && pkgName === 'unix' && name === 'Exec');
    if (hit) return { file, node: call, what: `${PKG_LABEL[c.pkg ?? ''] ?? pkgName}.${name}` };
  }
  if (file.text.includes('Cmd')) {
    const names = importNames(file);
    for (const lit of file.root.descendantsOfType('composite_literal')) {
      const t = lit?.childForFieldName('type');
      if (t?.type !== 'qualified_type') continue;
      const pkg = t.childForFieldName('package')?.text ?? '';
      if (names.get(pkg) === 'os/exec' && t.childForFieldName('name')?.text === 'Cmd') {
        return { file, node: lit!, what: 'exec.Cmd' };
      }
    }
  }
  return null;
}

/** Identifiers that name values in `expr` (not package qualifiers, not selected fields). */
function valueIdents(expr: Node): { idents: Node[]; fields: boolean } {
  const idents: Node[] = [];
  let fields = false;
  const walk = (n: Node): void => {
    if (n.type === 'identifier') {
      idents.push(n);
      return;
    }
    if (n.type === 'selector_expression') {
      const op = n.childForFieldName('operand');
      // pkg.CONST is a constant; x.field is a value we cannot follow.
      if (
        op?.type === 'identifier' &&
        /^[a-z]/.test(op.text) &&
        !/^[A-Z0-9_]+$/.test(n.childForFieldName('field')?.text ?? '')
      ) {
        fields = true;
      } else if (op && op.type !== 'identifier') walk(op);
      return;
    }
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(expr);
  return { idents, fields };
}

/** Where a flags value can come from: short vars, `=`, vars and constants. */
const FLAG_DEFINITIONS: readonly DefinitionKind[] = [
  'short_var_declaration',
  'assignment_statement',
  'var_spec',
  'const_spec',
];

/** Does the flags expression ask for close-on-exec? Unknown when it depends on a parameter or field. */
function hasCloexec(files: GoFile[], flags: Node, depth = 0): Tri {
  if (flags.text.includes('CLOEXEC')) return 'yes';
  const { idents, fields } = valueIdents(flags);
  let result: Tri = fields ? 'unknown' : 'no';
  for (const id of idents) {
    if (/^[A-Z][A-Z0-9_]*$/.test(id.text)) continue; // O_RDONLY under a dot import or inside syscall
    if (depth > 3) return 'unknown';
    let defs = definitionsIn(outerFunction(id), id.text, FLAG_DEFINITIONS).values;
    if (defs.length === 0) {
      for (const f of files) {
        if (!f.text.includes(id.text)) continue;
        for (const d of f.root.namedChildren) {
          if (d?.type === 'const_declaration' || d?.type === 'var_declaration')
            defs.push(...definitionsIn(d, id.text, FLAG_DEFINITIONS).values);
        }
      }
    }
    defs = defs.filter((d) => d.startIndex !== flags.startIndex);
    if (defs.length === 0) {
      result = 'unknown'; // a parameter or something we cannot see
      continue;
    }
    for (const d of defs) {
      const r = hasCloexec(files, d, depth + 1);
      if (r === 'yes') return 'yes';
      if (r === 'unknown') result = 'unknown';
    }
  }
  return result;
}

/** The variable the new descriptor is bound to, '' when none, null when the call is returned. */
function descriptorName(call: Node, op: Opener): string | null {
  if (op.fd !== 'result') {
    const arg = argsOf(call)[op.fd];
    if (!arg) return '';
    const base = unparen(arg);
    // p[:] or fds[0]
    const root =
      base.type === 'slice_expression' || base.type === 'index_expression'
        ? base.childForFieldName('operand')
        : base;
    return root?.type === 'identifier' ? root.text : base.text;
  }
  let p = call.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  if (p?.type === 'expression_list') {
    const stmt = p.parent;
    if (stmt?.type === 'return_statement') return null;
    if (stmt?.type === 'short_var_declaration' || stmt?.type === 'assignment_statement') {
      const first = stmt.childForFieldName('left')?.namedChildren[0];
      return first && first.text !== '_' ? first.text : '';
    }
    if (stmt?.type === 'var_spec') {
      const first = stmt.childrenForFieldName('name')[0];
      return first && first.text !== '_' ? first.text : '';
    }
  }
  if (p?.type === 'return_statement') return null;
  return '';
}

/** Dup2/Dup3 onto a fixed descriptor number or a standard stream: deliberate inheritance. */
function deliberateTarget(arg: Node | undefined): boolean {
  if (!arg) return false;
  const t = unparen(arg);
  if (t.type === 'int_literal') return true;
  return /\b(Stdin|Stdout|Stderr)\b/.test(t.text);
}

function mentions(expr: Node, name: string): boolean {
  if (!/^\w+$/.test(name)) return expr.text.replace(/\s+/g, '').includes(name.replace(/\s+/g, ''));
  if (expr.type === 'identifier') return expr.text === name;
  return expr.descendantsOfType('identifier').some((n) => n?.text === name);
}

/** A close-on-exec call on `name` inside `scope`: CloseOnExec(fd), fcntl(fd, F_SETFD, FD_CLOEXEC), ioctl FIOCLEX. */
function markedCloseOnExec(file: GoFile, scope: Node, name: string): boolean {
  if (!/CloseOnExec|FD_CLOEXEC|FIOCLEX/.test(scope.text)) return false;
  for (const call of callsIn(scope)) {
    const c = calleeOf(file, call);
    const args = argsOf(call);
    if (!args.some((a) => mentions(a, name))) continue;
    if (c?.name === 'CloseOnExec') return true;
    const text = call.childForFieldName('arguments')?.text ?? '';
    if ((text.includes('F_SETFD') && text.includes('FD_CLOEXEC')) || text.includes('FIOCLEX')) return true;
  }
  return false;
}

function skippedOS(file: GoFile): boolean {
  if (file.nameGoos === 'windows' || file.nameGoos === 'plan9') return true;
  return /^\/\/go:build\s+(windows|plan9)\s*$/.test(file.buildLine?.text ?? '');
}

const OPENER_NAMES = Object.keys(OPENERS).join('|');
const EXEC_TEXT = /Command(?:Context)?\(|StartProcess\(|ForkExec\(|\bExec\(|exec\.Cmd\b/;

/**
 * A text pattern for opener calls in a file: `syscall.Open(`, `xunix.Dup2(`, or unqualified
 * names inside syscall/unix themselves; group 1 is the called name. Null when the file cannot
 * reach those packages.
 */
function openerPattern(text: string, inSyscallPkg: boolean): RegExp | null {
  const quals: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s(])([A-Za-z_]\w*|\.)?\s*"(syscall|golang\.org\/x\/sys\/unix)"/g)) {
    const alias = m[1] === 'import' ? undefined : m[1];
    if (alias === '_') continue;
    if (alias === '.') inSyscallPkg = true;
    else quals.push(alias ?? (m[2] === 'syscall' ? 'syscall' : 'unix'));
  }
  if (quals.length === 0 && !inSyscallPkg) return null;
  const q = quals.length ? `(?:\\b(?:${quals.join('|')})\\.)` : '';
  const prefix = inSyscallPkg ? (q ? `(?:${q}|(?<![\\w.]))` : '(?<![\\w.])') : q;
  return new RegExp(`${prefix}(${OPENER_NAMES})\\(`);
}

/Open|Creat|Socket|Accept|Dup|Pipe|InotifyInit|EpollCreate|Eventfd|MemfdCreate|TimerfdCreate|Signalfd|FanotifyInit/;

export const RT008: PackageRule = {
  id: 'RT008',
  name: 'exec-inherits-fds',
  severity: 'warning',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'Raw descriptor without close-on-exec in a package that starts other programs',
  prefilter: /"syscall"|"golang\.org\/x\/sys\/unix"/,
  trainer: { difficulty: 2, essential: ['openJournal', 'restart'] },
  docs: {
    symptom:
      'Child processes hold files, sockets or pipe ends they were never meant to see: `ls -l /proc/<child>/fd` ' +
      'lists them, a listening port stays busy after the parent exits (`bind: address already in use` on ' +
      'restart), a pipe never reports EOF because a child still holds its write end, a deleted file keeps ' +
      'its disk space, or a lock file stays locked by a long-lived child.',
    why:
      'On Unix every descriptor survives `execve` unless it carries the close-on-exec flag. The os and net ' +
      'packages always set it (`os.Open` passes `O_CLOEXEC`, sockets get `SOCK_CLOEXEC`), so descriptors ' +
      'they return never leak into children. The raw calls in `syscall` and `golang.org/x/sys/unix` do ' +
      'exactly what the flags say: `syscall.Open` without `O_CLOEXEC`, `Dup`, `Dup2`, `Pipe`, `Accept` and ' +
      'friends create inheritable descriptors. Every `syscall.Exec`, `exec.Command(...).Start()` or ' +
      '`os.StartProcess` then passes them on. os/exec only controls descriptors 0–2 and `ExtraFiles`; it ' +
      'does not close the rest for you.',
    fix:
      'Ask for close-on-exec when the descriptor is created (`syscall.O_CLOEXEC` in `Open`/`Openat`, ' +
      '`SOCK_CLOEXEC` in `Socket`/`Accept4`, `Pipe2(p, O_CLOEXEC)`, `Dup3(old, new, O_CLOEXEC)`), or mark it ' +
      'right after with `syscall.CloseOnExec(fd)` / `unix.CloseOnExec(fd)`. Better still, use `os.OpenFile`, ' +
      '`os.Pipe` and `net.Listen`. To hand a descriptor to a child on purpose, list it in `cmd.ExtraFiles` ' +
      '(it appears as fd 3, 4, ... in the child) instead of relying on inheritance.',
    versions:
      'Every Go release on Unix-like systems. Windows builds are not checked: Go starts Windows processes with ' +
      'an explicit list of the handles to inherit.',
    references: [
      'syscall.CloseOnExec, os/exec Cmd.ExtraFiles documentation',
      'src/os/file_unix.go (openFileNolog passes O_CLOEXEC)',
      'src/syscall/exec_unix.go (ForkLock and the close-on-exec race)',
    ],
    bad: [
      {
        title: 'A journal opened with syscall.Open survives the re-exec',
        files: [
          {
            name: 'restart.go',
            text:
              'package daemon\n\nimport (\n\t"os"\n\t"syscall"\n)\n\n' +
              'func openJournal(path string) (int, error) {\n' +
              '\tfd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_APPEND|syscall.O_CREAT, 0o600)\n' +
              '\treturn fd, err\n}\n\n' +
              'func restart() error {\n' +
              '\tself, err := os.Executable()\n\tif err != nil {\n\t\treturn err\n\t}\n' +
              '\treturn syscall.Exec(self, os.Args, os.Environ())\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Close-on-exec requested when the descriptor is created',
        files: [
          {
            name: 'restart.go',
            text:
              'package daemon\n\nimport (\n\t"os"\n\t"syscall"\n)\n\n' +
              'func openJournal(path string) (int, error) {\n' +
              '\tfd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_APPEND|syscall.O_CREAT|syscall.O_CLOEXEC, 0o600)\n' +
              '\treturn fd, err\n}\n\n' +
              'func restart() error {\n' +
              '\tself, err := os.Executable()\n\tif err != nil {\n\t\treturn err\n\t}\n' +
              '\treturn syscall.Exec(self, os.Args, os.Environ())\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    // Test files are left out on both sides: a test's descriptor leaking into a test helper
    // process is rarely worth a warning, and a package whose tests spawn programs does not
    // spawn them in production.
    const files = ctx.pkg.files.filter((f) => !f.isTest);
    const pkgName = ctx.pkg.name;
    const inSyscallPkg = pkgName === 'syscall' || pkgName === 'unix';
    // Cheap text tests first: the package must both start programs and create raw descriptors.
    const openerText = new Map<GoFile, RegExp>();
    for (const f of files) {
      const re = openerPattern(f.text, inSyscallPkg);
      if (re?.test(f.text) && !skippedOS(f)) openerText.set(f, re);
    }
    if (openerText.size === 0) return;
    let exec: Site | null = null;
    for (const f of files) {
      if (!EXEC_TEXT.test(f.text) || skippedOS(f)) continue;
      exec = execSite(pkgName, f);
      if (exec) break;
    }
    if (!exec) return;
    const packageMarks = files.some((f) => /CloseOnExec|FD_CLOEXEC/.test(f.text));
    const execLine = exec.node.startPosition.row + 1;

    for (const [file, re] of openerText) {
      const global = new RegExp(re.source, 'g');
      for (const m of file.text.matchAll(global)) {
        const at = m.index + m[0].lastIndexOf(m[1]);
        const name = file.root.descendantForIndex(at);
        let call = name?.parent ?? null;
        if (call?.type === 'selector_expression') call = call.parent;
        if (call?.type !== 'call_expression') continue;
        const o = openerOf(pkgName, file, call);
        if (!o) continue;
        const { op, label } = o;
        const args = argsOf(call);
        if (op.flags !== null) {
          const flags = args[op.flags];
          if (!flags || hasCloexec(files, flags) !== 'no') continue;
        }
        if ((label.endsWith('Dup2') || label.endsWith('Dup3')) && deliberateTarget(args[1])) continue;
        const fd = descriptorName(call, op);
        if (fd === null) {
          // Returned to the caller: the caller may mark it; only report when nothing in the package does.
          if (packageMarks) continue;
        } else if (fd && markedCloseOnExec(file, outerFunction(call), fd)) continue;
        const subject = fd ? `descriptor ${fd}` : 'the new descriptor';
        ctx.report({
          file,
          at: call,
          message:
            `${label} creates ${subject} without close-on-exec, and this package starts other programs ` +
            `(${exec.what} at ${exec.file.name}:${execLine}), which inherit it; ${op.advice}, or call ` +
            `syscall.CloseOnExec(${fd || 'fd'}) before any child is started`,
          related: [
            {
              file: exec.file.path,
              line: execLine,
              message: `${exec.what} starts a program that inherits the descriptor`,
            },
          ],
          fix: { description: op.advice },
        });
      }
    }
  },
};
