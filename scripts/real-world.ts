// Summarises gotrap findings over local checkouts of real projects, for docs/real-world.md.
// Usage: node dist/scripts/real-world.js <label>=<dir> ... [--details]
// It only runs the scanner on the given directories (read-only); it builds nothing.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface Finding {
  rule: string;
  severity: string;
  file: string;
  line?: number;
  message: string;
}

const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.js');
const args = process.argv.slice(2);
const details = args.includes('--details');
const targets = args.filter((a) => a.includes('=')).map((a) => a.split('=') as [string, string]);
if (targets.length === 0) {
  process.stderr.write('usage: real-world.js <label>=<dir> ... [--details]\n');
  process.exit(2);
}

console.log('| project | rule | severity | count |');
console.log('|---|---|---|---|');
const all: { project: string; f: Finding }[] = [];
for (const [label, dir] of targets) {
  const r = spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'json', '--fail-on', 'none'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) {
    console.log(`| ${label} | (scan failed: ${r.stderr.trim().split('\n')[0]}) | | |`);
    continue;
  }
  const out = JSON.parse(r.stdout) as { findings: Finding[]; summary: { files: number } };
  const counts = new Map<string, number>();
  for (const f of out.findings) {
    const k = `${f.rule} | ${f.severity}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    all.push({ project: label, f });
  }
  if (counts.size === 0) console.log(`| ${label} (${out.summary.files} files) | — | — | 0 |`);
  for (const [k, n] of [...counts].sort())
    console.log(`| ${label} (${out.summary.files} files) | ${k} | ${n} |`);
}
if (details) {
  console.log('');
  for (const { project, f } of all)
    console.log(`${project}\t${f.rule}\t${f.severity}\t${f.file}:${f.line ?? ''}\t${f.message}`);
}
