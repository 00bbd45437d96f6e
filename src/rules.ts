// Every rule gotrap knows, in one list. Adding a rule: write src/<lens>/rules/<ID>.ts and add it
// here; docs, `gotrap rules`, `gotrap explain`, SARIF metadata and the trainer follow.

import { BINARY_RULES } from './binary/audit/rules.js';
import { BUILD_RULES } from './build/rules/index.js';
import { META_RULES } from './core/meta-rules.js';
import { Registry } from './core/registry.js';
import type { RuleMeta } from './core/rule.js';
import { CRASH_RULES } from './crash/classify.js';
import type { SourceRule } from './source/rule.js';
import { CGO001 } from './source/rules/CGO001.js';
import { CGO002 } from './source/rules/CGO002.js';
import { CGO003 } from './source/rules/CGO003.js';
import { CGO004 } from './source/rules/CGO004.js';
import { CGO005 } from './source/rules/CGO005.js';
import { CGO006 } from './source/rules/CGO006.js';
import { CGO007 } from './source/rules/CGO007.js';
import { CGO008 } from './source/rules/CGO008.js';
import { CGO009 } from './source/rules/CGO009.js';
import { CGO010 } from './source/rules/CGO010.js';
import { CGO011 } from './source/rules/CGO011.js';
import { CGO012 } from './source/rules/CGO012.js';
import { CGO013 } from './source/rules/CGO013.js';
import { CGO014 } from './source/rules/CGO014.js';
import { CGO015 } from './source/rules/CGO015.js';
import { LN001 } from './source/rules/LN001.js';
import { LN002 } from './source/rules/LN002.js';
import { LN003 } from './source/rules/LN003.js';
import { LN004 } from './source/rules/LN004.js';
import { LN005 } from './source/rules/LN005.js';
import { LN006 } from './source/rules/LN006.js';
import { LN007 } from './source/rules/LN007.js';
import { LN008 } from './source/rules/LN008.js';
import { LN009 } from './source/rules/LN009.js';
import { RT001 } from './source/rules/RT001.js';
import { RT002 } from './source/rules/RT002.js';
import { RT003 } from './source/rules/RT003.js';
import { RT004 } from './source/rules/RT004.js';
import { RT005 } from './source/rules/RT005.js';
import { RT006 } from './source/rules/RT006.js';
import { RT007 } from './source/rules/RT007.js';
import { RT008 } from './source/rules/RT008.js';
import { RT009 } from './source/rules/RT009.js';
import { RT010 } from './source/rules/RT010.js';

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
  CGO001,
  CGO002,
  CGO003,
  CGO004,
  CGO005,
  CGO006,
  CGO007,
  CGO008,
  CGO009,
  CGO010,
  CGO011,
  CGO012,
  CGO013,
  CGO014,
  CGO015,
  RT001,
  RT002,
  RT003,
  RT004,
  RT005,
  RT006,
  RT007,
  RT008,
  RT009,
  RT010,
];

// The binary lens (`gotrap audit`): src/binary/rules/BIN001.ts ... BIN008.ts, listed in src/binary/audit/rules.ts.
// The crash lens (`gotrap triage`): src/crash/rules/CR001.ts ... CR016.ts, listed in src/crash/classify.ts.
// The build lens (`gotrap scan`): src/build/rules/BLD001.ts ... BLD006.ts, listed in src/build/rules/index.ts.
export { BINARY_RULES, BUILD_RULES, CRASH_RULES };

export const ALL_RULES: RuleMeta[] = [
  ...META_RULES,
  ...SOURCE_RULES,
  ...BUILD_RULES,
  ...BINARY_RULES,
  ...CRASH_RULES,
];

export const RULES = new Registry<RuleMeta>(ALL_RULES);
