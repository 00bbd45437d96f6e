// Small pieces every command shares; kept apart so that loading a command loads nothing else.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A mistake in how gotrap was called: printed as `gotrap: <message>`, exit status 2. */
export class UsageError extends Error {}

/** `.gotrap.yaml` (or `.yml`) in `start` or the nearest directory above it. */
export function findConfigFile(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    for (const name of ['.gotrap.yaml', '.gotrap.yml']) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
