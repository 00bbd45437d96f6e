// What the trainer remembers between visits, in localStorage: which exercises are solved, the
// user's hypothesis and code for each, which explanations were opened, the playground's text.
// Storage may be unavailable (private windows, disabled cookies): the page then forgets.

export type Stage = 'hint' | 'diagnosis' | 'fix';

export interface ExerciseProgress {
  /** ISO date of the first time the exercise was solved. */
  solvedAt?: string;
  hypothesis?: string;
  /** The user's edited files, by name; absent when untouched. */
  files?: Record<string, string>;
  revealed?: Stage[];
}

interface Saved {
  version: 1;
  exercises: Record<string, ExerciseProgress>;
  playground?: string;
}

const KEY = 'gotrap.trainer';

function read(): Saved {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) {
      const data = JSON.parse(raw) as Saved;
      if (data && data.version === 1 && typeof data.exercises === 'object') return data;
    }
  } catch {
    // unreadable or unavailable: start afresh
  }
  return { version: 1, exercises: {} };
}

function write(data: Saved): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(data));
  } catch {
    // full or unavailable: the page keeps working without memory
  }
}

export function progressOf(id: string): ExerciseProgress {
  return read().exercises[id] ?? {};
}

export function updateProgress(id: string, change: (p: ExerciseProgress) => void): ExerciseProgress {
  const data = read();
  const p = data.exercises[id] ?? {};
  change(p);
  data.exercises[id] = p;
  write(data);
  return p;
}

export function solvedIds(): Set<string> {
  const all = read().exercises;
  return new Set(Object.keys(all).filter((id) => all[id].solvedAt));
}

export function savedPlayground(): string | undefined {
  return read().playground;
}

export function savePlayground(text: string): void {
  const data = read();
  data.playground = text;
  write(data);
}
