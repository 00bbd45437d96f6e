// Linkname knowledge read from a Go source tree (GOROOT), for the one release that tree is.
//
// The bundled table covers the symbols people commonly pull; a local tree answers for any
// symbol, but only for its own release: an older toolchain must never judge a module built
// with a newer one. The tree is read through a small reader (no file system here) and only
// the packages a question needs are scanned, once each.
//
// The scan is plain text, which is enough for gofmt'ed std source: top-level `func` and `var`
// declarations, `//go:linkname` directives, `TEXT` symbols in assembly, the linker's
// `blockedLinknames` map and its list of compiler builtins. Files are chosen the way the go
// command chooses them for linux/amd64 with cgo on and that release's default GOEXPERIMENTs.

import { type GoVersion, parseGoVersion } from '../../core/goversion.js';
import {
  type BuildConfig,
  type Constraint,
  DEFAULT_CONFIG,
  fileMatches,
  fileNameInfo,
  parseGoBuild,
  parsePlusBuildLines,
} from '../constraint.js';
import { parseSignature } from './abi.js';
import type { LinknameKB, TargetInfo } from './kb.js';
import { splitSymbol } from './table.js';

/** Reads a Go source tree; paths are relative to GOROOT with `/` separators (`src/runtime`). */
export interface GorootReader {
  /** The file's text, or null when it does not exist. */
  readFile(rel: string): string | null;
  /** The names in a directory, or null when it does not exist. */
  listDir(rel: string): string[] | null;
}

export interface GorootOptions {
  /** How the tree is named in `source` strings (e.g. its directory). Default `GOROOT`. */
  label?: string;
}

/** Where something was found: a GOROOT-relative file and a 1-based line. */
interface Place {
  file: string;
  line: number;
}

interface FuncDecl extends Place {
  /** The declaration up to its body, whitespace-normalised: `func nanotime() int64`. */
  text: string;
  hasBody: boolean;
}

/** `//go:linkname local target`. */
interface TwoArgLink extends Place {
  local: string;
  target: string;
}

/** What one package directory declares, for the files of the build configuration. */
interface PackageScan {
  pkg: string;
  funcs: Map<string, FuncDecl>;
  vars: Map<string, FuncDecl>;
  /** One-argument `//go:linkname name` markers. */
  markers: Map<string, Place>;
  links: TwoArgLink[];
  /** Symbols defined by `TEXT` in this directory's assembly, fully qualified. */
  asm: Map<string, Place>;
}

/** The linker's refusal list: symbol → the only packages allowed to pull it. */
type BlockedList = Map<string, string[]>;

/**
 * Directories besides the target's own package that define symbols for other packages: the
 * runtime pushes into sync, reflect, time, syscall...; internal/runtime/* pushes map functions
 * into the runtime (1.24+); internal/bytealg implements runtime·cmpstring in assembly.
 */
const PUSHER_DIRS = ['runtime', 'internal/bytealg'];
const PUSHER_PARENTS = ['internal/runtime'];

/** The first release whose linker refuses unmarked pulls from non-std packages. */
const FIRST_CHECKED_MINOR = 23;

export class GorootKB implements LinknameKB {
  readonly version: GoVersion | null;
  /** The VERSION file's first line (`go1.23.5`). */
  readonly release: string;
  private readonly label: string;
  private readonly scans = new Map<string, PackageScan | null>();
  private cfg: BuildConfig | null = null;
  private blockedCache: BlockedList | null = null;
  private builtinBypassCache: Set<string> | null = null;
  private pusherDirsCache: string[] | null = null;

  /** `versionText` is the tree's VERSION file (`go1.23.5`, maybe followed by more lines). */
  constructor(
    private readonly reader: GorootReader,
    versionText: string,
    opts: GorootOptions = {},
  ) {
    this.release = versionText.split('\n')[0]?.trim() ?? '';
    this.version = parseVersionFile(versionText);
    this.label = opts.label ?? 'GOROOT';
  }

  minors(): number[] {
    return this.version ? [this.version.minor] : [];
  }

  /** Does this tree speak for `version` (same major.minor)? */
  covers(version: GoVersion): boolean {
    const v = this.version;
    return v !== null && v.major === version.major && v.minor === version.minor;
  }

  lookup(symbol: string, version: GoVersion): TargetInfo | null {
    if (!this.covers(version)) return null;
    const [pkg, name] = splitSymbol(symbol);
    if (!pkg || !name) return null;
    const facts = this.findDefinition(symbol, pkg, name);
    const verdict = this.judge(symbol, facts);
    const info: TargetInfo = {
      symbol,
      release: `1.${this.version!.minor}`,
      exists: facts.exists,
      linkable: verdict.linkable,
      why: verdict.why,
      source: this.sourceText(facts.place),
    };
    const declText = this.declarationText(symbol, pkg, name, facts);
    if (declText) {
      info.signatureText = declText;
      const signature = parseSignature(declText);
      if (signature) info.signature = signature;
    }
    return info;
  }

  symbolsOf(pkg: string, version: GoVersion): string[] {
    if (!this.covers(version)) return [];
    const found = new Set<string>();
    const own = this.scan(pkg);
    if (own) {
      const renamed = new Set(own.links.map((l) => l.local));
      for (const [name, decl] of own.funcs) {
        if (decl.hasBody && !renamed.has(name) && name !== 'init') found.add(`${pkg}.${name}`);
      }
      for (const name of own.vars.keys()) found.add(`${pkg}.${name}`);
    }
    for (const scan of this.pusherScans(pkg)) {
      for (const link of scan.links) {
        if (splitSymbol(link.target)[0] === pkg && scan.funcs.get(link.local)?.hasBody)
          found.add(link.target);
      }
      for (const symbol of scan.asm.keys()) if (splitSymbol(symbol)[0] === pkg) found.add(symbol);
    }
    return [...found].sort();
  }

  // Finding the definition ---------------------------------------------------------------------

  private findDefinition(symbol: string, pkg: string, name: string): Facts {
    const own = this.scan(pkg);
    const facts: Facts = { exists: false };
    const ownDecl = own?.funcs.get(name) ?? own?.vars.get(name);
    const renamed = own?.links.find((l) => l.local === name && l.target !== symbol);
    facts.ownDecl = ownDecl;
    facts.marker = own?.markers.get(name) ?? own?.links.find((l) => l.local === name && l.target === symbol);
    const isVar = own?.vars.has(name) ?? false;
    if (ownDecl && (ownDecl.hasBody || isVar) && !renamed) {
      facts.exists = true;
      facts.place = ownDecl;
    }
    for (const scan of this.pusherScans(pkg)) {
      const push = scan.links.find((l) => l.target === symbol && scan.funcs.get(l.local)?.hasBody);
      if (push && !facts.push) facts.push = { scan, link: push, decl: scan.funcs.get(push.local)! };
      const asm = scan.asm.get(symbol);
      if (asm && !facts.asm) facts.asm = asm;
    }
    if (facts.push) {
      facts.exists = true;
      facts.place ??= facts.push.link;
    }
    if (facts.asm) {
      facts.exists = true;
      facts.place ??= facts.asm;
    }
    facts.place ??= ownDecl;
    return facts;
  }

  private judge(symbol: string, facts: Facts): { linkable: boolean | null; why: string } {
    const how = describeDefinition(facts);
    if (this.version!.minor < FIRST_CHECKED_MINOR) {
      return { linkable: null, why: `no linkname check before 1.${FIRST_CHECKED_MINOR}; ${how}` };
    }
    if (!facts.exists) return { linkable: false, why: how };
    const marked = facts.marker !== undefined || facts.push !== undefined || facts.asm !== undefined;
    // References to compiler builtins never reach the check (blocked list included) in 1.23.
    if (this.builtinBypass().has(symbol)) {
      const bypass = 'passes only because this linker does not check references to compiler builtins';
      return { linkable: true, why: marked ? how : `${how}; ${bypass}` };
    }
    const allowed = this.blocked().get(symbol);
    if (allowed) {
      const who = allowed.length ? `only ${allowed.join(', ')} may pull it` : 'no package may pull it';
      return { linkable: false, why: `blockedLinknames (${who}); ${how}` };
    }
    return { linkable: marked, why: how };
  }

  private declarationText(symbol: string, pkg: string, name: string, facts: Facts): string | null {
    if (facts.ownDecl) return facts.ownDecl.text;
    if (facts.push) return renameDecl(facts.push.decl.text, facts.push.link.local, name);
    // Assembly without a Go declaration in its package: a body-less declaration elsewhere that
    // pulls it (internal/bytealg declares runtime·cmpstring for the ABI wrapper) has the shape.
    for (const scan of this.pusherScans(pkg)) {
      const pull = scan.links.find((l) => l.target === symbol && scan.funcs.has(l.local));
      if (pull) return renameDecl(scan.funcs.get(pull.local)!.text, pull.local, name);
    }
    return null;
  }

  private sourceText(place: Place | undefined): string {
    const where = place ? `${place.file}:${place.line}` : 'no definition found';
    return `${this.label} (${this.release}, linux/amd64): ${where}`;
  }

  // Reading the tree ---------------------------------------------------------------------------

  private config(): BuildConfig {
    if (!this.cfg) {
      const tags = defaultExperiments(this.reader.readFile('src/internal/buildcfg/exp.go') ?? '');
      this.cfg = { ...DEFAULT_CONFIG, goMinor: this.version?.minor ?? DEFAULT_CONFIG.goMinor, tags };
    }
    return this.cfg;
  }

  private scan(pkg: string): PackageScan | null {
    if (!this.scans.has(pkg)) this.scans.set(pkg, this.scanPackage(pkg));
    return this.scans.get(pkg) ?? null;
  }

  private scanPackage(pkg: string): PackageScan | null {
    const dir = `src/${pkg}`;
    const names = this.reader.listDir(dir);
    if (!names) return null;
    const scan: PackageScan = {
      pkg,
      funcs: new Map(),
      vars: new Map(),
      markers: new Map(),
      links: [],
      asm: new Map(),
    };
    const cfg = this.config();
    for (const name of [...names].sort()) {
      const info = fileNameInfo(name);
      if (!isSourceName(name) || !fileMatches(null, info, cfg)) continue;
      const text = this.reader.readFile(`${dir}/${name}`);
      if (text === null) continue;
      const constraint = readConstraint(text);
      if (constraint === undefined || !fileMatches(constraint, info, cfg)) continue;
      if (name.endsWith('.s')) scanAssembly(scan, `${dir}/${name}`, text);
      else scanGo(scan, `${dir}/${name}`, text);
    }
    return scan;
  }

  /** The target's own package first, then the packages that push into others. */
  private pusherScans(pkg: string): PackageScan[] {
    this.pusherDirsCache ??= this.pusherDirs();
    const scans: PackageScan[] = [];
    for (const dir of new Set([pkg, ...this.pusherDirsCache])) {
      const scan = this.scan(dir);
      if (scan) scans.push(scan);
    }
    return scans;
  }

  private pusherDirs(): string[] {
    const dirs = [...PUSHER_DIRS];
    for (const parent of PUSHER_PARENTS) {
      for (const child of [...(this.reader.listDir(`src/${parent}`) ?? [])].sort()) {
        if (!child.includes('.')) dirs.push(`${parent}/${child}`);
      }
    }
    return dirs;
  }

  private blocked(): BlockedList {
    this.blockedCache ??= parseBlockedLinknames(
      this.reader.readFile('src/cmd/link/internal/loader/loader.go') ?? '',
    );
    return this.blockedCache;
  }

  /**
   * Compiler-builtin runtime symbols whose references the linker never checks. Go 1.23's
   * cmd/internal/obj gives every reference to such a symbol a builtin index, which skips the
   * check; 1.24 adds `!rs.IsLinkname()` to that condition and closes the gap.
   */
  private builtinBypass(): Set<string> {
    if (!this.builtinBypassCache) {
      const symGo = this.reader.readFile('src/cmd/internal/obj/sym.go') ?? '';
      const line = symGo.split('\n').find((l) => l.includes('goobj.BuiltinIdx(rs.Name'));
      const open = line !== undefined && !line.includes('IsLinkname');
      const list = this.reader.readFile('src/cmd/internal/goobj/builtinlist.go') ?? '';
      this.builtinBypassCache = open ? parseBuiltinList(list) : new Set();
    }
    return this.builtinBypassCache;
  }
}

/**
 * Asks several KBs in order and takes the first answer: e.g. the bundled table first (its
 * facts were confirmed by link tests), then a GOROOT of the same release for symbols the
 * table does not list.
 */
export class LayeredKB implements LinknameKB {
  private readonly layers: LinknameKB[];

  constructor(...layers: LinknameKB[]) {
    this.layers = layers;
  }

  lookup(symbol: string, version: GoVersion): TargetInfo | null {
    for (const kb of this.layers) {
      const found = kb.lookup(symbol, version);
      if (found) return found;
    }
    return null;
  }

  symbolsOf(pkg: string, version: GoVersion): string[] {
    const all = new Set(this.layers.flatMap((kb) => kb.symbolsOf(pkg, version)));
    return [...all].sort();
  }

  minors(): number[] {
    const all = new Set(this.layers.flatMap((kb) => kb.minors()));
    return [...all].sort((a, b) => a - b);
  }
}

interface Facts {
  exists: boolean;
  ownDecl?: FuncDecl;
  marker?: Place;
  push?: { scan: PackageScan; link: TwoArgLink; decl: FuncDecl };
  asm?: Place;
  /** The place that best shows where the symbol comes from. */
  place?: Place;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function describeDefinition(facts: Facts): string {
  const parts: string[] = [];
  if (facts.marker) parts.push(`one-arg //go:linkname marker (${baseName(facts.marker.file)})`);
  if (facts.push) {
    const { scan, link } = facts.push;
    parts.push(`push from ${scan.pkg}: ${link.local} (${baseName(link.file)})`);
  }
  if (facts.asm) parts.push(`assembly implementation (${baseName(facts.asm.file)})`);
  if (parts.length > 0) return parts.join('; ');
  const decl = facts.ownDecl;
  if (facts.exists && decl) return `Go definition, no marker (${baseName(decl.file)})`;
  if (decl) return `declared without a body and defined nowhere (${baseName(decl.file)}): no symbol`;
  return 'not defined';
}

/** `func legacy_fastrand() uint32` → `func fastrand() uint32`. */
function renameDecl(text: string, from: string, to: string): string {
  return text.replace(new RegExp(`^func ${from}\\b`), `func ${to}`);
}

export function parseVersionFile(text: string): GoVersion | null {
  const first = text.split('\n')[0]?.trim() ?? '';
  return parseGoVersion(first);
}

// ---------------------------------------------------------------------------------------------
// Build configuration

function isSourceName(name: string): boolean {
  if (name.startsWith('_') || name.startsWith('.')) return false;
  if (name.endsWith('_test.go')) return false;
  return name.endsWith('.go') || name.endsWith('.s');
}

/**
 * The file's build constraint from the comment block before its first code line: a
 * `//go:build` line, else `// +build` lines. Null when it has none; undefined when it is
 * malformed (the go command would refuse the file).
 */
export function readConstraint(text: string): Constraint | null | undefined {
  const plus: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('//go:build '))
      return parseOrUndefined(() => parseGoBuild(line.slice('//go:build '.length)));
    if (line.startsWith('// +build ')) plus.push(line.slice('// +build '.length));
    else if (line !== '' && !line.startsWith('//') && !line.startsWith('/*') && !line.startsWith('*')) break;
  }
  if (plus.length === 0) return null;
  return parseOrUndefined(() => parsePlusBuildLines(plus));
}

function parseOrUndefined(parse: () => Constraint): Constraint | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/**
 * The `goexperiment.*` tags a release turns on by default, read from the `baseline :=
 * goexperiment.Flags{...}` literal in internal/buildcfg/exp.go. A field set to anything but
 * `false` counts as on: the conditions used there (regabiSupported, haveXchg8,
 * dwarf5Supported) all hold on linux/amd64.
 */
export function defaultExperiments(expGo: string): Set<string> {
  const tags = new Set<string>();
  const start = expGo.indexOf('baseline := goexperiment.Flags{');
  if (start < 0) return tags;
  const end = expGo.indexOf('}', start);
  const body = expGo.slice(start, end < 0 ? undefined : end);
  for (const m of body.matchAll(/^\s*([A-Z]\w*):\s*([^,\n]+),/gm)) {
    if (m[2].trim() !== 'false') tags.add(`goexperiment.${m[1].toLowerCase()}`);
  }
  return tags;
}

// ---------------------------------------------------------------------------------------------
// Scanning Go files

const FUNC_LINE = /^func ([\p{L}_][\p{L}\p{N}_]*)\s*[([]/u;
const VAR_LINE = /^var ([\p{L}_][\p{L}\p{N}_]*)\b/u;
const VAR_BLOCK_LINE = /^\t([\p{L}_][\p{L}\p{N}_]*(?:,\s*[\p{L}_][\p{L}\p{N}_]*)*)\b/u;
const LINKNAME = /^\/\/go:linkname\s+(\S+)(?:\s+(\S+))?\s*$/;

function scanGo(scan: PackageScan, file: string, text: string): void {
  const lines = text.split('\n');
  let inVarBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (inVarBlock) {
      if (line.startsWith(')')) inVarBlock = false;
      else recordVarBlockLine(scan, file, i + 1, line);
      continue;
    }
    if (line.startsWith('//go:linkname')) recordLinkname(scan, file, i + 1, line);
    else if (line.startsWith('func ')) i = recordFunc(scan, file, lines, i);
    else if (line.startsWith('var (')) inVarBlock = true;
    else if (VAR_LINE.test(line)) recordVar(scan, file, i + 1, line);
  }
}

function recordLinkname(scan: PackageScan, file: string, line: number, text: string): void {
  const m = LINKNAME.exec(text.trim());
  if (!m) return;
  if (m[2] === undefined) scan.markers.set(m[1], { file, line });
  else scan.links.push({ local: m[1], target: m[2], file, line });
}

/** Records a top-level function (methods are skipped); returns the index of its last header line. */
function recordFunc(scan: PackageScan, file: string, lines: string[], i: number): number {
  const m = FUNC_LINE.exec(lines[i]);
  if (!m) return i;
  let header = lines[i];
  let j = i;
  while (bracketDepth(header) > 0 && j + 1 < lines.length) header += `\n${lines[++j]}`;
  const code = stripLineComments(header);
  const bodyAt = bodyStart(code);
  const text = (bodyAt < 0 ? code : code.slice(0, bodyAt)).replace(/\s+/g, ' ').trim();
  const hasBody = bodyAt >= 0;
  const previous = scan.funcs.get(m[1]);
  // A name declared twice in one configuration does not compile; keep the definition.
  if (!previous || (hasBody && !previous.hasBody)) scan.funcs.set(m[1], { file, line: i + 1, text, hasBody });
  return j;
}

function recordVar(scan: PackageScan, file: string, line: number, text: string): void {
  const m = VAR_LINE.exec(text);
  if (m) recordVarNames(scan, { file, line }, [m[1]], text.slice(m[0].length));
}

function recordVarBlockLine(scan: PackageScan, file: string, line: number, text: string): void {
  const m = VAR_BLOCK_LINE.exec(text);
  if (m) recordVarNames(scan, { file, line }, m[1].split(','), text.slice(m[0].length));
}

/** `var a, b T = ...`: each name gets the declaration `var name T` (the initializer dropped). */
function recordVarNames(scan: PackageScan, place: Place, names: string[], rest: string): void {
  const code = stripLineComments(rest);
  const eq = code.indexOf('=');
  const type = (eq < 0 ? code : code.slice(0, eq)).replace(/\s+/g, ' ').trim();
  for (const name of names.map((n) => n.trim())) {
    scan.vars.set(name, { ...place, text: `var ${name} ${type}`.trim(), hasBody: eq >= 0 });
  }
}

/** Open ( and [ minus closed ones, ignoring strings and comments. */
function bracketDepth(text: string): number {
  let depth = 0;
  for (const ch of stripStringsAndComments(text)) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
  }
  return depth;
}

/** Drops `// ...` comments, leaving string literals (and any `//` inside them) alone. */
function stripLineComments(text: string): string {
  return text.replace(/("(?:[^"\\\n]|\\.)*"|`[^`]*`)|\/\/[^\n]*/g, (_, str: string | undefined) => str ?? '');
}

function stripStringsAndComments(text: string): string {
  return text
    .replace(/\/\/[^\n]*/g, '')
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/`[^`]*`/g, '``');
}

/**
 * Offset of the `{` that opens the function body in a declaration header, or -1. Braces of
 * `struct{...}` and `interface{...}` types in the signature are skipped.
 */
function bodyStart(header: string): number {
  const text = stripStringsAndComments(header);
  let parens = 0;
  let typeBraces = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '(' || ch === '[') parens++;
    else if (ch === ')' || ch === ']') parens--;
    else if (ch === '{') {
      if (/\b(struct|interface)\s*$/.test(text.slice(0, k))) typeBraces++;
      else if (parens === 0 && typeBraces === 0) return k;
    } else if (ch === '}' && typeBraces > 0) typeBraces--;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Scanning assembly and the linker's lists

/** `TEXT ·name(SB)`, `TEXT runtime·name<ABIInternal>(SB)`, `TEXT internal∕bytealg·f(SB)`. */
const TEXT_LINE = /^TEXT\s+([^\s·(]*)·([\p{L}_][\p{L}\p{N}_]*)(?:<[^>]*>)?\(SB\)/u;

function scanAssembly(scan: PackageScan, file: string, text: string): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = TEXT_LINE.exec(lines[i]);
    if (!m) continue;
    const pkg = m[1] === '' ? scan.pkg : m[1].replace(/∕/g, '/');
    const symbol = `${pkg}.${m[2]}`;
    if (!scan.asm.has(symbol)) scan.asm.set(symbol, { file, line: i + 1 });
  }
}

/** The `var blockedLinknames = map[string][]string{...}` literal of cmd/link's loader. */
export function parseBlockedLinknames(loaderGo: string): BlockedList {
  const out: BlockedList = new Map();
  const start = loaderGo.indexOf('var blockedLinknames = map[string][]string{');
  if (start < 0) return out;
  const end = loaderGo.indexOf('\n}', start);
  const body = loaderGo.slice(start, end < 0 ? undefined : end);
  for (const m of body.matchAll(/^\s*"([^"]+)":\s*(?:\{([^}]*)\}|nil)/gm)) {
    const pkgs = [...(m[2] ?? '').matchAll(/"([^"]+)"/g)].map((p) => p[1]);
    out.set(m[1], pkgs);
  }
  return out;
}

/** `{"runtime.newobject", 1},` lines of cmd/internal/goobj/builtinlist.go. */
function parseBuiltinList(text: string): Set<string> {
  return new Set([...text.matchAll(/^\s*\{"([^"]+)",\s*\d+\},/gm)].map((m) => m[1]));
}
