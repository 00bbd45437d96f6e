// Finds the grammar .wasm files in node_modules and loads them (Node side of grammar.ts).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Grammars, loadGrammars } from '../source/grammar.js';

const require = createRequire(import.meta.url);

export function grammarPaths(): { go: string; c: string } {
  return {
    go: require.resolve('tree-sitter-go/tree-sitter-go.wasm'),
    c: require.resolve('tree-sitter-c/tree-sitter-c.wasm'),
  };
}

export function loadNodeGrammars(): Promise<Grammars> {
  const p = grammarPaths();
  return loadGrammars({ go: readFileSync(p.go), c: readFileSync(p.c) });
}
