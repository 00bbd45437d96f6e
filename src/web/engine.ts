// The analyzer in the page: web-tree-sitter with the Go and C grammars (the .wasm files the
// build emits next to the bundle), the bundled linkname table, and the source rules — the same
// engine the CLI runs. Loaded once, on first use; nothing goes over the network but the site's
// own files.

import cWasm from 'tree-sitter-c/tree-sitter-c.wasm?url';
import goWasm from 'tree-sitter-go/tree-sitter-go.wasm?url';
import runtimeWasm from 'web-tree-sitter/tree-sitter.wasm?url';
import { BUILD_RULES, SOURCE_RULES } from '../rules.js';
import { type Grammars, loadGrammars } from '../source/grammar.js';
import { BundledKB } from '../source/linkname/table.js';
import type { MemoryFile } from '../source/memory.js';
import { type Analysis, analyzeFiles } from './analysis.js';

export interface Engine {
  analyze(files: MemoryFile[], opts?: { go?: string }): Analysis;
}

// dockerfile-ast (the build lens's Dockerfile parser) tests for a UTF-8 byte order mark with
// Node's `Buffer.from(char, 'UTF-8')`; the page has no Buffer, so it gets the one call it needs.
const g0 = globalThis as { Buffer?: { from(s: string, enc?: string): Uint8Array } };
g0.Buffer ??= { from: (s: string) => new TextEncoder().encode(s) };

/** Timings of every analysis in this page, for the curious and for the browser test. */
export const stats: { analyses: Array<{ ms: number; bytes: number }> } = { analyses: [] };
(globalThis as { gotrapStats?: typeof stats }).gotrapStats = stats;

let loading: Promise<Engine> | null = null;

export function getEngine(): Promise<Engine> {
  loading ??= load();
  return loading;
}

async function bytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function load(): Promise<Engine> {
  const [go, c, runtime] = await Promise.all([bytes(goWasm), bytes(cWasm), bytes(runtimeWasm)]);
  const g: Grammars = await loadGrammars({ go, c, runtime });
  const kb = new BundledKB();
  return {
    analyze(files, opts = {}) {
      const result = analyzeFiles(g, kb, files, {
        rules: SOURCE_RULES,
        buildRules: BUILD_RULES,
        go: opts.go,
      });
      stats.analyses.push({ ms: result.ms, bytes: files.reduce((n, f) => n + f.text.length, 0) });
      return result;
    },
  };
}
