// The code editor: CodeMirror 6 with Go highlighting, and findings shown as inline marks (the
// lint extension's underline, gutter marker and tooltip). Tab is left to the browser, so the
// keyboard can always leave the editor; Ctrl-] and Ctrl-[ indent, F8 jumps to the next mark
// and Ctrl-Shift-M lists them.

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { go } from '@codemirror/lang-go';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { Finding } from '../core/finding.js';
import type { ParseProblem } from './judge.js';
import { lineStarts, spanToRange } from './positions.js';

export interface EditorOptions {
  text: string;
  /** Decides the highlighting: `.go` files get Go. */
  fileName: string;
  /** What a screen reader announces for the editor. */
  label: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
}

const theme = EditorView.theme({
  '&': { fontSize: '0.95rem', border: '1px solid var(--border)', borderRadius: '4px' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '1px' },
  '.cm-content': { fontFamily: 'var(--mono)' },
  '.cm-gutters': {
    backgroundColor: 'var(--code-bg)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-scroller': { minHeight: '12rem' },
});

export function createEditor(parent: HTMLElement, opts: EditorOptions): EditorView {
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    highlightActiveLine(),
    keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
    lintGutter(),
    theme,
    EditorView.contentAttributes.of({ 'aria-label': opts.label }),
    EditorState.tabSize.of(4),
  ];
  if (opts.fileName.endsWith('.go')) extensions.push(go());
  if (opts.readOnly) extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
  if (opts.onChange) {
    const onChange = opts.onChange;
    extensions.push(
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange(u.state.doc.toString());
      }),
    );
  }
  return new EditorView({ parent, state: EditorState.create({ doc: opts.text, extensions }) });
}

export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

export function showMarks(view: EditorView, marks: Diagnostic[]): void {
  view.dispatch(setDiagnostics(view.state, marks));
}

/**
 * Editor marks for the findings and syntax errors of one file. `firstLine` is the editor line on
 * which the file starts (the playground holds several files in one text).
 */
export function marksFor(
  text: string,
  file: string,
  findings: Finding[],
  parseErrors: ParseProblem[],
  firstLine = 1,
): Diagnostic[] {
  const starts = lineStarts(text);
  const shift = (n: number | undefined) => (n === undefined ? undefined : n + firstLine - 1);
  const out: Diagnostic[] = [];
  for (const f of findings) {
    if (f.file !== file || f.line === undefined) continue;
    const { from, to } = spanToRange(
      text,
      { line: shift(f.line), column: f.column, endLine: shift(f.endLine), endColumn: f.endColumn },
      starts,
    );
    out.push({ from, to, severity: f.severity, source: `${f.rule} ${f.name}`, message: plain(f.message) });
  }
  for (const p of parseErrors) {
    if (p.file !== file) continue;
    const { from, to } = spanToRange(text, { line: shift(p.line), column: p.column }, starts);
    out.push({
      from,
      to: Math.min(to, from + 1),
      severity: 'error',
      source: 'syntax',
      message: 'syntax error',
    });
  }
  return out.sort((a, b) => a.from - b.from);
}

/** Finding messages use Markdown backticks; a tooltip shows plain text. */
function plain(message: string): string {
  return message.replace(/`([^`]*)`/g, '$1');
}
