// Groups goroutines whose stacks are the same (panicparse's buckets), as a step of its own after
// parsing. Two goroutines share a bucket when they have the same state (without its `N minutes`),
// the same locked-to-thread flag, the same frames in order — function, file and line — and the
// same creator (function, file, line). Argument values, ids and wait times are ignored; the bucket
// keeps the count, the minimum and maximum wait and the first ids.
//
// The bucketer is incremental so that a dump too large to keep can be grouped as it is parsed:
// pass `bucketer.add` as the parser's onGoroutine.

import type { Bucket, Goroutine } from './model.js';

export interface BucketOptions {
  /** Goroutine ids stored per bucket (default 100); the count is always exact. */
  maxIds?: number;
}

export interface Bucketer {
  /** Adds one goroutine; `crashing` marks the crashing one (its bucket sorts first). */
  add(g: Goroutine, crashing?: boolean): void;
  /** Goroutines added so far. */
  readonly count: number;
  /** The buckets: the crashing one first, then by count (largest first), then in input order. */
  buckets(): Bucket[];
}

export const DEFAULT_MAX_IDS = 100;

/** The bucket key of a goroutine as one string (two goroutines share a bucket exactly when their keys are equal). */
export function bucketKey(g: Goroutine): string {
  let key = `${g.state}\u0000${g.lockedToThread ? 1 : 0}`;
  for (const f of g.frames) key += `\u0000${f.func}\u0001${f.file ?? ''}\u0001${f.line ?? ''}`;
  const c = g.createdBy;
  if (c) key += `\u0002${c.func}\u0001${c.file ?? ''}\u0001${c.line ?? ''}`;
  return key;
}

interface Entry {
  bucket: Bucket;
  order: number;
}

/**
 * A trie over the key's parts (state, lock, each frame's function, file and line, the creator):
 * walking it costs a few map lookups on strings the parser already interned, instead of building
 * and hashing one long key string per goroutine.
 */
interface Node {
  next: Map<unknown, Node>;
  entry?: Entry;
}

const CREATOR = Symbol('created by');

function child(n: Node, k: unknown): Node {
  let c = n.next.get(k);
  if (!c) {
    c = { next: new Map() };
    n.next.set(k, c);
  }
  return c;
}

export function createBucketer(options: BucketOptions = {}): Bucketer {
  const maxIds = options.maxIds ?? DEFAULT_MAX_IDS;
  const root: Node = { next: new Map() };
  const entries: Entry[] = [];
  let count = 0;

  function find(g: Goroutine): Node {
    let n = child(child(root, g.state), g.lockedToThread);
    for (const f of g.frames) n = child(child(child(n, f.func), f.file), f.line);
    const c = g.createdBy;
    if (c) n = child(child(child(child(n, CREATOR), c.func), c.file), c.line);
    return n;
  }

  function add(g: Goroutine, crashing = false): void {
    count++;
    const node = find(g);
    let e = node.entry;
    if (!e) {
      const bucket: Bucket = {
        count: 0,
        state: g.state,
        lockedToThread: g.lockedToThread,
        frames: g.frames.map(pos),
        ids: [],
        crashing: false,
        inputLine: g.inputLine,
      };
      if (g.createdBy) bucket.createdBy = pos(g.createdBy);
      e = { bucket, order: entries.length };
      node.entry = e;
      entries.push(e);
    }
    const b = e.bucket;
    b.count++;
    if (b.ids.length < maxIds) b.ids.push(g.id);
    else if (crashing) b.ids.push(g.id);
    if (crashing) b.crashing = true;
    if (g.minutes !== undefined) {
      if (b.minMinutes === undefined || g.minutes < b.minMinutes) b.minMinutes = g.minutes;
      if (b.maxMinutes === undefined || g.minutes > b.maxMinutes) b.maxMinutes = g.minutes;
    }
  }

  function buckets(): Bucket[] {
    const sorted = [...entries];
    sorted.sort(
      (a, b) =>
        Number(b.bucket.crashing) - Number(a.bucket.crashing) ||
        b.bucket.count - a.bucket.count ||
        a.order - b.order,
    );
    return sorted.map((e) => e.bucket);
  }

  return {
    add,
    get count() {
      return count;
    },
    buckets,
  };
}

/** Buckets a list of goroutines (the model's, when it kept them all). */
export function bucketGoroutines(
  goroutines: Iterable<Goroutine>,
  crashingGoroutine: number | null,
  options?: BucketOptions,
): Bucket[] {
  const b = createBucketer(options);
  let crashSeen = false;
  for (const g of goroutines) {
    const crashing = !crashSeen && crashingGoroutine !== null && g.id === crashingGoroutine;
    if (crashing) crashSeen = true;
    b.add(g, crashing);
  }
  return b.buckets();
}

function pos(f: { func: string; file?: string; line?: number }): {
  func: string;
  file?: string;
  line?: number;
} {
  const p: { func: string; file?: string; line?: number } = { func: f.func };
  if (f.file !== undefined) p.file = f.file;
  if (f.line !== undefined) p.line = f.line;
  return p;
}
