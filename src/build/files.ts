// Which files the build lens reads, from their names and places (design.md, "Lens: build"):
// shared by the CLI's walk and the in-memory scan of the browser. No Node APIs.

import type { BuildFileKind } from './model.js';

/** A build-lens file kind, `yaml` for a YAML file that may be a Kubernetes manifest, or null. */
export type BuildCandidate = BuildFileKind | 'yaml';

/** Which build file a path is (design.md: the build lens's inputs), from its name and place. */
export function buildFileKind(path: string): BuildCandidate | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (
    /^(Dockerfile|Containerfile|dockerfile)([.-].*)?$/.test(name) ||
    /\.(Dockerfile|dockerfile|Containerfile)$/.test(name)
  )
    return 'dockerfile';
  if (/^(Makefile|makefile|GNUmakefile)(\.[\w.-]+)?$/.test(name) || name.endsWith('.mk')) return 'makefile';
  if (/\.(sh|bash)$/.test(name)) return 'shell';
  if (!/\.ya?ml$/.test(name)) return null;
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path)) return 'github';
  if (/^\.gitlab-ci\.ya?ml$/.test(name)) return 'gitlab';
  if (/(^|\/)\.circleci\/config\.ya?ml$/.test(path)) return 'circleci';
  if (/^\.?goreleaser\.ya?ml$/.test(name)) return 'goreleaser';
  if (path.split('/').some((seg) => seg.startsWith('.') && seg !== '.' && seg !== '..')) return null;
  return 'yaml';
}
