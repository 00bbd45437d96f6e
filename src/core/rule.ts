// A rule is one record: metadata, documentation and (in the lens-specific part) its check.
// `gotrap explain`, `gotrap rules`, the SARIF rule metadata, docs/rules/*.md and the trainer
// are all generated from this record, so nothing about a rule is written twice.

import type { Lens, Severity } from './finding.js';

export type Subsystem = 'runtime' | 'cgo' | 'linkname' | 'build' | 'binary' | 'crash' | 'gotrap';

/** One file of an example: a Go file, a C file, a go.mod, a Dockerfile, a log... */
export interface ExampleFile {
  name: string;
  text: string;
}

export interface Example {
  /** What the example shows, one line. */
  title: string;
  files: ExampleFile[];
}

export interface RuleDocs {
  /** What the user sees: exact messages, exit statuses. Markdown. */
  symptom: string;
  /** Which runtime or toolchain invariant is broken. Markdown. */
  why: string;
  /** Concrete code or flags. Markdown. */
  fix: string;
  /** The Go releases involved. */
  versions: string;
  /** Go doc or source paths, issue numbers. */
  references: string[];
  bad: Example[];
  good: Example[];
}

export interface RuleMeta {
  /** Stable forever: CGO001, LN004, ... */
  id: string;
  /** kebab-case */
  name: string;
  /** Default severity; a finding may raise or lower it where the catalog says so. */
  severity: Severity;
  lens: Lens;
  subsystem: Subsystem;
  /** One line. */
  title: string;
  docs: RuleDocs;
  /** Trainer: difficulty 1–3 and the identifiers a fix must keep. */
  trainer?: { difficulty: 1 | 2 | 3; essential: string[] };
}

const ID = /^(GT|RT|CGO|LN|BLD|BIN|CR)\d{3}$/;
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Validates the parts of a rule record that every consumer relies on. Throws on a bad record. */
export function validateRuleMeta(r: RuleMeta): void {
  const where = `rule ${r.id || '(no id)'}`;
  if (!ID.test(r.id)) throw new Error(`${where}: id must look like LN001`);
  if (!NAME.test(r.name)) throw new Error(`${where}: name must be kebab-case`);
  if (!r.title || r.title.includes('\n')) throw new Error(`${where}: title must be one line`);
  const d = r.docs;
  for (const k of ['symptom', 'why', 'fix', 'versions'] as const) {
    if (!d[k] || d[k].trim().length < 10) throw new Error(`${where}: docs.${k} is missing`);
  }
  if (r.lens !== 'gotrap') {
    if (d.references.length === 0) throw new Error(`${where}: docs.references is empty`);
    if (d.bad.length === 0 || d.good.length === 0)
      throw new Error(`${where}: needs a bad and a good example`);
  }
}
