// Rule documentation as the user reads it: `gotrap explain <ID>` (terminal text), `gotrap rules`
// (a table), and docs/rules/*.md (one markdown page per rule plus an index). Everything here is
// rendered from the rule record, so the terminal and the website always say the same thing.

import type { Lens } from '../core/finding.js';
import type { Example, RuleMeta } from '../core/rule.js';
import { paint } from './text.js';

export interface ExplainOptions {
  color: boolean;
}

/** The prose sections every rule page has, in reading order. */
function proseSections(rule: RuleMeta): Array<[heading: string, body: string]> {
  return [
    ['Symptom', rule.docs.symptom],
    ['Why', rule.docs.why],
    ['Fix', rule.docs.fix],
    ['Go versions', rule.docs.versions],
  ];
}

// ---------------------------------------------------------------------------------------------
// Terminal text

export function renderExplain(rule: RuleMeta, opts: ExplainOptions): string {
  const heading = (text: string) => paint(opts.color, 'bold', text);
  const out: string[] = [];
  out.push(`${heading(rule.id)}  ${rule.name}`);
  out.push(rule.title);
  out.push('');
  out.push(`  severity   ${rule.severity}`);
  out.push(`  lens       ${rule.lens}`);
  out.push(`  subsystem  ${rule.subsystem}`);
  for (const [title, body] of proseSections(rule)) {
    out.push('', heading(title), indent(body.trim(), '  '));
  }
  for (const example of rule.docs.bad) out.push('', ...exampleText('Bad example', example, heading));
  for (const example of rule.docs.good) out.push('', ...exampleText('Good example', example, heading));
  if (rule.docs.references.length > 0) {
    out.push('', heading('References'));
    for (const ref of rule.docs.references) out.push(`  - ${ref}`);
  }
  return `${out.join('\n')}\n`;
}

function exampleText(label: string, example: Example, heading: (s: string) => string): string[] {
  const out = [heading(`${label}: ${example.title}`)];
  for (const file of example.files) {
    out.push(`  -- ${file.name} --`);
    out.push(indent(trimBlankEdges(file.text), '    '));
  }
  return out;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : prefix + line))
    .join('\n');
}

/** Drops blank lines at the start and end of an example file, keeping its indentation. */
function trimBlankEdges(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown pages (docs/rules/<ID>.md)

const GENERATED_NOTE = '<!-- Generated from the rule record by scripts/gen-docs.ts. Do not edit. -->';

export function renderRuleMarkdown(rule: RuleMeta): string {
  const out: string[] = [GENERATED_NOTE, '', `# ${rule.id}: ${rule.name}`, '', rule.title, ''];
  out.push('| Severity | Lens | Subsystem |', '|---|---|---|');
  out.push(`| ${rule.severity} | ${rule.lens} | ${rule.subsystem} |`);
  for (const [title, body] of proseSections(rule)) {
    out.push('', `## ${title}`, '', body.trim());
  }
  out.push(...examplesMarkdown('Bad example', rule.docs.bad));
  out.push(...examplesMarkdown('Good example', rule.docs.good));
  if (rule.docs.references.length > 0) {
    out.push('', '## References', '');
    for (const ref of rule.docs.references) out.push(`- ${referenceMarkdown(ref)}`);
  }
  return `${out.join('\n')}\n`;
}

function examplesMarkdown(label: string, examples: Example[]): string[] {
  if (examples.length === 0) return [];
  const out = ['', `## ${examples.length === 1 ? label : `${label}s`}`];
  for (const example of examples) {
    out.push('', `### ${example.title}`);
    for (const file of example.files) {
      out.push('', `\`${file.name}\``, '', ...codeBlock(file.name, trimBlankEdges(file.text)));
    }
  }
  return out;
}

function codeBlock(fileName: string, text: string): string[] {
  const fence = fenceFor(text);
  return [fence + codeLanguage(fileName), text, fence];
}

/** A backtick fence longer than any run of backticks inside the code. */
function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The code-block language for an example file, from its name. */
export function codeLanguage(fileName: string): string {
  const base = (fileName.split('/').pop() ?? fileName).toLowerCase();
  if (base.endsWith('.go')) return 'go';
  if (base.endsWith('.c') || base.endsWith('.h')) return 'c';
  if (base === 'dockerfile' || base === 'containerfile') return 'dockerfile';
  if (base.startsWith('dockerfile.') || base.endsWith('.dockerfile')) return 'dockerfile';
  if (base === 'makefile' || base === 'gnumakefile' || base.endsWith('.mk')) return 'makefile';
  if (base.endsWith('.yaml') || base.endsWith('.yml')) return 'yaml';
  return 'text';
}

/** A reference as markdown: URLs and `owner/repo#123` issues become links, the rest stays text. */
export function referenceMarkdown(ref: string): string {
  if (/^https?:\/\/\S+$/.test(ref)) return `<${ref}>`;
  const issue = /^([\w.-]+\/[\w.-]+)#(\d+)$/.exec(ref);
  if (issue) return `[${ref}](https://github.com/${issue[1]}/issues/${issue[2]})`;
  return ref;
}

// ---------------------------------------------------------------------------------------------
// `gotrap rules`

const TABLE_HEADER = ['ID', 'NAME', 'SEVERITY', 'LENS', 'TITLE'];

export function renderRulesTable(rules: RuleMeta[], format: 'text' | 'json'): string {
  if (format === 'json') {
    const rows = rules.map((r) => ({
      id: r.id,
      name: r.name,
      severity: r.severity,
      lens: r.lens,
      subsystem: r.subsystem,
      title: r.title,
    }));
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  const rows = [TABLE_HEADER, ...rules.map((r) => [r.id, r.name, r.severity, r.lens, r.title])];
  return `${alignColumns(rows).join('\n')}\n`;
}

/** Pads every column but the last to its widest cell. */
function alignColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

// ---------------------------------------------------------------------------------------------
// docs/rules/README.md

const LENS_HEADINGS: Array<[Lens, string]> = [
  ['source', 'Source lens'],
  ['build', 'Build lens'],
  ['binary', 'Binary lens'],
  ['crash', 'Crash lens'],
  ['gotrap', "gotrap's own input"],
];

export function renderRulesIndex(rules: RuleMeta[]): string {
  const out: string[] = [GENERATED_NOTE, '', '# gotrap rules', ''];
  const count = rules.length === 1 ? '1 rule' : `${rules.length} rules`;
  out.push(`${count}. Each page is also available as \`gotrap explain <ID>\`.`);
  for (const [lens, heading] of LENS_HEADINGS) {
    const group = rules.filter((r) => r.lens === lens);
    if (group.length === 0) continue;
    out.push(
      '',
      `## ${heading}`,
      '',
      '| Rule | Name | Severity | Subsystem | Title |',
      '|---|---|---|---|---|',
    );
    for (const r of group) {
      out.push(
        `| [${r.id}](${r.id}.md) | ${r.name} | ${r.severity} | ${r.subsystem} | ${tableCell(r.title)} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
