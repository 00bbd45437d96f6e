// The module information the go command embeds in a binary (runtime.modinfo): tab-separated
// `path`, `mod`, `dep`, `=>` and `build key=value` lines, framed by two 16-byte sentinels.
// The reverse of runtime/debug.BuildInfo.String, parsed tolerantly: unknown and blank lines are
// skipped, malformed module lines keep what they have.

import type { BuildInfo, GoModule } from '../go-types.js';
import { decodeUtf8 } from './util.js';

const SENTINEL_LEN = 16;

/**
 * Strips the sentinels around raw modinfo bytes. As debug/buildinfo does: only when the data is at
 * least 33 bytes long and byte len-17 is '\n'; otherwise the data is not module information and
 * the result is empty.
 */
export function stripModinfoSentinels(raw: Uint8Array): Uint8Array {
  if (raw.length >= 2 * SENTINEL_LEN + 1 && raw[raw.length - SENTINEL_LEN - 1] === 0x0a) {
    return raw.subarray(SENTINEL_LEN, raw.length - SENTINEL_LEN);
  }
  return new Uint8Array(0);
}

export type ModInfo = Pick<BuildInfo, 'path' | 'main' | 'deps' | 'settings'>;

/** Parses modinfo text (sentinels already stripped). */
export function parseModinfo(text: string): ModInfo {
  const info: ModInfo = { path: null, main: null, deps: [], settings: [] };
  // The module a following `=>` line replaces (as in runtime/debug.ParseBuildInfo, only module
  // and `=>` lines change it).
  let last: GoModule | null = null;
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue; // blank or unknown line
    const word = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    switch (word) {
      case 'path':
        info.path = rest;
        break;
      case 'mod':
      case 'dep': {
        const m = moduleLine(rest.split('\t'));
        if (word === 'mod') info.main = m;
        else info.deps.push(m);
        last = m;
        break;
      }
      case '=>':
        if (last) last.replace = moduleLine(rest.split('\t'));
        last = null;
        break;
      case 'build': {
        const kv = buildSetting(rest);
        if (kv) info.settings.push(kv);
        break;
      }
      // Other words are from a newer go command: skip them, as runtime/debug does.
    }
  }
  return info;
}

/** Parses raw modinfo bytes as embedded (with sentinels). */
export function parseModinfoBytes(raw: Uint8Array): ModInfo {
  return parseModinfo(decodeUtf8(stripModinfoSentinels(raw)));
}

function moduleLine(cols: string[]): GoModule {
  const m: GoModule = { path: cols[0] ?? '', version: cols[1] ?? '' };
  if (cols[2]) m.sum = cols[2];
  return m;
}

/** `key=value`, where key and value may be Go-quoted (strconv.Quote) when they need it. */
function buildSetting(kv: string): { key: string; value: string } | null {
  if (kv === '' || kv[0] === '=') return null;
  let key: string;
  let rawValue: string;
  if (kv[0] === '"' || kv[0] === '`') {
    const end = quotedPrefixLength(kv);
    if (end < 0 || kv[end] !== '=') return null;
    key = unquoteGo(kv.slice(0, end)) ?? kv.slice(0, end);
    rawValue = kv.slice(end + 1);
  } else {
    const eq = kv.indexOf('=');
    if (eq < 0) return null;
    key = kv.slice(0, eq);
    rawValue = kv.slice(eq + 1);
  }
  let value = rawValue;
  if (rawValue[0] === '"' || rawValue[0] === '`') value = unquoteGo(rawValue) ?? rawValue;
  return { key, value };
}

/** Length of the Go quoted string at the start of `s`, or -1. */
function quotedPrefixLength(s: string): number {
  const q = s[0];
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (q === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === q) return i + 1;
  }
  return -1;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 0x5c,
  '"': 0x22,
};

/** strconv.Unquote for `"..."` and backquoted strings; null when malformed. */
export function unquoteGo(s: string): string | null {
  if (s.length < 2) return null;
  const q = s[0];
  if (s[s.length - 1] !== q) return null;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? null : body.replaceAll('\r', '');
  if (q !== '"') return null;
  // Collect UTF-8 bytes: \x and octal escapes are single bytes, \u and \U are code points.
  const out: number[] = [];
  const enc = new TextEncoder();
  const pushCodePoint = (cp: number) => {
    for (const b of enc.encode(String.fromCodePoint(cp))) out.push(b);
  };
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === '"' || c === '\n') return null;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      pushCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) {
      out.push(SIMPLE_ESCAPES[e]!);
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return null;
      const v = Number.parseInt(hex, 16);
      if (e === 'x') out.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
      else pushCodePoint(v);
      i += 2 + n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      const v = Number.parseInt(oct, 8);
      if (v > 255) return null;
      out.push(v);
      i += 4;
    } else {
      return null;
    }
  }
  return decodeUtf8(Uint8Array.from(out));
}
