// Writes docs/rules/<ID>.md and docs/rules/README.md from the rule records.
//
//   node dist/scripts/gen-docs.js [--check] [--out <dir>]
//
// --check writes nothing and exits 1 when any page is missing, differs, or belongs to a rule that
// no longer exists (for CI: the pages must be regenerated in the same change as the rules).

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from '../src/core/registry.js';
import { renderRuleMarkdown, renderRulesIndex } from '../src/report/explain.js';
import { ALL_RULES } from '../src/rules.js';

const DEFAULT_OUT = 'docs/rules';
/** Only files named like a rule page are ever deleted as stale. */
const RULE_PAGE = /^[A-Z]+\d{3}\.md$/;

interface Args {
  check: boolean;
  out: string;
}

/** The parsed arguments, or undefined when they are not understood. */
function parseArgs(argv: string[]): Args | undefined {
  const args: Args = { check: false, out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--out' && i + 1 < argv.length) args.out = argv[++i];
    else return undefined;
  }
  return args;
}

/** Every page the rules produce: file name → content. */
function expectedPages(): Map<string, string> {
  const rules = new Registry(ALL_RULES).all();
  const pages = new Map<string, string>();
  for (const rule of rules) pages.set(`${rule.id}.md`, renderRuleMarkdown(rule));
  pages.set('README.md', renderRulesIndex(rules));
  return pages;
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Rule pages on disk that no rule produces any more. */
function stalePages(dir: string, pages: Map<string, string>): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => RULE_PAGE.test(name) && !pages.has(name))
    .sort();
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error('usage: gen-docs [--check] [--out <dir>]');
    return 2;
  }
  const pages = expectedPages();
  const changed = [...pages].filter(([name, text]) => readIfExists(join(args.out, name)) !== text);
  const stale = stalePages(args.out, pages);

  if (args.check) {
    for (const [name] of changed) console.error(`out of date: ${join(args.out, name)}`);
    for (const name of stale) console.error(`stale: ${join(args.out, name)}`);
    if (changed.length + stale.length === 0) return 0;
    console.error('run `npm run docs` to regenerate the rule pages');
    return 1;
  }

  mkdirSync(args.out, { recursive: true });
  for (const [name, text] of changed) writeFileSync(join(args.out, name), text);
  for (const name of stale) rmSync(join(args.out, name));
  console.log(`${pages.size} pages in ${args.out}: ${changed.length} written, ${stale.length} removed`);
  return 0;
}

process.exitCode = main();
