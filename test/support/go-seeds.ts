// Small Go programs built at test time into a temp dir: seeds for the binary fuzzer and the
// binary bench. Nothing built here is committed.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoTool } from './toolchain.js';

const HELLO =
  'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() { fmt.Println("hello", len(os.Args)) }\n';
const CGO =
  'package main\n\n// int twice(int x) { return 2 * x; }\nimport "C"\n\nimport "fmt"\n\nfunc main() { fmt.Println(C.twice(21)) }\n';

export interface SeedSpec {
  name: string;
  src: string;
  env: Record<string, string>;
  flags: string[];
}

export const SEED_SPECS: SeedSpec[] = [
  { name: 'static-amd64', src: HELLO, env: { CGO_ENABLED: '0' }, flags: [] },
  { name: 'stripped-amd64', src: HELLO, env: { CGO_ENABLED: '0' }, flags: ['-ldflags=-s -w'] },
  { name: 'cgo-dynamic-amd64', src: CGO, env: { CGO_ENABLED: '1' }, flags: [] },
  { name: 'pie-amd64', src: HELLO, env: { CGO_ENABLED: '0' }, flags: ['-buildmode=pie'] },
  { name: 'arm64', src: HELLO, env: { CGO_ENABLED: '0', GOARCH: 'arm64' }, flags: [] },
  { name: '386', src: HELLO, env: { CGO_ENABLED: '0', GOARCH: '386' }, flags: [] },
  { name: 's390x', src: HELLO, env: { CGO_ENABLED: '0', GOARCH: 's390x' }, flags: [] },
  { name: 'windows-amd64', src: HELLO, env: { CGO_ENABLED: '0', GOOS: 'windows' }, flags: [] },
  { name: 'darwin-arm64', src: HELLO, env: { CGO_ENABLED: '0', GOOS: 'darwin', GOARCH: 'arm64' }, flags: [] },
];

/** Builds the seeds (or the named subset) with `go`; returns name, path and bytes of each. */
export function buildSeeds(
  go: GoTool,
  dir: string,
  names?: string[],
): { name: string; path: string; bytes: Uint8Array }[] {
  const out: { name: string; path: string; bytes: Uint8Array }[] = [];
  for (const spec of SEED_SPECS) {
    if (names && !names.includes(spec.name)) continue;
    const src = join(dir, `src-${spec.name}`);
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'go.mod'), 'module example.com/seed\n\ngo 1.19\n');
    writeFileSync(join(src, 'main.go'), spec.src);
    const bin = join(dir, spec.name);
    const r = spawnSync(go.bin, ['build', '-o', bin, ...spec.flags, '.'], {
      cwd: src,
      encoding: 'utf8',
      env: { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-mod=mod', ...spec.env },
    });
    if (r.status !== 0) throw new Error(`building seed ${spec.name} failed:\n${r.stderr}`);
    out.push({ name: spec.name, path: bin, bytes: new Uint8Array(readFileSync(bin)) });
  }
  return out;
}
