// The binary lens's rules, in id order. src/rules.ts registers them with every other rule;
// auditBinary runs them.

import { BIN001 } from '../rules/BIN001.js';
import { BIN002 } from '../rules/BIN002.js';
import { BIN003 } from '../rules/BIN003.js';
import { BIN004 } from '../rules/BIN004.js';
import { BIN005 } from '../rules/BIN005.js';
import { BIN006 } from '../rules/BIN006.js';
import { BIN007 } from '../rules/BIN007.js';
import { BIN008 } from '../rules/BIN008.js';
import type { BinaryRule } from './rule.js';

export const BINARY_RULES: readonly BinaryRule[] = [
  BIN001,
  BIN002,
  BIN003,
  BIN004,
  BIN005,
  BIN006,
  BIN007,
  BIN008,
];
