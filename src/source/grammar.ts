// Loads the Go and C grammars into web-tree-sitter. The caller supplies the .wasm bytes (the CLI
// reads them from node_modules, the browser fetches them), so nothing here touches the disk.

import { Language, Parser } from 'web-tree-sitter';

export interface GrammarBytes {
  go: Uint8Array;
  c: Uint8Array;
  /** web-tree-sitter's own runtime; omitted where the package can find it itself (Node). */
  runtime?: Uint8Array;
}

export interface Grammars {
  go: Parser;
  c: Parser;
}

let pending: Promise<Grammars> | null = null;

export function loadGrammars(bytes: GrammarBytes): Promise<Grammars> {
  if (!pending) pending = load(bytes);
  return pending;
}

async function load(bytes: GrammarBytes): Promise<Grammars> {
  await Parser.init(bytes.runtime ? { wasmBinary: bytes.runtime } : undefined);
  const [goLang, cLang] = await Promise.all([Language.load(bytes.go), Language.load(bytes.c)]);
  const go = new Parser();
  go.setLanguage(goLang);
  const c = new Parser();
  c.setLanguage(cLang);
  return { go, c };
}
