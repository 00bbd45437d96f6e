// The build lens's rules, in id order (`gotrap scan` runs them after the source lens).

import type { BuildRule } from '../rule.js';
import { BLD001 } from './BLD001.js';
import { BLD002 } from './BLD002.js';
import { BLD003 } from './BLD003.js';
import { BLD004 } from './BLD004.js';
import { BLD005 } from './BLD005.js';
import { BLD006 } from './BLD006.js';

export const BUILD_RULES: BuildRule[] = [BLD001, BLD002, BLD003, BLD004, BLD005, BLD006];
