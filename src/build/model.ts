// The build lens's model: what its readers (Dockerfile, Makefile, shell, CI YAML, goreleaser,
// Kubernetes manifests) extract from build files, before the engine resolves it against the
// module's packages. Readers take text and return these values; no Node APIs here.

export type BuildFileKind =
  | 'dockerfile'
  | 'makefile'
  | 'shell'
  | 'github'
  | 'gitlab'
  | 'circleci'
  | 'goreleaser'
  | 'kubernetes';

/** A build file as the CLI hands it to the lens. */
export interface BuildFile {
  /** Display path (relative to the working directory, `/` separators). */
  path: string;
  kind: BuildFileKind;
  text: string;
}

/** A 1-based position in a build file. */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

/**
 * A variable setting that reaches a go command: Dockerfile ENV/ARG, shell `export`/assignment,
 * an inline `VAR=value cmd` prefix, a Make variable, a YAML `env:`/`variables:` entry, a
 * goreleaser `env:` item.
 */
export interface Setting {
  name: string;
  /**
   * The value after substitution. Null when it cannot be known (`$(shell ...)`, an ARG without
   * a default, `${{ secrets.X }}`).
   */
  value: string | null;
  /**
   * When the value depends on a matrix or a list of targets (`${{ matrix.goarch }}`, goreleaser
   * goarch): every value it takes. `value` is then the first of them.
   */
  values?: string[];
  /** True for Docker's automatic platform ARGs (`$TARGETARCH`, `$TARGETOS`, ...): follows the target platform. */
  platformArg?: boolean;
  loc: Loc;
  via: 'env' | 'arg' | 'inline' | 'export' | 'make' | 'yaml' | 'goreleaser';
}

export type Env = Record<string, Setting>;

/** One `go build` / `go install` / `go test` / `go run` found in a build file. */
export interface GoCommand {
  /** Where the `go` word is (the command's first word when a wrapper like `env` or `sudo` precedes it). */
  loc: Loc;
  verb: 'build' | 'install' | 'test' | 'run';
  /** Every word after the verb, unquoted and substituted (flags and package patterns, in order). */
  args: string[];
  /**
   * Settings in effect for this command, last one wins: inherited ENV/ARG/YAML env/Make exports,
   * `export` and assignments earlier in the same script, and the inline prefix.
   */
  env: Env;
  /**
   * Directory the command runs in, relative to the build context / repository root (posix,
   * `.` for the root). Null when unknown (a `cd` to a computed path).
   */
  dir: string | null;
  /** Absolute directory inside the image for Dockerfile commands (WORKDIR + `cd`), else null. */
  imageDir: string | null;
  kind: BuildFileKind;
  /** Dockerfile: index of the stage the command runs in. */
  stage?: number;
  /**
   * The platform of the machine that runs the command, `os/arch`, when the file says it
   * (GitHub `runs-on`), or `$BUILDPLATFORM` for a Dockerfile stage `FROM --platform=$BUILDPLATFORM`.
   * Null when the file does not say (Makefiles, scripts): the engine assumes linux/amd64.
   */
  host: string | null;
  /** The image the command runs in (Dockerfile stage base, GitLab `image:`, CircleCI `docker:`). */
  image: string | null;
  /**
   * goreleaser only: the targets of the build (`linux/amd64`, ...), from goos × goarch minus
   * ignore. Other commands build for GOOS/GOARCH from `env` (else the host).
   */
  targets?: string[];
  /** A release build (every goreleaser build; set by the engine for Dockerfiles). */
  release?: boolean;
  /** Go toolchain version when the file pins one (`setup-go` go-version, goreleaser gobinary). */
  goVersion?: string | null;
  /**
   * Declarative builds (goreleaser) have no command line: where each setting that became a flag
   * is written (`buildmode:`, `ldflags:` and the item that holds `-extldflags`, `flags:`,
   * `gcflags:`, `tags:`), so a rule can point at the key that completes its trigger.
   */
  keyLocs?: Partial<Record<'buildmode' | 'ldflags' | 'extldflags' | 'flags' | 'gcflags' | 'tags', Loc>>;
}

/** `apk add`, `apt-get install`, `yum|dnf|microdnf install` package names seen in a script. */
export interface Installs {
  packages: string[];
  loc: Loc;
  /** apt/apt-get also installs Recommends (no `--no-install-recommends`, no `-o APT::Install-Recommends=false`). */
  recommends?: boolean;
}

/** What a shell fragment did: commands found, and the state it leaves behind. */
export interface ShellResult {
  commands: GoCommand[];
  installs: Installs[];
  /** Environment after the fragment (exports and top-level assignments persist). */
  env: Env;
  /** Directory after the fragment (`cd` at top level persists within one script). */
  dir: string | null;
  imageDir: string | null;
}

// ---- Dockerfiles -------------------------------------------------------------------------------

export interface DockerCopy {
  /** `--from=` value: a stage index when it names a stage (by name or number), else the image name. */
  from: number | string | null;
  /** Source paths as written (after ARG/ENV substitution). */
  src: string[];
  /** Destination, absolute in the image (WORKDIR applied). */
  dest: string;
  loc: Loc;
}

export interface DockerStage {
  index: number;
  /** `AS name`, lower-cased as Docker compares it. */
  name: string | null;
  /** The FROM reference after ARG substitution (`golang:1.22-alpine`), or the stage name it builds on. */
  image: string;
  /** The FROM line. */
  loc: Loc;
  /** `--platform=` value as written (`$BUILDPLATFORM`, `linux/amd64`), null when absent. */
  platform: string | null;
  /** The stage this one builds on (`FROM builder AS final`), else null. */
  baseStage: number | null;
  copies: DockerCopy[];
  installs: Installs[];
  /** Settings in effect at the end of the stage (ENV/ARG, with those inherited from baseStage). */
  env: Env;
  /** `ENV` lines of this stage (for rules that report at an ENV line). */
  envLines: Setting[];
  /** WORKDIR at the end of the stage (absolute; `/` when never set). */
  workdir: string;
}

export interface DockerfileModel {
  file: string;
  stages: DockerStage[];
  /** Go commands of every stage, in file order (each with `stage`). */
  commands: GoCommand[];
}

// ---- Kubernetes --------------------------------------------------------------------------------

export interface K8sContainer {
  name: string | null;
  image: string | null;
  /** `resources.limits.cpu` (value as written), with its line. */
  cpuLimit: { value: string; loc: Loc } | null;
  /** `env:` entries: literal values, or null for `valueFrom`. */
  env: { name: string; value: string | null; valueFrom: boolean; loc: Loc }[];
}

export interface K8sWorkload {
  file: string;
  kind: string;
  name: string | null;
  loc: Loc;
  containers: K8sContainer[];
}

// ---- Everything the readers found in one scan ----------------------------------------------------

export interface BuildInputs {
  commands: GoCommand[];
  dockerfiles: DockerfileModel[];
  workloads: K8sWorkload[];
  /** `GOMAXPROCS` settings anywhere in build files (ENV, YAML env, exports), for BLD006. */
  gomaxprocs: Setting[];
  /** Files a reader could not understand (malformed YAML...), with the reason: reported as GT001. */
  problems: { file: string; line?: number; message: string }[];
}
