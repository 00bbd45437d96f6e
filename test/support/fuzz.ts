// A mutation fuzzer for the binary lens. It takes real and synthetic binaries as seeds, mutates
// them the ways hostile or damaged files differ from good ones (truncation, bit flips, huge and
// overlapping offsets, zero sizes, copied tables that point at themselves) and runs the whole
// audit on each. Every outcome must be a report, "not a Go binary" or "malformed"; anything
// else escaping, or a case slower than the limit, is recorded.

import { auditBinary, NotGoBinaryError } from '../../src/binary/audit.js';
import { BinaryFormatError, bytesSource } from '../../src/binary/types.js';
import { buildFat, buildMachO, buildPe, sampleElf64 } from './binary-builders.js';

/** xorshift32: small, seedable, reproducible. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const INTERESTING = [
  0, 1, 2, 4, 8, 16, 0x40, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
];

/** An offset biased towards where the headers and tables live. */
function pickOffset(len: number, r: () => number): number {
  const p = r();
  if (p < 0.5) return Math.floor(r() * Math.min(len, 4096));
  if (p < 0.7) return Math.max(0, len - 1 - Math.floor(r() * Math.min(len, 8192)));
  return Math.floor(r() * len);
}

function writeWord(b: Uint8Array, off: number, v: number, size: 4 | 8, little: boolean): void {
  for (let i = 0; i < size; i++) {
    const shift = i < 4 ? i * 8 : 0;
    const byte = i < 4 ? (v >>> shift) & 0xff : v > 0xffffffff ? 0xff : 0;
    const at = little ? off + i : off + size - 1 - i;
    if (at >= 0 && at < b.length) b[at] = byte;
  }
}

export type Mutation = 'truncate' | 'bitflip' | 'word' | 'copy' | 'zero' | 'size-of-file';

/** One mutated copy of `seed`, and what was done (for reproducing a failure). */
export function mutate(seed: Uint8Array, r: () => number): { bytes: Uint8Array; what: string } {
  const kinds: Mutation[] = [
    'truncate',
    'bitflip',
    'bitflip',
    'word',
    'word',
    'word',
    'copy',
    'zero',
    'size-of-file',
  ];
  const kind = kinds[Math.floor(r() * kinds.length)];
  if (kind === 'truncate') {
    const at = r() < 0.6 ? Math.floor(r() * Math.min(seed.length, 8192)) : Math.floor(r() * seed.length);
    return { bytes: seed.slice(0, at), what: `truncate@${at}` };
  }
  const b = seed.slice();
  const little = r() < 0.8;
  switch (kind) {
    case 'bitflip': {
      const n = 1 + Math.floor(r() * 8);
      const offs: number[] = [];
      for (let i = 0; i < n; i++) {
        const o = pickOffset(b.length, r);
        b[o] ^= 1 << Math.floor(r() * 8);
        offs.push(o);
      }
      return { bytes: b, what: `bitflip@${offs.join(',')}` };
    }
    case 'word': {
      const size = r() < 0.5 ? 4 : 8;
      const o = pickOffset(b.length, r) & ~(size - 1);
      const v = INTERESTING[Math.floor(r() * INTERESTING.length)];
      writeWord(b, o, v, size, little);
      return { bytes: b, what: `word${size}@${o}=${v}` };
    }
    case 'size-of-file': {
      // Offsets and sizes that point exactly at, just past, or far beyond the end.
      const size = r() < 0.5 ? 4 : 8;
      const o = pickOffset(b.length, r) & ~(size - 1);
      const v = [b.length, b.length + 1, b.length - 1, b.length * 2][Math.floor(r() * 4)];
      writeWord(b, o, v, size, little);
      return { bytes: b, what: `eof-word${size}@${o}=${v}` };
    }
    case 'copy': {
      // Copy a header/table region over another: overlapping and self-referencing structures.
      const from = pickOffset(b.length, r);
      const to = pickOffset(b.length, r);
      const n = 1 + Math.floor(r() * 64);
      b.copyWithin(to, from, Math.min(b.length, from + n));
      return { bytes: b, what: `copy ${from}->${to} x${n}` };
    }
    default: {
      const o = pickOffset(b.length, r);
      const n = 1 + Math.floor(r() * 256);
      b.fill(0, o, Math.min(b.length, o + n));
      return { bytes: b, what: `zero@${o} x${n}` };
    }
  }
}

export type Outcome = 'report' | 'not-go' | 'malformed';

/** Runs the whole audit (format, Go facts, rules, JSON entry) on one input. Throws what escapes. */
export function auditOnce(bytes: Uint8Array): Outcome {
  try {
    const out = auditBinary(bytesSource(bytes), { file: 'fuzz.bin', target: 'linux/amd64,debian:11' });
    JSON.stringify(out.entry);
    return 'report';
  } catch (e) {
    if (e instanceof NotGoBinaryError) return 'not-go';
    if (e instanceof BinaryFormatError) return 'malformed';
    throw e;
  }
}

export interface FuzzStats {
  cases: number;
  outcomes: Record<Outcome, number>;
  /** Cases that threw something other than the two expected errors. */
  escapes: { seed: number; what: string; error: string }[];
  /** Cases slower than the limit. */
  slow: { seed: number; what: string; ms: number }[];
  maxMs: number;
  totalMs: number;
  maxHeapMB: number;
}

export function fuzz(
  seeds: { name: string; bytes: Uint8Array }[],
  cases: number,
  opts: { seed?: number; limitMs?: number; onProgress?: (s: FuzzStats) => void } = {},
): FuzzStats {
  const r = rng(opts.seed ?? 1);
  const limit = opts.limitMs ?? 1000;
  const stats: FuzzStats = {
    cases: 0,
    outcomes: { report: 0, 'not-go': 0, malformed: 0 },
    escapes: [],
    slow: [],
    maxMs: 0,
    totalMs: 0,
    maxHeapMB: 0,
  };
  for (let i = 0; i < cases; i++) {
    const seedIndex = Math.floor(r() * seeds.length);
    const { bytes, what } = mutate(seeds[seedIndex].bytes, r);
    const label = `${seeds[seedIndex].name}: ${what}`;
    const t0 = performance.now();
    try {
      stats.outcomes[auditOnce(bytes)]++;
    } catch (e) {
      const err = e as Error;
      stats.escapes.push({
        seed: seedIndex,
        what: label,
        error: `${err.name}: ${err.message}`.slice(0, 300),
      });
    }
    const ms = performance.now() - t0;
    stats.totalMs += ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (ms > limit) stats.slow.push({ seed: seedIndex, what: label, ms: Math.round(ms) });
    stats.cases++;
    if (i % 500 === 0) {
      stats.maxHeapMB = Math.max(stats.maxHeapMB, process.memoryUsage().heapUsed / 1048576);
      opts.onProgress?.(stats);
    }
  }
  stats.maxHeapMB = Math.max(stats.maxHeapMB, process.memoryUsage().heapUsed / 1048576);
  return stats;
}

/** Seeds the fuzzer can always use: small synthetic ELF (with and without sections), Mach-O, fat and PE files. */
export function syntheticSeeds(): { name: string; bytes: Uint8Array }[] {
  const macho = buildMachO({
    bits: 64,
    endian: 'little',
    cputype: 0x01000007,
    dylibs: ['/usr/lib/libSystem.B.dylib'],
  });
  return [
    { name: 'elf64', bytes: sampleElf64(true).bytes },
    { name: 'elf64-nosections', bytes: sampleElf64(false).bytes },
    { name: 'macho', bytes: macho.bytes },
    { name: 'fat', bytes: buildFat([{ cputype: 0x01000007, bytes: macho.bytes }]) },
    {
      name: 'pe',
      bytes: buildPe({ plus: true, imports: ['kernel32.dll'], symbols: [{ name: 'runtime.text', value: 0 }] })
        .bytes,
    },
  ];
}
