// PLACEHOLDER: this file is being written by the rule's author right now; overwrite it whole.
import type { PackageRule } from '../rule.js';

export const LN003: PackageRule = {
  id: 'LN003',
  name: 'placeholder-ln003',
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
