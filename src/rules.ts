// Every rule gotrap knows, in one list. Adding a rule: write src/<lens>/rules/<ID>.ts and add it
// here; docs, `gotrap rules`, `gotrap explain`, SARIF metadata and the trainer follow.

import { BINARY_RULES } from './binary/audit/rules.js';
import { BUILD_RULES } from './build/rules/index.js';
import { META_RULES } from './core/meta-rules.js';
import { Registry } from './core/registry.js';
import type { RuleMeta } from './core/rule.js';
import { CRASH_RULES } from './crash/classify.js';
import { SOURCE_RULES } from './source/rules/index.js';

// The binary lens (`gotrap audit`): src/binary/rules/BIN001.ts ... BIN008.ts, listed in src/binary/audit/rules.ts.
// The crash lens (`gotrap triage`): src/crash/rules/CR001.ts ... CR016.ts, listed in src/crash/classify.ts.
// The build lens (`gotrap scan`): src/build/rules/BLD001.ts ... BLD006.ts, listed in src/build/rules/index.ts.
// The source lens (`gotrap scan`): src/source/rules/*.ts, listed in src/source/rules/index.ts.
export { BINARY_RULES, BUILD_RULES, CRASH_RULES, SOURCE_RULES };

export const ALL_RULES: RuleMeta[] = [
  ...META_RULES,
  ...SOURCE_RULES,
  ...BUILD_RULES,
  ...BINARY_RULES,
  ...CRASH_RULES,
];

export const RULES = new Registry<RuleMeta>(ALL_RULES);
