// GT rules: findings about gotrap's own input (design.md). They have ids and docs like every
// other rule so that they can be listed, explained, filtered and suppressed alike.

import type { Finding } from './finding.js';
import type { RuleMeta } from './rule.js';

const none = { bad: [], good: [] };

export const GT001: RuleMeta = {
  id: 'GT001',
  name: 'parse-error',
  severity: 'info',
  lens: 'gotrap',
  subsystem: 'gotrap',
  title: 'A file has syntax errors; only the parts that parsed were checked',
  docs: {
    symptom: 'gotrap reports `syntax error near line N` for a Go file it could only partly parse.',
    why:
      'gotrap parses with an error-tolerant parser: declarations around the error are still checked, ' +
      'but anything inside the broken region is invisible to the rules. The Go compiler will reject the ' +
      'file too, so fix the syntax first.',
    fix: 'Run `gofmt -l` or `go vet` on the file to see the exact syntax error, fix it, and scan again.',
    versions: 'All Go releases.',
    references: ['go/parser', 'gofmt'],
    ...none,
  },
};

export const GT002: RuleMeta = {
  id: 'GT002',
  name: 'suppression-without-reason',
  severity: 'warning',
  lens: 'gotrap',
  subsystem: 'gotrap',
  title: 'A gotrap suppression comment gives no reason',
  docs: {
    symptom: 'A `//gotrap:ignore RULE` comment without `-- reason` is reported and silences nothing.',
    why:
      'A suppression records a decision that a trap does not apply. Without the reason the next reader ' +
      'cannot tell a considered exception from a silenced bug, so gotrap requires one.',
    fix: 'Write the reason after two dashes: `//gotrap:ignore CGO001 -- the C library frees it in lib_close`.',
    versions: 'Not Go-specific.',
    references: ['staticcheck //lint:ignore, which also requires a reason'],
    ...none,
  },
};

export const GT003: RuleMeta = {
  id: 'GT003',
  name: 'unused-suppression',
  severity: 'info',
  lens: 'gotrap',
  subsystem: 'gotrap',
  title: 'A gotrap suppression comment matches no finding',
  docs: {
    symptom: 'A `//gotrap:ignore RULE -- reason` comment that silences nothing is reported.',
    why:
      'The code it was written for has changed or moved. A stale suppression can later hide a real finding ' +
      'that appears on that line.',
    fix: 'Delete the comment, or move it to the line it was meant for.',
    versions: 'Not Go-specific.',
    references: ['staticcheck reports unused //lint:ignore directives the same way'],
    ...none,
  },
};

export const GT004: RuleMeta = {
  id: 'GT004',
  name: 'skipped-file',
  severity: 'info',
  lens: 'gotrap',
  subsystem: 'gotrap',
  title: 'A file was not scanned (too large, unreadable, binary, or a link loop)',
  docs: {
    symptom: 'The file is listed in `summary.skipped` with the reason, and reported as info.',
    why:
      'Go files over 5 MB are skipped to bound time and memory (they are almost always generated data); ' +
      'files that cannot be read, that contain NUL bytes, or that are reached through a symbolic-link loop ' +
      'cannot be checked.',
    fix: 'Nothing to fix in Go. Check permissions, or exclude the file in `.gotrap.yaml` to silence this.',
    versions: 'Not Go-specific.',
    references: ['design.md: Go files over 5 MB are skipped'],
    ...none,
  },
};

export const META_RULES: RuleMeta[] = [GT001, GT002, GT003, GT004];

/** The GT004 finding for a file gotrap could not or would not read. */
export function skippedFinding(file: string, reason: string): Finding {
  return {
    rule: GT004.id,
    name: GT004.name,
    severity: GT004.severity,
    lens: 'gotrap',
    message: `skipped: ${reason}`,
    file,
  };
}
