// What the binary lens knows about the Go side of an executable (read by src/binary/go/).

export interface GoModule {
  path: string;
  version: string;
  /** `h1:...` when recorded (a module followed by `=>` has none). */
  sum?: string;
  replace?: GoModule;
}

export interface BuildInfo {
  /** `go1.19.8` */
  goVersion: string | null;
  /** Main package path (`path` line). */
  path: string | null;
  main: GoModule | null;
  deps: GoModule[];
  /** `build` lines in file order (CGO_ENABLED, -tags, -ldflags, -trimpath, GOOS, GOARCH, GOAMD64, vcs.*...). */
  settings: { key: string; value: string }[];
  /** Go 1.18+ inline strings, or the older pointer format. */
  format: 'inline' | 'pointer';
}

export interface GoFacts {
  /** Some Go evidence was found (build info, version string, or pclntab). */
  isGo: boolean;
  buildInfo: BuildInfo | null;
  /** Best known Go version (`go1.19.8`), from build info, else the runtime's version string. */
  goVersion: string | null;
  /** Where goVersion (or the range) came from. */
  versionSource: 'buildinfo' | 'version-string' | 'pclntab' | null;
  /** When only the pclntab magic is known: an honest range such as `go1.20–go1.26`. */
  versionRange: string | null;
  /** Function names from pclntab (survives stripping); null without a readable pclntab. Lazy. */
  functions(): string[] | null;
  /** cgo code really linked, and the markers that showed it (catalog: "cgo linked"). */
  cgo: { linked: boolean; evidence: string[] };
}
