// Finding positions (1-based lines, 1-based UTF-8 byte columns, as gc prints them) to offsets in
// a JavaScript string (UTF-16 code units), which is what the editor counts in.

export interface Span {
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** The offset within one line of a 1-based byte column; past the end gives the line's length. */
export function byteColumnToIndex(line: string, column: number): number {
  const target = Math.max(0, column - 1);
  let bytes = 0;
  let i = 0;
  while (i < line.length && bytes < target) {
    const cp = line.codePointAt(i)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Start offset of every line of `text` (split at `\n`). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The range a finding covers in `text`. Without a column the whole line; without an end the
 * rest of the line from the column. Lines past the end are clamped to the last one.
 */
export function spanToRange(
  text: string,
  span: Span,
  starts = lineStarts(text),
): { from: number; to: number } {
  const lineText = (n: number) => {
    const s = starts[n - 1];
    const e = n < starts.length ? starts[n] - 1 : text.length;
    return text.slice(s, e).replace(/\r$/, '');
  };
  const clampLine = (n: number) => Math.min(Math.max(1, n), starts.length);
  const line = clampLine(span.line ?? 1);
  if (span.column === undefined) {
    return { from: starts[line - 1], to: starts[line - 1] + lineText(line).length };
  }
  const from = starts[line - 1] + byteColumnToIndex(lineText(line), span.column);
  if (span.endLine === undefined || span.endColumn === undefined) {
    return { from, to: starts[line - 1] + lineText(line).length };
  }
  const endLine = clampLine(span.endLine);
  const to = starts[endLine - 1] + byteColumnToIndex(lineText(endLine), span.endColumn);
  return { from, to: Math.max(from, to) };
}
