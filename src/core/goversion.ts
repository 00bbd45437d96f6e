// Go release numbers: "1.21", "1.21.3", "go1.22rc1", "go1.23.5". Only major.minor matters for
// every fact gotrap keeps (language version, linker checks, GODEBUG defaults).

export interface GoVersion {
  major: number;
  minor: number;
  patch: number;
}

const RE = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|beta)\d+)?$/;

export function parseGoVersion(s: string): GoVersion | null {
  const m = RE.exec(s.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] ? Number(m[3]) : 0 };
}

export function formatGoVersion(v: GoVersion, withPatch = false): string {
  return withPatch && v.patch ? `${v.major}.${v.minor}.${v.patch}` : `${v.major}.${v.minor}`;
}

/** Compares major.minor (and patch when both have one). */
export function compareGoVersion(a: GoVersion, b: GoVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** a >= 1.N */
export function atLeast(v: GoVersion, minor: number): boolean {
  return v.major > 1 || (v.major === 1 && v.minor >= minor);
}

/** The releases gotrap carries per-release facts for. */
export const KNOWN_MINORS = [19, 20, 21, 22, 23, 24, 25, 26] as const;
export const NEWEST_KNOWN_MINOR = 26;
