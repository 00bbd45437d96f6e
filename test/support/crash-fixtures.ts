// Shared by the crash-lens tests: where the fixtures are and how a triage result is compared with
// an `.expect.json` ({cause, kind, exitStatus, findings: [[rule, line]...]}).

import { join } from 'node:path';
import type { TriageResult } from '../../src/crash/triage.js';

export const CRASH_TESTDATA = join(import.meta.dirname, '..', '..', '..', 'testdata', 'crash');

export interface Expect {
  cause: string | null;
  kind: string;
  exitStatus: number | null;
  findings: [string, number][];
}

export function byRuleLine(a: [string, number], b: [string, number]): number {
  return a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** The comparable part of a triage result, findings sorted by line then rule. */
export function summarize(r: TriageResult): Expect {
  return {
    cause: r.crash.cause,
    kind: r.crash.kind,
    exitStatus: r.crash.exitStatus,
    findings: r.findings.map((f) => [f.rule, f.line ?? 0] as [string, number]).sort(byRuleLine),
  };
}
