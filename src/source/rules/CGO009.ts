import type { Node } from 'web-tree-sitter';
import { calleeOf, callsIn, cgoCalls, enclosingFunction, unparen } from '../analysis/calls.js';
import type { GoFile } from '../model.js';
import type { PackageRule } from '../rule.js';
import { packageCDefinitions } from './CGO005.js';

/** libc functions that return 0 on success and -1 with errno on failure. */
const ZERO_ON_SUCCESS = [
  'close',
  'bind',
  'connect',
  'listen',
  'setsockopt',
  'getsockopt',
  'pipe',
  'pipe2',
  'stat',
  'fstat',
  'lstat',
  'unlink',
  'mkdir',
  'rmdir',
  'rename',
  'chdir',
  'chmod',
  'chown',
  'kill',
  'munmap',
  'epoll_ctl',
];

/** libc functions that return a count or a descriptor, or -1 with errno. */
const COUNT_OR_MINUS_ONE = [
  'read',
  'write',
  'pread',
  'pwrite',
  'socket',
  'accept',
  'accept4',
  'send',
  'sendto',
  'sendmsg',
  'sendmmsg',
  'recv',
  'recvfrom',
  'recvmsg',
  'recvmmsg',
  'dup',
  'dup2',
  'dup3',
  'poll',
  'select',
  'epoll_create',
  'epoll_create1',
  'epoll_wait',
  'epoll_pwait',
];

/** Conversions report range errors only through errno. */
const STRTO = [
  'strtol',
  'strtoul',
  'strtoll',
  'strtoull',
  'strtoimax',
  'strtoumax',
  'strtod',
  'strtof',
  'strtold',
];

const ERRNO_FUNCS = new Set([...ZERO_ON_SUCCESS, ...COUNT_OR_MINUS_ONE, 'mmap', ...STRTO]);
const ZERO_SET = new Set(ZERO_ON_SUCCESS);
const STRTO_SET = new Set(STRTO);

const NAMES = [...ERRNO_FUNCS].join('|');
const CALL_TEXT = new RegExp(`C\\.(?:${NAMES})\\s*\\(`);

/** Go conversions a result may be wrapped in before the comparison. */
const CONVERSIONS = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint32',
  'uint64',
  'uintptr',
  'float64',
  'float32',
]);

export const CGO009: PackageRule = {
  id: 'CGO009',
  name: 'errno-dropped',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'a libc failure is detected from the return value but errno is never read',
  prefilter: new RegExp(`C\\.(?:${NAMES})\\b`),
  trainer: { difficulty: 2, essential: ['rmdir', 'RemoveDir'] },
  docs: {
    symptom:
      'Failures surface as bare messages such as `rmdir failed` or `write returned -1`, with no reason: ' +
      'the caller cannot tell ENOENT from EACCES or EAGAIN, cannot use `errors.Is(err, fs.ErrNotExist)`, ' +
      'and retries or gives up for the wrong reason.',
    why:
      'These libc functions report only "it failed" in their return value (`-1`, or non-zero for the ' +
      "ones that return 0 on success) and put the reason in the thread's `errno`. Go code cannot read " +
      '`errno` after the fact: the goroutine may move to another thread and the runtime makes C calls of ' +
      'its own. cgo offers the reason only through the two-result call form, `r, err := C.f(...)`, which ' +
      'clears errno before the call and returns it as a `syscall.Errno` when it is non-zero afterwards.',
    fix:
      'Use the two-result form and check the return value first, then the error:\n\n```go\n' +
      'if r, err := C.rmdir(cpath); r != 0 {\n\treturn &fs.PathError{Op: "rmdir", Path: path, Err: err}\n}\n```\n\n' +
      'Only trust `err` when the return value says the call failed: some functions leave errno set on ' +
      'success.',
    versions: 'Every Go release with cgo.',
    references: [
      'cmd/cgo documentation: "Any C function (even void functions) may be called in a multiple assignment context to retrieve both the return value (if any) and the C errno variable as an error"',
      'man 3 errno',
    ],
    bad: [
      {
        title: 'The -1 is seen, the reason is thrown away',
        files: [
          {
            name: 'dirs.go',
            text:
              'package dirs\n\n/*\n#include <stdlib.h>\n#include <unistd.h>\n*/\nimport "C"\n\n' +
              'import (\n\t"errors"\n\t"unsafe"\n)\n\nfunc RemoveDir(path string) error {\n' +
              '\tcpath := C.CString(path)\n\tdefer C.free(unsafe.Pointer(cpath))\n' +
              '\tif C.rmdir(cpath) != 0 {\n\t\treturn errors.New("rmdir failed")\n\t}\n\treturn nil\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'The two-result form returns errno as an error',
        files: [
          {
            name: 'dirs.go',
            text:
              'package dirs\n\n/*\n#include <stdlib.h>\n#include <unistd.h>\n*/\nimport "C"\n\n' +
              'import (\n\t"io/fs"\n\t"unsafe"\n)\n\nfunc RemoveDir(path string) error {\n' +
              '\tcpath := C.CString(path)\n\tdefer C.free(unsafe.Pointer(cpath))\n' +
              '\tif r, err := C.rmdir(cpath); r != 0 {\n\t\treturn &fs.PathError{Op: "rmdir", Path: path, Err: err}\n' +
              '\t}\n\treturn nil\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    let definedInC: ((name: string) => boolean) | undefined;
    for (const file of ctx.pkg.files) {
      if (!CALL_TEXT.test(file.text)) continue;
      for (const { call, name } of cgoCalls(file)) {
        if (!ERRNO_FUNCS.has(name)) continue;
        definedInC ??= packageCDefinitions(ctx.pkg);
        if (definedInC(name)) continue;
        const check = failureCheck(file, call, name);
        if (!check) continue;
        const where =
          check.startPosition.row === call.startPosition.row ? '' : ` (line ${check.startPosition.row + 1})`;
        ctx.report({
          file,
          at: call,
          message:
            `C.${name} reports why it failed only in errno, but this call takes the single-result form, so the ` +
            `check \`${oneLine(check.text)}\`${where} knows that it failed and not why; use \`r, err := C.${name}(...)\` ` +
            '(err is the errno as a syscall.Errno) and check r first, then err',
        });
      }
    }
  },
};

/**
 * The comparison that tests the single result of `call` for failure, if any: the call (or the
 * variable it is assigned to, later in the same function) compared with -1, tested for < 0, or
 * for 0-on-success functions compared with 0. Null when the two-result form is used, the result
 * is not tested for failure, or errno is read through a C helper.
 */
function failureCheck(file: GoFile, call: Node, name: string): Node | null {
  const expr = widen(call);
  const parent = expr.parent;
  if (!parent) return null;
  const fn = enclosingFunction(call);
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return null;
  if (parent.type === 'binary_expression') {
    return isFailureTest(file, parent, expr, name) && !readsErrnoAfter(file, body, call) ? parent : null;
  }
  const v = assignedVariable(expr);
  if (!v) return null;
  let found: Node | null = null;
  for (const bin of body.descendantsOfType('binary_expression')) {
    if (!bin || bin.startIndex < call.endIndex) continue;
    if (enclosingFunction(bin)?.id !== fn.id) continue;
    const operand = [bin.childForFieldName('left'), bin.childForFieldName('right')].find(
      (o) => o && stripConversions(o).type === 'identifier' && stripConversions(o).text === v,
    );
    if (operand && isFailureTest(file, bin, operand, name)) {
      found = bin;
      break;
    }
  }
  if (!found) return null;
  return readsErrnoAfter(file, body, call) ? null : found;
}

/** Walks up from the call through parentheses and numeric conversions. */
function widen(call: Node): Node {
  let cur = call;
  for (let p = cur.parent; p; p = cur.parent) {
    if (p.type === 'parenthesized_expression') cur = p;
    else if (p.type === 'argument_list' && p.namedChildCount === 1 && isConversion(p.parent)) cur = p.parent!;
    else break;
  }
  return cur;
}

function isConversion(n: Node | null): n is Node {
  if (n?.type !== 'call_expression') return false;
  const fn = n.childForFieldName('function');
  if (fn?.type === 'identifier') return CONVERSIONS.has(fn.text);
  // C.int(x), C.long(x), C.ssize_t(x): conversions to C integer types.
  return (
    fn?.type === 'selector_expression' &&
    fn.childForFieldName('operand')?.text === 'C' &&
    /^(u?(int|long|short|char|longlong)|s?size_t|off_t)$/.test(fn.childForFieldName('field')?.text ?? '')
  );
}

function stripConversions(n: Node): Node {
  let cur = unparen(n);
  while (isConversion(cur)) {
    const arg = cur.childForFieldName('arguments')?.namedChild(0);
    if (!arg) break;
    cur = unparen(arg);
  }
  return cur;
}

/** `v := C.f()`, `var v = C.f()`, `v = C.f()` with one name on the left. Null for `r, err := ...`. */
function assignedVariable(expr: Node): string | null {
  const list = expr.parent;
  if (list?.type !== 'expression_list' || list.namedChildCount !== 1) return null;
  const stmt = list.parent;
  if (!stmt) return null;
  let left: Node | null = null;
  if (stmt.type === 'short_var_declaration' || stmt.type === 'assignment_statement') {
    if (stmt.childForFieldName('right')?.id !== list.id) return null;
    left = stmt.childForFieldName('left');
    if (left?.namedChildCount !== 1) return null;
    left = left.namedChild(0);
  } else if (stmt.type === 'var_spec') {
    const names = stmt.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (names.length !== 1) return null;
    left = names[0];
  }
  if (assignOp(stmt) && assignOp(stmt) !== '=' && assignOp(stmt) !== ':=') return null;
  return left?.type === 'identifier' && left.text !== '_' ? left.text : null;
}

function assignOp(stmt: Node): string | undefined {
  return stmt.childForFieldName('operator')?.text;
}

/** `x == -1`, `x != -1`, `x < 0`, `x <= -1`, `x >= 0`, `x > -1`, and `x != 0`/`x == 0` for 0-on-success functions. */
function isFailureTest(file: GoFile, bin: Node, operand: Node, name: string): boolean {
  let op = bin.childForFieldName('operator')?.text ?? '';
  const left = bin.childForFieldName('left');
  const right = bin.childForFieldName('right');
  const other = left?.id === operand.id ? right : left;
  if (!other) return false;
  if (other.id === left?.id) op = flip(op);
  if (name === 'mmap') return (op === '==' || op === '!=') && isMapFailed(file, other);
  const k = constantValue(other);
  if (STRTO_SET.has(name)) {
    return (op === '==' || op === '!=') && (k === 0 || isLimitConstant(other));
  }
  if (k === -1) return ['==', '!=', '<=', '>'].includes(op);
  if (k === 0) {
    if (op === '<' || op === '<=' || op === '>=') return true;
    return (op === '==' || op === '!=') && ZERO_SET.has(name);
  }
  return false;
}

function flip(op: string): string {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op;
}

/** -1, 0, (-1), C.int(-1), int32(0): the integer value, else undefined. */
function constantValue(n: Node): number | undefined {
  const x = stripConversions(n);
  if (x.type === 'int_literal') return Number(x.text);
  if (x.type === 'unary_expression' && x.childForFieldName('operator')?.text === '-') {
    const operand = x.childForFieldName('operand');
    if (operand) {
      const v = constantValue(operand);
      return v === undefined ? undefined : -v;
    }
  }
  return undefined;
}

function isMapFailed(file: GoFile, n: Node): boolean {
  const x = stripConversions(n);
  return (
    /\bMAP_FAILED$/.test(x.text) ||
    (x.type === 'call_expression' && /MAP_FAILED/.test(x.text) && calleeOf(file, x) !== null)
  );
}

function isLimitConstant(n: Node): boolean {
  return /^C\.(U?LL?ONG_(MAX|MIN)|U?LONG_(MAX|MIN)|HUGE_VALF?L?|INTMAX_(MAX|MIN)|UINTMAX_MAX)$/.test(
    stripConversions(n).text,
  );
}

/** A C helper with "errno" in its name called after `call` in the same function body. */
function readsErrnoAfter(file: GoFile, body: Node, call: Node): boolean {
  if (!/errno/i.test(body.text)) return false;
  return callsIn(body).some((c) => {
    if (c.startIndex < call.endIndex) return false;
    const callee = calleeOf(file, c);
    return callee?.pkg === 'C' && /errno/i.test(callee.name);
  });
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
