// PLACEHOLDER: this file is being written by the rule's author right now; overwrite it whole.
import type { PackageRule } from '../rule.js';

export const LN005: PackageRule = {
  id: 'LN005',
  name: 'placeholder-ln005',
  severity: 'info',
  lens: 'source',
  subsystem: 'linkname',
  scope: 'package',
  title: 'placeholder',
  prefilter: /(?!)/,
  docs: {
    symptom: 'placeholder placeholder',
    why: 'placeholder placeholder',
    fix: 'placeholder placeholder',
    versions: 'placeholder placeholder',
    references: ['placeholder'],
    bad: [{ title: 'x', files: [] }],
    good: [{ title: 'x', files: [] }],
  },
  check() {},
};
