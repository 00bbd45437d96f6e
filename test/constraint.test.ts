import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type BuildConfig,
  type Constraint,
  ConstraintError,
  constraintToString,
  DEFAULT_CONFIG,
  evaluate,
  type FileNameInfo,
  fileMatches,
  fileNameInfo,
  goMinorTerms,
  KNOWN_GOARCH,
  KNOWN_GOOS,
  parseGoBuild,
  parsePlusBuildLines,
  satisfiableTogether,
  tagHolds,
} from '../src/source/constraint.js';

function cfg(over: Partial<BuildConfig>): BuildConfig {
  return { ...DEFAULT_CONFIG, ...over };
}

function file(expr: string | null, name = 'x.go'): { constraint: Constraint | null; info: FileNameInfo } {
  return { constraint: expr === null ? null : parseGoBuild(expr), info: fileNameInfo(name) };
}

describe('parseGoBuild', () => {
  it('parses a single tag', () => {
    assert.deepEqual(parseGoBuild('linux'), { kind: 'tag', tag: 'linux' });
    assert.deepEqual(parseGoBuild('  go1.21 '), { kind: 'tag', tag: 'go1.21' });
  });

  it('gives && precedence over ||', () => {
    assert.deepEqual(parseGoBuild('a || b && c'), {
      kind: 'or',
      x: { kind: 'tag', tag: 'a' },
      y: { kind: 'and', x: { kind: 'tag', tag: 'b' }, y: { kind: 'tag', tag: 'c' } },
    });
    assert.equal(constraintToString(parseGoBuild('a && b || c')), '(a && b) || c');
  });

  it('binds ! tighter than && and honours parentheses', () => {
    assert.deepEqual(parseGoBuild('!a && b'), {
      kind: 'and',
      x: { kind: 'not', x: { kind: 'tag', tag: 'a' } },
      y: { kind: 'tag', tag: 'b' },
    });
    assert.equal(constraintToString(parseGoBuild('(a || b) && !(c && d)')), '(a || b) && !(c && d)');
    assert.equal(constraintToString(parseGoBuild('a&&b&&c')), 'a && b && c');
    assert.equal(constraintToString(parseGoBuild('((a))')), 'a');
  });

  it('rejects malformed expressions with ConstraintError', () => {
    const bad: [string, RegExp][] = [
      ['', /empty build constraint/],
      ['   ', /empty build constraint/],
      ['(a || b', /missing '\)'/],
      ['a || b)', /unbalanced '\)'/],
      ['a &&', /expression ends/],
      ['&& a', /found '&&'/],
      ['a && || b', /found '\|\|'/],
      ['a b', /unexpected 'b'/],
      ['a & b', /invalid character '&'/],
      ['a-b', /invalid character '-'/],
      ['!!a', /double negation/],
      ['()', /found '\)'/],
      ['linux // comment', /invalid character '\/'/],
    ];
    for (const [expr, message] of bad) {
      assert.throws(
        () => parseGoBuild(expr),
        (e: unknown) => e instanceof ConstraintError && message.test(e.message),
      );
    }
  });

  it('accepts a negated parenthesised negation', () => {
    assert.equal(evaluate(parseGoBuild('!(!linux)'), DEFAULT_CONFIG), true);
  });
});

describe('parsePlusBuildLines', () => {
  it('ORs spaces, ANDs commas and lines', () => {
    const c = parsePlusBuildLines(['linux,386 darwin,!cgo', 'go1.20']);
    assert.equal(constraintToString(c), '((linux && 386) || (darwin && !cgo)) && go1.20');
    assert.equal(evaluate(c, cfg({ goarch: '386' })), true);
    assert.equal(evaluate(c, DEFAULT_CONFIG), false);
    assert.equal(evaluate(c, cfg({ goos: 'darwin', cgo: false })), true);
    assert.equal(evaluate(c, cfg({ goos: 'darwin', cgo: false, goMinor: 19 })), false);
  });

  it('rejects empty and malformed terms', () => {
    assert.throws(() => parsePlusBuildLines([]), ConstraintError);
    assert.throws(() => parsePlusBuildLines(['  ']), /empty \+build line/);
    assert.throws(() => parsePlusBuildLines(['a,,b']), /an empty term/);
    assert.throws(() => parsePlusBuildLines(['!!a']), /'!!a'/);
    assert.throws(() => parsePlusBuildLines(['!']), /'!'/);
  });
});

describe('goMinorTerms', () => {
  it('lists each go1.N once, sorted', () => {
    assert.deepEqual(goMinorTerms(parseGoBuild('go1.22 || (go1.9 && !go1.22) || linux || go1.0')), [9, 22]);
    assert.deepEqual(goMinorTerms(parseGoBuild('linux')), []);
  });
});

describe('fileNameInfo', () => {
  it('reads GOOS, GOARCH and test suffixes', () => {
    assert.deepEqual(fileNameInfo('x_linux.go'), { goos: 'linux', isTest: false });
    assert.deepEqual(fileNameInfo('x_linux_arm64.go'), { goos: 'linux', goarch: 'arm64', isTest: false });
    assert.deepEqual(fileNameInfo('x_arm64.go'), { goarch: 'arm64', isTest: false });
    assert.deepEqual(fileNameInfo('x_test.go'), { isTest: true });
    assert.deepEqual(fileNameInfo('x_linux_test.go'), { goos: 'linux', isTest: true });
    assert.deepEqual(fileNameInfo('x_windows_386_test.go'), { goos: 'windows', goarch: '386', isTest: true });
  });

  it('needs a non-empty prefix and a known word', () => {
    assert.deepEqual(fileNameInfo('linux.go'), { isTest: false });
    assert.deepEqual(fileNameInfo('linux_test.go'), { isTest: true });
    assert.deepEqual(fileNameInfo('x_unix.go'), { isTest: false });
    assert.deepEqual(fileNameInfo('x.go'), { isTest: false });
    assert.deepEqual(fileNameInfo('x_amd64_linux.go'), { goos: 'linux', isTest: false });
  });

  it('ignores the directory and cuts the name at its first dot', () => {
    assert.deepEqual(fileNameInfo('dir_linux/a_darwin.go'), { goos: 'darwin', isTest: false });
    assert.deepEqual(fileNameInfo('x_windows.pb.go'), { goos: 'windows', isTest: false });
    assert.deepEqual(fileNameInfo('x_arm64.s'), { goarch: 'arm64', isTest: false });
  });
});

describe('tagHolds and evaluate', () => {
  it('knows release tags up to goMinor', () => {
    assert.equal(tagHolds('go1.1', DEFAULT_CONFIG), true);
    assert.equal(tagHolds('go1.26', DEFAULT_CONFIG), true);
    assert.equal(tagHolds('go1.27', DEFAULT_CONFIG), false);
    assert.equal(tagHolds('go1.0', DEFAULT_CONFIG), false);
    assert.equal(tagHolds('go1.21', cfg({ goMinor: 20 })), false);
  });

  it('knows GOOS, GOARCH, cgo, compiler and user tags', () => {
    assert.equal(tagHolds('linux', DEFAULT_CONFIG), true);
    assert.equal(tagHolds('amd64', DEFAULT_CONFIG), true);
    assert.equal(tagHolds('arm64', DEFAULT_CONFIG), false);
    assert.equal(tagHolds('cgo', DEFAULT_CONFIG), true);
    assert.equal(tagHolds('cgo', cfg({ cgo: false })), false);
    assert.equal(tagHolds('gc', DEFAULT_CONFIG), true);
    assert.equal(tagHolds('gccgo', DEFAULT_CONFIG), false);
    assert.equal(tagHolds('purego', DEFAULT_CONFIG), false);
    assert.equal(tagHolds('purego', cfg({ tags: new Set(['purego']) })), true);
  });

  it('applies unix and the implied GOOS tags', () => {
    const unix = parseGoBuild('unix');
    assert.equal(evaluate(unix, DEFAULT_CONFIG), true);
    assert.equal(evaluate(unix, cfg({ goos: 'darwin' })), true);
    assert.equal(evaluate(unix, cfg({ goos: 'windows' })), false);
    assert.equal(evaluate(unix, cfg({ goos: 'js' })), false);
    assert.equal(evaluate(unix, cfg({ goos: 'plan9' })), false);
    assert.equal(evaluate(parseGoBuild('linux && android'), cfg({ goos: 'android' })), true);
    assert.equal(evaluate(parseGoBuild('android'), DEFAULT_CONFIG), false);
    assert.equal(evaluate(parseGoBuild('darwin'), cfg({ goos: 'ios' })), true);
    assert.equal(evaluate(parseGoBuild('solaris'), cfg({ goos: 'illumos' })), true);
    assert.equal(evaluate(parseGoBuild('illumos'), cfg({ goos: 'solaris' })), false);
  });

  it('treats a missing constraint as always built', () => {
    assert.equal(evaluate(null, cfg({ goos: 'plan9' })), true);
  });
});

describe('fileMatches', () => {
  it('combines name suffix and constraint', () => {
    assert.equal(fileMatches(null, fileNameInfo('a_linux.go'), DEFAULT_CONFIG), true);
    assert.equal(fileMatches(null, fileNameInfo('a_linux.go'), cfg({ goos: 'android' })), true);
    assert.equal(fileMatches(null, fileNameInfo('a_darwin.go'), cfg({ goos: 'ios' })), true);
    assert.equal(fileMatches(null, fileNameInfo('a_solaris.go'), cfg({ goos: 'illumos' })), true);
    assert.equal(fileMatches(null, fileNameInfo('a_windows.go'), DEFAULT_CONFIG), false);
    assert.equal(fileMatches(null, fileNameInfo('a_linux_arm64.go'), DEFAULT_CONFIG), false);
    assert.equal(fileMatches(parseGoBuild('!cgo'), fileNameInfo('a_linux.go'), DEFAULT_CONFIG), false);
    assert.equal(fileMatches(parseGoBuild('!cgo'), fileNameInfo('a_linux.go'), cfg({ cgo: false })), true);
  });
});

describe('known lists', () => {
  it('hold the Go 1.26 GOOS and GOARCH names', () => {
    assert.equal(KNOWN_GOOS.length, 18);
    assert.equal(KNOWN_GOARCH.length, 24);
    assert.ok(KNOWN_GOOS.includes('wasip1') && KNOWN_GOOS.includes('hurd'));
    assert.ok(KNOWN_GOARCH.includes('loong64') && KNOWN_GOARCH.includes('mips64p32le'));
  });
});

describe('satisfiableTogether', () => {
  it('sees that newer-Go files overlap unless excluded', () => {
    assert.equal(satisfiableTogether([file('go1.20'), file('go1.22')]), true);
    assert.equal(satisfiableTogether([file('go1.20 && !go1.22'), file('go1.22')]), false);
    assert.equal(satisfiableTogether([file('!go1.20'), file('go1.22')]), false);
    assert.equal(satisfiableTogether([file('go1.41')]), false);
  });

  it('separates files for different systems', () => {
    assert.equal(satisfiableTogether([file('linux && go1.20'), file('windows && go1.22')]), false);
    assert.equal(satisfiableTogether([file('go1.20', 'a_windows.go'), file('go1.22', 'b_linux.go')]), false);
    assert.equal(satisfiableTogether([file('go1.20', 'a_linux.go'), file('go1.22', 'b_linux.go')]), true);
    assert.equal(satisfiableTogether([file('unix'), file('windows')]), false);
    assert.equal(satisfiableTogether([file('unix'), file('!linux && !darwin')]), true);
    assert.equal(satisfiableTogether([file(null, 'a_android.go'), file(null, 'b_linux.go')]), true);
    assert.equal(satisfiableTogether([file('linux && !android'), file(null, 'b_linux.go')]), true);
    assert.equal(satisfiableTogether([file(null, 'a_amd64.go'), file(null, 'b_arm64.go')]), false);
  });

  it('searches free tags', () => {
    assert.equal(satisfiableTogether([file('go1.21 && foo'), file('go1.22 && !foo')]), false);
    assert.equal(satisfiableTogether([file('go1.21 && foo'), file('go1.22 && bar')]), true);
    assert.equal(satisfiableTogether([file('(a || b) && !c'), file('!a && c || !b')]), true);
    assert.equal(satisfiableTogether([file('(a || b) && (!a || c)'), file('!c && !b')]), false);
  });

  it('sets a goexperiment tag only on releases that know the experiment', () => {
    // GOEXPERIMENT=swissmap is unknown before Go 1.24, so the tag cannot hold there.
    assert.equal(satisfiableTogether([file('!go1.24'), file('go1.26 || goexperiment.swissmap')]), false);
    assert.equal(satisfiableTogether([file('!go1.25'), file('goexperiment.swissmap')]), true);
    assert.equal(satisfiableTogether([file('go1.21'), file('goexperiment.rangefunc')]), true);
    assert.equal(satisfiableTogether([file('!go1.22'), file('goexperiment.rangefunc')]), false);
    // Experiments Go 1.19 already had, and unknown ones, stay free.
    assert.equal(satisfiableTogether([file('!go1.20'), file('goexperiment.fieldtrack')]), true);
    assert.equal(satisfiableTogether([file('!go1.20'), file('goexperiment.somethingnew')]), true);
  });

  it('tries cgo and the compiler both ways', () => {
    assert.equal(satisfiableTogether([file('!cgo'), file('gccgo')]), true);
    assert.equal(satisfiableTogether([file('cgo'), file('!cgo')]), false);
    assert.equal(satisfiableTogether([file('gc'), file('gccgo')]), false);
  });

  it('is true for no files and for unconstrained files', () => {
    assert.equal(satisfiableTogether([]), true);
    assert.equal(satisfiableTogether([file(null), file(null)]), true);
  });

  it('stays fast with many free tags', () => {
    const wide = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const all = file(wide.join(' && '));
    const none = file(wide.map((t) => `!${t}`).join(' || '));
    const start = Date.now();
    for (let i = 0; i < 1000; i++) {
      assert.equal(
        satisfiableTogether([file('go1.20 && linux'), file('go1.22 && (linux || windows)')]),
        true,
      );
    }
    assert.equal(satisfiableTogether([all, none]), false);
    assert.ok(Date.now() - start < 2000, 'took too long');
  });
});
