// Runs every testdata case through the whole scan pipeline and compares findings with the
// `want` comments written in the case (see test/support/cases.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SOURCE_RULES } from '../src/rules.js';
import { key, listCases, scanCase } from './support/cases.js';

const cases = listCases();

describe('testdata cases', () => {
  for (const c of cases) {
    it(`${c.rule}/${c.name}`, { timeout: 60_000 }, async () => {
      const findings = await scanCase(c.dir);
      const got = findings.map(key).sort();
      const want = c.wants.map(key).sort();
      const detail = findings.map((f) => `  ${key(f)}: ${f.message}`).join('\n');
      assert.deepEqual(got, want, `findings differ from the want comments:\n${detail}`);
    });
  }
});

describe('testdata coverage', () => {
  for (const rule of SOURCE_RULES) {
    it(`${rule.id} has at least 3 bad and 2 good cases`, () => {
      const mine = cases.filter((c) => c.rule === rule.id);
      const bad = mine.filter((c) => c.wants.some((w) => w.rule === rule.id));
      const good = mine.filter((c) => c.wants.length === 0);
      assert.ok(bad.length >= 3, `${rule.id}: ${bad.length} bad cases`);
      assert.ok(good.length >= 2, `${rule.id}: ${good.length} good cases`);
    });
  }
});
