// Finds fixed byte strings in file ranges, reading in bounded chunks so that a large read-only
// data section never has to be in memory at once.

import type { ByteSource } from '../types.js';

const CHUNK = 1024 * 1024;

export interface Range {
  offset: number;
  size: number;
}

/** Which of `needles` occur in any of `ranges` (ASCII needles; stops early once all are found). */
export function findStrings(src: ByteSource, ranges: Range[], needles: readonly string[]): Set<string> {
  const found = new Set<string>();
  const pats = needles.map((n) => ({ text: n, bytes: Uint8Array.from(n, (c) => c.charCodeAt(0)) }));
  const longest = Math.max(1, ...pats.map((p) => p.bytes.length));
  for (const r of ranges) {
    const end = Math.min(src.size, r.offset + r.size);
    for (let at = Math.max(0, r.offset); at < end && found.size < pats.length; at += CHUNK) {
      // Overlap chunks by the longest needle so a match across a chunk boundary is seen.
      const buf = src.read(at, Math.min(CHUNK + longest - 1, end - at));
      for (const p of pats) if (!found.has(p.text) && indexOf(buf, p.bytes) >= 0) found.add(p.text);
      if (buf.length === 0) break;
    }
  }
  return found;
}

/** First index of `needle` in `hay`, or -1. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return from;
  const first = needle[0];
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
