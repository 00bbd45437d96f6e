import type { Node } from 'web-tree-sitter';
import { argsOf, calleeOf, enclosingFunction, importNames, unparen } from '../analysis/calls.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';

const SYSCALL_PKGS = ['syscall', 'golang.org/x/sys/unix'];
/** Raw system-call entry points of syscall and x/sys/unix; the trap is the first argument. */
const RAW_CALLS = new Set([
  'Syscall',
  'Syscall6',
  'Syscall9',
  'RawSyscall',
  'RawSyscall6',
  'RawSyscall9',
  'SyscallNoError',
  'RawSyscallNoError',
  'rawVforkSyscall',
]);
const FORK_TRAPS = new Set(['SYS_FORK', 'SYS_VFORK', 'SYS_CLONE', 'SYS_CLONE3']);

/** A call's first argument with conversions (`uintptr(x)`) and parentheses stripped. */
function stripConversions(n: Node): Node {
  let cur = unparen(n);
  for (;;) {
    if (cur.type === 'type_conversion_expression') {
      const op = cur.childForFieldName('operand');
      if (!op) return cur;
      cur = unparen(op);
      continue;
    }
    if (cur.type === 'call_expression') {
      const fn = cur.childForFieldName('function');
      const args = argsOf(cur);
      if (fn?.type === 'identifier' && /^(uintptr|u?int(8|16|32|64)?)$/.test(fn.text) && args.length === 1) {
        cur = unparen(args[0]);
        continue;
      }
    }
    return cur;
  }
}

/** Constant and variable specs of the package and of the function around `at`, by name. */
function declaredValue(
  files: GoFile[],
  here: GoFile,
  at: Node,
  name: string,
): { file: GoFile; value: Node } | null {
  // Function-local declarations first (closest scope wins).
  for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
    const body = fn.childForFieldName('body');
    if (!body) continue;
    const found = specValue(body.descendantsOfType(['const_spec', 'var_spec']), name);
    if (found) return { file: here, value: found };
  }
  for (const file of files) {
    if (!file.text.includes(name)) continue;
    for (const decl of file.root.namedChildren) {
      if (decl?.type !== 'const_declaration' && decl?.type !== 'var_declaration') continue;
      const found = specValue(decl.descendantsOfType(['const_spec', 'var_spec']), name);
      if (found) return { file, value: found };
    }
  }
  return null;
}

function specValue(specs: (Node | null)[], name: string): Node | null {
  for (const spec of specs) {
    if (!spec) continue;
    const names = spec.childrenForFieldName('name');
    const i = names.findIndex((n) => n?.text === name);
    if (i < 0) continue;
    const values = spec.childForFieldName('value')?.namedChildren ?? [];
    return values[i] ?? null;
  }
  return null;
}

/**
 * The fork-like trap a system-call number expression names: `syscall.SYS_CLONE`,
 * `unix.SYS_FORK`, a bare `SYS_VFORK` inside syscall/unix or under a dot import, or a named
 * constant that stands for one of those (or for a plain number under a fork/clone name).
 */
function forkTrap(files: GoFile[], file: GoFile, expr: Node, depth = 0): string | null {
  const e = stripConversions(expr);
  if (e.type === 'selector_expression') {
    const op = e.childForFieldName('operand');
    const field = e.childForFieldName('field')?.text ?? '';
    if (!FORK_TRAPS.has(field) || op?.type !== 'identifier') return null;
    const path = importNames(file).get(op.text);
    return path && SYSCALL_PKGS.includes(path) ? field : null;
  }
  if (e.type !== 'identifier') return null;
  const resolved = depth < 4 ? declaredValue(files, file, e, e.text) : null;
  if (resolved) {
    const inner = forkTrap(files, resolved.file, resolved.value, depth + 1);
    if (inner) return inner;
    if (resolved.value.type === 'int_literal' && /fork|clone/i.test(e.text)) return e.text;
    return null;
  }
  // Declared in syscall/x/sys/unix themselves (zsysnum files), or reached through a dot import.
  return FORK_TRAPS.has(e.text) ? e.text : null;
}

function isRawSyscall(pkgName: string, file: GoFile, call: Node): string | null {
  const c = calleeOf(file, call);
  if (!c || !RAW_CALLS.has(c.name)) return null;
  if (c.pkg)
    return SYSCALL_PKGS.includes(c.pkg) ? `${c.pkg === 'syscall' ? 'syscall' : 'unix'}.${c.name}` : null;
  // Unqualified: only inside the syscall or unix package itself.
  if (!c.recv && (pkgName === 'syscall' || pkgName === 'unix')) return `${pkgName}.${c.name}`;
  return null;
}

const RAW_CALL_TEXT = new RegExp(`\\b(${[...RAW_CALLS].join('|')})\\s*\\(`, 'g');

/**
 * Can the trap expression name a fork at all? `SYS_READ` cannot; `SYS_CLONE`, `trapClone` or a
 * short local constant (`t`) might, and are resolved.
 */
function mayNameFork(arg: Node): boolean {
  const text = arg.text;
  if (/fork|clone/i.test(text)) return true;
  if (/\bSYS_\w+/.test(text)) return false;
  return /^(?:\w+\()?\s*[A-Za-z_]\w*\s*\)?$/.test(text) && !/^\d/.test(text);
}

function functionName(n: Node): string {
  for (let p: Node | null = n; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration') {
      return p.childForFieldName('name')?.text ?? '';
    }
  }
  return '';
}

export const RT007: PackageRule = {
  id: 'RT007',
  name: 'fork-without-exec',
  severity: 'error',
  lens: 'source',
  subsystem: 'runtime',
  scope: 'package',
  title: 'Raw fork/vfork/clone system call from Go code',
  prefilter: /SYS_V?FORK|SYS_CLONE|fork\w*\s*=|clone\w*\s*=|Fork\w*\s*=|Clone\w*\s*=/,
  trainer: { difficulty: 2, essential: ['spawnWorker'] },
  docs: {
    symptom:
      'The child process hangs, typically forever in its first stop-the-world (a garbage collection, ' +
      '`runtime.ReadMemStats`) or while waiting for a lock, or it dies with a runtime `fatal error`. The parent ' +
      'keeps running, so the failure looks random and depends on what the other threads were doing at the ' +
      'moment of the fork.',
    why:
      'A Go program always runs several OS threads (the scheduler, the garbage collector workers, the ' +
      'sysmon thread). `fork` and `clone` without `CLONE_VM|CLONE_VFORK`+exec copy only the calling ' +
      'thread: the child gets a heap, scheduler and allocator whose locks may be held by threads that ' +
      'no longer exist, and no threads to run the goroutines it thinks it has. The runtime has no ' +
      'fork hooks and Go deliberately offers no `fork` function; the standard library only forks ' +
      'inside `syscall.forkAndExecInChild`, which calls nothing but raw system calls until `execve`.',
    fix:
      'Start a new program instead of copying the current one: `exec.Command(...).Start()`, ' +
      '`os.StartProcess` or `syscall.ForkExec`. To run Go code in a child, re-execute your own binary ' +
      '(`os.Executable()` plus an argument or environment variable that selects the child role). For ' +
      'namespaces or other clone flags use `SysProcAttr.Cloneflags` on the `exec.Cmd`.',
    versions: 'Every Go release; Go has never supported fork without exec.',
    references: [
      'src/syscall/exec_linux.go (forkAndExecInChild1: the only raw clone in the standard library)',
      'src/runtime/proc.go (stop-the-world waits for every P, including those owned by threads the child lacks)',
      'os/exec package documentation',
    ],
    bad: [
      {
        title: 'Forking the Go process to run a worker in the child',
        files: [
          {
            name: 'worker.go',
            text:
              'package worker\n\nimport "syscall"\n\n' +
              'func spawnWorker(run func()) (int, error) {\n' +
              '\tpid, _, errno := syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)\n' +
              '\tif errno != 0 {\n\t\treturn 0, errno\n\t}\n' +
              '\tif pid == 0 {\n\t\trun() // the child has one thread and a runtime in an unknown state\n' +
              '\t\tsyscall.Exit(0)\n\t}\n' +
              '\treturn int(pid), nil\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Re-executing the binary with a role flag',
        files: [
          {
            name: 'worker.go',
            text:
              'package worker\n\nimport (\n\t"os"\n\t"os/exec"\n)\n\n' +
              'func spawnWorker() (*exec.Cmd, error) {\n' +
              '\tself, err := os.Executable()\n\tif err != nil {\n\t\treturn nil, err\n\t}\n' +
              '\tcmd := exec.Command(self, "-role=worker")\n' +
              '\tcmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr\n' +
              '\treturn cmd, cmd.Start()\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const files = ctx.pkg.files;
    for (const file of files) {
      if (!/Syscall/.test(file.text)) continue;
      if (!/SYS_V?FORK|SYS_CLONE|fork|clone|Fork|Clone/.test(file.text)) continue;
      // Find the raw system calls by name in the text; only they are looked at in the tree.
      for (const m of file.text.matchAll(RAW_CALL_TEXT)) {
        const ident = file.root.descendantForIndex(m.index + m[0].indexOf(m[1]));
        let call = ident?.parent ?? null;
        if (call?.type === 'selector_expression') call = call.parent;
        if (call?.type !== 'call_expression') continue;
        const trapArg = argsOf(call)[0];
        if (!trapArg || !mayNameFork(trapArg)) continue;
        if (ctx.std && functionName(call).startsWith('forkAndExecInChild')) continue;
        const name = isRawSyscall(ctx.pkg.name, file, call);
        if (!name) continue;
        const trap = forkTrap(files, file, trapArg);
        if (!trap) continue;
        ctx.report({
          file,
          at: call,
          message:
            `${name}(${trapArg.text === trap || trapArg.text.endsWith(`.${trap}`) ? trapArg.text : `${trapArg.text} = ${trap}`}, ...) forks the Go process without exec: the child inherits only this thread and a ` +
            'runtime whose locks other threads may hold, so it can deadlock or crash at its next allocation or ' +
            'GC; start a program with os/exec or syscall.ForkExec (re-exec os.Executable() to run Go code in a child)',
          fix: {
            description:
              'replace the raw fork with exec.Command / syscall.ForkExec, re-executing the binary if needed',
          },
        });
      }
    }
  },
};
