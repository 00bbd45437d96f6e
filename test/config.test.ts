import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConfigError,
  EMPTY_CONFIG,
  type GotrapConfig,
  globToRegExp,
  isExcluded,
  parseConfig,
  ruleEnabled,
} from '../src/core/config.js';

const FULL = `# gotrap settings
go: "1.22"
goroot: /usr/lib/go
rules:
  enable: [LN001, ln004]
  disable: [RT006]
severity:
  LN007: error
  rt006: off
exclude: ["gen/**", "*.pb.go"]
cgo:
  releases: [my_lib_take, other_take]
`;

function configError(text: string, message: RegExp): void {
  assert.throws(
    () => parseConfig(text, '.gotrap.yaml'),
    (e: unknown) => e instanceof ConfigError && message.test(e.message),
  );
}

describe('parseConfig', () => {
  it('reads every setting', () => {
    assert.deepEqual(parseConfig(FULL, '.gotrap.yaml'), {
      enable: ['LN001', 'LN004'],
      disable: ['RT006'],
      severity: { LN007: 'error', RT006: 'off' },
      exclude: ['gen/**', '*.pb.go'],
      go: '1.22',
      goroot: '/usr/lib/go',
      releases: ['my_lib_take', 'other_take'],
    });
  });

  it('returns the empty configuration for an empty or comment-only file', () => {
    assert.deepEqual(parseConfig('', 'c.yaml'), EMPTY_CONFIG);
    assert.deepEqual(parseConfig('# nothing yet\n', 'c.yaml'), EMPTY_CONFIG);
    assert.deepEqual(parseConfig('rules:\nseverity:\ngo:\n', 'c.yaml'), EMPTY_CONFIG);
  });

  it('keeps an unquoted go version as written', () => {
    assert.equal(parseConfig('go: 1.20\n', 'c.yaml').go, '1.20');
    assert.equal(parseConfig('go: go1.23.4\n', 'c.yaml').go, 'go1.23.4');
  });

  it('treats an empty enable list as "nothing enabled" and a null one as "all"', () => {
    assert.deepEqual(parseConfig('rules:\n  enable: []\n', 'c.yaml').enable, []);
    assert.equal(parseConfig('rules:\n  enable:\n', 'c.yaml').enable, null);
  });

  it('names the file, line and problem in errors', () => {
    configError(
      'go: "1.22"\nrules:\n  disable: RT006\n',
      /^\.gotrap\.yaml:3: rules\.disable must be a list of rule ids$/,
    );
    configError('go: "1.22"\nfrobnicate: 1\n', /^\.gotrap\.yaml:2: unknown setting 'frobnicate'/);
    configError('rules:\n  skip: [RT006]\n', /:2: unknown setting 'rules.skip'/);
    configError('rules:\n  enable: [RT06]\n', /:2: rules\.enable: 'RT06' is not a rule id/);
    configError('severity:\n  LN007: loud\n', /:2: severity\.LN007 must be one of error, warning, info, off/);
    configError('severity:\n  XX001: off\n', /:2: severity: 'XX001' is not a rule id/);
    configError('exclude: "*.pb.go"\n', /exclude must be a list of glob patterns/);
    configError(
      'cgo:\n  releases: [free me]\n',
      /:2: cgo\.releases must be a list of C function names; 'free me'/,
    );
    configError('cgo:\n  frees: [x]\n', /unknown setting 'cgo.frees'/);
    configError('go: banana\n', /:1: go: 'banana' is not a Go version/);
    configError('goroot: [a]\n', /goroot must be a directory/);
    configError('- a\n- b\n', /top level must be a mapping/);
  });

  it('reports malformed YAML with its line', () => {
    configError('go: "1.22"\nexclude: [a\n', /^\.gotrap\.yaml:\d+: invalid YAML: /);
    configError('go: "1.22"\ngo: "1.23"\n', /^\.gotrap\.yaml:2: invalid YAML: .*unique/);
  });
});

describe('globToRegExp and isExcluded', () => {
  it('matches a slash-less pattern at any depth', () => {
    assert.equal(isExcluded('x.pb.go', ['*.pb.go']), true);
    assert.equal(isExcluded('a/b/x.pb.go', ['*.pb.go']), true);
    assert.equal(isExcluded('a/b/x.go', ['*.pb.go']), false);
    assert.equal(isExcluded('a/vendor/x.go', ['vendor']), true);
    assert.equal(isExcluded('a/vendored/x.go', ['vendor']), false);
  });

  it('anchors a pattern that contains a slash', () => {
    assert.equal(isExcluded('gen/x.go', ['gen/**']), true);
    assert.equal(isExcluded('gen/a/b/x.go', ['gen/**']), true);
    assert.equal(isExcluded('src/gen/x.go', ['gen/**']), false);
    assert.equal(isExcluded('src/gen/x.go', ['/src/gen']), true);
    assert.equal(isExcluded('src/gen/x.go', ['src/*/x.go']), true);
    assert.equal(isExcluded('src/a/gen/x.go', ['src/*/x.go']), false);
  });

  it('lets ** span any number of directories', () => {
    assert.equal(isExcluded('x_test.go', ['**/*_test.go']), true);
    assert.equal(isExcluded('a/b/x_test.go', ['**/*_test.go']), true);
    assert.equal(isExcluded('a/x.go', ['a/**/x.go']), true);
    assert.equal(isExcluded('a/b/c/x.go', ['a/**/x.go']), true);
    assert.equal(isExcluded('b/a/x.go', ['a/**/x.go']), false);
  });

  it('keeps * and ? inside one segment and escapes the rest', () => {
    const re = globToRegExp('a?c/*.go');
    assert.equal(re.test('abc/x.go'), true);
    assert.equal(re.test('a/c/x.go'), false);
    assert.equal(re.test('abc/d/x.go'), false);
    assert.equal(globToRegExp('x.go').test('xago'), false);
    assert.equal(globToRegExp('a+b(1).go').test('a+b(1).go'), true);
  });

  it('treats a trailing slash as "directory only"', () => {
    assert.equal(isExcluded('build/x.go', ['build/']), true);
    assert.equal(isExcluded('a/build/x.go', ['build/']), true);
    assert.equal(isExcluded('build', ['build/']), false);
  });

  it('normalises the path and ignores empty patterns', () => {
    assert.equal(isExcluded('./gen/x.go', ['gen/**']), true);
    assert.equal(isExcluded('gen\\x.go', ['gen/**']), true);
    assert.equal(isExcluded('x.go', ['']), false);
    assert.equal(isExcluded('x.go', []), false);
  });
});

describe('ruleEnabled', () => {
  const base: GotrapConfig = { ...EMPTY_CONFIG };

  it('enables everything by default', () => {
    assert.equal(ruleEnabled(EMPTY_CONFIG, 'CGO001'), true);
  });

  it('honours disable, severity off and the enable list, case-insensitively', () => {
    assert.equal(ruleEnabled({ ...base, disable: ['RT006'] }, 'rt006'), false);
    assert.equal(ruleEnabled({ ...base, severity: { RT006: 'off' } }, 'RT006'), false);
    assert.equal(ruleEnabled({ ...base, severity: { RT006: 'info' } }, 'RT006'), true);
    assert.equal(ruleEnabled({ ...base, enable: ['LN001'] }, 'LN001'), true);
    assert.equal(ruleEnabled({ ...base, enable: ['LN001'] }, 'LN004'), false);
    assert.equal(ruleEnabled({ ...base, enable: ['LN001'], disable: ['LN001'] }, 'LN001'), false);
  });

  it('agrees with a parsed file', () => {
    const cfg = parseConfig(FULL, '.gotrap.yaml');
    assert.equal(ruleEnabled(cfg, 'LN004'), true);
    assert.equal(ruleEnabled(cfg, 'RT006'), false);
    assert.equal(ruleEnabled(cfg, 'LN007'), false);
  });
});
