// The output formats of `--format`, behind one function so the CLI never picks a reporter itself.

import type { ScanResult } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export type Format = 'text' | 'json' | 'sarif' | 'github';

export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github'];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** Everything any reporter needs; each takes the parts it uses. */
export interface RenderOptions {
  /** gotrap's version, for the JSON and SARIF tool objects. */
  version: string;
  /** Every rule of the run (SARIF rule metadata; rule titles in text). */
  rules: RuleMeta[];
  color: boolean;
  quiet?: boolean;
  /** The lines of a reported file: text code frames, SARIF columns and fingerprints. */
  getLines?: (file: string) => string[] | undefined;
  informationUri?: string;
  /** Absolute `file://` URI of the working directory, for SARIF's %SRCROOT%. */
  srcRoot?: string;
}

export function render(format: Format, result: ScanResult, opts: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(result, {
        color: opts.color,
        rules: ruleLookup(opts.rules),
        getLines: opts.getLines,
        quiet: opts.quiet,
      });
    case 'json':
      return renderJson(result, { version: opts.version });
    case 'sarif':
      return renderSarif(result, {
        version: opts.version,
        rules: opts.rules,
        informationUri: opts.informationUri,
        getLines: opts.getLines,
        srcRoot: opts.srcRoot,
      });
    case 'github':
      return renderGithub(result);
  }
}

function ruleLookup(rules: RuleMeta[]): (id: string) => RuleMeta | undefined {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return (id) => byId.get(id);
}

export { renderExplain, renderRuleMarkdown, renderRulesIndex, renderRulesTable } from './explain.js';
export { renderGithub } from './github.js';
export { renderJson } from './json.js';
export { renderSarif } from './sarif.js';
export { renderText } from './text.js';
