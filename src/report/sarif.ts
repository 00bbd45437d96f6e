// SARIF 2.1.0 reporter, for GitHub code scanning and other SARIF viewers.
//
// Differences from the JSON output, all required by SARIF or by code scanning:
// - columns are UTF-16 code units (gotrap reports UTF-8 byte columns, as gc prints them);
// - suppressed findings stay in the log, marked with their suppression and justification;
// - every result carries a partial fingerprint so a viewer can follow it across runs even when
//   lines above it move.

import type * as Sarif from 'sarif';
import {
  compareFindings,
  type Finding,
  type Fix,
  type Related,
  type ScanResult,
  type Severity,
  type Suppression,
} from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { referenceMarkdown } from './explain.js';
import { reportedFindings, suppressedFindings } from './json.js';
import { utf16Column } from './text.js';

export interface SarifOptions {
  version: string;
  /** Every rule of the run, in the order their `ruleIndex` refers to. */
  rules: RuleMeta[];
  informationUri?: string;
  /** The lines of a reported file, to convert byte columns and to fingerprint results. */
  getLines?: (file: string) => string[] | undefined;
  /** Absolute `file://` URI of the directory paths are relative to, when known (ends with `/`). */
  srcRoot?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'gotrap/v1';

export function renderSarif(result: ScanResult, opts: SarifOptions): string {
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [buildRun(result, opts)],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function buildRun(result: ScanResult, opts: SarifOptions): Sarif.Run {
  const findings = [...reportedFindings(result), ...suppressedFindings(result)];
  findings.sort(compareFindings);
  const ruleIndex = new Map(opts.rules.map((r, i) => [r.id, i]));
  const fingerprints = fingerprintAll(findings, opts.getLines);
  const driver: Sarif.ToolComponent = {
    name: 'gotrap',
    version: opts.version,
    rules: opts.rules.map(ruleDescriptor),
  };
  if (opts.informationUri) driver.informationUri = opts.informationUri;
  return {
    tool: { driver },
    invocations: [invocation(result)],
    originalUriBaseIds: { [SRCROOT]: srcRootLocation(opts.srcRoot) },
    artifacts: artifactsOf(findings),
    columnKind: 'utf16CodeUnits',
    results: findings.map((f, i) => buildResult(f, ruleIndex.get(f.rule), fingerprints[i], opts.getLines)),
  };
}

function srcRootLocation(srcRoot: string | undefined): Sarif.ArtifactLocation {
  if (srcRoot) return { uri: srcRoot };
  return { description: { text: 'The directory gotrap was run from; result paths are relative to it.' } };
}

/** Files that could not be read or were too large become tool notifications. */
function invocation(result: ScanResult): Sarif.Invocation {
  const notifications: Sarif.Notification[] = result.skipped.map((s) => ({
    level: 'note',
    message: { text: `skipped: ${s.reason}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(s.file) } }],
  }));
  return { executionSuccessful: true, toolExecutionNotifications: notifications };
}

function artifactsOf(findings: Finding[]): Sarif.Artifact[] {
  const files = [...new Set(findings.map((f) => f.file))].sort();
  return files.map((file) => ({ location: artifactLocation(file) }));
}

// ---------------------------------------------------------------------------------------------
// Rules

function ruleDescriptor(rule: RuleMeta): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.why.trim() },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    // SARIF requires the tags to be distinct; the binary lens has the binary subsystem.
    properties: {
      lens: rule.lens,
      subsystem: rule.subsystem,
      tags: [...new Set([rule.lens, rule.subsystem])],
    },
  };
}

function helpSections(rule: RuleMeta): Array<[string, string]> {
  return [
    ['Symptom', rule.docs.symptom.trim()],
    ['Why', rule.docs.why.trim()],
    ['Fix', rule.docs.fix.trim()],
    ['Go versions', rule.docs.versions.trim()],
  ];
}

function helpText(rule: RuleMeta): string {
  const parts = helpSections(rule).map(([heading, body]) => `${heading}:\n${body}`);
  if (rule.docs.references.length > 0) {
    parts.push(`References:\n${rule.docs.references.map((r) => `- ${r}`).join('\n')}`);
  }
  return `${rule.title}\n\n${parts.join('\n\n')}`;
}

function helpMarkdown(rule: RuleMeta): string {
  const parts = helpSections(rule).map(([heading, body]) => `### ${heading}\n\n${body}`);
  if (rule.docs.references.length > 0) {
    const refs = rule.docs.references.map((r) => `- ${referenceMarkdown(r)}`).join('\n');
    parts.push(`### References\n\n${refs}`);
  }
  return `**${rule.id} ${rule.name}**: ${rule.title}\n\n${parts.join('\n\n')}`;
}

function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  return 'note';
}

// ---------------------------------------------------------------------------------------------
// Results

type GetLines = SarifOptions['getLines'];

function buildResult(
  f: Finding,
  ruleIndex: number | undefined,
  fingerprint: string,
  getLines: GetLines,
): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: f.rule,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: physicalLocation(f.file, f, getLines) }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    suppressions: f.suppressed ? [suppression(f.file, f.suppressed)] : [],
  };
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  if (f.related && f.related.length > 0) {
    result.relatedLocations = f.related.map((r, i) => relatedLocation(f, r, i, getLines));
  }
  if (f.fix?.edit) result.fixes = [sarifFix(f.file, f.fix.description, f.fix.edit, getLines)];
  return result;
}

interface Range {
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

function physicalLocation(file: string, range: Range, getLines: GetLines): Sarif.PhysicalLocation {
  const location: Sarif.PhysicalLocation = { artifactLocation: artifactLocation(file) };
  if (range.line !== undefined) location.region = region(file, range, getLines);
  return location;
}

/** A SARIF region from 1-based lines and byte columns, with the columns in UTF-16 units. */
function region(file: string, range: Range, getLines: GetLines): Sarif.Region {
  const lines = getLines?.(file);
  const convert = (line: number, column: number) => {
    const text = lines?.[line - 1];
    return text === undefined ? column : utf16Column(text, column);
  };
  const startLine = range.line ?? 1;
  const out: Sarif.Region = { startLine };
  if (range.column !== undefined) out.startColumn = convert(startLine, range.column);
  if (range.endLine !== undefined) out.endLine = range.endLine;
  if (range.endColumn !== undefined) out.endColumn = convert(range.endLine ?? startLine, range.endColumn);
  return out;
}

function relatedLocation(f: Finding, r: Related, index: number, getLines: GetLines): Sarif.Location {
  const text = r.rule ? `${r.rule}: ${r.message}` : r.message;
  const location: Sarif.Location = { id: index, message: { text } };
  if (r.file !== undefined || r.line !== undefined) {
    const range = { line: r.line, column: r.column };
    location.physicalLocation = physicalLocation(r.file ?? f.file, range, getLines);
  }
  return location;
}

function suppression(file: string, s: Suppression): Sarif.Suppression {
  const out: Sarif.Suppression = {
    kind: s.kind === 'config' ? 'external' : 'inSource',
    justification: s.reason,
  };
  if (s.kind !== 'config' && s.line !== undefined) {
    out.location = {
      physicalLocation: { artifactLocation: artifactLocation(file), region: { startLine: s.line } },
    };
  }
  return out;
}

type Edit = NonNullable<Fix['edit']>;

function sarifFix(file: string, description: string, edit: Edit, getLines: GetLines): Sarif.Fix {
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(file),
        replacements: [{ deletedRegion: region(file, edit, getLines), insertedContent: { text: edit.text } }],
      },
    ],
  };
}

function artifactLocation(file: string): Sarif.ArtifactLocation {
  return { uri: relativeUri(file), uriBaseId: SRCROOT };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

/**
 * One fingerprint per finding: rule, file, the trimmed text of the reported line (the message
 * when there is no line), and how many earlier findings share those three, so that two identical
 * lines in one file still get different fingerprints. Line numbers are left out on purpose: an
 * edit above a finding must not make it look new.
 */
function fingerprintAll(findings: Finding[], getLines: GetLines): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.rule, f.file, fingerprintText(f, getLines)].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return fnv1a64(`${key}\u0000${occurrence}`);
  });
}

function fingerprintText(f: Finding, getLines: GetLines): string {
  if (f.line === undefined) return f.message;
  const text = getLines?.(f.file)?.[f.line - 1];
  return text === undefined ? f.message : text.trim();
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a, 64 bits, over the UTF-8 bytes of `text`, as 16 hex digits. Not cryptographic. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}
