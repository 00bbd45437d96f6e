import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoVersion } from '../src/core/goversion.js';
import { TABLE } from '../src/source/linkname/table.generated.js';
import { BundledKB, firstBreak, lastRelease, splitSymbol } from '../src/source/linkname/table.js';

const kb = new BundledKB();

function v(text: string) {
  const parsed = parseGoVersion(text);
  assert.ok(parsed, text);
  return parsed;
}

function info(symbol: string, version: string) {
  const found = kb.lookup(symbol, v(version));
  assert.ok(found, `${symbol} in ${version}`);
  return found;
}

describe('BundledKB.lookup', () => {
  it('knows runtime.nanotime before the check and after it', () => {
    const old = info('runtime.nanotime', '1.19');
    assert.equal(old.release, '1.19');
    assert.equal(old.exists, true);
    assert.equal(old.linkable, null);
    assert.match(old.why, /no linkname check before 1\.23/);
    const now = info('runtime.nanotime', '1.26.3');
    assert.equal(now.release, '1.26');
    assert.equal(now.exists, true);
    assert.equal(now.linkable, true);
    assert.match(now.why, /one-arg \/\/go:linkname marker/);
    assert.equal(now.signatureText, 'func nanotime() int64');
    assert.deepEqual(now.signature?.results, [{ name: '', type: 'int64', variadic: false }]);
  });

  it('knows runtime.fastrandu is gone in 1.22', () => {
    assert.equal(info('runtime.fastrandu', '1.21').exists, true);
    const gone = info('runtime.fastrandu', '1.22');
    assert.equal(gone.exists, false);
    assert.equal(gone.linkable, null);
  });

  it('refuses runtime.acquirem from 1.23 on', () => {
    const a = info('runtime.acquirem', 'go1.23.5');
    assert.equal(a.exists, true);
    assert.equal(a.linkable, false);
    assert.match(a.why, /no marker/);
  });

  it('lets runtime.newobject link in 1.23 but not in 1.24', () => {
    assert.equal(info('runtime.newobject', '1.23').linkable, true);
    assert.equal(info('runtime.newobject', '1.24').linkable, false);
    assert.equal(info('runtime.newobject', '1.24').exists, true);
  });

  it('reports blocklisted symbols with the allowed package', () => {
    const c = info('runtime.coroswitch', '1.23');
    assert.equal(c.linkable, false);
    assert.match(c.why, /blockedLinknames \(only iter may pull it\)/);
  });

  it('gives the declaration of the release asked for', () => {
    assert.equal(info('runtime.stopTheWorld', '1.19').signatureText, 'func stopTheWorld(reason string)');
    assert.equal(
      info('runtime.stopTheWorld', '1.22').signatureText,
      'func stopTheWorld(reason stwReason) worldStop',
    );
    assert.equal(info('runtime.mapaccess2', '1.24').signature?.params[0].type, '*abi.SwissMapType');
    assert.equal(info('runtime.mapaccess2', '1.26').signature?.params[0].type, '*abi.MapType');
  });

  it('names the table and a golang/go path at the release in every source', () => {
    for (const symbol of kb.symbols()) {
      for (const minor of kb.minors()) {
        const found = kb.lookup(symbol, { major: 1, minor, patch: 0 });
        assert.ok(found);
        assert.match(found.source, /^gotrap linkname table \(linkname-targets\.json, \d{4}-\d\d-\d\d\): /);
        assert.match(
          found.source,
          /golang\/go (@ go1\.\d+\.\d+|src\/\S+ @ go1\.\d+\.\d+)/,
          `${symbol} 1.${minor}`,
        );
      }
    }
  });

  it('points at the definition and the link test of the release', () => {
    assert.equal(
      info('runtime.nanotime', '1.23').source,
      'gotrap linkname table (linkname-targets.json, 2026-11-23): golang/go src/runtime/time_nofake.go @ go1.23.5 L32; ' +
        'link test go1.23.5: ok',
    );
    assert.match(info('runtime.nanotime', '1.20').source, /@ go1\.20\.2 L18; no link test for go1\.20\.2/);
    assert.match(
      info('runtime.osyield', '1.24').source,
      /src\/runtime\/sys_linux_amd64\.s @ go1\.24\.4 L\d+/,
    );
    assert.match(info('sync.runtime_Semacquire', '1.24').source, /src\/runtime\/sema\.go @ go1\.24\.4/);
    const absent = info('runtime.fastrandu', '1.22').source;
    assert.match(absent, /no linux\/amd64 definition in golang\/go @ go1\.22\.12/);
    assert.match(absent, /nearest: golang\/go src\/runtime\/stubs\.go @ go1\.21\.13 L\d+/);
    assert.match(absent, /link test go1\.22\.12: relocation target not defined/);
  });

  it('returns null for unknown symbols and releases outside the table', () => {
    assert.equal(kb.lookup('runtime.nanotme', v('1.23')), null);
    assert.equal(kb.lookup('runtime.nanotime', v('1.27')), null);
    assert.equal(kb.lookup('runtime.nanotime', v('1.18')), null);
    assert.equal(kb.lookup('runtime.nanotime', { major: 2, minor: 23, patch: 0 }), null);
  });
});

describe('BundledKB.symbolsOf and minors', () => {
  it('lists the symbols of a package that exist in the release', () => {
    const in23 = kb.symbolsOf('sync', v('1.23'));
    assert.ok(in23.includes('sync.runtime_nanotime'));
    const in24 = kb.symbolsOf('sync', v('1.24'));
    assert.ok(!in24.includes('sync.runtime_nanotime'));
    assert.ok(in24.includes('sync.runtime_Semacquire'));
    assert.ok(!kb.symbolsOf('runtime', v('1.21')).includes('runtime.cheaprand'));
    assert.ok(kb.symbolsOf('runtime', v('1.22')).includes('runtime.cheaprand'));
    assert.deepEqual(kb.symbolsOf('runtime', v('1.27')), []);
  });

  it('covers 1.19 to 1.26', () => {
    assert.deepEqual(kb.minors(), [19, 20, 21, 22, 23, 24, 25, 26]);
  });
});

describe('firstBreak and lastRelease', () => {
  it('finds the first release that refuses or drops a symbol', () => {
    assert.deepEqual(firstBreak(kb, 'runtime.newobject', 21), { minor: 24, reason: 'blocked' });
    assert.deepEqual(firstBreak(kb, 'runtime.acquirem', 19), { minor: 23, reason: 'blocked' });
    assert.deepEqual(firstBreak(kb, 'runtime.fastrandu', 19), { minor: 22, reason: 'absent' });
    assert.deepEqual(firstBreak(kb, 'sync.runtime_nanotime', 23), { minor: 24, reason: 'absent' });
    assert.deepEqual(firstBreak(kb, 'runtime.mapaccess1', 23), { minor: 24, reason: 'blocked' });
  });

  it('returns null when no later release breaks it', () => {
    assert.equal(firstBreak(kb, 'runtime.nanotime', 19), null);
    assert.equal(firstBreak(kb, 'runtime.acquirem', 26), null);
    assert.equal(firstBreak(kb, 'runtime.nosuch', 19), null);
  });

  it('finds the newest release where a symbol exists', () => {
    assert.equal(kb.lastRelease('runtime.fastrandu'), 21);
    assert.equal(lastRelease(kb, 'sync.runtime_nanotime'), 23);
    assert.equal(kb.lastRelease('runtime.nanotime'), 26);
    assert.equal(kb.lastRelease('runtime.getg'), null);
    assert.equal(kb.lastRelease('runtime.nosuch'), null);
  });
});

describe('the generated table', () => {
  it('has one cell per release for every symbol, each with a why', () => {
    assert.equal(TABLE.symbols.length, 85);
    for (const row of TABLE.symbols) {
      assert.equal(row.cells.length, TABLE.minors.length, row.symbol);
      for (const [exists, linkable, why] of row.cells) {
        assert.equal(typeof exists, 'boolean');
        assert.ok(linkable === null || typeof linkable === 'boolean');
        assert.ok(row.whys[why], row.symbol);
      }
    }
  });

  it('has no link from 1.23 on for a symbol that does not exist', () => {
    for (const row of TABLE.symbols) {
      row.cells.forEach(([exists, linkable], i) => {
        if (TABLE.minors[i] >= 23 && !exists) assert.equal(linkable, false, row.symbol);
        if (TABLE.minors[i] < 23) assert.equal(linkable, null, row.symbol);
      });
    }
  });

  it('keeps the hall-of-shame packages', () => {
    const h = kb.hallOfShame('runtime.cheaprand');
    assert.ok(h);
    assert.ok(h.packages.length > 0);
    assert.equal(kb.hallOfShame('runtime.acquirem'), null);
  });
});

describe('splitSymbol', () => {
  it('splits at the first dot after the last slash', () => {
    assert.deepEqual(splitSymbol('runtime.nanotime'), ['runtime', 'nanotime']);
    assert.deepEqual(splitSymbol('internal/runtime/maps.newobject'), ['internal/runtime/maps', 'newobject']);
    assert.deepEqual(splitSymbol('github.com/a/b.F'), ['github.com/a/b', 'F']);
    assert.deepEqual(splitSymbol('nodot'), ['', 'nodot']);
  });
});
