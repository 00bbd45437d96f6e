// The source lens's rules, in family order (`gotrap scan` runs them in worker threads, which load
// this list alone, not the other lenses' rules).

import type { SourceRule } from '../rule.js';
import { CGO001 } from './CGO001.js';
import { CGO002 } from './CGO002.js';
import { CGO003 } from './CGO003.js';
import { CGO004 } from './CGO004.js';
import { CGO005 } from './CGO005.js';
import { CGO006 } from './CGO006.js';
import { CGO007 } from './CGO007.js';
import { CGO008 } from './CGO008.js';
import { CGO009 } from './CGO009.js';
import { CGO010 } from './CGO010.js';
import { CGO011 } from './CGO011.js';
import { CGO012 } from './CGO012.js';
import { CGO013 } from './CGO013.js';
import { CGO014 } from './CGO014.js';
import { CGO015 } from './CGO015.js';
import { LN001 } from './LN001.js';
import { LN002 } from './LN002.js';
import { LN003 } from './LN003.js';
import { LN004 } from './LN004.js';
import { LN005 } from './LN005.js';
import { LN006 } from './LN006.js';
import { LN007 } from './LN007.js';
import { LN008 } from './LN008.js';
import { LN009 } from './LN009.js';
import { RT001 } from './RT001.js';
import { RT002 } from './RT002.js';
import { RT003 } from './RT003.js';
import { RT004 } from './RT004.js';
import { RT005 } from './RT005.js';
import { RT006 } from './RT006.js';
import { RT007 } from './RT007.js';
import { RT008 } from './RT008.js';
import { RT009 } from './RT009.js';
import { RT010 } from './RT010.js';

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
