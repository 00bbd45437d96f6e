// One analysis of in-memory files, as the trainer and the playground run it on every edit: the
// source lens (scanMemory, the CLI's engine), the build lens when build files are among them,
// plus a parse check of every Go and C file, timed.
// No DOM and no Node APIs: the page calls it, and so do the unit tests.

import type { Node } from 'web-tree-sitter';
import type { BuildRule } from '../build/rule.js';
import type { Finding } from '../core/finding.js';
import type { Grammars } from '../source/grammar.js';
import type { LinknameKB } from '../source/linkname/kb.js';
import { type MemoryFile, scanMemory } from '../source/memory.js';
import { parseGoFile } from '../source/parse.js';
import type { SourceRule } from '../source/rule.js';
import { spanOf, splitLines } from '../source/text.js';
import type { ParseProblem } from './judge.js';

export interface Analysis {
  findings: Finding[];
  suppressed: Finding[];
  /** Internal errors (a rule threw). */
  errors: string[];
  /** The first syntax error of each file that does not parse. */
  parseErrors: ParseProblem[];
  /** Wall time of the whole analysis in milliseconds. */
  ms: number;
}

export interface AnalyzeOptions {
  rules: SourceRule[];
  /** Build rules (the build lens runs over Dockerfiles, manifests... among the files). */
  buildRules?: BuildRule[];
  /** Judge as this Go version (like `--go`). */
  go?: string;
}

export function analyzeFiles(
  g: Grammars,
  kb: LinknameKB,
  files: MemoryFile[],
  opts: AnalyzeOptions,
): Analysis {
  const start = performance.now();
  const res = scanMemory(g, kb, files, { rules: opts.rules, buildRules: opts.buildRules, go: opts.go });
  const parseErrors: ParseProblem[] = [];
  for (const f of files) {
    const p = parseProblem(g, f);
    if (p) parseErrors.push(p);
  }
  return { ...res, parseErrors, ms: performance.now() - start };
}

function parseProblem(g: Grammars, f: MemoryFile): ParseProblem | null {
  if (f.name.endsWith('.go')) {
    const parsed = parseGoFile(g.go, f.name, f.text);
    try {
      const first = parsed.errors[0];
      return first ? { file: f.name, line: first.line, column: first.column } : null;
    } finally {
      parsed.tree.delete();
    }
  }
  if (/\.(c|h)$/.test(f.name)) {
    const tree = g.c.parse(f.text);
    if (!tree) return null;
    try {
      const bad = firstError(tree.rootNode);
      if (!bad) return null;
      const s = spanOf(splitLines(f.text), bad.startPosition, bad.endPosition);
      return { file: f.name, line: s.line, column: s.column };
    } finally {
      tree.delete();
    }
  }
  return null;
}

function firstError(n: Node): Node | null {
  if (n.isError || n.isMissing) return n;
  if (!n.hasError) return null;
  for (const c of n.children) {
    const hit = c ? firstError(c) : null;
    if (hit) return hit;
  }
  return null;
}
