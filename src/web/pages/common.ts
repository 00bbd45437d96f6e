// Pieces several pages share: rule links, findings lists, Markdown blocks, example files.

import type { Finding } from '../../core/finding.js';
import type { ExampleFile, RuleMeta } from '../../core/rule.js';
import { RULES } from '../../rules.js';
import { h } from '../dom.js';
import { inline, renderMarkdown } from '../markdown.js';

/** Rule pages are `#/rule/<ID>`; docs links to `<ID>.md` go there too. */
export function ruleHref(id: string): string {
  return `#/rule/${id}`;
}

export function siteHref(url: string): string | null {
  const page = /^([A-Z]+\d{3})\.md$/.exec(url);
  if (page) return ruleHref(page[1]);
  return url;
}

export function markdown(md: string, headingOffset = 2): HTMLElement {
  return h('div', { class: 'prose', html: renderMarkdown(md, { headingOffset, href: siteHref }) });
}

export function inlineMarkdown(md: string): HTMLElement {
  return h('span', { html: inline(md, { href: siteHref }) });
}

export function exampleFiles(files: ExampleFile[]): HTMLElement {
  return h(
    'div',
    { class: 'example' },
    files.map((f) =>
      h('figure', null, h('figcaption', null, f.name), h('pre', null, h('code', null, f.text))),
    ),
  );
}

export function placeOf(f: Finding): string {
  if (f.line === undefined) return f.file;
  return `${f.file}:${f.line}${f.column !== undefined ? `:${f.column}` : ''}`;
}

export interface FindingsListOptions {
  /** Moves the cursor to a finding; absent where findings cannot be shown in an editor. */
  jump?: (f: Finding) => void;
  /** Show the rule's "why" under each finding. */
  explain?: boolean;
}

/** A list of findings, each with its rule, place, message, and a link to the rule page. */
export function findingsList(findings: Finding[], opts: FindingsListOptions = {}): HTMLElement {
  return h(
    'ol',
    { class: 'findings' },
    findings.map((f) => {
      const rule: RuleMeta | undefined = RULES.find(f.rule);
      const where = opts.jump
        ? h('button', { type: 'button', class: 'link', onclick: () => opts.jump?.(f) }, placeOf(f))
        : h('span', null, placeOf(f));
      return h(
        'li',
        { class: `finding sev-${f.severity}` },
        h(
          'p',
          { class: 'finding-head' },
          h('span', { class: `badge sev-${f.severity}` }, f.severity),
          ' ',
          h('a', { href: ruleHref(f.rule) }, `${f.rule} ${f.name}`),
          ' at ',
          where,
        ),
        h('p', { class: 'finding-message' }, inlineMarkdown(f.message)),
        opts.explain && rule
          ? h(
              'details',
              null,
              h('summary', null, `Why: ${rule.title}`),
              markdown(rule.docs.why),
              h(
                'p',
                null,
                h('a', { href: ruleHref(rule.id) }, `Everything about ${rule.id}: symptom, fix, examples`),
              ),
            )
          : null,
      );
    }),
  );
}
