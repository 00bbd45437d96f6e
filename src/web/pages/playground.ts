// The playground: paste Go code (one file, or several as `-- name --` sections), a go.mod, or a
// crash log, or drop files. The first registered lens that reads the input runs in the page on
// every edit; an input that only a planned lens will read gets a clear "not available yet".

import type { EditorView } from '@codemirror/view';
import type { Finding } from '../../core/finding.js';
import { h } from '../dom.js';
import { createEditor, marksFor, setText, showMarks } from '../editor.js';
import type { Exercise } from '../exercises.js';
import { type LensInput, type LensRun, lensFor, PLANNED, plannedFor, registeredLenses } from '../lenses.js';
import { spanToRange } from '../positions.js';
import { savedPlayground, savePlayground } from '../progress.js';
import { formatArchive } from '../txtar.js';
import { findingsList } from './common.js';

const DEBOUNCE_MS = 120;

const STARTER = `-- go.mod --
module example.com/clock

go 1.22
-- clock.go --
package clock

import "time"

//go:linkname monotonicNanos runtime.nanotime
func monotonicNanos() int64

func Since(start int64) time.Duration { return time.Duration(monotonicNanos() - start) }
`;

export function playgroundPage(main: HTMLElement, exercises: Exercise[]): () => void {
  let timer: number | undefined;
  let runId = 0;
  /** A dropped binary replaces the text as input until the text is edited again. */
  let dropped: LensInput | null = null;

  const summary = h(
    'p',
    { class: 'verdict pending', role: 'status', id: 'pg-summary' },
    'Loading the analyzer…',
  );
  const results = h('div', { class: 'results', id: 'pg-results' });
  const goVersion = h('input', {
    id: 'pg-go',
    type: 'text',
    inputmode: 'decimal',
    placeholder: 'from go.mod',
    size: '8',
    oninput: () => schedule(),
  });

  const editorBox = h('div', { class: 'dropzone' });
  const view: EditorView = createEditor(editorBox, {
    text: savedPlayground() ?? STARTER,
    fileName: 'playground.go',
    label: 'Playground input: Go code, several files as -- name -- sections, a go.mod or a crash log',
    onChange: (text) => {
      dropped = null;
      savePlayground(text);
      schedule();
    },
  });

  const jump = (files: LensRun['files']) => (f: Finding) => {
    const file = files.find((x) => x.name === f.file);
    if (!file || f.line === undefined) return;
    const text = view.state.doc.toString();
    const { from } = spanToRange(text, {
      line: f.line + file.firstLine - 1,
      column: f.column,
    });
    view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    view.focus();
  };

  const run = async () => {
    timer = undefined;
    const id = ++runId;
    const text = view.state.doc.toString();
    const input: LensInput = dropped ?? { kind: 'text', text };
    const lens = lensFor(input);
    if (!lens) {
      showMarks(view, []);
      const planned = plannedFor(input);
      summary.className = 'verdict open';
      if (planned) {
        summary.textContent = `This looks like ${planned.looksLike}. The ${planned.lens} lens is not available yet.`;
        results.replaceChildren(
          h(
            'div',
            { class: 'unavailable' },
            h('h2', null, `The ${planned.lens} lens is not available yet`),
            h(
              'p',
              null,
              `gotrap will read ${planned.looksLike} with `,
              h('code', null, planned.command),
              ', and this page will run it too once it exists. Today the page runs: ',
              registeredLenses()
                .map((l) => `the ${l.lens} lens (${l.reads})`)
                .join('; '),
              '.',
            ),
          ),
        );
      } else {
        summary.textContent = text.trim() === '' ? 'Nothing to check yet.' : 'No lens reads this input.';
        results.replaceChildren(
          h(
            'p',
            null,
            'Paste Go code (with its ',
            h('code', null, 'package'),
            ' line), a go.mod, several files as ',
            h('code', null, '-- name.go --'),
            ' sections, or a crash log; or drop files onto the editor.',
          ),
        );
      }
      return;
    }
    let out: LensRun;
    try {
      out = await lens.run(input, { go: goVersion.value.trim() || undefined });
    } catch (e) {
      summary.className = 'verdict error';
      summary.textContent = `The ${lens.lens} lens failed: ${(e as Error).message}`;
      return;
    }
    if (id !== runId) return; // a newer edit is already being checked
    const marks = out.files.flatMap((f) =>
      marksFor(text, f.name, out.findings, out.parseErrors, f.firstLine),
    );
    if (input.kind === 'text') showMarks(view, marks);
    const n = out.findings.length;
    summary.className = `verdict ${n === 0 ? 'solved' : 'open'}`;
    summary.textContent =
      `${lens.lens} lens, ${out.files.length} file${out.files.length === 1 ? '' : 's'}: ` +
      `${n === 0 ? 'no findings' : `${n} finding${n === 1 ? '' : 's'}`}` +
      `${out.parseErrors.length > 0 ? `, ${out.parseErrors.length} with syntax errors` : ''} ` +
      `(${out.ms.toFixed(1)} ms).`;
    results.replaceChildren(
      n > 0
        ? findingsList(out.findings, { jump: jump(out.files), explain: true })
        : h('p', null, 'Nothing to report.'),
      ...out.errors.map((e) => h('p', { class: 'error' }, `internal error: ${e}`)),
    );
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
  };

  // --- files: chosen or dropped ---------------------------------------------------------------
  const load = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const texts: Array<{ name: string; text: string }> = [];
    for (const file of Array.from(list)) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const text = decodeText(bytes);
      if (text === null) {
        dropped = { kind: 'binary', name: file.name, bytes };
        void run();
        return;
      }
      texts.push({ name: file.name, text });
    }
    const single = texts.length === 1 && !/\.(go|c|h)$|^go\.mod$/.test(texts[0].name);
    setText(view, single ? texts[0].text : formatArchive(texts));
  };
  const picker = h('input', {
    id: 'pg-files',
    type: 'file',
    multiple: true,
    onchange: (ev: Event) => void load((ev.target as HTMLInputElement).files),
  });
  editorBox.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    editorBox.classList.add('over');
  });
  editorBox.addEventListener('dragleave', () => editorBox.classList.remove('over'));
  editorBox.addEventListener('drop', (ev) => {
    ev.preventDefault();
    editorBox.classList.remove('over');
    void load(ev.dataTransfer?.files ?? null);
  });

  const examples = h(
    'select',
    {
      id: 'pg-example',
      onchange: (ev: Event) => {
        const ex = exercises.find((e) => e.id === (ev.target as HTMLSelectElement).value);
        if (ex) setText(view, formatArchive(ex.files));
      },
    },
    h('option', { value: '' }, 'choose…'),
    exercises.map((e) => h('option', { value: e.id }, `${e.id} (${e.subsystem})`)),
  );

  main.replaceChildren(
    h('h1', { tabindex: '-1' }, 'Playground'),
    h(
      'p',
      { class: 'lead' },
      'Paste Go code, a go.mod, several files as ',
      h('code', null, '-- name.go --'),
      ' sections, or a crash log — or drop files onto the editor. The matching lens runs here in the page; nothing is sent anywhere.',
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'pg-files' }, 'Open files'), picker),
      h('div', { class: 'field' }, h('label', { for: 'pg-example' }, 'Load an exercise'), examples),
      h('div', { class: 'field' }, h('label', { for: 'pg-go' }, 'Judge as Go version'), goVersion),
    ),
    editorBox,
    summary,
    results,
    h(
      'p',
      { class: 'muted small' },
      `Lenses in the page: ${registeredLenses()
        .map((l) => l.lens)
        .join(', ')}. Planned: ${PLANNED.map((p) => p.lens).join(', ')}.`,
    ),
  );
  void run();

  return () => {
    if (timer !== undefined) clearTimeout(timer);
    view.destroy();
  };
}

/** The text of a file, or null when it is not UTF-8 text (a NUL byte or an invalid sequence). */
function decodeText(bytes: Uint8Array): string | null {
  if (bytes.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
