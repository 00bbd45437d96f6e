// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Make `${VAR}` references in Makefile text
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MakefileResult, readMakefile } from '../src/build/makefile.js';
import type { Env, GoCommand } from '../src/build/model.js';

/** Lines joined with newlines; a leading `>` stands for the recipe tab. */
function mk(...lines: string[]): string {
  return lines.map((l) => (l.startsWith('>') ? '\t' + l.slice(1) : l)).join('\n') + '\n';
}

function read(text: string, dir: string | null = '.'): MakefileResult {
  return readMakefile({ path: 'sub/Makefile', kind: 'makefile', text }, { dir });
}

function cmds(text: string): GoCommand[] {
  return read(text).commands;
}

function values(env: Env): Record<string, string | null> {
  return Object.fromEntries(Object.entries(env).map(([k, s]) => [k, s.value]));
}

test('$(GO) build and a recursive GOBUILD alias', () => {
  const c = cmds(
    mk(
      'GO ?= go',
      'GOBUILD = $(GO) build -trimpath',
      'BIN := app',
      '',
      'build:',
      '>$(GOBUILD) -o bin/$(BIN) ./cmd/$(BIN)',
      '>${GO} test ./...',
    ),
  );
  assert.deepEqual(
    c.map((x) => [x.verb, x.args, x.loc.line]),
    [
      ['build', ['-trimpath', '-o', 'bin/app', './cmd/app'], 6],
      ['test', ['./...'], 7],
    ],
  );
  assert.equal(c[0].kind, 'makefile');
  assert.equal(c[0].loc.file, 'sub/Makefile');
  assert.equal(c[0].loc.column, 2);
  assert.equal(c[0].dir, '.');
  assert.equal(c[0].host, null);
  assert.equal(c[0].image, null);
  assert.equal(c[0].imageDir, null);
});

test('recursive variables see later definitions; simple ones do not', () => {
  const c = cmds(mk('A = $(LATE)', 'B := $(LATE)', 'LATE = x', 'all:', '>go build -o $(A) -tags "$(B)" .'));
  assert.deepEqual(c[0].args, ['-o', 'x', '-tags', '$(LATE)', '.']);
});

test('only exported variables reach the environment', () => {
  const c = cmds(
    mk(
      'GOFLAGS := -trimpath',
      'CGO_ENABLED = 0',
      'export GOOS = linux',
      'GOARCH ?= arm64',
      'export GOARCH',
      'export CC',
      'build:',
      '>go build $(GOFLAGS) ./...',
    ),
  );
  assert.deepEqual(values(c[0].env), { GOOS: 'linux', GOARCH: 'arm64', CC: 'cc' });
  assert.deepEqual(c[0].args, ['-trimpath', './...']);
  assert.equal(c[0].env.GOOS.via, 'make');
  assert.deepEqual([c[0].env.GOOS.loc.line, c[0].env.GOOS.loc.column], [3, 8]);
  assert.deepEqual([c[0].env.GOARCH.loc.line, c[0].env.GOARCH.loc.column], [4, 1]);
});

test('unexport, bare export and .EXPORT_ALL_VARIABLES', () => {
  const a = cmds(mk('export', 'A = 1', 'B = 2', 'unexport B', 't:', '>go build'));
  assert.deepEqual(values(a[0].env), { A: '1' });
  const b = cmds(mk('.EXPORT_ALL_VARIABLES:', 'CGO_ENABLED = 1', 't:', '>go build'));
  assert.deepEqual(values(b[0].env), { CGO_ENABLED: '1' });
});

test('?= does not override, += appends, override wins', () => {
  const c = cmds(
    mk(
      'TAGS = netgo',
      'TAGS ?= other',
      'TAGS += osusergo',
      'S := a',
      'S += $(TAGS)',
      'override O = kept',
      'O = ignored',
      'CC ?= musl-gcc',
      't:',
      '>go build -tags "$(TAGS)" $(S) $(O) $(CC)',
    ),
  );
  assert.deepEqual(c[0].args, ['-tags', 'netgo osusergo', 'a', 'netgo', 'osusergo', 'kept', 'cc']);
});

test('line continuations in variable values and in recipes', () => {
  const c = read(
    mk(
      'LDFLAGS = -s \\',
      '          -w',
      'build:',
      '>CGO_ENABLED=0 \\',
      '>  go build \\',
      '>  -ldflags "$(LDFLAGS)" \\',
      '>  ./cmd',
    ),
  ).commands;
  assert.equal(c.length, 1);
  assert.deepEqual(c[0].args, ['-ldflags', '-s -w', './cmd']);
  assert.equal(c[0].loc.line, 5, 'the line of the go word');
  assert.equal(c[0].loc.column, 4);
  assert.equal(c[0].env.CGO_ENABLED.value, '0');
  assert.equal(c[0].env.CGO_ENABLED.loc.line, 4);
});

test('each recipe line runs in its own shell', () => {
  const c = cmds(mk('t:', '>cd pkg && go test ./...', '>go build .', '>cd tools; \\', '>  go run ./gen'));
  assert.deepEqual(
    c.map((x) => x.dir),
    ['pkg', '.', 'tools'],
  );
});

test('.ONESHELL runs the recipe in one shell', () => {
  const c = cmds(mk('.ONESHELL:', 't:', '>cd tools', '>@go run ./gen'));
  assert.equal(c[0].dir, 'tools');
  assert.equal(c[0].loc.line, 4);
});

test('$$ reaches the shell as $, shell loops over make lists', () => {
  const c = cmds(
    mk(
      'PLATFORMS = linux/amd64 linux/arm64',
      'release:',
      '>for p in $(PLATFORMS); do GOOS=$${p%/*} GOARCH=$${p#*/} go build -o bin/$$p ./cmd; done',
    ),
  );
  assert.equal(c[0].env.GOOS.value, 'linux');
  assert.deepEqual(c[0].env.GOARCH.values, ['amd64', 'arm64']);
  assert.deepEqual(c[0].args, ['-o', 'bin/linux/amd64', './cmd']);
});

test('target-specific variables apply to their target only', () => {
  const c = cmds(
    mk(
      'GOFLAGS = -v',
      'test: GOFLAGS += -race',
      'test: export CGO_ENABLED := 1',
      'build test: TAGS = netgo',
      'build:',
      '>go build $(GOFLAGS) -tags $(TAGS)',
      'test:',
      '>go test $(GOFLAGS) -tags $(TAGS) ./...',
      'other:',
      '>go vet $(GOFLAGS); go run $(TAGS) .',
    ),
  );
  assert.deepEqual(
    c.map((x) => [x.verb, x.args.join(' '), values(x.env)]),
    [
      ['build', '-v -tags netgo', {}],
      ['test', '-v -race -tags netgo ./...', { CGO_ENABLED: '1' }],
      ['run', '$(TAGS) .', {}],
    ],
  );
  assert.equal(c[1].env.CGO_ENABLED.loc.line, 3);
});

test('ifeq/ifneq/ifdef/ifndef and else chains', () => {
  const c = cmds(
    mk(
      'MODE = release',
      'ifeq ($(MODE),release)',
      '  FLAGS = -trimpath',
      'else',
      '  FLAGS = -race',
      'endif',
      'ifneq "$(MODE)" "debug"',
      '  FLAGS += -ldflags=-s',
      'endif',
      'ifdef MODE',
      '  A = defined',
      'endif',
      'ifndef NOPE',
      '  B = notdefined',
      'else ifeq (1,1)',
      '  B = wrong',
      'endif',
      'ifeq ($(MODE),x)',
      '  C = wrong',
      'else ifeq ($(MODE),release)',
      '  ifeq (a,b)',
      '    C = inner-wrong',
      '  else',
      '    C = nested',
      '  endif',
      'else',
      '  C = wrong2',
      'endif',
      't:',
      '>go build $(FLAGS) $(A) $(B) $(C)',
    ),
  );
  assert.deepEqual(c[0].args, ['-trimpath', '-ldflags=-s', 'defined', 'notdefined', 'nested']);
});

test('unknown conditions take the first branch; guesses decide host checks', () => {
  const c = cmds(
    mk(
      'ifeq ($(shell git status --porcelain),)',
      '  DIRTY = clean',
      'else',
      '  DIRTY = dirty',
      'endif',
      'UNAME := $(shell uname -s)',
      'ifeq ($(UNAME),Darwin)',
      '  EXT = .dylib',
      'else',
      '  EXT = .so',
      'endif',
      'ifeq ($(OS),Windows_NT)',
      '  BIN = app.exe',
      'else',
      '  BIN = app',
      'endif',
      't:',
      '>go build -o $(BIN)$(EXT) -X $(DIRTY)',
    ),
  );
  assert.deepEqual(c[0].args, ['-o', 'app.so', '-X', 'clean']);
});

test('$(shell ...) in -ldflags -X: found, with a placeholder', () => {
  const c = cmds(
    mk(
      'VERSION := $(shell git describe --tags --always)',
      'COMMIT != git rev-parse HEAD',
      'export BUILD_DATE = $(shell date -u)',
      'LDFLAGS = -X main.version=$(VERSION) -X main.commit=$(COMMIT)',
      'build:',
      '>go build -ldflags "$(LDFLAGS)" ./cmd/app',
    ),
  );
  assert.deepEqual(c[0].args, [
    '-ldflags',
    '-X main.version=$(shell git describe --tags --always) -X main.commit=$(shell git rev-parse HEAD)',
    './cmd/app',
  ]);
  assert.equal(c[0].env.BUILD_DATE.value, null);
});

test('.RECIPEPREFIX', () => {
  const text =
    '.RECIPEPREFIX = >\nbuild:\n> go build ./a\n>@go test ./b\n.RECIPEPREFIX :=\nx:\n\tgo run .\n\n' +
    '.RECIPEPREFIX = >\ny:\n\tgo vet\n';
  const r = read(text);
  assert.deepEqual(
    r.commands.map((x) => [x.verb, x.loc.line]),
    [
      ['build', 3],
      ['test', 4],
      ['run', 7],
    ],
  );
  // With '>' as the prefix, a tab line is not a recipe: a problem.
  assert.deepEqual(
    r.problems.map((p) => p.line),
    [11],
  );
});

test('define bodies used in recipes, $(call) with parameters', () => {
  const r = read(
    mk(
      'define STEPS',
      'go mod download',
      '@go test -count=1 ./...',
      'go build ./cmd/app',
      'endef',
      'define BUILD_FOR',
      'GOOS=$(word 1,$(subst /, ,$(1))) GOARCH=$(word 2,$(subst /, ,$(1))) go build -o bin/$(2) ./cmd/$(2)',
      'endef',
      'all:',
      '>$(STEPS)',
      '>$(call BUILD_FOR,linux/arm64,tool)',
    ),
  );
  assert.deepEqual(
    r.commands.map((x) => [x.verb, x.args.join(' '), x.loc.line]),
    [
      ['test', '-count=1 ./...', 10],
      ['build', './cmd/app', 10],
      ['build', '-o bin/tool ./cmd/tool', 11],
    ],
  );
  assert.deepEqual(values(r.commands[2].env), { GOOS: 'linux', GOARCH: 'arm64' });
});

test('text functions', () => {
  const c = cmds(
    mk(
      'CMDS := app tool',
      'PKGS = $(addprefix ./cmd/,$(CMDS))',
      'SRC = a.go b.go c_test.go',
      'X = $(patsubst %.go,%.o,$(filter-out %_test.go,$(SRC)))',
      'Y = $(SRC:.go=.c)',
      'Z = $(strip   $(firstword $(CMDS))  ) $(words $(CMDS)) $(sort b a b) $(notdir x/y.go) $(dir x/y.go)',
      'W = $(foreach c,$(CMDS),bin/$(c)) $(if $(CMDS),yes,no) $(or ,second) $(and a,b)',
      'V = $(subst ee,EE,feet) $(filter %.go,$(SRC)) $(word 2,$(CMDS)) $(join a b,1 2) $(addsuffix .exe,$(CMDS))',
      'N = $($(firstword $(CMDS))_FLAGS) $(origin CMDS) $(origin CC) $(flavor X)',
      'app_FLAGS = -race',
      't:',
      '>go build $(PKGS) $(X) $(Y) $(Z) $(W) $(V) $(N)',
    ),
  );
  assert.deepEqual(
    c[0].args.join(' '),
    './cmd/app ./cmd/tool a.o b.o a.c b.c c_test.c app 2 a b y.go x/ bin/app bin/tool yes second b ' +
      'fEEt a.go b.go c_test.go tool a1 b2 app.exe tool.exe -race file default recursive',
  );
});

test('automatic variables', () => {
  const c = cmds(
    mk(
      'bin/app: cmd/app/main.go go.mod | bin',
      '>go build -o $@ ./$(<D) # $^ $(@F)',
      'bin/%: cmd/%/main.go',
      '>go build -o $@ ./cmd/$*',
    ),
  );
  assert.deepEqual(c[0].args, ['-o', 'bin/app', './cmd/app']);
  assert.deepEqual(c[1].args, ['-o', '$(@)', './cmd/$(*)']);
});

test('one-line rules with ; recipes', () => {
  const c = cmds(mk('EXT = .so', 'lib: ; go build -buildmode=c-shared -o lib$(EXT) ./lib', 'x: a b;go vet'));
  assert.equal(c.length, 1);
  assert.deepEqual(c[0].args, ['-buildmode=c-shared', '-o', 'lib.so', './lib']);
  assert.equal(c[0].loc.line, 2);
});

test('@, - and + prefixes, comments, blank lines inside a rule', () => {
  const c = cmds(
    mk(
      '# top comment',
      'build: # build it',
      '>@echo hi',
      '',
      '# a comment',
      '>-@go build ./a',
      '>+ go test ./b # trailing',
    ),
  );
  assert.deepEqual(
    c.map((x) => [x.verb, x.args]),
    [
      ['build', ['./a']],
      ['test', ['./b']],
    ],
  );
});

test('installs and GOMAXPROCS', () => {
  const r = read(
    mk(
      'GOMAXPROCS = 2',
      'deps:',
      '>apk add --no-cache gcc musl-dev',
      '>sudo apt-get install -y gcc-aarch64-linux-gnu',
      'run:',
      '>GOMAXPROCS=4 go run .',
    ),
  );
  assert.deepEqual(
    r.installs.map((i) => [i.packages, i.loc.line]),
    [
      [['gcc', 'musl-dev'], 3],
      [['gcc-aarch64-linux-gnu'], 4],
    ],
  );
  assert.deepEqual(
    r.gomaxprocs.map((s) => [s.value, s.via, s.loc.line]),
    [
      ['2', 'make', 1],
      ['4', 'inline', 6],
    ],
  );
});

test('base.dir is the starting directory of recipes', () => {
  const r = read(mk('t:', '>go build ./a', '>cd x && go build'), 'svc');
  assert.deepEqual(
    r.commands.map((c) => c.dir),
    ['svc', 'svc/x'],
  );
  assert.equal(read(mk('t:', '>go build'), null).commands[0].dir, null);
});

test('includes are ignored, recipes before a rule and bad lines are problems', () => {
  const r = read(
    mk('include common.mk', '-include $(wildcard *.mk)', 'build:', '    go build ./...', 'define X', 'body'),
  );
  assert.equal(r.commands.length, 0);
  assert.deepEqual(
    r.problems.map((p) => [p.line, p.message.split(':')[0]]),
    [
      [4, 'missing separator'],
      [5, 'define without endef'],
    ],
  );
});

test('unbalanced conditionals are problems, not exceptions', () => {
  const r = read(mk('endif', 'else', 'ifeq (a,a)', 't:', '>go build'));
  assert.equal(r.commands.length, 1);
  assert.deepEqual(
    r.problems.map((p) => p.message),
    ['endif without a conditional', 'else without a conditional', 'missing endif'],
  );
});

test('self-referencing and exploding variables stay bounded', () => {
  let text = 'A = $(A) x\nB0 := xxxxxxxxxx\n';
  for (let i = 1; i < 40; i++) text += `B${i} := $(B${i - 1})$(B${i - 1})\n`;
  text += 't:\n\tgo build $(A) $(B39)\n';
  const r = read(text);
  assert.equal(r.commands.length, 1);
  assert.ok(r.commands[0].args.join(' ').length < 10_000);
});

test('hostile input never throws', () => {
  const junk = [
    '$(',
    'x: $(call',
    'define\nendef\nendef',
    '\t\t\t',
    'a:=$(foreach x,$(shell y),$(x)\n',
    ':\n\t$(error boom)\n',
    'ifeq (\nelse\nelse\nendif',
    'x::=\n\t$$$$$(\n',
    `${'$('.repeat(5000)}`,
  ];
  for (const t of junk) assert.doesNotThrow(() => read(t), JSON.stringify(t));
});

test('include reads the included files of the scan; their settings point at them', () => {
  const inc: Record<string, string> = {
    'build.mk': 'export CGO_ENABLED := 1\nLDFLAGS := -linkmode external -extldflags "-static"\n',
    'more/rules.mk': 'tools:\n\tgo install ./cmd/tool\n',
  };
  const r = readMakefile(
    {
      path: 'svc/Makefile',
      kind: 'makefile',
      text: "include build.mk\n-include missing.mk more/rules.mk\n\nbuild:\n\tgo build -ldflags '$(LDFLAGS)' -o bin/svc ./cmd/svc\n",
    },
    { dir: '.', readFile: (p) => inc[p] ?? null },
  );
  const build = r.commands.find((c) => c.verb === 'build');
  assert.equal(build?.loc.file, 'svc/Makefile');
  assert.equal(build?.loc.line, 5);
  assert.deepEqual(build?.args.slice(0, 2), ['-ldflags', '-linkmode external -extldflags "-static"']);
  assert.equal(build?.env.CGO_ENABLED?.value, '1');
  assert.deepEqual(build?.env.CGO_ENABLED?.loc, { file: 'svc/build.mk', line: 1, column: 8 });
  const tool = r.commands.find((c) => c.verb === 'install');
  assert.equal(tool?.loc.file, 'svc/more/rules.mk');
  assert.equal(tool?.loc.line, 2);
  assert.deepEqual(r.problems, []);
});
