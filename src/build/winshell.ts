// PowerShell and cmd.exe scripts (GitHub Actions `shell: pwsh`, the default on Windows runners;
// `shell: cmd`) rewritten line for line into the POSIX shell the shell reader understands, as far
// as the build lens cares: environment assignments, variable references, line continuations,
// the call operator. Line count and line starts are kept, so positions stay right.

export type WinShell = 'pwsh' | 'cmd';

/** `pwsh`, `powershell` → pwsh; `cmd` → cmd; anything else (bash, sh, python...) → null. */
export function winShellOf(shell: string): WinShell | null {
  const s = shell.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (s === 'pwsh' || s === 'powershell') return 'pwsh';
  if (s === 'cmd') return 'cmd';
  return null;
}

function quote(v: string): string {
  const t = v.trim();
  if (/^(["']).*\1$/.test(t)) return t;
  return `"${t.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
}

function pwshLine(line: string): string {
  // `$env:NAME = "value"` (also without spaces, or several joined with `;`).
  let out = line.replace(
    /\$env:([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("[^"]*"|'[^']*'|[^;\s]+)/g,
    (_m, name: string, value: string) => `export ${name}=${value}`,
  );
  out = out.replace(/\$env:([A-Za-z_][A-Za-z0-9_]*)/g, '$$$1');
  out = out.replace(/^(\s*)&\s+/, '$1');
  // A backtick at the end of a line continues it.
  out = out.replace(/`\s*$/, '\\');
  return out;
}

function cmdLine(line: string): string {
  if (/^\s*(rem\b|::)/i.test(line)) return `#${line}`;
  let out = line.replace(
    /(^|&&?\s*|\|\|\s*)set\s+(?:"([A-Za-z_][A-Za-z0-9_]*)=([^"]*)"|([A-Za-z_][A-Za-z0-9_]*)=([^&|\r\n]*))/gi,
    (_m, pre: string, n1?: string, v1?: string, n2?: string, v2?: string) =>
      `${pre}export ${n1 ?? n2}=${quote((v1 ?? v2 ?? '').replace(/\s+$/, ''))}`,
  );
  out = out.replace(/%([A-Za-z_][A-Za-z0-9_]*)%/g, '$$$1');
  out = out.replace(/\^\s*$/, '\\');
  return out;
}

/** The script rewritten for the POSIX shell reader, line for line. */
export function toPosixShell(text: string, shell: WinShell): string {
  const conv = shell === 'pwsh' ? pwshLine : cmdLine;
  return text
    .split('\n')
    .map((l) => conv(l))
    .join('\n');
}
