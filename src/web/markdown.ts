// A small Markdown renderer for the rule documentation: paragraphs, fenced code, lists, headings,
// pipe tables, `code`, **strong**, *emphasis*, [links](url) and bare or <angle> URLs. Safety
// first: every piece of text is HTML-escaped before any markup is added, raw HTML is never
// passed through, and links are kept only for http(s) and in-site (#/...) addresses.

export interface MarkdownOptions {
  /** Headings `#` become <h{1 + offset}>. */
  headingOffset?: number;
  /** Rewrites a link target; return null to drop the link (its text stays). */
  href?: (url: string) => string | null;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const HTML_COMMENT = /^\s*<!--.*-->\s*$/;

export function renderMarkdown(md: string, opts: MarkdownOptions = {}): string {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '' || HTML_COMMENT.test(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      const indent = fence[1].length;
      i++;
      while (i < lines.length && !closesFence(lines[i], fence[2])) {
        body.push(lines[i].slice(Math.min(indent, leadingSpaces(lines[i]))));
        i++;
      }
      i++; // the closing fence (or the end of the text)
      const lang = fence[3] ? ` class="language-${escapeHtml(fence[3])}"` : '';
      out.push(`<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1].length + (opts.headingOffset ?? 0));
      out.push(`<h${level}>${inline(heading[2], opts)}</h${level}>`);
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|') && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1])) {
      const rows: string[][] = [cells(line)];
      i += 2;
      while (i < lines.length && lines[i].trimStart().startsWith('|')) rows.push(cells(lines[i++]));
      out.push(table(rows, opts));
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = item[1] !== undefined;
      const items: string[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]);
        if (!m || (m[1] !== undefined) !== ordered) break;
        const text = [m[2]];
        i++;
        // Continuation lines: anything up to a blank line, a new item or another block.
        while (
          i < lines.length &&
          lines[i].trim() !== '' &&
          !LIST_ITEM.test(lines[i]) &&
          !startsBlock(lines[i])
        ) {
          text.push(lines[i].trim());
          i++;
        }
        items.push(`<li>${inline(text.join(' '), opts)}</li>`);
        while (i < lines.length && lines[i].trim() === '' && LIST_ITEM.test(lines[i + 1] ?? '')) i++;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.join('')}</${tag}>`);
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i].trim() !== '' &&
      !startsBlock(lines[i]) &&
      !LIST_ITEM.test(lines[i])
    ) {
      para.push(lines[i].trim());
      i++;
    }
    if (para.length === 0) {
      // A line that looks like a block start but is not one (say, `|` with no rule under it).
      para.push(lines[i].trim());
      i++;
    }
    out.push(`<p>${inline(para.join('\n'), opts)}</p>`);
  }
  return out.join('\n');
}

function leadingSpaces(s: string): number {
  return s.length - s.trimStart().length;
}

function closesFence(line: string, open: string): boolean {
  const t = line.trim();
  return t.length >= open.length && t[0] === open[0] && /^(`+|~+)$/.test(t);
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || HTML_COMMENT.test(line);
}

function cells(row: string): string[] {
  let t = row.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function table(rows: string[][], opts: MarkdownOptions): string {
  const [head, ...body] = rows;
  const th = head.map((c) => `<th scope="col">${inline(c, opts)}</th>`).join('');
  const trs = body.map((r) => `<tr>${r.map((c) => `<td>${inline(c, opts)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

// Inline: code spans, links and URLs are found on the raw text; whatever lies between them is
// escaped and then given emphasis.
const INLINE =
  /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\[([^\]\n]+)\]\(([^)\s]+)\)|<(https?:\/\/[^\s<>]+)>|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"`])/g;

export function inline(text: string, opts: MarkdownOptions = {}): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += emphasis(escapeHtml(text.slice(last, m.index)));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      let code = m[2].replace(/\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
      out += `<code>${escapeHtml(code)}</code>`;
    } else if (m[3] !== undefined) {
      out += link(m[4], inline(m[3], opts), opts);
    } else {
      const url = m[5] ?? m[6];
      out += link(url, escapeHtml(url), opts);
    }
  }
  out += emphasis(escapeHtml(text.slice(last)));
  return out.replace(/\n/g, ' ');
}

function link(url: string, html: string, opts: MarkdownOptions): string {
  const target = opts.href ? opts.href(url) : url;
  if (target === null || !safeUrl(target)) return html;
  const external = /^https?:/i.test(target);
  const rel = external ? ' rel="noopener noreferrer"' : '';
  return `<a href="${escapeHtml(target)}"${rel}>${html}</a>`;
}

/** http(s) URLs and in-site hash routes only: no javascript:, data: or other schemes. */
export function safeUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url) || /^#\/[\w/.?=&-]*$/.test(url);
}

/** **strong**, *em* and _em_ on already-escaped text; word-internal `*` and `_` stay as they are. */
function emphasis(html: string): string {
  return html
    .replace(/\*\*(\S(?:[^*]*?\S)?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*(\S(?:[^*\n]*?\S)?)\*(?=$|[\s).,;:!?])/g, '$1<em>$2</em>')
    .replace(/(^|[\s(])_(\S(?:[^_\n]*?\S)?)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>');
}
