// Every rule gotrap knows, in one list. Adding a rule: write src/<lens>/rules/<ID>.ts and add it
// here; docs, `gotrap rules`, `gotrap explain`, SARIF metadata and the trainer follow.

import { META_RULES } from './core/meta-rules.js';
import { Registry } from './core/registry.js';
import type { RuleMeta } from './core/rule.js';
import type { SourceRule } from './source/rule.js';
import { CGO005 } from './source/rules/CGO005.js';
import { CGO007 } from './source/rules/CGO007.js';
import { CGO009 } from './source/rules/CGO009.js';
import { CGO012 } from './source/rules/CGO012.js';
import { LN001 } from './source/rules/LN001.js';
import { LN002 } from './source/rules/LN002.js';
import { LN003 } from './source/rules/LN003.js';
import { LN004 } from './source/rules/LN004.js';
import { LN005 } from './source/rules/LN005.js';
import { LN006 } from './source/rules/LN006.js';
import { LN007 } from './source/rules/LN007.js';
import { LN008 } from './source/rules/LN008.js';
import { LN009 } from './source/rules/LN009.js';

export const SOURCE_RULES: SourceRule[] = [
  LN001,
  LN002,
  LN003,
  LN004,
  LN005,
  LN006,
  LN007,
  LN008,
  LN009,
  CGO005,
  CGO007,
  CGO009,
  CGO012,
];

export const ALL_RULES: RuleMeta[] = [...META_RULES, ...SOURCE_RULES];

export const RULES = new Registry<RuleMeta>(ALL_RULES);
