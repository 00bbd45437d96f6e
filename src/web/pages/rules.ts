// Rule pages: the same Markdown `npm run docs` writes to docs/rules/ (renderRuleMarkdown and
// renderRulesIndex from src/report/explain.ts), rendered in the page.

import type { RuleMeta } from '../../core/rule.js';
import { renderRuleMarkdown, renderRulesIndex } from '../../report/explain.js';
import { h, replace } from '../dom.js';
import type { Exercise } from '../exercises.js';
import { markdown } from './common.js';

export function rulesIndexPage(main: HTMLElement, rules: RuleMeta[]): void {
  const page = markdown(renderRulesIndex(rules), 0);
  page.querySelector('h1')?.setAttribute('tabindex', '-1');
  main.replaceChildren(page);
}

export function rulePage(main: HTMLElement, rule: RuleMeta, exercise: Exercise | undefined): void {
  const page = markdown(renderRuleMarkdown(rule), 0);
  page.querySelector('h1')?.setAttribute('tabindex', '-1');
  replace(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/rules' }, 'Rules'), ' / ', rule.id),
    page,
    exercise
      ? h(
          'p',
          { class: 'practice' },
          h('a', { href: `#/exercise/${rule.id}`, class: 'button' }, `Practise ${rule.id}`),
        )
      : null,
  );
}
