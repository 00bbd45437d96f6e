// The binary lens's audit model and BIN rules, on real binaries: every fixture of
// testdata/binary is built with the Go toolchain on PATH during the run (no binary is
// committed), audited, and each field is checked against what `readelf` and `go version -m`
// report for the same file. Without Go the fixture tests are skipped visibly (failing under
// CI=true); the unit tests at the top need nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { symbolPrefix } from '../src/binary/audit/cgo-packages.js';
import { glibcVersionOf, isStandardInterpreter, libcOfInterpreter } from '../src/binary/audit/libc.js';
import { parseTarget, TargetError } from '../src/binary/audit/target.js';
import { type AuditOutput, auditBinary, type BinaryEntry, NotGoBinaryError } from '../src/binary/audit.js';
import { bytesSource } from '../src/binary/types.js';
import { COMMON_IMAGES, compareGlibc, IMAGE_TABLE, lookupImage } from '../src/core/images.js';
import { BINARY_RULES, RULES, SOURCE_RULES } from '../src/rules.js';
import {
  type Built,
  buildFixtures,
  FIXTURES,
  type GoVersionM,
  goVersionM,
  missingTool,
  type ReadelfFacts,
  readelf,
} from './support/binaries.js';
import { findGo, hasCommand, needTool } from './support/toolchain.js';

// ---------------------------------------------------------------------------------------------
// Units: no toolchain needed

describe('image table (src/core/images.ts)', () => {
  it('has the catalog glibc numbers, each row labelled with its source', () => {
    const glibc = (ref: string) => lookupImage(ref)?.glibc;
    assert.deepEqual(['debian:10', 'debian:11', 'debian:12', 'debian:13'].map(glibc), [
      '2.28',
      '2.31',
      '2.36',
      '2.41',
    ]);
    assert.deepEqual(['ubuntu:18.04', 'ubuntu:20.04', 'ubuntu:22.04', 'ubuntu:24.04'].map(glibc), [
      '2.27',
      '2.31',
      '2.35',
      '2.39',
    ]);
    assert.deepEqual(['centos:7', 'rhel:8', 'rockylinux:9'].map(glibc), ['2.17', '2.28', '2.34']);
    assert.deepEqual(['amazonlinux:2', 'amazonlinux:2023'].map(glibc), ['2.26', '2.34']);
    for (const row of IMAGE_TABLE) assert.match(row.source, /catalog/, `${row.key} names its source`);
  });
  it('resolves image references the way Dockerfiles write them', () => {
    const key = (ref: string) => lookupImage(ref)?.key ?? null;
    assert.equal(key('debian:bookworm-slim'), 'debian:12');
    assert.equal(key('docker.io/library/debian:11.9'), 'debian:11');
    assert.equal(key('ubuntu:jammy-20240111'), 'ubuntu:22.04');
    assert.equal(key('registry.access.redhat.com/ubi9/ubi-minimal:9.4'), 'rhel:9');
    assert.equal(key('quay.io/centos/centos:stream8'), 'rhel:8');
    assert.equal(key('alpine:3.20'), 'alpine:3.20');
    assert.equal(lookupImage('alpine:3.20')?.libc, 'musl');
    assert.equal(key('gcr.io/distroless/static-debian12:nonroot'), 'distroless/static');
    assert.equal(lookupImage('gcr.io/distroless/static-debian12')?.libc, 'none');
    assert.equal(lookupImage('gcr.io/distroless/base-debian11')?.glibc, '2.31');
    assert.equal(lookupImage('gcr.io/distroless/cc')?.glibc, '2.36');
    assert.equal(lookupImage('scratch')?.libc, 'none');
    assert.equal(key('debian:stable'), null, 'a floating suite name is not guessed');
    assert.equal(key('nosuch:1'), null);
  });
  it('golang images follow their suite; unsuffixed tags are dated data judged as Debian >= 12', () => {
    assert.equal(lookupImage('golang:1.22-bullseye')?.glibc, '2.31');
    assert.equal(lookupImage('golang:1.19-bookworm')?.glibc, '2.36');
    assert.equal(lookupImage('golang:1.25-trixie')?.glibc, '2.41');
    assert.equal(lookupImage('golang:1.22-alpine3.19')?.libc, 'musl');
    const floating = lookupImage('golang:1.23');
    assert.equal(floating?.glibc, '2.36');
    assert.match(floating?.note ?? '', /bookworm \(2\.36\) for Go <= 1\.23; trixie \(2\.41\)/);
    assert.match(floating?.source ?? '', /dated data/);
  });
  it('the verdict is judged against the common distributions and images', () => {
    assert.deepEqual(
      COMMON_IMAGES.map((i) => i.key),
      [
        'debian:10',
        'debian:11',
        'debian:12',
        'debian:13',
        'ubuntu:18.04',
        'ubuntu:20.04',
        'ubuntu:22.04',
        'ubuntu:24.04',
        'rhel:7',
        'rhel:8',
        'rhel:9',
        'amazonlinux:2',
        'amazonlinux:2023',
        'alpine',
        'distroless/static',
        'distroless/base',
        'distroless/cc',
        'scratch',
      ],
    );
  });
});

describe('glibc versions and interpreters', () => {
  it('compares versions numerically: 2.2.5 < 2.3.2 < 2.17 < 2.34', () => {
    const sorted = ['2.34', '2.17', '2.3.2', '2.2.5', '2.3.4', '2.6'].sort(compareGlibc);
    assert.deepEqual(sorted, ['2.2.5', '2.3.2', '2.3.4', '2.6', '2.17', '2.34']);
  });
  it('reads version names: GLIBC_ABI_DT_RELR is 2.36, GLIBC_PRIVATE counts for nothing', () => {
    assert.equal(glibcVersionOf('GLIBC_2.2.5'), '2.2.5');
    assert.equal(glibcVersionOf('GLIBC_ABI_DT_RELR'), '2.36');
    assert.equal(glibcVersionOf('GLIBC_PRIVATE'), null);
    assert.equal(glibcVersionOf('GLIBCXX_3.4.30'), null);
  });
  it('knows the standard interpreter of each libc per architecture', () => {
    assert.ok(isStandardInterpreter('/lib64/ld-linux-x86-64.so.2', 'glibc', 'amd64'));
    assert.ok(isStandardInterpreter('/lib/ld-linux-aarch64.so.1', 'glibc', 'arm64'));
    assert.ok(isStandardInterpreter('/lib/ld-linux-armhf.so.3', 'glibc', 'arm'));
    assert.ok(isStandardInterpreter('/lib/ld-linux.so.2', 'glibc', '386'));
    assert.ok(isStandardInterpreter('/lib64/ld64.so.2', 'glibc', 'ppc64le'));
    assert.ok(isStandardInterpreter('/lib/ld64.so.1', 'glibc', 's390x'));
    assert.ok(isStandardInterpreter('/lib/ld-linux-riscv64-lp64d.so.1', 'glibc', 'riscv64'));
    assert.ok(isStandardInterpreter('/lib/ld-musl-x86_64.so.1', 'musl', 'amd64'));
    assert.ok(isStandardInterpreter('/lib/ld-musl-aarch64.so.1', 'musl', 'arm64'));
    assert.ok(!isStandardInterpreter('/lib/ld-linux-aarch64.so.1', 'glibc', 'amd64'), 'another arch');
    assert.ok(
      !isStandardInterpreter('/lib/ld.so.1', 'glibc', 'riscv64'),
      "Go's riscv64 path (golang/go#77209)",
    );
    assert.ok(!isStandardInterpreter('/nix/store/abc-glibc/lib/ld-linux-x86-64.so.2', 'glibc', 'amd64'));
    assert.ok(!isStandardInterpreter('/lib/ld-musl-x86_64.so.1', 'glibc', 'amd64'));
    assert.equal(libcOfInterpreter('/lib/ld-musl-armhf.so.1'), 'musl');
    assert.equal(libcOfInterpreter('/nix/store/abc-glibc-2.38/lib/ld-linux-x86-64.so.2'), 'glibc');
    assert.equal(libcOfInterpreter('/opt/custom/loader'), null);
  });
});

describe('--target', () => {
  it('takes an os/arch, a libc part, or both', () => {
    const t = parseTarget('linux/arm64,debian:11');
    assert.deepEqual([t.os, t.arch, t.variant, t.libc?.glibc], ['linux', 'arm64', null, '2.31']);
    assert.deepEqual(
      [parseTarget('linux/amd64/v2').variant, parseTarget('linux/amd64/v2').libc],
      ['v2', null],
    );
    assert.equal(parseTarget('2.31').libc?.glibc, '2.31');
    assert.equal(parseTarget('glibc-2.17').libc?.glibc, '2.17');
    assert.equal(parseTarget('musl').libc?.libc, 'musl');
    assert.equal(parseTarget('gcr.io/distroless/static').libc?.libc, 'none');
    assert.equal(parseTarget('redhat/ubi9').os, null, 'an image with a slash is not an os/arch');
    assert.equal(parseTarget('linux/aarch64').arch, 'arm64');
  });
  it('rejects what it does not understand', () => {
    for (const bad of [
      '',
      'debian:99',
      'linux/amd64,nosuch',
      'linux/z80',
      'a,b,c',
      'plan8/amd64,debian:12',
    ]) {
      assert.throws(() => parseTarget(bad), TargetError, bad);
    }
  });
});

describe('rules registry', () => {
  it('registers BIN001-BIN008 with the other rules, not as source rules', () => {
    assert.deepEqual(
      BINARY_RULES.map((r) => r.id),
      ['BIN001', 'BIN002', 'BIN003', 'BIN004', 'BIN005', 'BIN006', 'BIN007', 'BIN008'],
    );
    for (const r of BINARY_RULES) {
      assert.equal(RULES.get(r.id), r);
      assert.equal(r.lens, 'binary');
      assert.equal(r.subsystem, 'binary');
      assert.ok(r.docs.bad.length > 0 && r.docs.good.length > 0);
      assert.ok(!SOURCE_RULES.some((s) => s.id === r.id));
    }
    assert.deepEqual(
      BINARY_RULES.map((r) => [r.id, r.name, r.severity]),
      [
        ['BIN001', 'static-glibc-nss', 'error'],
        ['BIN002', 'glibc-floor', 'info'],
        ['BIN003', 'wrong-interpreter', 'error'],
        ['BIN004', 'cgo-stub-dependency', 'error'],
        ['BIN005', 'race-build', 'warning'],
        ['BIN006', 'microarch-floor', 'info'],
        ['BIN007', 'dirty-build', 'info'],
        ['BIN008', 'arch-mismatch', 'error'],
      ],
    );
  });
  it('escapes package paths the way the linker names their functions', () => {
    assert.equal(symbolPrefix('github.com/mattn/go-sqlite3'), 'github.com/mattn/go-sqlite3.');
    assert.equal(symbolPrefix('gopkg.in/yaml.v3'), 'gopkg.in/yaml%2ev3.');
  });
  it('says why a file is not audited', () => {
    assert.throws(
      () => auditBinary(bytesSource(new TextEncoder().encode('#!/bin/sh\necho hi\n'))),
      (e: unknown) => e instanceof NotGoBinaryError && /not an executable/.test(e.reason),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Real binaries

const go = findGo();
const goSkip = needTool('go', go);
const readelfSkip = goSkip || needTool('readelf', hasCommand('readelf'));

/** The skip of a fixture's tests: no Go, or a tool its build needs (a failure under CI=true). */
function skipOf(name: string): false | string {
  if (goSkip) return goSkip;
  const f = FIXTURES.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  const missing = missingTool(f);
  if (!missing) return false;
  // git is not one of the toolchain components CI installs; the C compilers are.
  if (f.needs.includes('git') && missing.startsWith('git')) return missing;
  return needTool(missing.split(' ')[0], false);
}

let dir = '';
let built = new Map<string, Built>();

function pathOf(name: string): string {
  const b = built.get(name);
  assert.ok(b?.path, `fixture ${name} was built`);
  return b.path;
}

function audit(name: string, target?: string): AuditOutput {
  return auditBinary(bytesSource(readFileSync(pathOf(name))), { file: name, target });
}

/** `BIN002:info` for each finding, sorted. */
function fired(out: AuditOutput): string[] {
  return out.findings.map((f) => `${f.rule}:${f.severity}`).sort();
}

const MACHINES: Record<string, string> = {
  'Advanced Micro Devices X86-64': 'amd64',
  AArch64: 'arm64',
  ARM: 'arm',
  'Intel 80386': '386',
  'IBM S/390': 's390x',
};

function versionKey(v: string): number[] {
  return v.split('.').map(Number);
}

function cmpVersion(a: string, b: string): number {
  const x = versionKey(a);
  const y = versionKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Every ELF field of the entry against readelf's view of the same file. */
function checkAgainstReadelf(e: BinaryEntry, r: ReadelfFacts): void {
  assert.equal(e.goarch, MACHINES[r.machine], `machine ${r.machine}`);
  assert.equal(e.interpreter, r.interpreter, 'PT_INTERP');
  assert.deepEqual(e.needed, r.needed, 'DT_NEEDED');
  assert.deepEqual(e.rpath, r.rpath, 'RPATH');
  assert.deepEqual(e.runpath, r.runpath, 'RUNPATH');
  const linkage =
    r.type === 'EXEC'
      ? r.interpreter
        ? 'dynamic'
        : 'static'
      : r.interpreter
        ? 'pie'
        : r.flags1Pie
          ? 'static-pie'
          : 'shared-library';
  assert.equal(e.linkage, linkage, `e_type ${r.type}`);
  assert.equal(e.pie, linkage === 'pie' || linkage === 'static-pie');
  assert.equal(e.stripped, !r.sections.includes('.symtab'), '.symtab');
  assert.equal(
    e.dwarf,
    r.sections.some((s) => /^\.z?debug_info$/.test(s)),
    '.debug_info',
  );
  assert.equal(e.relro, r.relro ? (r.bindNow ? 'full' : 'partial') : 'none', 'GNU_RELRO');
  assert.equal(e.nx, r.nxStack, 'GNU_STACK');
  const external =
    r.sections.includes('.comment') ||
    r.sections.includes('.init_array') ||
    r.notes.includes('NT_GNU_ABI_TAG');
  assert.equal(e.externalLink, external, 'external link evidence');
  if (!r.interpreter && r.needed.length === 0 && r.notes.includes('NT_GNU_ABI_TAG')) {
    assert.equal(e.staticGlibc, true, 'no PT_INTERP plus .note.ABI-tag is static glibc');
  }
  // The glibc floor, computed here independently from readelf -V and --dyn-syms.
  const versions = r.versionNeeds
    .filter((n) => !n.weak && n.name !== 'GLIBC_PRIVATE')
    .map((n) => (n.name === 'GLIBC_ABI_DT_RELR' ? '2.36' : /^GLIBC_(\d+(?:\.\d+)+)$/.exec(n.name)?.[1]))
    .filter((v): v is string => v !== undefined);
  const sorted = [...new Set(versions)].sort(cmpVersion);
  const max = sorted.length ? sorted[sorted.length - 1] : null;
  assert.equal(e.glibcMax, max, 'highest GLIBC_x.y need');
  assert.deepEqual(e.glibcVersions, sorted, 'every GLIBC_x.y need');
  const symbols = [
    ...new Set(r.undefinedVersioned.filter((s) => s.version === `GLIBC_${max}`).map((s) => s.name)),
  ];
  if (max === '2.36' && r.versionNeeds.some((n) => n.name === 'GLIBC_ABI_DT_RELR'))
    symbols.push('GLIBC_ABI_DT_RELR');
  assert.deepEqual([...e.glibcSymbols].sort(), symbols.sort(), 'symbols that need the floor');
}

/** The Go side of the entry against `go version -m`. */
function checkAgainstGoVersion(e: BinaryEntry, v: GoVersionM): void {
  assert.equal(e.goVersion, v.goVersion, 'Go version');
  assert.equal(e.versionSource, 'buildinfo');
  assert.equal(e.path, v.path, 'path');
  assert.deepEqual(e.module, v.mod, 'main module');
  assert.deepEqual(e.deps, v.deps, 'deps with replacements');
  assert.deepEqual(e.settings, v.settings, 'build settings');
  assert.equal(e.goos, v.settings.GOOS);
  assert.equal(e.goarch, v.settings.GOARCH);
}

describe('audit of real binaries (built with the Go toolchain on PATH)', { skip: goSkip }, () => {
  before(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'gotrap-binaries-'));
      built = await buildFixtures(go!.bin, dir);
    },
    { timeout: 900_000 },
  );
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const f of FIXTURES) {
    const isElf = !f.env.GOOS || f.env.GOOS === 'linux';
    it(`${f.name} (${f.what}): every field matches go version -m${isElf ? ' and readelf' : ''}`, {
      skip: skipOf(f.name) || (isElf ? readelfSkip : false),
    }, () => {
      const { entry } = audit(f.name);
      checkAgainstGoVersion(entry, goVersionM(go!.bin, pathOf(f.name)));
      if (isElf) checkAgainstReadelf(entry, readelf(pathOf(f.name)));
      assert.equal(entry.format, isElf ? 'elf' : f.env.GOOS === 'windows' ? 'pe' : 'macho');
    });
  }

  it('static: pure Go is static, internally linked, without libc, runs everywhere', {
    skip: skipOf('static'),
  }, () => {
    const out = audit('static');
    const e = out.entry;
    assert.deepEqual(
      [e.linkage, e.cgo, e.externalLink, e.libc, e.interpreter, e.stripped, e.dwarf],
      ['static', false, false, null, null, false, true],
    );
    assert.deepEqual(
      e.runsOn,
      COMMON_IMAGES.map((i) => i.key),
    );
    assert.deepEqual(fired(out), []);
    assert.deepEqual(fired(audit('static', 'linux/amd64,scratch')), []);
  });

  it('stripped: -s -w drops the symbol table and DWARF, not the build info', {
    skip: skipOf('stripped'),
  }, () => {
    const e = audit('stripped').entry;
    assert.deepEqual([e.stripped, e.dwarf, e.goVersion?.startsWith('go1.')], [true, false, true]);
  });

  it('trimpath: recorded as a setting', { skip: skipOf('trimpath') }, () => {
    assert.equal(audit('trimpath').entry.settings['-trimpath'], 'true');
  });

  it("pie: Go's internal PIE has an interpreter and no DT_NEEDED; it cannot start on Alpine", {
    skip: skipOf('pie'),
  }, () => {
    const out = audit('pie');
    const e = out.entry;
    assert.deepEqual(
      [e.linkage, e.pie, e.interpreter, e.needed, e.libc, e.interpreterStandard, e.externalLink],
      ['pie', true, '/lib64/ld-linux-x86-64.so.2', [], 'glibc', true, false],
    );
    assert.equal(
      e.settings['-buildmode'],
      undefined,
      'go1.19 does not record -buildmode: PIE-ness came from the file',
    );
    assert.ok(
      !e.runsOn.includes('alpine') && !e.runsOn.includes('scratch') && e.runsOn.includes('debian:10'),
    );
    assert.deepEqual(fired(out), [], 'standard interpreter, no target: nothing to say');
    assert.deepEqual(fired(audit('pie', 'alpine')), ['BIN003:error']);
    assert.deepEqual(fired(audit('pie', 'distroless/static')), ['BIN003:error']);
    assert.deepEqual(fired(audit('pie', 'debian:10')), []);
  });

  it('race: BIN005, a dynamic cgo binary', { skip: skipOf('race') }, () => {
    const out = audit('race');
    assert.equal(out.entry.settings['-race'], 'true');
    assert.deepEqual([out.entry.cgo, out.entry.linkage, out.entry.libc], [true, 'dynamic', 'glibc']);
    assert.ok(fired(out).includes('BIN005:warning'));
  });

  it('v3: GOAMD64=v3 and -tags recorded; BIN006 info, an error for a v2 target', {
    skip: skipOf('v3'),
  }, () => {
    const out = audit('v3');
    assert.equal(out.entry.settings.GOAMD64, 'v3');
    assert.equal(out.entry.settings['-tags'], 'foo,bar');
    assert.deepEqual(fired(out), ['BIN006:info']);
    assert.match(
      out.findings[0].message,
      /This program can only be run on AMD64 processors with v3 microarchitecture support\./,
    );
    assert.deepEqual(fired(audit('v3', 'linux/amd64/v2')), ['BIN006:error']);
    assert.deepEqual(fired(audit('v3', 'linux/amd64/v3')), ['BIN006:info']);
  });

  it('netcgo: net and os/user link cgo internally; glibc floor from the build machine', {
    skip: skipOf('netcgo'),
  }, () => {
    const out = audit('netcgo');
    const e = out.entry;
    assert.deepEqual(
      [e.cgo, e.externalLink, e.linkage, e.libc, e.needed],
      [true, false, 'dynamic', 'glibc', ['libc.so.6']],
    );
    assert.ok(e.cgoEvidence.length > 0);
    assert.ok(e.glibcMax, 'a glibc floor');
    assert.deepEqual(fired(out), ['BIN002:info']);
    assert.match(out.findings[0].message, new RegExp(`GLIBC_${e.glibcMax!.replaceAll('.', '\\.')}`));
    // The floor decides the targets.
    const older = COMMON_IMAGES.filter((i) => i.glibc && compareGlibc(i.glibc, e.glibcMax!) < 0);
    for (const i of older) assert.ok(!e.runsOn.includes(i.key), `not on ${i.key}`);
    assert.ok(!e.runsOn.includes('alpine'));
    if (compareGlibc(e.glibcMax!, '2.31') > 0) {
      assert.deepEqual(fired(audit('netcgo', 'debian:11')), ['BIN002:error']);
      assert.deepEqual(fired(audit('netcgo', '2.31')), ['BIN002:error']);
      assert.ok(older.some((i) => i.key === 'debian:11'));
    }
    assert.deepEqual(fired(audit('netcgo', 'alpine')), ['BIN003:error'], 'musl target: only BIN003');
    assert.deepEqual(fired(audit('netcgo', 'scratch')), ['BIN003:error']);
    assert.deepEqual(fired(audit('netcgo', 'distroless/static')), ['BIN003:error']);
    assert.deepEqual(fired(audit('netcgo', 'debian:13')), ['BIN002:info']);
  });

  it('netgo: -tags netgo,osusergo links no cgo although CGO_ENABLED=1 is recorded', {
    skip: skipOf('netgo'),
  }, () => {
    const e = audit('netgo').entry;
    assert.deepEqual([e.settings.CGO_ENABLED, e.cgo, e.linkage, e.libc], ['1', false, 'static', null]);
  });

  it('cgodyn: own C code, linked externally by gcc', { skip: skipOf('cgodyn') }, () => {
    const out = audit('cgodyn');
    const e = out.entry;
    assert.deepEqual([e.cgo, e.externalLink, e.linkage, e.libc], [true, true, 'dynamic', 'glibc']);
    assert.ok(e.externalLinkEvidence.some((x) => /^\.comment: GCC: /.test(x)));
    assert.ok(e.glibcSymbols.includes('__libc_start_main') || compareGlibc(e.glibcMax!, '2.34') < 0);
    assert.deepEqual(fired(out), ['BIN002:info']);
  });

  it('cgostripped: cgo is still seen after stripping (pclntab and .dynsym)', {
    skip: skipOf('cgostripped'),
  }, () => {
    const e = audit('cgostripped').entry;
    assert.deepEqual([e.stripped, e.cgo, e.externalLink], [true, true, true]);
  });

  for (const name of ['cgostatic', 'cgostaticstripped']) {
    it(`${name}: static glibc with os/user and net is BIN001 (GNU ld warned at link time)`, {
      skip: skipOf(name),
    }, () => {
      const b = built.get(name)!;
      assert.match(
        b.output,
        /Using 'getpwnam_r' in statically linked applications requires at runtime the shared libraries/,
      );
      const out = audit(name);
      const e = out.entry;
      assert.deepEqual(
        [e.linkage, e.staticGlibc, e.libc, e.musl, e.externalLink],
        ['static', true, 'glibc', false, true],
      );
      assert.ok(e.staticGlibcEvidence.includes('.note.ABI-tag note'));
      assert.ok(e.staticGlibcEvidence.includes('string "GLIBC_PRIVATE"'));
      assert.equal(e.stripped, name === 'cgostaticstripped');
      assert.deepEqual(fired(out), ['BIN001:error']);
      assert.match(out.findings[0].message, /os\/user\._Cfunc_mygetpwnam_r/);
      assert.deepEqual(
        e.runsOn,
        COMMON_IMAGES.map((i) => i.key),
        'it starts everywhere; the lookups crash',
      );
    });
  }

  it('relr: an external PIE with DT_RELR needs GLIBC_ABI_DT_RELR, that is glibc 2.36', {
    skip: skipOf('relr'),
  }, (t) => {
    const r = readelf(pathOf('relr'));
    if (!r.versionNeeds.some((n) => n.name === 'GLIBC_ABI_DT_RELR')) {
      t.skip('this linker ignored -z pack-relative-relocs');
      return;
    }
    const out = audit('relr');
    const e = out.entry;
    assert.deepEqual([e.linkage, e.externalLink, e.glibcMax], ['pie', true, '2.36']);
    assert.ok(e.glibcSymbols.includes('GLIBC_ABI_DT_RELR'));
    assert.ok(!e.runsOn.includes('ubuntu:22.04') && e.runsOn.includes('debian:12'));
    assert.deepEqual(fired(audit('relr', 'ubuntu:22.04')), ['BIN002:error']);
    assert.deepEqual(fired(audit('relr', 'debian:12')), ['BIN002:info']);
  });

  it('a non-standard interpreter is BIN003 even without --target', {
    skip: skipOf('netcgo') || skipOf('musldyn'),
  }, () => {
    const cases: Array<[string, string, string]> = [
      ['netcgo', '/lib64/ld-linux-x86-64.so.2', '/tmp/ld-linux-x86-64.so.2'],
      ['musldyn', '/lib/ld-musl-x86_64.so.1', '/lib/ld-musl-armhf.so.1'],
    ];
    for (const [name, from, to] of cases) {
      const bytes = Buffer.from(readFileSync(pathOf(name)));
      const at = bytes.indexOf(Buffer.from(`${from}\0`));
      assert.ok(at > 0, `${name} has ${from}`);
      bytes.fill(0, at, at + from.length);
      bytes.write(to, at, 'latin1');
      const patched = join(dir, `${name}-patched`);
      writeFileSync(patched, bytes);
      assert.equal(readelf(patched).interpreter, to, 'readelf sees the patched interpreter');
      const out = auditBinary(bytesSource(bytes), { file: patched });
      assert.deepEqual([out.entry.interpreter, out.entry.interpreterStandard], [to, false]);
      assert.ok(fired(out).includes('BIN003:error'), `${name}: ${fired(out)}`);
      assert.deepEqual(out.entry.runsOn, []);
    }
  });

  it('musldyn: musl interpreter, libc.so, no GLIBC needs; runs on Alpine only', {
    skip: skipOf('musldyn'),
  }, () => {
    const out = audit('musldyn');
    const e = out.entry;
    assert.deepEqual(
      [e.libc, e.musl, e.interpreter, e.interpreterStandard, e.glibcMax, e.linkage],
      ['musl', true, '/lib/ld-musl-x86_64.so.1', true, null, 'dynamic'],
    );
    assert.ok(e.needed.some((n) => n === 'libc.so' || /^libc\.musl-/.test(n)));
    assert.deepEqual(e.runsOn, ['alpine']);
    assert.deepEqual(fired(out), []);
    assert.deepEqual(fired(audit('musldyn', 'debian:12')), ['BIN003:error']);
    assert.deepEqual(fired(audit('musldyn', 'alpine:3.20')), []);
    assert.deepEqual(fired(audit('musldyn', 'golang:1.22-alpine')), []);
  });

  it('muslstatic: static musl is not static glibc', { skip: skipOf('muslstatic') }, () => {
    const out = audit('muslstatic');
    const e = out.entry;
    assert.deepEqual([e.linkage, e.staticGlibc, e.musl, e.externalLink], ['static', false, true, true]);
    assert.deepEqual(fired(out), []);
    assert.ok(e.runsOn.includes('scratch'));
  });

  it('arm64: BIN008 against an amd64 target', { skip: skipOf('arm64') }, () => {
    assert.equal(audit('arm64').entry.goarch, 'arm64');
    assert.deepEqual(fired(audit('arm64', 'linux/amd64')), ['BIN008:error']);
    assert.deepEqual(fired(audit('arm64', 'linux/arm64')), []);
    assert.deepEqual(
      fired(audit('arm64', 'debian:11')),
      [],
      'no os/arch in the target: BIN008 is not evaluated',
    );
  });

  it('arm: GOARM=7 is BIN006; on arm64 it needs AArch32 (info)', { skip: skipOf('arm') }, () => {
    const out = audit('arm');
    assert.deepEqual(fired(out), ['BIN006:info']);
    assert.match(out.findings[0].message, /no VFPv3 floating point hardware/);
    assert.deepEqual(fired(audit('arm', 'linux/arm64')), ['BIN006:info', 'BIN008:info']);
    assert.deepEqual(fired(audit('arm', 'linux/arm/v6')), ['BIN006:error']);
  });

  it('386: 32-bit; on amd64 only with IA-32 emulation (info); GO386 is no floor', {
    skip: skipOf('386'),
  }, () => {
    const out = audit('386');
    assert.deepEqual([out.entry.goarch, fired(out)], ['386', []]);
    assert.deepEqual(fired(audit('386', 'linux/amd64')), ['BIN008:info']);
  });

  it('s390x: big-endian build info and headers are read', { skip: skipOf('s390x') }, () => {
    const out = audit('s390x');
    assert.deepEqual(
      [out.entry.goarch, out.entry.linkage, out.entry.settings.GOARCH],
      ['s390x', 'static', 's390x'],
    );
    assert.deepEqual(fired(audit('s390x', 'linux/amd64')), ['BIN008:error']);
  });

  it('windows: PE with DYNAMICBASE is pie; not a Linux binary', { skip: skipOf('windows') }, () => {
    const e = audit('windows').entry;
    assert.deepEqual([e.format, e.goos, e.linkage, e.runsOn], ['pe', 'windows', 'pie', []]);
    assert.deepEqual(fired(audit('windows', 'linux/amd64')), ['BIN008:error']);
    assert.deepEqual(fired(audit('windows', 'windows/amd64')), []);
  });

  it('darwin: Mach-O executables are pie', { skip: skipOf('darwin') }, () => {
    const e = audit('darwin').entry;
    assert.deepEqual([e.format, e.goos, e.goarch, e.linkage], ['macho', 'darwin', 'arm64', 'pie']);
    assert.deepEqual(fired(audit('darwin', 'linux/arm64')), ['BIN008:error']);
    assert.deepEqual(fired(audit('darwin', 'darwin/arm64')), []);
  });

  it('sqlnocgo: CGO_ENABLED=0 with the go-sqlite3 stub linked is BIN004; the pure-Go kafka sibling is not', {
    skip: skipOf('sqlnocgo'),
  }, () => {
    const out = audit('sqlnocgo');
    assert.deepEqual(fired(out), ['BIN004:error']);
    assert.match(
      out.findings[0].message,
      /github\.com\/mattn\/go-sqlite3 v1\.14\.22 \(function github\.com\/mattn\/go-sqlite3\.\S+\)/,
    );
    assert.doesNotMatch(out.findings[0].message, /kafka/);
    const paths = out.entry.deps.map((d) => `${d.path} => ${d.replace?.path}`);
    assert.deepEqual(paths, [
      'github.com/confluentinc/confluent-kafka-go/v2 => ./third_party/confluent-kafka-go',
      'github.com/mattn/go-sqlite3 => ./third_party/go-sqlite3',
    ]);
  });

  it('sqlcgo: the same program with cgo has the real driver and no BIN004', {
    skip: skipOf('sqlcgo'),
  }, () => {
    const out = audit('sqlcgo');
    assert.equal(out.entry.cgo, true);
    assert.ok(!fired(out).includes('BIN004:error'));
  });

  it('dirty: vcs.modified=true is BIN007', { skip: skipOf('dirty') }, () => {
    const out = audit('dirty');
    assert.equal(out.entry.settings['vcs.modified'], 'true');
    assert.deepEqual(fired(out), ['BIN007:info']);
    assert.match(out.findings[0].message, new RegExp(`revision ${out.entry.settings['vcs.revision']}`));
  });

  it('a truncated binary is malformed or not Go, never a crash', { skip: skipOf('static') }, () => {
    const bytes = readFileSync(pathOf('static'));
    for (const n of [16, 64, 200, 4096, bytes.length >> 1]) {
      try {
        auditBinary(bytesSource(bytes.subarray(0, n)));
      } catch (e) {
        assert.ok(
          e instanceof NotGoBinaryError || (e as Error).name === 'BinaryFormatError',
          `truncated to ${n}: ${(e as Error).stack}`,
        );
      }
    }
  });
});
