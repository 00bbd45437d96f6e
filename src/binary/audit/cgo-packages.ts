// Finding the packages of src/core/cgo-packages.ts in a binary (BIN004): the linker's symbol
// prefix of a package, and a pclntab function of it. A package counts as linked only when the
// pclntab has a function of it.

/**
 * The prefix of the linker's symbol names for functions of package `path`: the last path element
 * has `.` escaped as `%2e` (and control characters, `%` and `"` as %xx), as cmd/internal/objabi.PathToPrefix does.
 */
export function symbolPrefix(path: string): string {
  const slash = path.lastIndexOf('/');
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    const escaped = c <= 0x20 || c === 0x25 || c === 0x22 || c >= 0x7f || (c === 0x2e && i > slash);
    out += escaped ? `%${c.toString(16).padStart(2, '0')}` : path[i];
  }
  return `${out}.`;
}

/**
 * A pclntab function of package `pkg` (not of a subpackage), preferring a method or named
 * function over the package's init functions; undefined when the package is not linked.
 */
export function functionOf(functions: readonly string[], pkg: string): string | undefined {
  const prefix = symbolPrefix(pkg);
  let init: string | undefined;
  for (const f of functions) {
    if (!f.startsWith(prefix)) continue;
    if (!/^init(\.\d+)?$/.test(f.slice(prefix.length))) return f;
    init ??= f;
  }
  return init;
}
