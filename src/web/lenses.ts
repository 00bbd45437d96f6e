// The playground's lenses. Each lens is one adapter: detect(input) says whether it reads this
// input, run(input) returns findings. Adding a lens to the page is one registerLens() call.
// The source and build lenses run in the page; the crash and binary lenses are listed as
// planned, so the page can say what an input is even though it cannot check it yet.

import { buildFileKind } from '../build/files.js';
import type { Finding, Lens } from '../core/finding.js';
import { getEngine } from './engine.js';
import type { ParseProblem } from './judge.js';
import { type ArchiveFile, parseArchive } from './txtar.js';

/** What the user pasted (text) or dropped (a file that is not text). */
export type LensInput = { kind: 'text'; text: string } | { kind: 'binary'; name: string; bytes: Uint8Array };

export interface LensRun {
  findings: Finding[];
  /** For text input: the files the text holds and where each starts, to place marks. */
  files: ArchiveFile[];
  parseErrors: ParseProblem[];
  /** Internal errors of the lens. */
  errors: string[];
  ms: number;
}

export interface LensAdapter {
  lens: Lens;
  /** What it reads, for people: "Go source, cgo, go.mod". */
  reads: string;
  detect(input: LensInput): boolean;
  run(input: LensInput, opts: { go?: string }): Promise<LensRun>;
}

export interface PlannedLens {
  lens: Lens;
  /** What the input looks like: "a crash log". */
  looksLike: string;
  /** The command line that will read it. */
  command: string;
  detect(input: LensInput): boolean;
}

const adapters: LensAdapter[] = [];

export function registerLens(adapter: LensAdapter): void {
  adapters.push(adapter);
}

export function registeredLenses(): readonly LensAdapter[] {
  return adapters;
}

/** The first registered lens that reads the input. */
export function lensFor(input: LensInput): LensAdapter | null {
  return adapters.find((a) => a.detect(input)) ?? null;
}

/** A lens that will read the input once it exists, when none registered does. */
export function plannedFor(input: LensInput): PlannedLens | null {
  return PLANNED.find((p) => !adapters.some((a) => a.lens === p.lens) && p.detect(input)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// The source lens: Go files, cgo preambles, package C files, go.mod.

const SOURCE_FILE = /(\.go|\.c|\.h|^go\.mod|\/go\.mod)$/;

export const sourceLens: LensAdapter = {
  lens: 'source',
  reads: 'Go source files, cgo preambles and package C files, go.mod',
  detect(input) {
    if (input.kind !== 'text') return false;
    if (/^-- \S.* --$/m.test(input.text))
      return parseArchive(input.text).some((f) => SOURCE_FILE.test(f.name));
    return /^\s*package\s+\w+/m.test(input.text) || /^\s*module\s+\S+/m.test(input.text);
  },
  async run(input, opts) {
    if (input.kind !== 'text') throw new Error('the source lens reads text');
    const engine = await getEngine();
    const files = parseArchive(input.text);
    const a = engine.analyze(
      files.map((f) => ({ name: f.name, text: f.text })),
      { go: opts.go },
    );
    return { findings: a.findings, files, parseErrors: a.parseErrors, errors: a.errors, ms: a.ms };
  },
};

registerLens(sourceLens);

// ---------------------------------------------------------------------------------------------
// The build lens: Dockerfiles, Makefiles, scripts, CI YAML, goreleaser, Kubernetes manifests —
// pasted alone, or as `-- name --` sections with the Go files they build. (When Go files are
// there, the source lens's run includes the build rules too.)

/** What a bare pasted text is, by its first meaningful lines: a name that makes the lens read it. */
function bareBuildName(text: string): string | null {
  if (/^\s*(#.*\n\s*)*(FROM|ARG)\s+\S+/i.test(text) && /^\s*FROM\s+\S+/im.test(text)) return 'Dockerfile';
  if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) return 'manifest.yaml';
  if (/^builds:/m.test(text) && /^\s*-\s*(id|main|binary|goos|env):/m.test(text)) return '.goreleaser.yaml';
  if (/^jobs:/m.test(text) && /^\s*runs-on:/m.test(text)) return '.github/workflows/build.yml';
  if (/^[A-Za-z0-9_./%-]+\s*:.*\n\t/m.test(text)) return 'Makefile';
  if (/^#!.*\b(ba|da)?sh\b/.test(text)) return 'build.sh';
  return null;
}

export const buildLens: LensAdapter = {
  lens: 'build',
  reads: 'Dockerfiles, Makefiles, shell scripts, CI YAML, goreleaser configs, Kubernetes manifests',
  detect(input) {
    if (input.kind !== 'text') return false;
    if (/^-- \S.* --$/m.test(input.text))
      return parseArchive(input.text).some((f) => buildFileKind(f.name) !== null);
    return bareBuildName(input.text) !== null;
  },
  async run(input, opts) {
    if (input.kind !== 'text') throw new Error('the build lens reads text');
    const engine = await getEngine();
    const bare = /^-- \S.* --$/m.test(input.text) ? null : bareBuildName(input.text);
    const files: ArchiveFile[] = bare
      ? [{ name: bare, text: input.text.endsWith('\n') ? input.text : `${input.text}\n`, firstLine: 1 }]
      : parseArchive(input.text);
    const a = engine.analyze(
      files.map((f) => ({ name: f.name, text: f.text })),
      { go: opts.go },
    );
    return { findings: a.findings, files, parseErrors: a.parseErrors, errors: a.errors, ms: a.ms };
  },
};

registerLens(buildLens);

// ---------------------------------------------------------------------------------------------
// Planned lenses: recognised, not yet run.

const CRASH =
  /^(panic: |fatal error: |goroutine \d+ \[|SIG[A-Z]+: |unexpected fault address |runtime: |signal \d+ received)/m;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export const PLANNED: readonly PlannedLens[] = [
  {
    lens: 'binary',
    looksLike: 'a compiled program (ELF, Mach-O or PE)',
    command: 'gotrap audit <binary>',
    detect: (input) =>
      input.kind === 'binary' &&
      (startsWith(input.bytes, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
        startsWith(input.bytes, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O 64
        startsWith(input.bytes, [0xce, 0xfa, 0xed, 0xfe]) ||
        startsWith(input.bytes, [0x4d, 0x5a])), // PE ("MZ")
  },
  {
    lens: 'crash',
    looksLike: 'a crash log (a panic, a fatal error or a goroutine dump)',
    command: 'gotrap triage <log>',
    detect: (input) => input.kind === 'text' && CRASH.test(input.text),
  },
];
