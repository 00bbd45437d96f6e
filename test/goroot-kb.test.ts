import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  defaultExperiments,
  GorootKB,
  type GorootReader,
  LayeredKB,
  parseBlockedLinknames,
  readConstraint,
} from '../src/source/linkname/goroot.js';
import { BundledKB } from '../src/source/linkname/table.js';
import { needTool } from './support/toolchain.js';

/** A tiny Go source tree, in memory: path relative to GOROOT → text. */
const TREE: Record<string, string> = {
  'src/internal/buildcfg/exp.go': `package buildcfg

func ParseGOEXPERIMENT(goos, goarch, goexp string) (*ExperimentFlags, error) {
	baseline := goexperiment.Flags{
		RegabiWrappers: regabiSupported,
		SwissMap:       true,
		Arenas:         false,
	}
	return nil, nil
}
`,
  'src/cmd/link/internal/loader/loader.go': `package loader

var blockedLinknames = map[string][]string{
	// coroutines
	"runtime.coroswitch": {"iter"},
	"runtime.newcoro":    {"iter"},
	"runtime.secret":     nil,
}

func (l *Loader) checkLinkname(pkg, name string, s Sym) {}
`,
  'src/cmd/internal/obj/sym.go': `package obj

func (ctxt *Link) NumberSyms() {
			if i := goobj.BuiltinIdx(rs.Name, int(rs.ABI())); i != -1 {
			}
}
`,
  'src/cmd/internal/goobj/builtinlist.go': `package goobj

var builtins = [...]struct {
	name string
	abi  int
}{
	{"runtime.newobject", 1},
	{"runtime.mallocgc", 1},
}
`,
  'src/runtime/stubs.go': `// Copyright notice.

package runtime

import "unsafe"

// getg is an intrinsic.
func getg() *g

//go:linkname nanotime
func nanotime() int64 {
	return nanotime1()
}

func nanotime1() int64

func acquirem() *m {
	return nil
}

//go:linkname mallocgc
func mallocgc(size uintptr, typ *_type, needzero bool) unsafe.Pointer {
	return nil
}

func newobject(typ *_type) unsafe.Pointer {
	return mallocgc(typ.size, typ, true)
}

func gopark(unlockf func(*g, unsafe.Pointer) bool, lock unsafe.Pointer,
	reason waitReason, traceReason traceBlockReason, traceskip int) {
	// a header over two lines
}

func typed() interface{} // no body, despite the braces

var (
	overrideWrite func(fd uintptr, p unsafe.Pointer, n int32) int32 // a hook
	a, b          int
)

var single uint32 = 3
`,
  'src/runtime/rand.go': `package runtime

//go:linkname legacy_fastrand runtime.fastrand
func legacy_fastrand() uint32 {
	return 4
}
`,
  'src/runtime/sema.go': `package runtime

//go:linkname sync_runtime_Semacquire sync.runtime_Semacquire
func sync_runtime_Semacquire(addr *uint32) {
	semacquire(addr)
}
`,
  'src/runtime/coro.go': `package runtime

//go:linkname coroswitch
func coroswitch(c *coro) {
}
`,
  'src/runtime/os_windows.go': `package runtime

func windowsOnly() {
}
`,
  'src/runtime/notlinux.go': `//go:build !linux

package runtime

func notLinux() {
}
`,
  'src/runtime/map_swiss.go': `//go:build goexperiment.swissmap

package runtime

func swissOnly() {
}
`,
  'src/runtime/map_noswiss.go': `//go:build !goexperiment.swissmap

package runtime

func noswissOnly() {
}
`,
  'src/runtime/arenas.go': `//go:build goexperiment.arenas

package runtime

func arenasOnly() {
}
`,
  'src/runtime/stubs_test.go': `package runtime

func testOnly() {
}
`,
  'src/runtime/sys_linux_amd64.s': `#include "textflag.h"

TEXT runtime·nanotime1(SB),NOSPLIT,$16-8
	RET

TEXT runtime·osyield(SB),NOSPLIT,$0
	RET
`,
  'src/runtime/sys_linux_arm64.s': `TEXT runtime·armOnly(SB),NOSPLIT,$0
	RET
`,
  'src/runtime/time_linux_amd64.s': `//go:build !faketime

TEXT time·now<ABIInternal>(SB),NOSPLIT,$16-24
	RET
`,
  'src/sync/runtime.go': `package sync

// Semacquire waits.
func runtime_Semacquire(s *uint32)

func runtime_gone() int64
`,
  'src/time/time.go': `package time

func now() (sec int64, nsec int32, mono int64)

//go:linkname runtimeNano runtime.nanotime
func runtimeNano() int64
`,
  'src/internal/runtime/maps/runtime.go': `package maps

//go:linkname runtime_mapaccess2 runtime.mapaccess2
func runtime_mapaccess2(typ *abi.SwissMapType, m *Map, key unsafe.Pointer) (unsafe.Pointer, bool) {
	return nil, false
}
`,
  'src/internal/bytealg/compare_native.go': `package bytealg

//go:linkname abigen_runtime_cmpstring runtime.cmpstring
func abigen_runtime_cmpstring(a, b string) int
`,
  'src/internal/bytealg/compare_amd64.s': `TEXT runtime·cmpstring<ABIInternal>(SB),NOSPLIT,$0-40
	RET
`,
};

/** A reader over TREE that counts how often each file is read. */
function fakeReader(tree: Record<string, string> = TREE): GorootReader & { reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    readFile(rel) {
      reads.set(rel, (reads.get(rel) ?? 0) + 1);
      return tree[rel] ?? null;
    },
    listDir(rel) {
      const prefix = `${rel}/`;
      const names = new Set<string>();
      for (const path of Object.keys(tree)) {
        if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0]);
      }
      return names.size ? [...names] : null;
    },
  };
}

const V123 = { major: 1, minor: 23, patch: 0 };

function kb123(): GorootKB {
  return new GorootKB(fakeReader(), 'go1.23.5\ntime 2025-01-16T00:00:00Z\n', { label: '/fake/go' });
}

function info(kb: GorootKB, symbol: string) {
  const found = kb.lookup(symbol, V123);
  assert.ok(found, symbol);
  return found;
}

describe('GorootKB: which release it speaks for', () => {
  it('answers only for its own major.minor', () => {
    const kb = kb123();
    assert.deepEqual(kb.minors(), [23]);
    assert.ok(kb.lookup('runtime.nanotime', { major: 1, minor: 23, patch: 9 }));
    assert.equal(kb.lookup('runtime.nanotime', { major: 1, minor: 22, patch: 0 }), null);
    assert.equal(kb.lookup('runtime.nanotime', { major: 1, minor: 24, patch: 0 }), null);
    assert.deepEqual(kb.symbolsOf('sync', { major: 1, minor: 24, patch: 0 }), []);
  });

  it('answers nothing when VERSION is not a release', () => {
    const kb = new GorootKB(fakeReader(), 'devel go1.24-abcdef Tue Jan 1 2025');
    assert.equal(kb.version, null);
    assert.deepEqual(kb.minors(), []);
    assert.equal(kb.lookup('runtime.nanotime', V123), null);
  });
});

describe('GorootKB: existence and linkability (1.23 rules)', () => {
  it('accepts a marked Go definition', () => {
    const n = info(kb123(), 'runtime.nanotime');
    assert.equal(n.exists, true);
    assert.equal(n.linkable, true);
    assert.match(n.why, /one-arg \/\/go:linkname marker \(stubs\.go\)/);
    assert.equal(n.signatureText, 'func nanotime() int64');
    assert.equal(n.source, '/fake/go (go1.23.5, linux/amd64): src/runtime/stubs.go:11');
    assert.equal(n.release, '1.23');
  });

  it('refuses an unmarked Go definition', () => {
    const a = info(kb123(), 'runtime.acquirem');
    assert.equal(a.exists, true);
    assert.equal(a.linkable, false);
    assert.match(a.why, /no marker/);
  });

  it('accepts a symbol pushed from another package, with the pusher’s declaration renamed', () => {
    const f = info(kb123(), 'runtime.fastrand');
    assert.equal(f.linkable, true);
    assert.match(f.why, /push from runtime: legacy_fastrand \(rand\.go\)/);
    assert.equal(f.signatureText, 'func fastrand() uint32');
    const s = info(kb123(), 'sync.runtime_Semacquire');
    assert.equal(s.exists, true);
    assert.equal(s.linkable, true);
    assert.equal(s.signatureText, 'func runtime_Semacquire(s *uint32)', 'the package’s own declaration wins');
    const m = info(kb123(), 'runtime.mapaccess2');
    assert.equal(m.linkable, true);
    assert.match(m.why, /push from internal\/runtime\/maps/);
  });

  it('accepts assembly definitions, in the package or pushed from another directory', () => {
    assert.equal(info(kb123(), 'runtime.osyield').linkable, true);
    const n1 = info(kb123(), 'runtime.nanotime1');
    assert.equal(n1.linkable, true);
    assert.match(n1.why, /assembly implementation \(sys_linux_amd64\.s\)/);
    assert.equal(n1.signatureText, 'func nanotime1() int64');
    const now = info(kb123(), 'time.now');
    assert.equal(now.exists, true);
    assert.equal(now.linkable, true);
    assert.equal(now.source, '/fake/go (go1.23.5, linux/amd64): src/runtime/time_linux_amd64.s:3');
    const cmp = info(kb123(), 'runtime.cmpstring');
    assert.equal(cmp.linkable, true);
    assert.equal(cmp.signatureText, 'func cmpstring(a, b string) int');
  });

  it('refuses blocked names even when marked', () => {
    const c = info(kb123(), 'runtime.coroswitch');
    assert.equal(c.exists, true);
    assert.equal(c.linkable, false);
    assert.match(c.why, /blockedLinknames \(only iter may pull it\)/);
  });

  it('lets unmarked compiler builtins through while the linker skips them', () => {
    const n = info(kb123(), 'runtime.newobject');
    assert.equal(n.linkable, true);
    assert.match(n.why, /compiler builtins/);
    const closed = { ...TREE };
    closed['src/cmd/internal/obj/sym.go'] =
      'if i := goobj.BuiltinIdx(rs.Name, int(rs.ABI())); i != -1 && !rs.IsLinkname() {\n';
    const kb124 = new GorootKB(fakeReader(closed), 'go1.24.4');
    assert.equal(kb124.lookup('runtime.newobject', { major: 1, minor: 24, patch: 0 })?.linkable, false);
  });

  it('finds no symbol for intrinsics, pull aliases and removed names', () => {
    const g = info(kb123(), 'runtime.getg');
    assert.equal(g.exists, false);
    assert.equal(g.linkable, false);
    assert.equal(g.signatureText, 'func getg() *g');
    assert.equal(info(kb123(), 'time.runtimeNano').exists, false);
    assert.equal(info(kb123(), 'sync.runtime_gone').exists, false);
    const missing = info(kb123(), 'runtime.nosuch');
    assert.equal(missing.exists, false);
    assert.equal(missing.signatureText, undefined);
    assert.equal(missing.why, 'not defined');
    assert.equal(info(kb123(), 'nosuchpkg.f').exists, false);
  });

  it('picks the files of linux/amd64 with the default experiments', () => {
    const kb = kb123();
    assert.equal(info(kb, 'runtime.windowsOnly').exists, false);
    assert.equal(info(kb, 'runtime.notLinux').exists, false);
    assert.equal(info(kb, 'runtime.testOnly').exists, false);
    assert.equal(info(kb, 'runtime.armOnly').exists, false);
    assert.equal(info(kb, 'runtime.swissOnly').exists, true);
    assert.equal(info(kb, 'runtime.noswissOnly').exists, false);
    assert.equal(info(kb, 'runtime.arenasOnly').exists, false);
  });

  it('reads multi-line headers and types with braces', () => {
    const kb = kb123();
    const g = info(kb, 'runtime.gopark');
    assert.equal(g.exists, true);
    assert.equal(
      g.signatureText,
      'func gopark(unlockf func(*g, unsafe.Pointer) bool, lock unsafe.Pointer, reason waitReason, traceReason traceBlockReason, traceskip int)',
    );
    assert.equal(g.signature?.params.length, 5);
    assert.equal(info(kb, 'runtime.typed').exists, false);
  });

  it('reads variables, alone and in blocks', () => {
    const kb = kb123();
    const w = info(kb, 'runtime.overrideWrite');
    assert.equal(w.exists, true);
    assert.equal(w.signatureText, 'var overrideWrite func(fd uintptr, p unsafe.Pointer, n int32) int32');
    assert.equal(w.signature?.kind, 'var');
    assert.equal(info(kb, 'runtime.b').exists, true);
    assert.equal(info(kb, 'runtime.single').signatureText, 'var single uint32');
  });

  it('lists what a package defines, pushes and assembly included', () => {
    const kb = kb123();
    assert.deepEqual(kb.symbolsOf('sync', V123), ['sync.runtime_Semacquire']);
    assert.deepEqual(kb.symbolsOf('time', V123), ['time.now']);
    const runtime = kb.symbolsOf('runtime', V123);
    for (const s of ['runtime.nanotime', 'runtime.fastrand', 'runtime.nanotime1', 'runtime.mapaccess2']) {
      assert.ok(runtime.includes(s), s);
    }
    for (const s of ['runtime.getg', 'runtime.legacy_fastrand', 'runtime.windowsOnly', 'runtime.testOnly']) {
      assert.ok(!runtime.includes(s), s);
    }
  });

  it('reads each file at most once across lookups', () => {
    const reader = fakeReader();
    const kb = new GorootKB(reader, 'go1.23.5');
    for (const s of [
      'runtime.nanotime',
      'runtime.acquirem',
      'sync.runtime_Semacquire',
      'time.now',
      'runtime.newobject',
    ]) {
      kb.lookup(s, V123);
    }
    kb.symbolsOf('runtime', V123);
    for (const [path, count] of reader.reads) assert.equal(count, 1, path);
    assert.ok(!reader.reads.has('src/runtime/os_windows.go'), 'files excluded by name are not read');
  });
});

describe('GorootKB before 1.23', () => {
  it('has no linkability verdict, only existence', () => {
    const kb = new GorootKB(fakeReader(), 'go1.22.12');
    const v = { major: 1, minor: 22, patch: 0 };
    const a = kb.lookup('runtime.acquirem', v);
    assert.equal(a?.exists, true);
    assert.equal(a?.linkable, null);
    assert.match(a?.why ?? '', /^no linkname check before 1\.23; Go definition, no marker \(stubs\.go\)/);
    assert.equal(kb.lookup('runtime.getg', v)?.linkable, null);
    assert.equal(kb.lookup('runtime.coroswitch', v)?.linkable, null);
  });
});

describe('LayeredKB', () => {
  it('takes the table’s answer first and the tree’s for symbols the table lacks', () => {
    const kb = new LayeredKB(new BundledKB(), kb123());
    assert.match(kb.lookup('runtime.nanotime', V123)?.source ?? '', /^gotrap linkname table/);
    assert.match(kb.lookup('runtime.swissOnly', V123)?.source ?? '', /^\/fake\/go/);
    assert.equal(kb.lookup('runtime.swissOnly', { major: 1, minor: 24, patch: 0 }), null);
    assert.deepEqual(kb.minors(), [19, 20, 21, 22, 23, 24, 25, 26]);
    const sync = kb.symbolsOf('sync', V123);
    assert.ok(sync.includes('sync.runtime_nanotime') && sync.includes('sync.runtime_Semacquire'));
    assert.equal(new Set(sync).size, sync.length);
  });
});

describe('GorootKB helpers', () => {
  it('reads the default experiments', () => {
    assert.deepEqual([...defaultExperiments(TREE['src/internal/buildcfg/exp.go'])].sort(), [
      'goexperiment.regabiwrappers',
      'goexperiment.swissmap',
    ]);
    assert.deepEqual([...defaultExperiments('package buildcfg\n')], []);
  });

  it('reads the blocked list, nil entries included', () => {
    const blocked = parseBlockedLinknames(TREE['src/cmd/link/internal/loader/loader.go']);
    assert.deepEqual(blocked.get('runtime.coroswitch'), ['iter']);
    assert.deepEqual(blocked.get('runtime.secret'), []);
    assert.equal(blocked.size, 3);
  });

  it('reads build constraints from the header only', () => {
    assert.equal(readConstraint('package p\n//go:build linux\n'), null);
    assert.deepEqual(readConstraint('// c\n\n//go:build linux\n\npackage p\n'), {
      kind: 'tag',
      tag: 'linux',
    });
    assert.equal(readConstraint('//go:build linux &&\npackage p\n'), undefined);
    assert.deepEqual(readConstraint('// +build !windows\n\npackage p\n'), {
      kind: 'not',
      x: { kind: 'tag', tag: 'windows' },
    });
  });
});

// A real tree, when one is installed (Debian's golang-1.19 in CI): it must agree with the
// bundled table on every symbol the table knows.
const REAL_GOROOT = '/usr/lib/go-1.19';

describe('GorootKB on an installed Go tree', {
  skip: needTool(`the Go source tree ${REAL_GOROOT}`, existsSync(`${REAL_GOROOT}/VERSION`)),
}, () => {
  it('agrees with the bundled table', () => {
    const reader: GorootReader = {
      readFile: (rel) =>
        existsSync(`${REAL_GOROOT}/${rel}`) ? readFileSync(`${REAL_GOROOT}/${rel}`, 'utf8') : null,
      listDir: (rel) => (existsSync(`${REAL_GOROOT}/${rel}`) ? readdirSync(`${REAL_GOROOT}/${rel}`) : null),
    };
    const kb = new GorootKB(reader, readFileSync(`${REAL_GOROOT}/VERSION`, 'utf8'), { label: REAL_GOROOT });
    const version = kb.version;
    assert.ok(version);
    const table = new BundledKB();
    if (!table.minors().includes(version.minor)) return;
    for (const symbol of table.symbols()) {
      const mine = kb.lookup(symbol, version);
      const theirs = table.lookup(symbol, version);
      assert.equal(mine?.exists, theirs?.exists, symbol);
      assert.equal(mine?.linkable, theirs?.linkable, symbol);
      if (mine?.exists) assert.equal(mine.signatureText, theirs?.signatureText, symbol);
    }
  });
});
