import type { BinaryRule } from '../audit/rule.js';

export const BIN007: BinaryRule = {
  id: 'BIN007',
  name: 'dirty-build',
  severity: 'info',
  lens: 'binary',
  subsystem: 'binary',
  title: 'built from a working tree with uncommitted changes (vcs.modified=true)',
  docs: {
    symptom:
      '`go version -m` shows the commit the binary claims to be, and that it is not quite that commit:\n\n' +
      '```\n\tbuild\tvcs=git\n\tbuild\tvcs.revision=4f2c1e0...\n\tbuild\tvcs.modified=true\n```\n\n' +
      'Rebuilding the recorded revision gives a different binary, and the change that went into it is ' +
      'nowhere in version control.',
    why:
      'Since Go 1.18 `go build` stamps the version-control state of the main module (`-buildvcs=auto`): ' +
      'revision, commit time and whether the working tree had uncommitted changes to tracked files or ' +
      'untracked files. A release artifact should be reproducible from a commit; `vcs.modified=true` says it ' +
      'is not (a generated file written before the build, a local edit, a file a CI step left behind).',
    fix:
      'Build release artifacts from a clean checkout (`git status --porcelain` empty); commit generated ' +
      'files or write them outside the module, or add them to `.gitignore`.',
    versions: 'Go 1.18 and later (the vcs.* build settings).',
    references: ['cmd/go: go help build, -buildvcs', 'runtime/debug.BuildInfo (vcs.modified)'],
    bad: [
      {
        title: 'A local edit built into the artifact',
        files: [
          {
            name: 'build.sh',
            text: 'git commit -qam release\necho "// hotfix" >> main.go\ngo build -o app .\n',
          },
          {
            name: 'go-version-m.txt',
            text: '$ go version -m app | grep vcs.modified\n\tbuild\tvcs.modified=true\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'A clean checkout',
        files: [
          { name: 'build.sh', text: 'test -z "$(git status --porcelain)" && go build -o app .\n' },
          {
            name: 'go-version-m.txt',
            text: '$ go version -m app | grep vcs.modified\n\tbuild\tvcs.modified=false\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const s = ctx.model.settings;
    if (s['vcs.modified'] !== 'true') return;
    const rev = s['vcs.revision'];
    const time = s['vcs.time'];
    ctx.report({
      message:
        `built from a ${s.vcs ?? 'version-control'} working tree with uncommitted changes (vcs.modified=true)` +
        `${rev ? `: it is not revision ${rev}${time ? ` (${time})` : ''} as recorded` : ''}`,
    });
  },
};
