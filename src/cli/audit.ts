// `gotrap audit <binary...>`: the binary lens's side of the command line. Opens files (read
// lazily through a file descriptor), walks directories for Go executables among other files,
// reads `-` from stdin, and runs the pure auditor (src/binary/audit.ts) on each.

import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import {
  auditBinary,
  type BinaryEntry,
  describeEntry,
  NotGoBinaryError,
  parseTarget,
  type Target,
  TargetError,
} from '../binary/audit.js';
import { BinaryFormatError, type ByteSource, bytesSource } from '../binary/types.js';
import { applyConfig, type GotrapConfig, isExcluded } from '../core/config-model.js';
import type { Finding, ScanResult, SkippedFile } from '../core/finding.js';
import { skippedFinding } from '../core/meta-rules.js';
import { UsageError } from './errors.js';
import { displayPath } from './walk.js';

export interface AuditRunOptions {
  cwd: string;
  /** Files, directories, or `-` for stdin. */
  paths: string[];
  /** `--target` as given. */
  target?: string;
  /** Rule ids that run (after --rules and the config). */
  ruleIds: Set<string>;
  config: GotrapConfig;
  /** Directory of the config file: its exclude patterns are relative to it (default: cwd). */
  configDir?: string;
  /** Reads all of stdin (injectable for tests). */
  readStdin?: () => Uint8Array;
}

export interface AuditRunOutput {
  result: ScanResult;
  /** The `binaries` entries, sorted by file. */
  binaries: BinaryEntry[];
  /** Internal errors (a reader or rule that threw something unexpected); exit 2. */
  errors: string[];
}

interface Candidate {
  /** Absolute path, or `-`. */
  abs: string;
  /** Display path. */
  path: string;
  /** Named on the command line (not found by walking a directory). */
  explicit: boolean;
}

export function runAudit(o: AuditRunOptions): AuditRunOutput {
  const started = performance.now();
  let target: Target | null = null;
  if (o.target !== undefined) {
    try {
      target = parseTarget(o.target);
    } catch (e) {
      if (e instanceof TargetError) throw new UsageError(e.message);
      throw e;
    }
  }
  if (o.paths.length === 0)
    throw new UsageError('audit: name at least one binary, directory, or - for stdin');
  const candidates = collect(o);

  const binaries: BinaryEntry[] = [];
  const findings: Finding[] = [];
  const skipped: SkippedFile[] = [];
  const errors: string[] = [];
  for (const c of candidates) {
    const skip = (reason: string) => {
      skipped.push({ file: c.path, reason });
      if (c.explicit) findings.push(skippedFinding(c.path, reason));
    };
    let fd: number | undefined;
    try {
      let src: ByteSource;
      if (c.abs === '-') {
        src = bytesSource((o.readStdin ?? readAllStdin)());
      } else {
        fd = openSync(c.abs, 'r');
        src = fileSource(fd, fstatSync(fd).size);
      }
      const out = auditBinary(src, { file: c.path, target, ruleIds: o.ruleIds });
      binaries.push(out.entry);
      findings.push(...out.findings);
    } catch (e) {
      if (e instanceof NotGoBinaryError) skip(e.reason);
      else if (e instanceof BinaryFormatError) skip(`malformed binary: ${e.message}`);
      else if (isFsError(e)) skip(`cannot be read: ${(e as Error).message}`);
      else errors.push(`${c.path}: ${(e as Error).message ?? String(e)}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  if (binaries.length === 0 && errors.length === 0) {
    const why = skipped
      .slice(0, 5)
      .map((s) => `${s.file}: ${s.reason}`)
      .join('; ');
    const more = skipped.length > 5 ? `; and ${skipped.length - 5} more` : '';
    throw new UsageError(
      `nothing to audit: no Go binaries in ${o.paths.join(', ')}${why ? ` (${why}${more})` : ''}`,
    );
  }
  binaries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const configured = applyConfig(findings, o.config, o.ruleIds);
  return {
    result: {
      findings: configured,
      suppressed: [],
      files: binaries.length,
      skipped,
      durationMs: Math.round(performance.now() - started),
      extra: { binaries },
    },
    binaries,
    errors,
  };
}

/** The text report's per-binary description (printed before the findings). */
export function describeBinaries(binaries: BinaryEntry[]): string {
  const lines = binaries.flatMap((b) => [...describeEntry(b), '']);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

// ---------------------------------------------------------------------------------------------
// Files

function collect(o: AuditRunOptions): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const missing: string[] = [];
  const excluded = (path: string) =>
    isExcluded(o.configDir ? displayPath(o.configDir, resolve(o.cwd, path)) : path, o.config.exclude);
  const add = (abs: string, explicit: boolean) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const path = abs === '-' ? '-' : displayPath(o.cwd, abs);
    if (!explicit && excluded(path)) return;
    out.push({ abs, path, explicit });
  };
  const walkDir = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const abs = join(dir, name);
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        // Hidden directories (.git, .cache...) are skipped; symbolic links to directories are
        // not followed, so no link loop can trap the walk.
        if (!name.startsWith('.')) walkDir(abs);
      } else if (st.isFile()) {
        add(abs, false);
      } else if (st.isSymbolicLink()) {
        try {
          if (statSync(abs).isFile()) add(abs, false);
        } catch {
          // dangling link
        }
      }
    }
  };
  for (const p of o.paths) {
    if (p === '-') {
      add('-', true);
      continue;
    }
    const abs = resolve(o.cwd, p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walkDir(abs);
    else add(abs, true);
  }
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  return out;
}

const PAGE = 64 * 1024;
const MAX_PAGES = 256;

/**
 * A ByteSource over an open file descriptor: small reads go through a cache of 64 KiB pages
 * (the readers do many small header and table reads), large ones straight to the file.
 */
export function fileSource(fd: number, size: number): ByteSource {
  const pages = new Map<number, Uint8Array>();
  const readAt = (offset: number, length: number): Uint8Array => {
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buf, done, length - done, offset + done);
      if (n <= 0) break;
      done += n;
    }
    return done === length ? buf : buf.subarray(0, done);
  };
  const page = (index: number): Uint8Array => {
    let p = pages.get(index);
    if (p) {
      // Most recently used last.
      pages.delete(index);
      pages.set(index, p);
      return p;
    }
    p = readAt(index * PAGE, Math.min(PAGE, size - index * PAGE));
    pages.set(index, p);
    if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as number);
    return p;
  };
  return {
    size,
    read(offset, length) {
      if (!Number.isFinite(offset) || offset < 0 || offset >= size || length <= 0) return new Uint8Array(0);
      const n = Math.min(length, size - offset);
      if (n > PAGE) return readAt(offset, n);
      const first = Math.floor(offset / PAGE);
      const last = Math.floor((offset + n - 1) / PAGE);
      if (first === last) {
        const start = offset - first * PAGE;
        return page(first).subarray(start, start + n);
      }
      const out = new Uint8Array(n);
      let done = 0;
      for (let i = first; i <= last; i++) {
        const p = page(i);
        const start = i === first ? offset - first * PAGE : 0;
        const chunk = p.subarray(start, Math.min(p.length, start + (n - done)));
        out.set(chunk, done);
        done += chunk.length;
      }
      return out;
    },
  };
}

function readAllStdin(): Uint8Array {
  return new Uint8Array(readFileSync(0));
}

function isFsError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

// ---------------------------------------------------------------------------------------------
// Findings
