// PackageFacts: the serializable summary of a package that program-scope rules read
// (defined symbols, pushes, every linkname, assembly references).

import type { AuxFile, GoFile, Package } from './model.js';
import type { LinknameFact, PackageFacts } from './rule.js';

/** `TEXT ·name(SB)` / `TEXT pkg·name(SB)` definitions and `pkg·name(SB)` references in a .s file. */
export interface AsmSymbols {
  defined: string[];
  refs: { pkg: string; name: string; line: number; column: number }[];
}

const ASM_SYM = /([A-Za-z0-9_./∕]*)·([A-Za-z0-9_]+)(?:<[^>]*>)?\(SB\)/g;

export function asmSymbols(text: string): AsmSymbols {
  const out: AsmSymbols = { defined: [], refs: [] };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '');
    if (!line.includes('·')) return;
    const isText = /^\s*TEXT\s/.test(line);
    for (const m of line.matchAll(ASM_SYM)) {
      const pkg = m[1].replace(/∕/g, '/');
      if (isText && m.index === line.indexOf(m[0])) {
        if (pkg === '') out.defined.push(m[2]);
        continue;
      }
      if (pkg !== '') out.refs.push({ pkg, name: m[2], line: i + 1, column: (m.index ?? 0) + 1 });
    }
  });
  return out;
}

function isAsm(f: AuxFile): boolean {
  return /\.s$/i.test(f.name);
}

/** Names referenced as identifiers anywhere in the files, besides declarations. */
function referencedNames(files: GoFile[], names: Set<string>): Set<string> {
  const used = new Set<string>();
  if (names.size === 0) return used;
  for (const f of files) {
    for (const name of names) {
      if (used.has(name) || !f.text.includes(name)) continue;
      for (const id of f.root.descendantsOfType(['identifier'])) {
        if (id?.text !== name) continue;
        const parent = id.parent;
        if (parent && parent.type === 'function_declaration' && parent.childForFieldName('name')?.id === id.id) {
          continue;
        }
        if (parent && (parent.type === 'var_spec' || parent.type === 'const_spec')) {
          if (parent.childrenForFieldName('name').some((n) => n?.id === id.id)) continue;
        }
        used.add(name);
        break;
      }
    }
  }
  return used;
}

export function packageFacts(pkg: Package): Omit<PackageFacts, 'versions' | 'std'> {
  const files = pkg.files;
  const asm = pkg.aux.filter(isAsm).map((f) => ({ file: f, syms: asmSymbols(f.text) }));
  const asmDefined = new Set(asm.flatMap((a) => a.syms.defined));
  const defined = new Set<string>();
  const bodiless = new Set<string>();
  const pushes: PackageFacts['pushes'] = [];
  const linknames: LinknameFact[] = [];

  const pullLocals = new Set<string>();
  for (const f of files) {
    for (const d of f.directives) {
      if (d.name === 'linkname' && !d.spaced && d.args.length === 2) pullLocals.add(d.args[0]);
    }
  }

  for (const f of files) {
    if (f.isTest) continue;
    for (const d of f.decls) {
      if (d.kind === 'func') {
        if (d.hasBody || asmDefined.has(d.name)) defined.add(d.name);
        else if (!pullLocals.has(d.name)) bodiless.add(d.name);
      } else if (d.kind === 'var') {
        if (!pullLocals.has(d.name) || d.hasBody) defined.add(d.name);
      }
    }
  }
  for (const name of asmDefined) defined.add(name);

  const localNames = new Set<string>();
  for (const f of files) {
    for (const d of f.directives) {
      if (d.name !== 'linkname' || d.spaced || d.args.length === 0) continue;
      localNames.add(d.args[0]);
    }
  }
  const used = referencedNames(files, localNames);

  for (const f of files) {
    const declByName = new Map(f.decls.map((d) => [d.name, d]));
    const allDecls = new Map<string, (typeof f.decls)[number]>();
    for (const g of files) for (const d of g.decls) if (!allDecls.has(d.name)) allDecls.set(d.name, d);
    for (const d of f.directives) {
      if (d.name !== 'linkname' || d.spaced || d.args.length === 0) continue;
      const local = d.args[0];
      const decl = declByName.get(local) ?? allDecls.get(local);
      const kind = decl?.kind === 'func' || decl?.kind === 'var' || decl?.kind === 'method' ? decl.kind : 'none';
      const hasBody = decl ? decl.hasBody || (decl.kind === 'func' && asmDefined.has(local)) : false;
      const target = d.args.length >= 2 ? d.args[1] : undefined;
      linknames.push({
        file: f.path,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        local,
        target,
        localKind: kind,
        hasBody,
        used: used.has(local),
      });
      if (target && hasBody && !f.isTest) pushes.push({ target, file: f.path, line: d.line });
    }
  }

  const asmRefs: PackageFacts['asmRefs'] = [];
  for (const a of asm) {
    for (const r of a.syms.refs) {
      if (r.pkg === pkg.importPath) continue;
      asmRefs.push({ target: `${r.pkg}.${r.name}`, file: a.file.path, line: r.line, column: r.column });
    }
  }

  const imports = new Set<string>();
  for (const f of files) if (!f.isTest) for (const i of f.imports) imports.add(i.path);

  return {
    dir: pkg.dir,
    name: pkg.name,
    importPath: pkg.importPath,
    module: pkg.module?.path ?? null,
    imports: [...imports].sort(),
    defined: [...defined].sort(),
    bodiless: [...bodiless].sort(),
    pushes,
    linknames,
    asmRefs,
  };
}
