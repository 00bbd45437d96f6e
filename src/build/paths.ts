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
