// Posix path arithmetic for the build lens: directories relative to a base (the build context,
// the repository root) and absolute paths inside an image. No Node APIs: `node:path` is not in
// the browser, and these rules (null when a path climbs out) are the lens's own.

function segments(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}

/**
 * `rel` joined to the relative directory `base` (`.` for the base itself). Null when `rel` is
 * absolute or climbs above where `base` starts.
 */
export function joinRel(base: string, rel: string): string | null {
  if (rel.startsWith('/')) return null;
  const parts = base === '' ? [] : segments(base);
  for (const seg of segments(rel)) {
    if (seg === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '..') return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

/**
 * Like joinRel, but a path that climbs above the base keeps its `..` (scan-relative directories
 * may lie outside the working directory: `gotrap scan ../other`). Null only for an absolute `rel`.
 */
export function joinRelOut(base: string, rel: string): string | null {
  if (rel.startsWith('/')) return null;
  const parts = base === '' ? [] : segments(base);
  for (const seg of segments(rel)) {
    if (seg === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '..') parts.push('..');
      else parts.pop();
    } else parts.push(seg);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

/** An absolute path inside an image: `p` resolved against the absolute `base`, clamped at `/`. */
export function joinAbs(base: string, p: string): string {
  const parts = p.startsWith('/') ? [] : segments(base);
  for (const seg of segments(p)) {
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** The directory part of a display path (`.` for a bare name). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

/** The parent of a relative directory, null above `.`. */
export function parentOf(d: string): string | null {
  if (d === '.' || d === '/' || d === '') return null;
  const i = d.lastIndexOf('/');
  return i < 0 ? '.' : d.slice(0, i);
}

/** `dir` relative to `base` (both relative to the same root), null when it is not below it. */
export function relativeDir(base: string, dir: string): string | null {
  if (base === '.' || base === '') return dir;
  if (dir === base) return '.';
  return dir.startsWith(`${base}/`) ? dir.slice(base.length + 1) : null;
}
