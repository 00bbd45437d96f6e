// Walks the paths given on the command line the way the go command walks `./...`: directories
// named testdata or vendor, and those starting with `.` or `_`, are skipped unless named
// explicitly; symbolic links to directories are not followed (so no link loop can trap the
// walk); nested modules are kept with their own go.mod.

import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { type BuildCandidate, buildFileKind } from '../build/files.js';
import type { SkippedFile } from '../core/finding.js';

export { type BuildCandidate, buildFileKind };

export const GO_FILE_LIMIT = 5 * 1024 * 1024;
/** C files may be large amalgamations (sqlite3-binding.c is ~9 MB); beyond this they are skipped. */
export const AUX_FILE_LIMIT = 64 * 1024 * 1024;

const AUX = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx|s|S|sx|syso)$/;
/** Build files over this size are skipped (GT004). */
export const BUILD_FILE_LIMIT = 5 * 1024 * 1024;

/** Dot-directories the build lens reads on its own (design.md). */
const BUILD_DOT_DIRS = new Set(['.github', '.circleci']);

export interface FileEntry {
  abs: string;
  /** Display path relative to the working directory, with `/`. */
  path: string;
  size: number;
}

export interface BuildEntry extends FileEntry {
  kind: BuildCandidate;
}

export interface DirEntry {
  dir: string;
  abs: string;
  go: FileEntry[];
  aux: FileEntry[];
}

export interface WalkResult {
  dirs: Map<string, DirEntry>;
  /** go.mod files found (display path → absolute path). */
  gomods: FileEntry[];
  /** Build-lens files (when WalkOptions.build is set). */
  build: BuildEntry[];
  skipped: SkippedFile[];
  /** Paths named on the command line that do not exist. */
  missing: string[];
}

export interface WalkOptions {
  cwd: string;
  includeVendor: boolean;
  isExcluded: (displayPath: string) => boolean;
  /** Collect build files too (Dockerfiles, Makefiles, scripts, CI YAML, manifests). */
  build?: boolean;
}

export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function skipDir(name: string, includeVendor: boolean): boolean {
  if (name.startsWith('.') || name.startsWith('_')) return true;
  if (name === 'testdata') return true;
  if (name === 'vendor' && !includeVendor) return true;
  return false;
}

export function walk(paths: string[], opts: WalkOptions): WalkResult {
  const res: WalkResult = { dirs: new Map(), gomods: [], build: [], skipped: [], missing: [] };
  const seenDirs = new Set<string>();

  const addFile = (abs: string, size: number, dirAbs: string, buildOnly = false): void => {
    const path = displayPath(opts.cwd, abs);
    if (opts.isExcluded(path)) return;
    const name = basename(abs);
    const kind = opts.build ? buildFileKind(path) : null;
    if (kind) {
      if (size > BUILD_FILE_LIMIT) {
        res.skipped.push({
          file: path,
          reason: `larger than ${BUILD_FILE_LIMIT / 1048576} MB (${size} bytes)`,
        });
      } else res.build.push({ abs, path, size, kind });
      return;
    }
    if (buildOnly) return;
    if (name === 'go.mod') {
      res.gomods.push({ abs, path, size });
      return;
    }
    const isGo = name.endsWith('.go');
    if (!isGo && !AUX.test(name)) return;
    const limit = isGo ? GO_FILE_LIMIT : AUX_FILE_LIMIT;
    if (size > limit) {
      res.skipped.push({
        file: path,
        reason: `larger than ${Math.round(limit / 1048576)} MB (${size} bytes)`,
      });
      return;
    }
    const dir = displayPath(opts.cwd, dirAbs);
    let entry = res.dirs.get(dir);
    if (!entry) {
      entry = { dir, abs: dirAbs, go: [], aux: [] };
      res.dirs.set(dir, entry);
    }
    (isGo ? entry.go : entry.aux).push({ abs, path, size });
  };

  const walkDir = (dirAbs: string, buildOnly = false): void => {
    let real: string;
    try {
      real = realpathSync(dirAbs);
    } catch (e) {
      res.skipped.push({ file: displayPath(opts.cwd, dirAbs), reason: describe(e) });
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dirAbs).sort();
    } catch (e) {
      res.skipped.push({ file: displayPath(opts.cwd, dirAbs), reason: describe(e) });
      return;
    }
    const subdirs: { abs: string; buildOnly: boolean }[] = [];
    for (const name of names) {
      const abs = join(dirAbs, name);
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(abs);
      } catch (e) {
        res.skipped.push({ file: displayPath(opts.cwd, abs), reason: describe(e) });
        continue;
      }
      if (st.isDirectory()) {
        if (opts.isExcluded(displayPath(opts.cwd, abs))) continue;
        if (!skipDir(name, opts.includeVendor)) subdirs.push({ abs, buildOnly });
        else if (opts.build && BUILD_DOT_DIRS.has(name)) subdirs.push({ abs, buildOnly: true });
        continue;
      }
      if (st.isSymbolicLink()) {
        // Links to files are followed; links to directories are not (as `go ./...`).
        if (!interesting(name) && !(opts.build && buildFileKind(displayPath(opts.cwd, abs)))) continue;
        try {
          const target = statSync(abs);
          if (target.isFile()) addFile(abs, target.size, dirAbs, buildOnly);
          else if (!target.isDirectory())
            res.skipped.push({ file: displayPath(opts.cwd, abs), reason: 'not a regular file' });
        } catch (e) {
          res.skipped.push({ file: displayPath(opts.cwd, abs), reason: describe(e) });
        }
        continue;
      }
      if (st.isFile()) addFile(abs, st.size, dirAbs, buildOnly);
      else if (interesting(name)) {
        res.skipped.push({ file: displayPath(opts.cwd, abs), reason: 'not a regular file' });
      }
    }
    for (const d of subdirs) walkDir(d.abs, d.buildOnly);
  };

  for (const p of paths) {
    const abs = resolve(opts.cwd, p.endsWith('/...') ? p.slice(0, -4) || '.' : p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') res.missing.push(p);
      else res.skipped.push({ file: displayPath(opts.cwd, abs), reason: describe(e) });
      continue;
    }
    if (st.isDirectory()) walkDir(abs);
    else if (st.isFile()) addFile(abs, st.size, resolve(abs, '..'));
    else res.skipped.push({ file: displayPath(opts.cwd, abs), reason: 'not a regular file' });
  }
  return res;
}

function interesting(name: string): boolean {
  return name.endsWith('.go') || name === 'go.mod' || AUX.test(name);
}

export function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file (dangling link?)';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err.code ? `unreadable (${err.code})` : `unreadable (${err.message})`;
  }
}
