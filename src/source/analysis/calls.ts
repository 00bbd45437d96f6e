// Import-aware call recognition: `rt.GOMAXPROCS(0)` is runtime.GOMAXPROCS when the file imports
// "runtime" as rt; `C.malloc(n)` is a cgo call when the file imports "C". Shared by every rule
// that asks "is this a call to pkg.Name?".

import type { Node } from 'web-tree-sitter';
import type { GoFile } from '../model.js';

/** The name a package is referred to by when imported without an alias. */
export function defaultImportName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1];
  // math/rand/v2 → rand; gopkg.in/yaml.v3 → yaml
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  last = last.replace(/\.v\d+$/, '');
  if (last.startsWith('go-')) last = last.slice(3);
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Local name → import path for one file (dot imports under '.', blank imports left out). */
export function importNames(file: GoFile): Map<string, string> {
  const cached = cache.get(file);
  if (cached) return cached;
  const m = new Map<string, string>();
  for (const imp of file.imports) {
    if (imp.name === '_') continue;
    if (imp.name === '.') {
      m.set(`.${imp.path}`, imp.path);
      continue;
    }
    m.set(imp.name ?? defaultImportName(imp.path), imp.path);
  }
  cache.set(file, m);
  return m;
}

const cache = new WeakMap<GoFile, Map<string, string>>();

export interface Callee {
  /** Import path for package-qualified calls (`C` for cgo), else undefined. */
  pkg?: string;
  /** The called name: function, method or `C` symbol. */
  name: string;
  /** For method calls `x.M(...)`: the receiver expression. */
  recv?: Node;
}

/** The function node of a call, unwrapped from parentheses and generic instantiation. */
function calleeExpr(call: Node): Node | null {
  let fn = call.childForFieldName('function');
  while (fn && (fn.type === 'parenthesized_expression' || fn.type === 'generic_type')) {
    fn = fn.type === 'parenthesized_expression' ? fn.namedChild(0) : fn.childForFieldName('type');
  }
  return fn;
}

/** What a call_expression calls, as far as syntax and the file's imports tell. */
export function calleeOf(file: GoFile, call: Node): Callee | null {
  const fn = calleeExpr(call);
  if (!fn) return null;
  if (fn.type === 'identifier') {
    for (const [local, path] of importNames(file)) {
      if (local.startsWith('.') && dotImportExports(path, fn.text)) return { pkg: path, name: fn.text };
    }
    return { name: fn.text };
  }
  if (fn.type === 'selector_expression') {
    const operand = fn.childForFieldName('operand');
    const field = fn.childForFieldName('field');
    if (!operand || !field) return null;
    if (operand.type === 'identifier') {
      const path = importNames(file).get(operand.text);
      if (path && !shadowed(operand)) return { pkg: path, name: field.text };
    }
    return { name: field.text, recv: operand };
  }
  return null;
}

/**
 * Dot imports put every exported name in scope; without type information we only trust
 * exported names (capitalised) to come from there.
 */
function dotImportExports(_path: string, name: string): boolean {
  return /^[A-Z]/.test(name);
}

/** True when `ident` names a local variable or parameter that hides a package name. */
function shadowed(ident: Node): boolean {
  const name = ident.text;
  for (let scope = ident.parent; scope; scope = scope.parent) {
    if (
      scope.type === 'function_declaration' ||
      scope.type === 'method_declaration' ||
      scope.type === 'func_literal'
    ) {
      // Parameters, results and receivers of the enclosing functions. (Nodes are compared by
      // id: web-tree-sitter hands out a new object for every visit.)
      for (const field of ['parameters', 'result', 'receiver']) {
        const list = scope.childForFieldName(field);
        if (list?.type !== 'parameter_list') continue;
        for (const p of list.namedChildren) {
          if (p?.childrenForFieldName('name').some((n) => n?.text === name)) return true;
        }
      }
    }
    if (scope.type === 'block' || scope.type === 'statement_list') {
      for (const child of scope.namedChildren) {
        if (!child || child.startIndex >= ident.startIndex) break;
        if (declares(child, name)) return true;
      }
    }
    if (scope.type === 'source_file') break;
  }
  return false;
}

function declares(stmt: Node, name: string): boolean {
  if (stmt.type === 'short_var_declaration') {
    const left = stmt.childForFieldName('left');
    return left?.namedChildren.some((n) => n?.type === 'identifier' && n.text === name) ?? false;
  }
  if (stmt.type === 'var_declaration') {
    return stmt
      .descendantsOfType('var_spec')
      .some((s) => s?.childrenForFieldName('name').some((n) => n?.text === name));
  }
  return false;
}

/** Is `call` a call to one of `names` in package `pkg` (import path)? */
export function isPkgCall(file: GoFile, call: Node, pkg: string | string[], names?: string[]): boolean {
  const c = calleeOf(file, call);
  if (!c?.pkg) return false;
  const pkgs = Array.isArray(pkg) ? pkg : [pkg];
  return pkgs.includes(c.pkg) && (!names || names.includes(c.name));
}

/** Every call_expression under `root` (a file root, a function body...). */
export function callsIn(root: Node): Node[] {
  return root.descendantsOfType('call_expression').filter((n): n is Node => n !== null);
}

/** The `C.name` calls of a cgo file, with the C name. */
export function cgoCalls(file: GoFile, root: Node = file.root): { call: Node; name: string }[] {
  if (!file.cgo) return [];
  const out: { call: Node; name: string }[] = [];
  for (const call of callsIn(root)) {
    const c = calleeOf(file, call);
    if (c?.pkg === 'C') out.push({ call, name: c.name });
  }
  return out;
}

/** The arguments of a call, as nodes. */
export function argsOf(call: Node): Node[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
}

/** The innermost function (declaration, method or literal) that contains `n`. */
export function enclosingFunction(n: Node): Node | null {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal')
      return p;
  }
  return null;
}

/** The declared function or method around `n` (function literals are looked through); the root when none. */
export function outerFunction(n: Node): Node {
  let top: Node = n;
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return p;
    top = p;
  }
  return top;
}

export type DefinitionKind =
  | 'short_var_declaration'
  | 'assignment_statement'
  | 'var_spec'
  | 'const_spec'
  | 'parameter_declaration';

/**
 * What `name` is given in `scope`, over the declaration kinds asked for: the right-hand sides
 * assigned to it (`x := v`, `x = v`, `var x = v`, `const x = v`) and the types it is declared
 * with (`var x T`, parameters). With one value for several names (`a, b := f()`) that value counts.
 */
export function definitionsIn(
  scope: Node,
  name: string,
  kinds: readonly DefinitionKind[],
): { values: Node[]; types: string[] } {
  const values: Node[] = [];
  const types: string[] = [];
  for (const s of scope.descendantsOfType([...kinds])) {
    if (!s) continue;
    if (s.type === 'var_spec' || s.type === 'const_spec' || s.type === 'parameter_declaration') {
      const names = s.childrenForFieldName('name');
      const i = names.findIndex((n) => n?.text === name);
      if (i < 0) continue;
      const t = s.childForFieldName('type');
      if (t) types.push(t.text);
      const vals = s.childForFieldName('value')?.namedChildren ?? [];
      const v = vals.length === names.length ? vals[i] : vals[0];
      if (v) values.push(v);
      continue;
    }
    const left = s.childForFieldName('left')?.namedChildren ?? [];
    const right = s.childForFieldName('right')?.namedChildren ?? [];
    const i = left.findIndex((n) => n?.type === 'identifier' && n.text === name);
    if (i < 0) continue;
    const v = right.length === left.length ? right[i] : right[0];
    if (v) values.push(v);
  }
  return { values, types };
}

/** Strips parentheses. */
export function unparen(n: Node): Node {
  let cur = n;
  while (cur.type === 'parenthesized_expression' && cur.namedChild(0)) cur = cur.namedChild(0)!;
  return cur;
}
