// The trainer's exercises, made from the rule records at build time: one per rule of a lens
// that reads code (today the source lens: RT, CGO, LN), from the rule's first bad example. A
// rule added to src/rules.ts gets its exercise with the next build; nothing is listed here.

import type { Lens } from '../core/finding.js';
import type { ExampleFile, RuleMeta, Subsystem } from '../core/rule.js';

export interface Exercise {
  id: string;
  rule: RuleMeta;
  lens: Lens;
  subsystem: Subsystem;
  difficulty: 1 | 2 | 3;
  /** Identifiers a fix must keep (design.md: deleting the code is not a fix). */
  essential: string[];
  /** The files the user starts from (the rule's bad example). */
  files: ExampleFile[];
  /** One way to fix it (the rule's good example), shown with the fix. */
  fixed: ExampleFile[] | null;
}

/** Lenses whose rules can be practised in the page today. */
export const TRAINABLE_LENSES: readonly Lens[] = ['source'];

export function exercisesFrom(rules: readonly RuleMeta[]): Exercise[] {
  return rules
    .filter((r) => TRAINABLE_LENSES.includes(r.lens) && r.docs.bad.length > 0)
    .map((r) => ({
      id: r.id,
      rule: r,
      lens: r.lens,
      subsystem: r.subsystem,
      difficulty: r.trainer?.difficulty ?? 2,
      essential: r.trainer?.essential ?? [],
      files: r.docs.bad[0].files.map((f) => ({ name: f.name, text: f.text })),
      fixed: r.docs.good[0]?.files ?? null,
    }));
}

export const DIFFICULTY_LABEL: Record<1 | 2 | 3, string> = { 1: 'easy', 2: 'medium', 3: 'hard' };
