// One exercise: the rule's bad example in editors (one tab per file), the user's hypothesis,
// then hint, diagnosis and fix opened one after the other. The analyzer runs on every edit; the
// exercise is solved when judge() says so (judge.ts). The marks of the exercise's own rule are
// shown from the hint on — before that, finding the trap is the user's part.

import type { EditorView } from '@codemirror/view';
import type { Finding } from '../../core/finding.js';
import type { Analysis } from '../analysis.js';
import { announce, h, replace } from '../dom.js';
import { createEditor, marksFor, setText, showMarks } from '../editor.js';
import { type Engine, getEngine } from '../engine.js';
import { DIFFICULTY_LABEL, type Exercise } from '../exercises.js';
import { type Judgement, judge } from '../judge.js';
import { spanToRange } from '../positions.js';
import { progressOf, type Stage, updateProgress } from '../progress.js';
import { exampleFiles, findingsList, markdown, placeOf, ruleHref } from './common.js';

interface FileTab {
  name: string;
  original: string;
  view: EditorView;
  tab: HTMLButtonElement;
  panel: HTMLElement;
}

const DEBOUNCE_MS = 60;

export function exercisePage(main: HTMLElement, ex: Exercise, all: Exercise[]): () => void {
  const saved = progressOf(ex.id);
  const revealed = new Set<Stage>(saved.revealed ?? []);
  let engine: Engine | null = null;
  let baseline: Analysis | null = null;
  let last: { analysis: Analysis; verdict: Judgement } | null = null;
  let timer: number | undefined;
  let saveTimer: number | undefined;

  // --- editors, one tab per file ------------------------------------------------------------
  const tablist = h('div', { role: 'tablist', 'aria-label': 'Files of the exercise', class: 'tabs' });
  const panels = h('div', { class: 'panels' });
  const tabs: FileTab[] = ex.files.map((f, i) => {
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${i}`,
        'aria-controls': `panel-${i}`,
        'aria-selected': i === 0 ? 'true' : 'false',
        tabindex: i === 0 ? '0' : '-1',
        class: 'tab',
      },
      f.name,
    );
    const panel = h('div', {
      role: 'tabpanel',
      id: `panel-${i}`,
      'aria-labelledby': `tab-${i}`,
      hidden: i !== 0,
    });
    const view = createEditor(panel, {
      text: saved.files?.[f.name] ?? f.text,
      fileName: f.name,
      label: `${f.name}, exercise ${ex.id}`,
      onChange: () => {
        schedule();
        scheduleSave();
      },
    });
    tablist.append(tab);
    panels.append(panel);
    return { name: f.name, original: f.text, view, tab, panel };
  });
  const select = (i: number, focus: boolean) => {
    tabs.forEach((t, j) => {
      t.tab.setAttribute('aria-selected', String(i === j));
      t.tab.tabIndex = i === j ? 0 : -1;
      t.panel.hidden = i !== j;
    });
    if (focus) tabs[i].tab.focus();
  };
  tabs.forEach((t, i) => {
    t.tab.addEventListener('click', () => select(i, false));
    t.tab.addEventListener('keydown', (ev) => {
      const n = tabs.length;
      const to =
        ev.key === 'ArrowRight'
          ? (i + 1) % n
          : ev.key === 'ArrowLeft'
            ? (i + n - 1) % n
            : ev.key === 'Home'
              ? 0
              : ev.key === 'End'
                ? n - 1
                : -1;
      if (to < 0) return;
      ev.preventDefault();
      select(to, true);
    });
  });
  // Open on the first Go file: the go.mod is rarely where the trap is.
  select(
    Math.max(
      0,
      tabs.findIndex((t) => t.name.endsWith('.go')),
    ),
    false,
  );

  const currentFiles = () => tabs.map((t) => ({ name: t.name, text: t.view.state.doc.toString() }));

  // --- verdict and findings -------------------------------------------------------------------
  const status = h('p', { class: 'verdict pending', role: 'status' }, 'Loading the analyzer…');
  const checks = h('ul', { class: 'checks', 'aria-label': 'What the fix needs' });
  const findingsBox = h('div', { class: 'now', hidden: true });
  const timing = h('p', { class: 'muted small', 'data-testid': 'timing' });

  const jump = (f: Finding) => {
    const i = tabs.findIndex((t) => t.name === f.file);
    if (i < 0) return;
    select(i, false);
    const view = tabs[i].view;
    const { from } = spanToRange(view.state.doc.toString(), f);
    view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    view.focus();
  };

  const marksVisible = () => revealed.has('hint');

  const render = () => {
    if (!last) return;
    const { analysis, verdict } = last;
    const ownHidden = !marksVisible();
    // Before the hint, only syntax errors and findings of other rules are marked.
    const shown = analysis.findings.filter((f) => !ownHidden || f.rule !== ex.id);
    for (const t of tabs) {
      const text = t.view.state.doc.toString();
      const marks = marksFor(text, t.name, shown, analysis.parseErrors);
      showMarks(t.view, marks);
      const count = marks.length;
      t.tab.textContent = count > 0 ? `${t.name} (${count})` : t.name;
      t.tab.setAttribute('aria-label', count > 0 ? `${t.name}, ${count} marked` : t.name);
    }
    const item = (ok: boolean, text: string | Node) =>
      h(
        'li',
        { class: ok ? 'ok' : 'no' },
        h('span', { 'aria-hidden': 'true', class: 'icon' }, ok ? '✓' : '✗'),
        ' ',
        h('span', { class: 'sr-only' }, ok ? 'done: ' : 'not yet: '),
        text,
      );
    const suppressed =
      verdict.remaining.length > 0 &&
      verdict.remaining.every((f) => f.suppressed || analysis.suppressed.includes(f));
    replace(
      checks,
      item(
        verdict.remaining.length === 0 && analysis.errors.length === 0,
        verdict.remaining.length === 0
          ? 'The trap is gone.'
          : suppressed
            ? 'The trap is only silenced (//gotrap:ignore): silencing is not fixing.'
            : ownHidden
              ? 'The analyzer still sees the trap.'
              : `The analyzer still sees the trap at ${verdict.remaining.map(placeOf).join(', ')}.`,
      ),
      item(
        verdict.parseErrors.length === 0,
        verdict.parseErrors.length === 0
          ? 'Every file parses.'
          : `Syntax error at ${verdict.parseErrors.map((p) => `${p.file}:${p.line}:${p.column}`).join(', ')}.`,
      ),
      item(
        verdict.added.length === 0,
        verdict.added.length === 0
          ? 'No new finding.'
          : `New finding: ${verdict.added.map((f) => `${f.rule} at ${placeOf(f)}`).join(', ')}.`,
      ),
      ex.essential.length > 0
        ? item(
            verdict.missing.length === 0,
            verdict.missing.length === 0
              ? `The code still does its job (${ex.essential.join(', ')} kept).`
              : `Missing: ${verdict.missing.join(', ')} — deleting the code is not a fix.`,
          )
        : null,
    );
    status.className = `verdict ${verdict.solved ? 'solved' : 'open'}`;
    announce(
      status,
      verdict.solved
        ? `Solved — ${ex.id} no longer fires and the code keeps its purpose.`
        : 'Not solved yet.',
    );
    if (verdict.solved && !progressOf(ex.id).solvedAt) {
      updateProgress(ex.id, (p) => {
        p.solvedAt = new Date().toISOString();
      });
    }
    findingsBox.hidden = !marksVisible();
    findingsBox.replaceChildren(
      h('h2', null, 'What the analyzer reports now'),
      analysis.findings.length === 0 ? h('p', null, 'Nothing.') : findingsList(analysis.findings, { jump }),
    );
    timing.textContent = `Analyzed in ${analysis.ms.toFixed(1)} ms.`;
    if (analysis.errors.length > 0) {
      status.className = 'verdict error';
      status.textContent = `The analyzer failed: ${analysis.errors.join('; ')}`;
    }
  };

  const analyze = () => {
    timer = undefined;
    if (!engine || !baseline) return;
    const files = currentFiles();
    const analysis = engine.analyze(files);
    const verdict = judge({
      rule: ex.id,
      essential: ex.essential,
      baseline: baseline.findings,
      findings: analysis.findings,
      suppressed: analysis.suppressed,
      parseErrors: analysis.parseErrors,
      errors: analysis.errors,
      files,
    });
    last = { analysis, verdict };
    render();
    // A counter the browser test waits on.
    main.dataset.analyses = String(Number(main.dataset.analyses ?? '0') + 1);
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = window.setTimeout(analyze, DEBOUNCE_MS);
  };
  const save = () => {
    saveTimer = undefined;
    const files: Record<string, string> = {};
    let changed = false;
    for (const t of tabs) {
      const text = t.view.state.doc.toString();
      files[t.name] = text;
      if (text !== t.original) changed = true;
    }
    updateProgress(ex.id, (p) => {
      if (changed) p.files = files;
      else delete p.files;
    });
  };
  const scheduleSave = () => {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = window.setTimeout(save, 300);
  };

  getEngine().then(
    (e) => {
      engine = e;
      baseline = e.analyze(ex.files.map((f) => ({ name: f.name, text: f.text })));
      analyze();
    },
    (err: Error) => {
      status.className = 'verdict error';
      status.textContent = `The analyzer could not load: ${err.message}`;
    },
  );

  // --- hypothesis, hint, diagnosis, fix ----------------------------------------------------------
  const hypothesis = h('textarea', {
    id: 'hypothesis',
    rows: '3',
    placeholder: 'What goes wrong, when, and why?',
    oninput: (ev: Event) => {
      const text = (ev.target as HTMLTextAreaElement).value;
      updateProgress(ex.id, (p) => {
        p.hypothesis = text;
      });
    },
  });
  hypothesis.value = saved.hypothesis ?? '';

  const stages: Array<{ id: Stage; button: string; heading: string; body: () => HTMLElement[] }> = [
    {
      id: 'hint',
      button: 'Show a hint',
      heading: 'Hint: what you would see',
      body: () => [
        markdown(ex.rule.docs.symptom),
        h('p', { class: 'note' }, 'The editor now marks where the analyzer sees the trap.'),
      ],
    },
    {
      id: 'diagnosis',
      button: 'Show the diagnosis',
      heading: 'Diagnosis',
      body: () => [
        h('p', null, h('strong', null, `${ex.id} ${ex.rule.name}`), `: ${ex.rule.title}.`),
        markdown(ex.rule.docs.why),
        h(
          'p',
          null,
          h('a', { href: ruleHref(ex.id) }, `The rule page of ${ex.id}`),
          ' has the Go versions and references.',
        ),
      ],
    },
    {
      id: 'fix',
      button: 'Show the fix',
      heading: 'Fix',
      body: () => [
        markdown(ex.rule.docs.fix),
        ...(ex.fixed ? [h('h3', null, 'One fixed version'), exampleFiles(ex.fixed)] : []),
      ],
    },
  ];
  const reveals = h('div', { class: 'reveals' });
  const renderStages = () => {
    const parts: HTMLElement[] = [];
    let next: (typeof stages)[number] | undefined;
    for (const s of stages) {
      if (revealed.has(s.id)) {
        parts.push(
          h(
            'section',
            { class: `stage stage-${s.id}`, id: `stage-${s.id}`, 'aria-labelledby': `h-${s.id}` },
            h('h2', { id: `h-${s.id}`, tabindex: '-1' }, s.heading),
            ...s.body(),
          ),
        );
      } else if (!next) {
        next = s;
      }
    }
    if (next) {
      const s = next;
      parts.push(
        h(
          'button',
          {
            type: 'button',
            class: 'reveal',
            id: `reveal-${s.id}`,
            onclick: () => {
              revealed.add(s.id);
              updateProgress(ex.id, (p) => {
                p.revealed = stages.map((x) => x.id).filter((x) => revealed.has(x));
              });
              renderStages();
              render();
              document.getElementById(`h-${s.id}`)?.focus();
            },
          },
          s.button,
        ),
      );
    }
    reveals.replaceChildren(...parts);
  };
  renderStages();

  // --- page -----------------------------------------------------------------------------------
  const index = all.findIndex((e) => e.id === ex.id);
  const next = all[(index + 1) % all.length];
  const link = new URL(`#/exercise/${ex.id}`, window.location.href).href;
  const essentials =
    ex.essential.length > 0
      ? h(
          'p',
          null,
          'Keep ',
          ...ex.essential.flatMap((id, i) => [i > 0 ? ', ' : '', h('code', null, id)]),
          ' in the code: deleting the code is not a fix.',
        )
      : null;

  replace(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Exercises'), ' / ', ex.id),
    h('h1', { tabindex: '-1' }, `Exercise ${ex.id}`),
    h(
      'p',
      { class: 'meta' },
      h('span', null, `lens: ${ex.lens}`),
      h('span', null, `subsystem: ${ex.subsystem}`),
      h('span', { class: `difficulty d${ex.difficulty}` }, `difficulty: ${DIFFICULTY_LABEL[ex.difficulty]}`),
    ),
    h(
      'p',
      { class: 'lead' },
      `This ${ex.subsystem} code has a trap in it. Find it and write down what you think goes wrong, then change the code so that the trap is gone. `,
      'The analyzer checks every edit.',
    ),
    essentials,
    h(
      'div',
      { class: 'workbench' },
      h('div', { class: 'code' }, tablist, panels, timing),
      h('div', { class: 'side' }, status, checks),
    ),
    h('div', { class: 'field' }, h('label', { for: 'hypothesis' }, 'Your hypothesis'), hypothesis),
    reveals,
    findingsBox,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            for (const t of tabs) setText(t.view, t.original);
          },
        },
        'Reset the code',
      ),
      h('a', { href: `#/exercise/${next.id}`, class: 'button' }, `Next: ${next.id}`),
    ),
    h('p', { class: 'share' }, 'Link to this exercise: ', h('a', { href: `#/exercise/${ex.id}` }, link)),
  );

  return () => {
    if (timer !== undefined) clearTimeout(timer);
    if (saveTimer !== undefined) {
      clearTimeout(saveTimer);
      save();
    }
    for (const t of tabs) t.view.destroy();
  };
}
