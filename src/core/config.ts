// `.gotrap.yaml`: which rules run, their severities, which paths are skipped, the Go version
// to judge against and the C functions that take ownership of memory (CGO001).
//
//   go: "1.22"
//   goroot: /usr/lib/go
//   rules: { enable: [LN001], disable: [RT006] }
//   severity: { LN007: error, RT006: off }
//   exclude: ["gen/**", "*.pb.go"]
//   cgo: { releases: [my_lib_take] }
//
// The text is given by the caller (no file access here); `file` only names it in messages.

import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, Scalar, type YAMLMap } from 'yaml';
import { ConfigError, type ConfigSeverity, type GotrapConfig } from './config-model.js';
import { parseGoVersion } from './goversion.js';

export {
  ConfigError,
  type ConfigSeverity,
  EMPTY_CONFIG,
  type GotrapConfig,
  globToRegExp,
  isExcluded,
  ruleEnabled,
} from './config-model.js';

const RULE_ID_RE = /^(GT|RT|CGO|LN|BLD|BIN|CR)\d{3}$/i;
const C_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SEVERITIES: readonly ConfigSeverity[] = ['error', 'warning', 'info', 'off'];
const TOP_LEVEL_KEYS = ['go', 'goroot', 'rules', 'severity', 'exclude', 'cgo'];

// ---------------------------------------------------------------------------------------------
// Parsing

/** Reads `.gotrap.yaml` text. Throws ConfigError, naming `file` and the line, when it is invalid. */
export function parseConfig(text: string, file: string): GotrapConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const reader = new Reader(file, lines);
  const yamlError = doc.errors[0];
  if (yamlError) throw reader.errorAt(yamlError.pos[0], `invalid YAML: ${yamlError.message}`);

  const config: GotrapConfig = {
    enable: null,
    disable: [],
    severity: {},
    exclude: [],
    go: null,
    goroot: null,
    releases: [],
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) throw reader.error(root, 'the top level must be a mapping of settings');

  for (const { name, value } of reader.entries(root, '', TOP_LEVEL_KEYS)) {
    switch (name) {
      case 'go':
        config.go = readGoVersion(reader, value);
        break;
      case 'goroot':
        config.goroot = reader.optionalString(value, 'goroot', 'a directory');
        break;
      case 'rules':
        readRules(reader, value, config);
        break;
      case 'severity':
        config.severity = readSeverity(reader, value);
        break;
      case 'exclude':
        config.exclude = reader.stringList(value, 'exclude', 'glob patterns', (s) => s.trim() !== '');
        break;
      case 'cgo':
        config.releases = readCgo(reader, value);
        break;
    }
  }
  return config;
}

function readGoVersion(reader: Reader, node: Node): string | null {
  const text = reader.optionalString(node, 'go', 'a Go version such as "1.22"');
  if (text === null) return null;
  if (!parseGoVersion(text))
    throw reader.error(node, `go: '${text}' is not a Go version (expected e.g. "1.22")`);
  return text.trim();
}

function readRules(reader: Reader, node: Node, config: GotrapConfig): void {
  if (reader.isNull(node)) return;
  for (const { name, value } of reader.entries(node, 'rules', ['enable', 'disable'])) {
    const ids = reader.isNull(value) ? null : reader.ruleIds(value, `rules.${name}`);
    if (name === 'enable') config.enable = ids;
    else config.disable = ids ?? [];
  }
}

function readSeverity(reader: Reader, node: Node): Record<string, ConfigSeverity> {
  const result: Record<string, ConfigSeverity> = {};
  if (reader.isNull(node)) return result;
  for (const { name, key, value } of reader.entries(node, 'severity', null)) {
    const id = reader.ruleId(name, key, 'severity');
    const level = reader.scalarText(value);
    if (level === null || !SEVERITIES.includes(level as ConfigSeverity)) {
      throw reader.error(value, `severity.${id} must be one of ${SEVERITIES.join(', ')}`);
    }
    result[id] = level as ConfigSeverity;
  }
  return result;
}

function readCgo(reader: Reader, node: Node): string[] {
  let releases: string[] = [];
  if (reader.isNull(node)) return releases;
  for (const { value } of reader.entries(node, 'cgo', ['releases'])) {
    releases = reader.stringList(value, 'cgo.releases', 'C function names', (s) => C_NAME_RE.test(s));
  }
  return releases;
}

/** A null value placed where a key without a value (`{goroot}`) stands, for messages. */
function nullAt(key: Node): Node {
  const empty = new Scalar(null);
  empty.range = key.range;
  return empty;
}

/** Walks YAML nodes and turns every type mismatch into a ConfigError with file and line. */
class Reader {
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  errorAt(offset: number | undefined, message: string): ConfigError {
    if (offset === undefined) return new ConfigError(`${this.file}: ${message}`);
    return new ConfigError(`${this.file}:${this.lines.linePos(offset).line}: ${message}`);
  }

  error(node: Node | null | undefined, message: string): ConfigError {
    return this.errorAt(node?.range?.[0], message);
  }

  isNull(node: Node | null | undefined): boolean {
    return node == null || (isScalar(node) && node.value === null);
  }

  /**
   * The entries of a mapping, with string keys. `allowed` lists the keys it may have
   * (null: any); `where` names the mapping in messages ('' for the top level).
   */
  entries(node: Node, where: string, allowed: string[] | null): { name: string; key: Node; value: Node }[] {
    if (!isMap(node)) throw this.error(node, `${where} must be a mapping`);
    return (node as YAMLMap<Node | null, Node | null>).items.map((pair) => {
      const name = this.scalarText(pair.key);
      if (name === null || pair.key === null) {
        throw this.error(pair.key ?? node, `${where || 'the top level'} has a key that is not a string`);
      }
      if (allowed !== null && !allowed.includes(name)) {
        const label = where === '' ? name : `${where}.${name}`;
        throw this.error(pair.key, `unknown setting '${label}' (expected one of: ${allowed.join(', ')})`);
      }
      return { name, key: pair.key, value: pair.value ?? nullAt(pair.key) };
    });
  }

  /** A scalar's text: strings as they are, numbers and booleans as written in the file. */
  scalarText(node: Node | null | undefined): string | null {
    if (!isScalar(node) || node.value === null) return null;
    if (typeof node.value === 'string') return node.value;
    if (typeof node.value === 'number' || typeof node.value === 'boolean')
      return node.source ?? String(node.value);
    return null;
  }

  optionalString(node: Node, where: string, what: string): string | null {
    if (this.isNull(node)) return null;
    const text = this.scalarText(node);
    if (text === null) throw this.error(node, `${where} must be ${what}`);
    return text;
  }

  /** A list of strings each passing `valid`, without duplicates. */
  stringList(node: Node, where: string, what: string, valid: (s: string) => boolean): string[] {
    if (this.isNull(node)) return [];
    if (!isSeq(node)) throw this.error(node, `${where} must be a list of ${what}`);
    const result: string[] = [];
    for (const item of node.items as (Node | null)[]) {
      const text = this.scalarText(item);
      if (text === null || !valid(text)) {
        const shown = text === null ? 'an entry' : `'${text}'`;
        throw this.error(item ?? node, `${where} must be a list of ${what}; ${shown} is not one`);
      }
      if (!result.includes(text)) result.push(text);
    }
    return result;
  }

  ruleIds(node: Node, where: string): string[] {
    if (!isSeq(node)) throw this.error(node, `${where} must be a list of rule ids`);
    const ids: string[] = [];
    for (const item of node.items as (Node | null)[]) {
      const id = this.ruleId(this.scalarText(item), item ?? node, where);
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  /** Checks a rule id's shape and returns it in upper case. */
  ruleId(text: string | null, node: Node, where: string): string {
    if (text === null || !RULE_ID_RE.test(text.trim())) {
      const shown = text === null ? 'an entry' : `'${text}'`;
      throw this.error(node, `${where}: ${shown} is not a rule id (expected e.g. CGO001 or RT006)`);
    }
    return text.trim().toUpperCase();
  }
}

// ---------------------------------------------------------------------------------------------
// Exclusion globs
