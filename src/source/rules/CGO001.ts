import type { Node } from 'web-tree-sitter';
import { calleeOf, enclosingFunction, unparen } from '../analysis/calls.js';
import { cArgs, cPackage, unwrapExpr } from '../analysis/csrc.js';
import {
  climbValue,
  type Decl,
  ignoredFile,
  isAssignedTo,
  mayImportC,
  PackageTypes,
  pkgCalls,
  usesOf,
} from '../analysis/types.js';
import type { GoFile } from '../model.js';
import type { PackageContext, PackageRule } from '../rule.js';

/** cgo calls that return memory from C's allocator. */
const ALLOCATORS = new Set(['CString', 'CBytes', 'malloc', 'calloc', 'strdup']);
/** cgo helpers that copy C memory into Go memory and leave the C memory to the caller. */
const COPIES = new Set(['GoString', 'GoStringN', 'GoBytes']);
/** C functions that keep the pointer they are given (freeing it afterwards would be the bug). */
const KEEPERS = new Set(['putenv']);

/** An argument that names a C release function (a destructor callback). */
const DESTRUCTOR = /\bC\.\w*(?:free|release|destroy|unref)\b/i;

/** Does a C function release (or take ownership of) what it is given, judging by its name? */
/**
 * `cgo.releases` from `.gotrap.yaml` for the package being checked. Set at the start of each
 * (synchronous) check; module state keeps the many small helpers free of an extra parameter.
 */
let configured: ReadonlySet<string> = new Set();

function releases(name: string): boolean {
  if (KEEPERS.has(name) || configured.has(name)) return true;
  return /(?:free|release|destroy|unref)$/i.test(name);
}

/** Standard-library import paths: the first element has no dot. */
function isStd(path: string): boolean {
  return path !== 'C' && !path.split('/')[0].includes('.');
}

type Sink = 'release' | 'escape' | 'use' | { alias: Node };

/** How a use of the C pointer value (the climbed expression `v`) ends up. */
function sinkOf(file: GoFile, v: Node): Sink {
  const p = v.parent;
  if (!p) return 'use';
  switch (p.type) {
    case 'argument_list': {
      const call = p.parent;
      if (call?.type !== 'call_expression') return 'use';
      const c = calleeOf(file, call);
      if (c?.pkg === 'C') {
        if (releases(c.name)) return 'release';
        // Handed over together with a release function as its destructor:
        // `C.g_object_set_data_full(obj, key, p, C.GDestroyNotify(C.g_free))`.
        const others = p.namedChildren.filter((a) => a && a.id !== v.id);
        return others.some((a) => a && DESTRUCTOR.test(a.text)) ? 'release' : 'use';
      }
      if (!c) return 'escape';
      if (!c.pkg && !c.recv) {
        if (c.name === 'append') return p.namedChild(0)?.id === v.id ? 'use' : 'escape';
        if (['len', 'cap', 'copy', 'print', 'println', 'panic', 'min', 'max'].includes(c.name)) return 'use';
      }
      if (c.pkg && isStd(c.pkg)) return c.pkg === 'sync/atomic' || c.pkg === 'sync' ? 'escape' : 'use';
      // A function or method of this or another module may free or keep it.
      return 'escape';
    }
    case 'expression_list': {
      const st = p.parent;
      const right = st?.childForFieldName('right') ?? st?.childForFieldName('value');
      if (!st || right?.id !== p.id) return st?.type === 'return_statement' ? 'escape' : 'use';
      if (st.type === 'return_statement') return 'escape';
      if (st.type !== 'short_var_declaration' && st.type !== 'assignment_statement' && st.type !== 'var_spec')
        return 'use';
      const rights = p.namedChildren.filter((n): n is Node => n !== null);
      const i = rights.findIndex((n) => n.id === v.id);
      const lefts =
        st.type === 'var_spec'
          ? st.childrenForFieldName('name').filter((n): n is Node => n !== null)
          : (st.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? []);
      const left = rights.length === lefts.length ? lefts[i] : rights.length === 1 ? lefts[0] : undefined;
      if (!left) return 'use';
      if (left.type === 'identifier') return left.text === '_' ? 'use' : { alias: left };
      // Stored in a field, an element, a map or through a pointer.
      return 'escape';
    }
    case 'return_statement':
    case 'literal_element':
    case 'keyed_element':
    case 'send_statement':
      return 'escape';
    default:
      return 'use';
  }
}

/** `_ = C.CString(s)` / `_, err := C.malloc(n)`. */
function discardedByBlank(list: Node | null, v: Node): boolean {
  const st = list?.parent;
  if (list?.type !== 'expression_list' || !st) return false;
  if (st.type !== 'assignment_statement' && st.type !== 'short_var_declaration') return false;
  if (st.childForFieldName('right')?.id !== list.id) return false;
  const rights = list.namedChildren.filter((n): n is Node => n !== null);
  const lefts = st.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  const i = rights.findIndex((n) => n.id === v.id);
  const left = rights.length === lefts.length ? lefts[i] : rights.length === 1 ? lefts[0] : undefined;
  return left?.type === 'identifier' && left.text === '_';
}

interface Verdict {
  leak: boolean;
  copiedBy?: string;
  /** C calls that receive the pointer (other than releases): their visible bodies may keep or free it. */
  cCalls: { name: string; index: number }[];
}

/** A C call site of the pointer value `v` (an argument of `call`). */
function cCallOf(file: GoFile, v: Node): { name: string; index: number } | null {
  const list = v.parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  const c = call ? calleeOf(file, call) : null;
  if (!list || c?.pkg !== 'C' || COPIES.has(c.name)) return null;
  const index = list.namedChildren.findIndex((n) => n?.id === v.id);
  return index >= 0 ? { name: c.name, index } : null;
}

/**
 * Does a C function defined in the package (preamble or .c files) take ownership of its
 * argument `index`: keep it (store it in a global, a struct, a thread...), free it, or hand it
 * on with a release function as destructor (`sqlite3_result_text(ctx, s, n, free)`)?
 */
function takenByC(ctx: PackageContext, file: GoFile, name: string, index: number): boolean {
  const cp = cPackage(ctx);
  const src = cp.sources.find((s) => s.kind === 'preamble' && s.path === file.path);
  const fn = src ? cp.resolve(name, src) : undefined;
  if (!fn) return false;
  if (cp.retained(fn).has(index)) return true;
  const param = fn.params[index]?.name;
  if (!param) return false;
  for (const k of cp.callsOf(fn)) {
    const args = cArgs(k.node).map((a) => unwrapExpr(a)?.text ?? '');
    if (!args.includes(param)) continue;
    if (releases(k.name) || args.some((a) => a !== param && releases(a))) return true;
  }
  return false;
}

/**
 * Follows a local variable that holds the C pointer: freed, released, returned, stored or handed
 * to Go code anywhere in its scope means "not leaked here".
 */
function followVar(types: PackageTypes, file: GoFile, decl: Decl, seen: Set<number>, out: Verdict): boolean {
  if (seen.has(decl.ident.id) || seen.size > 16) return false;
  seen.add(decl.ident.id);
  // Globals and named results keep the pointer beyond the function; parameters are left alone.
  if (decl.global || decl.kind !== 'var') return false;
  const scope = decl.fn ?? enclosingFunction(decl.ident);
  if (!scope) return false;
  for (const id of usesOf(types, file, scope, decl)) {
    if (isAssignedTo(id)) continue;
    let v = climbValue(types, file, id);
    let p = v.parent;
    if (p?.type === 'unary_expression' && p.childForFieldName('operator')?.type === '&') return false; // &x: anything
    // `&v.field` points into the same allocation: follow that pointer instead (`cred.ptr =
    // &v.parent` hands the whole block on).
    const amp = p?.type === 'selector_expression' ? p.parent : null;
    if (
      p?.childForFieldName('operand')?.id === v.id &&
      amp?.type === 'unary_expression' &&
      amp.childForFieldName('operator')?.type === '&'
    ) {
      v = climbValue(types, file, amp);
      p = v.parent;
    }
    const s = sinkOf(file, v);
    if (s === 'release' || s === 'escape') return false;
    if (s === 'use') {
      const call = p?.type === 'argument_list' ? p.parent : null;
      const c = call ? calleeOf(file, call) : null;
      if (c?.pkg === 'C' && COPIES.has(c.name)) out.copiedBy ??= `C.${c.name}`;
      const site = cCallOf(file, v);
      if (site) out.cCalls.push(site);
      continue;
    }
    const next = aliasDecl(types, file, s.alias);
    if (!next) return false;
    if (!followVar(types, file, next, seen, out)) return false;
  }
  return true;
}

/** The declaration an identifier on the left of `=`/`:=`/`var` stands for. */
function aliasDecl(types: PackageTypes, file: GoFile, left: Node): Decl | null {
  const st = left.parent?.type === 'expression_list' ? left.parent.parent : left.parent;
  if (st?.type === 'short_var_declaration' || st?.type === 'var_spec') {
    // Declared here (or redeclared in the same scope by :=).
    const prior = st.type === 'short_var_declaration' ? types.declOf(file, left) : null;
    if (prior && sameBlock(prior.ident, st)) return prior;
    const fn = enclosingFunction(left);
    return { kind: 'var', name: left.text, file, ident: left, global: fn === null, fn };
  }
  const d = types.declOf(file, left);
  if (!d) return null;
  if (d.kind === 'result') return null; // a named result: returned
  return d;
}

/** The statement list that directly holds a declaration's statement. */
function blockOf(n: Node): Node | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'statement_list' || p.type === 'block') return p;
  return null;
}

function sameBlock(a: Node, b: Node): boolean {
  const x = blockOf(a);
  const y = blockOf(b);
  return x !== null && y !== null && x.id === y.id;
}

export const CGO001: PackageRule = {
  id: 'CGO001',
  name: 'c-alloc-not-freed',
  severity: 'warning',
  lens: 'source',
  subsystem: 'cgo',
  scope: 'package',
  title: 'C memory from C.CString/C.CBytes/C.malloc is never freed',
  prefilter: /C\.(?:CString|CBytes|malloc|calloc|strdup)\b/,
  trainer: { difficulty: 1, essential: ['C.CString', 'C.greet'] },
  docs: {
    symptom:
      'The process grows without bound while the Go heap looks healthy: resident memory (RSS, ' +
      'container memory usage) climbs on every call, but `runtime.MemStats.HeapAlloc`, heap ' +
      'profiles and `GODEBUG=gctrace=1` show nothing, because the leaked bytes were never Go ' +
      'allocations. Eventually the OOM killer ends the process.',
    why:
      '`C.CString`, `C.CBytes` and the C allocators (`malloc`, `calloc`, `strdup`) return memory from ' +
      "C's heap. The Go garbage collector neither sees nor frees it; only an explicit `C.free` (or " +
      'the C library function that owns the object) gives it back. A result passed straight into ' +
      'another call, or kept in a local that is never freed, is lost when the function returns. ' +
      '`C.GoString`, `C.GoStringN` and `C.GoBytes` copy into Go memory and do not take ownership: ' +
      'the C original still needs freeing.',
    fix:
      'Bind the allocation to a variable and free it with a deferred `C.free` right away:\n\n' +
      '```go\ncname := C.CString(name)\ndefer C.free(unsafe.Pointer(cname))\nC.greet(cname)\n```\n\n' +
      '(`C.free` comes with cgo as soon as the preamble includes `<stdlib.h>`.) When C keeps the ' +
      'pointer (`putenv`, an API documented to take ownership), do not free it — pass it on and ' +
      'document who owns it.',
    versions:
      'Every Go release with cgo. `go vet` does not check this (golang/go#18457 proposed it and was ' +
      'declined).',
    references: [
      'cmd/cgo documentation: "C.CString ... must be freed" (go doc cmd/cgo)',
      'golang/go#18457 (vet check for C.CString leaks, declined)',
      'runtime.MemStats.HeapAlloc documentation',
    ],
    bad: [
      {
        title: 'The C copy of a Go string is passed inline and never freed',
        files: [
          {
            name: 'greet.go',
            text:
              'package greet\n\n/*\n#include <stdio.h>\nstatic void greet(const char *who) { printf("hello %s\\n", who); }\n*/\n' +
              'import "C"\n\nfunc Greet(name string) {\n\tC.greet(C.CString(name))\n}\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Bound to a variable and freed when the function returns',
        files: [
          {
            name: 'greet.go',
            text:
              'package greet\n\n/*\n#include <stdio.h>\n#include <stdlib.h>\nstatic void greet(const char *who) { printf("hello %s\\n", who); }\n*/\n' +
              'import "C"\n\nimport "unsafe"\n\nfunc Greet(name string) {\n\tcname := C.CString(name)\n' +
              '\tdefer C.free(unsafe.Pointer(cname))\n\tC.greet(cname)\n}\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    configured = new Set(ctx.options.cgoReleases);
    for (const file of ctx.pkg.files) {
      if (
        !mayImportC(file.text) ||
        ignoredFile(file) ||
        !/C\.(?:CString|CBytes|malloc|calloc|strdup)\b/.test(file.text)
      )
        continue;
      if (!file.cgo) continue;
      const types = PackageTypes.of(ctx.pkg);
      for (const { call, name } of pkgCalls(file, file.root, 'C', ALLOCATORS)) {
        if (!enclosingFunction(call)) continue; // package-level initializers live for the whole program
        const v = climbValue(types, file, call);
        const p = v.parent;
        const what = `C.${name}`;
        // Discarded outright.
        if (p?.type === 'expression_statement' || discardedByBlank(p, v)) {
          ctx.report({
            file,
            at: call,
            message: `the result of ${what} is thrown away: the C memory it allocated can never be freed. Keep the pointer and release it with C.free.`,
          });
          continue;
        }
        const sink = sinkOf(file, v);
        if (sink === 'release' || sink === 'escape') continue;
        if (sink === 'use') {
          if (p?.type !== 'argument_list') continue;
          const site = cCallOf(file, v);
          if (site && takenByC(ctx, file, site.name, site.index)) continue;
          const outer = p.parent;
          const oc = outer ? calleeOf(file, outer) : null;
          const callee = oc
            ? `${oc.pkg === 'C' ? 'C.' : oc.pkg ? `${oc.pkg.slice(oc.pkg.lastIndexOf('/') + 1)}.` : ''}${oc.name}`
            : 'a call';
          const copy =
            oc?.pkg === 'C' && COPIES.has(oc.name)
              ? ` (${callee} copies the bytes; it does not free them)`
              : '';
          ctx.report({
            file,
            at: call,
            message:
              `${what}(...) is passed straight to ${callee} and never freed${copy}: its C heap memory leaks on every call, ` +
              'invisible to the Go GC. Bind it to a variable and `defer C.free(unsafe.Pointer(v))`.',
          });
          continue;
        }
        // Bound to a variable: freed, returned, stored or handed on anywhere in its scope?
        const left = unparen(sink.alias);
        if (left.text === '_') continue;
        const decl = aliasDecl(types, file, left);
        if (!decl) continue;
        const verdict: Verdict = { leak: false, cCalls: [] };
        if (!followVar(types, file, decl, new Set(), verdict)) continue;
        if (verdict.cCalls.some((c) => takenByC(ctx, file, c.name, c.index))) continue;
        const note = verdict.copiedBy ? ` (${verdict.copiedBy} only copies it)` : '';
        ctx.report({
          file,
          at: call,
          message:
            `\`${left.text}\` holds C memory from ${what} that is never freed, returned, stored or handed on${note}: ` +
            `it leaks on every call while the Go heap stays flat. Add \`defer C.free(unsafe.Pointer(${left.text}))\` after the allocation.`,
        });
      }
    }
  },
};
