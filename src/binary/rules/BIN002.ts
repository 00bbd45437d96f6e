import { compareGlibc } from '../../core/images.js';
import type { BinaryRule } from '../audit/rule.js';
import { distrosBelow } from '../audit/verdict.js';

const MAX_SYMBOLS = 4;

export const BIN002: BinaryRule = {
  id: 'BIN002',
  name: 'glibc-floor',
  severity: 'info',
  lens: 'binary',
  subsystem: 'binary',
  title: 'the binary needs a glibc at least as new as its highest GLIBC_x.y version need',
  docs: {
    symptom:
      'On an older distribution the loader refuses to start the program (exit status 1):\n\n```\n' +
      "./app: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./app)\n```\n\n" +
      'A cgo or net/os/user binary built on glibc 2.34 or newer needs `GLIBC_2.34` for `pthread_create`, ' +
      '`pthread_detach`, `pthread_attr_getstacksize` (and `__libc_start_main` when linked externally), ' +
      'so it fails on Debian 11, Ubuntu 20.04, RHEL 8 and Amazon Linux 2.',
    why:
      'A dynamically linked program records, per library, the symbol versions it was linked against ' +
      '(`.gnu.version_r`, `readelf -V`). The loader checks them all before `main`: one version the ' +
      'installed glibc does not define is fatal. glibc only adds versions, so the highest one a binary ' +
      'needs is its floor. The link takes the default (newest) version of every symbol from the glibc of the ' +
      'build machine — glibc 2.34 moved the pthread functions into libc.so.6 with new versions, which is why ' +
      'building on a newer distribution raises the floor without any code change. Weak needs and ' +
      '`GLIBC_PRIVATE` do not count; `GLIBC_ABI_DT_RELR` (from `-z pack-relative-relocs`) means 2.36.',
    fix:
      'Build where the glibc is as old as the oldest target (a `golang:<v>-bullseye` builder for Debian 11, ' +
      'RHEL 8 images for RHEL 8), or do not need libc at run time: `CGO_ENABLED=0` (or `-tags ' +
      'netgo,osusergo` when only net and os/user pulled cgo in), or link statically against musl. Run it on ' +
      'a base image whose glibc is at least the floor: `gotrap audit --target debian:11 app` checks that.',
    versions:
      "Not Go-specific; Go's own runtime/cgo, net and os/user reach the 2.34 floor when built on glibc 2.34+ " +
      '(Debian 12, Ubuntu 22.04, RHEL 9, Amazon Linux 2023 and newer builders).',
    references: [
      'glibc NEWS 2.34 (libpthread merged into libc)',
      'readelf -V (version needs)',
      'catalog BLD003 (glibc by image), CR009 (the loader message)',
    ],
    bad: [
      {
        title: 'A cgo binary built on Debian 12 shipped to a Debian 11 image',
        files: [
          {
            name: 'build.sh',
            text:
              '# on golang:1.19-bookworm (glibc 2.36)\nCGO_ENABLED=1 go build -o app .\n' +
              '# runs on debian:bullseye-slim (glibc 2.31)\n',
          },
          {
            name: 'readelf.txt',
            text:
              "$ readelf -V app\nVersion needs section '.gnu.version_r' contains 1 entry:\n" +
              '  000000: Version: 1  File: libc.so.6  Cnt: 4\n' +
              '  0x0010:   Name: GLIBC_2.32  Flags: none  Version: 5\n' +
              '  0x0020:   Name: GLIBC_2.3.2  Flags: none  Version: 4\n' +
              '  0x0030:   Name: GLIBC_2.34  Flags: none  Version: 3\n' +
              '  0x0040:   Name: GLIBC_2.2.5  Flags: none  Version: 2\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Built on the oldest glibc it must run on, or without libc',
        files: [
          {
            name: 'build.sh',
            text:
              '# on golang:1.19-bullseye (glibc 2.31): the floor is at most 2.31\nCGO_ENABLED=1 go build -o app .\n' +
              '# or, when only net/os/user needed cgo:\nCGO_ENABLED=0 go build -o app .\n',
          },
        ],
      },
    ],
  },

  check(ctx) {
    const m = ctx.model;
    if (!m.glibcMax) return;
    const libc = ctx.target?.libc ?? null;
    // musl, scratch and distroless static targets: only BIN003 speaks (there is no glibc at all).
    if (libc && libc.libc !== 'glibc') return;
    const floor = m.glibcMax;
    const shown = m.glibcSymbols.slice(0, MAX_SYMBOLS);
    const more =
      m.glibcSymbols.length > shown.length ? `, +${m.glibcSymbols.length - shown.length} more` : '';
    const needs = `needs glibc >= ${floor} (GLIBC_${floor}${shown.length ? `: ${shown.join(', ')}${more}` : ''})`;
    if (libc?.glibc && compareGlibc(libc.glibc, floor) < 0) {
      ctx.report({
        severity: 'error',
        message:
          `${needs}, but the target ${libc.label} has glibc ${libc.glibc}: the loader stops it with ` +
          `\`version 'GLIBC_${floor}' not found\``,
        related: libc.note ? [{ message: libc.note }] : undefined,
        fix: {
          description: `build against glibc ${libc.glibc} or older (a builder image of that release), or build without libc (CGO_ENABLED=0, netgo/osusergo, or static musl)`,
        },
      });
      return;
    }
    const below = distrosBelow(floor);
    const where =
      below.length > 0
        ? `; it will not start on ${below.join(', ')} (\`version 'GLIBC_${floor}' not found\`)`
        : '; every common glibc distribution has it';
    ctx.report({
      message: libc?.glibc
        ? `${needs}; the target ${libc.label} (glibc ${libc.glibc}) has it${where}`
        : `${needs}${where}`,
    });
  },
};
