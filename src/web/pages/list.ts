// The exercise list: filters by lens, subsystem, difficulty and progress. The filters live in
// the address (`#/?subsystem=cgo&difficulty=1`), so a filtered list can be shared too.

import { h } from '../dom.js';
import { DIFFICULTY_LABEL, type Exercise } from '../exercises.js';
import { solvedIds } from '../progress.js';

interface Filter {
  key: 'lens' | 'subsystem' | 'difficulty' | 'status';
  label: string;
  options: Array<[value: string, label: string]>;
}

export function listPage(main: HTMLElement, exercises: Exercise[], query: URLSearchParams): void {
  const solved = solvedIds();
  const distinct = (values: string[]) => [...new Set(values)];
  const filters: Filter[] = [
    { key: 'lens', label: 'Lens', options: distinct(exercises.map((e) => e.lens)).map((l) => [l, l]) },
    {
      key: 'subsystem',
      label: 'Subsystem',
      options: distinct(exercises.map((e) => e.subsystem)).map((s) => [s, s]),
    },
    {
      key: 'difficulty',
      label: 'Difficulty',
      options: ([1, 2, 3] as const)
        .filter((d) => exercises.some((e) => e.difficulty === d))
        .map((d) => [String(d), DIFFICULTY_LABEL[d]]),
    },
    {
      key: 'status',
      label: 'Progress',
      options: [
        ['todo', 'not solved yet'],
        ['solved', 'solved'],
      ],
    },
  ];
  const selected = (key: Filter['key']) => query.get(key) ?? '';
  const matches = (e: Exercise) =>
    (!selected('lens') || e.lens === selected('lens')) &&
    (!selected('subsystem') || e.subsystem === selected('subsystem')) &&
    (!selected('difficulty') || String(e.difficulty) === selected('difficulty')) &&
    (!selected('status') || (selected('status') === 'solved') === solved.has(e.id));

  const summary = h('p', { id: 'list-summary', role: 'status' });
  const body = h('tbody');
  const render = () => {
    const shown = exercises.filter(matches);
    body.replaceChildren(...shown.map((e) => row(e, solved.has(e.id))));
    summary.textContent =
      `${shown.length} of ${exercises.length} exercises shown · ` + `${solved.size} solved so far`;
  };

  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter the exercises', onsubmit: (ev: Event) => ev.preventDefault() },
    filters.map((f) => {
      const select = h(
        'select',
        {
          id: `filter-${f.key}`,
          name: f.key,
          onchange: (ev: Event) => {
            const value = (ev.target as HTMLSelectElement).value;
            if (value) query.set(f.key, value);
            else query.delete(f.key);
            const qs = query.toString();
            history.replaceState(null, '', `#/${qs ? `?${qs}` : ''}`);
            render();
          },
        },
        h('option', { value: '' }, 'all'),
        f.options.map(([value, label]) => h('option', { value, selected: value === selected(f.key) }, label)),
      );
      return h('div', { class: 'field' }, h('label', { for: select.id }, f.label), select);
    }),
  );

  main.replaceChildren(
    h('h1', { tabindex: '-1' }, 'Find the bug'),
    h(
      'p',
      { class: 'lead' },
      'Each exercise is a small piece of Go with one trap of the Go runtime, cgo or //go:linkname in it — ',
      'the example from the rule that catches it. Read the code, say what goes wrong, then fix it in the editor: ',
      "gotrap's analyzer runs in this page on every edit and tells you when the trap is gone.",
    ),
    form,
    summary,
    h(
      'table',
      { class: 'exercises', 'aria-describedby': 'list-summary' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Exercise', 'Subsystem', 'Difficulty', 'Files', 'Progress'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      body,
    ),
  );
  render();
}

function row(e: Exercise, solved: boolean): HTMLElement {
  return h(
    'tr',
    { class: solved ? 'solved' : undefined },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: `#/exercise/${e.id}` }, e.id),
      // The rule's title gives the trap away: shown once the exercise is solved.
      solved ? h('span', { class: 'subtitle' }, e.rule.title) : null,
    ),
    h('td', null, e.subsystem),
    h('td', null, h('span', { class: `difficulty d${e.difficulty}` }, DIFFICULTY_LABEL[e.difficulty])),
    h('td', { class: 'mono' }, e.files.map((f) => f.name).join(', ')),
    h(
      'td',
      null,
      solved ? h('span', { class: 'badge ok' }, '✓ solved') : h('span', { class: 'muted' }, 'not yet'),
    ),
  );
}
