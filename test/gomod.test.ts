import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoMod } from '../src/source/gomod.js';

const FULL = `// A module used by the tests.
module example.com/app // the main module

go 1.21.0

toolchain go1.22.3

godebug (
\tpanicnil=1
\thttp2client=0 // turn it off
)
godebug default=go1.20

require golang.org/x/sys v0.15.0

require (
\tgithub.com/mattn/go-sqlite3 v1.14.22
\tgolang.org/x/text v0.14.0 // indirect
\texample.com/notes v1.0.0 // indirect; kept for tools
)

replace example.com/old => example.com/new v1.2.0

replace (
\texample.com/pinned v1.0.0 => example.com/pinned v1.0.1
\texample.com/local => ../local
)

exclude example.com/bad v0.1.0

retract [v1.0.0, v1.0.5] // published by mistake
retract (
\tv0.9.0 // broken
)
`;

describe('parseGoMod', () => {
  it('reads every directive with its line', () => {
    const mod = parseGoMod(FULL);
    assert.deepEqual(mod.errors, []);
    assert.equal(mod.path, 'example.com/app');
    assert.equal(mod.pathLine, 2);
    assert.deepEqual(mod.go, { major: 1, minor: 21, patch: 0 });
    assert.equal(mod.goLine, 4);
    assert.deepEqual(mod.toolchain, { major: 1, minor: 22, patch: 3 });
    assert.equal(mod.toolchainLine, 6);
    assert.deepEqual(mod.godebug, [
      { key: 'panicnil', value: '1', line: 9 },
      { key: 'http2client', value: '0', line: 10 },
      { key: 'default', value: 'go1.20', line: 12 },
    ]);
    assert.deepEqual(mod.requires, [
      { path: 'golang.org/x/sys', version: 'v0.15.0', line: 14, indirect: false },
      { path: 'github.com/mattn/go-sqlite3', version: 'v1.14.22', line: 17, indirect: false },
      { path: 'golang.org/x/text', version: 'v0.14.0', line: 18, indirect: true },
      { path: 'example.com/notes', version: 'v1.0.0', line: 19, indirect: true },
    ]);
    assert.deepEqual(mod.replaces, [
      { from: 'example.com/old', to: 'example.com/new', toVersion: 'v1.2.0', line: 22 },
      {
        from: 'example.com/pinned',
        fromVersion: 'v1.0.0',
        to: 'example.com/pinned',
        toVersion: 'v1.0.1',
        line: 25,
      },
      { from: 'example.com/local', to: '../local', line: 26 },
    ]);
  });

  it('handles CRLF line endings and quoted paths', () => {
    const mod = parseGoMod('module "example.com/q"\r\ngo 1.22rc1\r\nrequire "example.com/dep" v1.0.0\r\n');
    assert.deepEqual(mod.errors, []);
    assert.equal(mod.path, 'example.com/q');
    assert.deepEqual(mod.go, { major: 1, minor: 22, patch: 0 });
    assert.equal(mod.goLine, 2);
    assert.deepEqual(mod.requires, [
      { path: 'example.com/dep', version: 'v1.0.0', line: 3, indirect: false },
    ]);
  });

  it('accepts the go line in its short and long forms', () => {
    assert.deepEqual(parseGoMod('go 1.21').go, { major: 1, minor: 21, patch: 0 });
    assert.deepEqual(parseGoMod('go 1.23.4').go, { major: 1, minor: 23, patch: 4 });
  });

  it('leaves toolchain empty for "toolchain default" but records its line', () => {
    const mod = parseGoMod('module m\n\ntoolchain default\n');
    assert.equal(mod.toolchain, null);
    assert.equal(mod.toolchainLine, 3);
    assert.deepEqual(mod.errors, []);
  });

  it('strips a custom suffix from the toolchain name', () => {
    assert.deepEqual(parseGoMod('toolchain go1.22.3-custom').toolchain, { major: 1, minor: 22, patch: 3 });
  });

  it('returns an empty model for empty text', () => {
    const mod = parseGoMod('');
    assert.equal(mod.path, null);
    assert.equal(mod.go, null);
    assert.equal(mod.toolchain, null);
    assert.equal(mod.pathLine, undefined);
    assert.deepEqual(mod.errors, []);
  });

  it('records errors without throwing and keeps reading', () => {
    const mod = parseGoMod(
      [
        'module a b',
        'go go1.21',
        'toolchain 1.22',
        'frobnicate x',
        'require example.com/x',
        'replace example.com/y v1.0.0',
        'godebug novalue',
        'module example.com/ok',
        'module example.com/again',
        ')',
        'require "example.com/open v1',
        'require (',
        '  example.com/inner v1.0.0',
      ].join('\n'),
    );
    assert.equal(mod.path, 'example.com/ok');
    assert.equal(mod.go, null);
    assert.equal(mod.toolchain, null);
    assert.deepEqual(mod.requires, [
      { path: 'example.com/inner', version: 'v1.0.0', line: 13, indirect: false },
    ]);
    assert.deepEqual(
      mod.errors.map((e) => e.line),
      [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12],
    );
    const byLine = new Map(mod.errors.map((e) => [e.line, e.message]));
    assert.match(byLine.get(1)!, /malformed module line/);
    assert.match(byLine.get(2)!, /invalid go version 'go1.21'/);
    assert.match(byLine.get(3)!, /invalid toolchain '1.22'/);
    assert.match(byLine.get(4)!, /unknown directive: frobnicate/);
    assert.match(byLine.get(5)!, /malformed require line/);
    assert.match(byLine.get(6)!, /malformed replace line/);
    assert.match(byLine.get(7)!, /malformed godebug line/);
    assert.match(byLine.get(9)!, /repeated module statement/);
    assert.match(byLine.get(10)!, /unexpected '\)'/);
    assert.match(byLine.get(11)!, /unterminated quoted string/);
    assert.match(byLine.get(12)!, /never closed/);
  });
});
