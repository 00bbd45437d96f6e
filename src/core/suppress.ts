// Suppression comments:
//   //gotrap:ignore RULE[,RULE] -- reason        (this line or the next one)
//   //gotrap:file-ignore RULE[,RULE] -- reason   (the whole file)
//   # gotrap:ignore RULE -- reason               (same, in Dockerfiles, Makefiles, YAML, shell)
// A suppression without a reason is reported (GT002) and a suppression that matches nothing
// is reported too (GT003).

import type { Finding } from './finding.js';

export interface SuppressionComment {
  file: string;
  line: number;
  column: number;
  kind: 'line' | 'file';
  rules: string[];
  reason: string;
  /** Set by applySuppressions when it silenced at least one finding. */
  used?: boolean;
}

const COMMENT = /(\/\/|#)\s*gotrap:(ignore|file-ignore)\b(.*)$/;

/** Finds suppression comments in a file's text. Cheap when the file has none. */
export function findSuppressions(file: string, text: string): SuppressionComment[] {
  if (!text.includes('gotrap:')) return [];
  const out: SuppressionComment[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('gotrap:')) continue;
    const m = COMMENT.exec(line);
    if (!m) continue;
    // `//` in Go files must start a comment: the match must not sit inside a string literal.
    // A quote before the match on the same line is a strong sign it does.
    const before = line.slice(0, m.index);
    if ((before.match(/"/g)?.length ?? 0) % 2 === 1 || before.includes('`')) continue;
    const rest = m[3];
    const sep = rest.indexOf('--');
    const idsText = sep >= 0 ? rest.slice(0, sep) : rest;
    const reason = sep >= 0 ? rest.slice(sep + 2).trim() : '';
    const rules = idsText
      .split(/[\s,]+/)
      .map((s) => s.trim().toUpperCase())
      .filter((s) => s !== '');
    out.push({
      file,
      line: i + 1,
      column: m.index + 1,
      kind: m[2] === 'file-ignore' ? 'file' : 'line',
      rules,
      reason,
    });
  }
  return out;
}

function matches(s: SuppressionComment, f: Finding): boolean {
  if (s.file !== f.file) return false;
  if (!s.rules.includes(f.rule) && !s.rules.includes('ALL')) return false;
  if (s.kind === 'file') return true;
  return f.line === s.line || f.line === s.line + 1;
}

/**
 * Marks findings matched by a suppression that has a reason. Returns the kept and the
 * suppressed findings. Suppressions without a reason silence nothing (they are reported).
 */
export function applySuppressions(
  findings: Finding[],
  comments: SuppressionComment[],
): { kept: Finding[]; suppressed: Finding[] } {
  const byFile = new Map<string, SuppressionComment[]>();
  for (const c of comments) {
    const list = byFile.get(c.file) ?? [];
    list.push(c);
    byFile.set(c.file, list);
  }
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const hit = (byFile.get(f.file) ?? []).find((c) => c.reason !== '' && matches(c, f));
    if (hit && !f.rule.startsWith('GT00')) {
      hit.used = true;
      suppressed.push({
        ...f,
        suppressed: { kind: hit.kind === 'file' ? 'file' : 'inline', reason: hit.reason, line: hit.line },
      });
    } else {
      kept.push(f);
    }
  }
  return { kept, suppressed };
}
