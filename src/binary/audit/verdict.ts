// "Runs on": which common distributions and images can start the binary, judged from its
// linkage, interpreter, libc and glibc floor against the image table (src/core/images.ts).

import { COMMON_IMAGES, compareGlibc, type ImageLibc } from '../../core/images.js';
import type { AuditModel } from './model.js';

export interface NotRunsOn {
  target: string;
  reason: string;
}

export interface Verdict {
  runsOn: string[];
  notRunsOn: NotRunsOn[];
}

/** Whether the binary needs something from the image's C library or loader to start. */
export function needsLibc(m: AuditModel): boolean {
  return m.interpreter !== null || m.needed.length > 0;
}

/** Why `image` cannot start the binary, or null when it can. Only for Linux ELF binaries. */
export function whyNot(m: AuditModel, image: ImageLibc): string | null {
  if (!needsLibc(m)) return null;
  const loader = m.interpreter;
  const missing = (what: string) => `${image.label} has no ${what} (exec: no such file or directory)`;
  if (image.libc === 'none') return missing(loader ?? 'C library');
  if (loader && m.interpreterStandard === false) {
    return `the interpreter ${loader} is not a standard path for ${m.libc ?? 'any libc'} on ${m.bin.arch ?? 'this architecture'}`;
  }
  if (m.libc === 'musl' && image.libc !== 'musl') return missing(loader ?? 'musl libc');
  if (m.libc === 'glibc' && image.libc !== 'glibc') return missing(loader ?? 'glibc');
  if (m.libc === 'glibc' && m.glibcMax && image.glibc && compareGlibc(image.glibc, m.glibcMax) < 0) {
    return `glibc ${image.glibc} is older than the binary's floor ${m.glibcMax} (version 'GLIBC_${m.glibcMax}' not found)`;
  }
  return null;
}

export function verdictOf(m: AuditModel): Verdict {
  if (m.format !== 'elf' || (m.goos !== null && m.goos !== 'linux')) return { runsOn: [], notRunsOn: [] };
  const runsOn: string[] = [];
  const notRunsOn: NotRunsOn[] = [];
  for (const image of COMMON_IMAGES) {
    const reason = whyNot(m, image);
    if (reason) notRunsOn.push({ target: image.key, reason });
    else runsOn.push(image.key);
  }
  return { runsOn, notRunsOn };
}

/** Common glibc distributions whose glibc is older than `floor`, as labels. */
export function distrosBelow(floor: string): string[] {
  return COMMON_IMAGES.filter((i) => i.libc === 'glibc' && i.glibc && compareGlibc(i.glibc, floor) < 0).map(
    (i) => i.label,
  );
}
