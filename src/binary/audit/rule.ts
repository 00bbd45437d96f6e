// Binary-lens rule shape: the rule record (metadata and docs, src/core/rule.ts) plus a check
// that reads the audit model of one binary and the --target, and reports findings without a line.

import type { Fix, Related, Severity } from '../../core/finding.js';
import type { RuleMeta } from '../../core/rule.js';
import type { AuditModel } from './model.js';
import type { Target } from './target.js';

export interface BinaryReport {
  message: string;
  /** Overrides the rule's default severity (where the catalog says so). */
  severity?: Severity;
  related?: Related[];
  fix?: Fix;
}

export interface BinaryRuleContext {
  model: AuditModel;
  /** The --target, when given. */
  target: Target | null;
  report(r: BinaryReport): void;
}

export interface BinaryRule extends RuleMeta {
  lens: 'binary';
  subsystem: 'binary';
  check(ctx: BinaryRuleContext): void;
}
