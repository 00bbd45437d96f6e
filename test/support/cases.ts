// The testdata harness. Each case is a directory testdata/src/<RULE>/<case>/ holding a small
// module (go.mod, .go files, package .c files...). Expectations are written where they occur:
//   code();            // want LN004
//   // want-below LN001           (for the next line that is not a want comment, e.g. a directive)
//   /* want CGO013 */  or  # want BLD001   in C and build files
// Every finding of a case must be wanted, and every want must be found: a good case (no want
// comments) must yield nothing at all.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runScan } from '../../src/cli/scan.js';
import { EMPTY_CONFIG } from '../../src/core/config.js';
import type { Finding } from '../../src/core/finding.js';
import { ALL_RULES } from '../../src/rules.js';

export const TESTDATA = join(import.meta.dirname, '..', '..', '..', 'testdata', 'src');

export interface Want {
  rule: string;
  file: string;
  line: number;
}

export interface Case {
  rule: string;
  name: string;
  dir: string;
  wants: Want[];
}

const WANT = /(?:\/\/|\/\*|#)\s*want(-below)?\s+((?:[A-Z]{2,3}\d{3}\s*)+)/;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

export function wantsOf(caseDir: string, display: (abs: string) => string): Want[] {
  const wants: Want[] = [];
  for (const abs of filesUnder(caseDir)) {
    const lines = readFileSync(abs, 'utf8').split(/\r?\n/);
    let pendingBelow: string[] = [];
    lines.forEach((line, i) => {
      const m = WANT.exec(line);
      const rules = m ? m[2].trim().split(/\s+/) : [];
      if (m?.[1]) {
        pendingBelow.push(...rules);
        return;
      }
      for (const r of [...rules, ...pendingBelow]) wants.push({ rule: r, file: display(abs), line: i + 1 });
      pendingBelow = [];
    });
  }
  return wants;
}

export function listCases(): Case[] {
  const cases: Case[] = [];
  for (const rule of readdirSync(TESTDATA).sort()) {
    const ruleDir = join(TESTDATA, rule);
    if (!statSync(ruleDir).isDirectory()) continue;
    for (const name of readdirSync(ruleDir).sort()) {
      const dir = join(ruleDir, name);
      if (!statSync(dir).isDirectory()) continue;
      cases.push({
        rule,
        name,
        dir,
        wants: wantsOf(dir, (abs) => relative(process.cwd(), abs).split('\\').join('/')),
      });
    }
  }
  return cases;
}

export async function scanCase(dir: string, extra: { go?: string } = {}): Promise<Finding[]> {
  const { result, errors } = await runScan({
    cwd: process.cwd(),
    paths: [relative(process.cwd(), dir) || '.'],
    config: EMPTY_CONFIG,
    go: extra.go ?? null,
    // The bundled table only: results must not depend on which Go is on PATH.
    goroot: '',
    includeVendor: false,
    includeGenerated: false,
    ruleIds: new Set(ALL_RULES.map((r) => r.id)),
    workers: 0,
  });
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return result.findings;
}

export function key(x: { rule: string; file: string; line?: number }): string {
  return `${x.rule} ${x.file}:${x.line ?? 0}`;
}
