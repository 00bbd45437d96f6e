// The trainer and playground: a static page with hash routes.
//   #/ (filters in the query)   the exercise list
//   #/exercise/<ID>             one exercise
//   #/playground                paste or drop code, a go.mod, a log, a binary
//   #/rules, #/rule/<ID>        rule documentation

import './style.css';
import { ALL_RULES, RULES } from '../rules.js';
import { h } from './dom.js';
import { exercisesFrom } from './exercises.js';
import { exercisePage } from './pages/exercise.js';
import { listPage } from './pages/list.js';
import { playgroundPage } from './pages/playground.js';
import { rulePage, rulesIndexPage } from './pages/rules.js';

const EXERCISES = exercisesFrom(ALL_RULES);
const main = document.getElementById('main')!;
let cleanup: (() => void) | undefined;

function route(moveFocus: boolean): void {
  if (cleanup) cleanup();
  cleanup = undefined;
  const hash = window.location.hash.replace(/^#/, '');
  const [path, qs] = hash.split('?', 2);
  const parts = path.split('/').filter(Boolean);
  const query = new URLSearchParams(qs ?? '');
  let title = 'Exercises';
  let section = 'exercises';
  if (parts.length === 0 || (parts[0] === 'exercises' && parts.length === 1)) {
    listPage(main, EXERCISES, query);
  } else if (parts[0] === 'exercise' && parts.length === 2) {
    const ex = EXERCISES.find((e) => e.id === parts[1].toUpperCase());
    if (ex) {
      cleanup = exercisePage(main, ex, EXERCISES);
      title = `Exercise ${ex.id}`;
    } else notFound(`There is no exercise ${parts[1]}.`);
  } else if (parts[0] === 'playground') {
    cleanup = playgroundPage(main, EXERCISES);
    title = 'Playground';
    section = 'playground';
  } else if (parts[0] === 'rules') {
    rulesIndexPage(main, ALL_RULES);
    title = 'Rules';
    section = 'rules';
  } else if (parts[0] === 'rule' && parts.length === 2) {
    const rule = RULES.find(parts[1]);
    section = 'rules';
    if (rule) {
      rulePage(
        main,
        rule,
        EXERCISES.find((e) => e.id === rule.id),
      );
      title = `${rule.id} ${rule.name}`;
    } else notFound(`There is no rule ${parts[1]}.`);
  } else {
    notFound('There is no such page.');
  }
  document.title = `${title} · gotrap trainer`;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // Keyboard and screen-reader users land on the new page's heading.
  if (moveFocus) (main.querySelector<HTMLElement>('h1') ?? main).focus();
}

function notFound(message: string): void {
  main.replaceChildren(
    h('h1', { tabindex: '-1' }, 'Not found'),
    h('p', null, message, ' ', h('a', { href: '#/' }, 'All exercises')),
  );
}

document.getElementById('skip')?.addEventListener('click', (ev) => {
  ev.preventDefault();
  (main.querySelector<HTMLElement>('h1') ?? main).focus();
});
window.addEventListener('hashchange', () => route(true));
route(false);

if ('serviceWorker' in navigator && import.meta.env.PROD && window.location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // No offline copy (a private window, say): the page works online all the same.
  });
}
