// Recognizes a binary by its magic and opens it with the matching reader.

import { openElf } from './elf.js';
import { isMachOMagic, openMachO } from './macho.js';
import { openPE } from './pe.js';
import { readUpTo } from './source.js';
import type { Arch, BinaryFile, ByteSource } from './types.js';

export interface OpenOptions {
  /** Fat Mach-O: the slice to open (the first slice when absent or not present). */
  preferArch?: Arch;
}

/**
 * Opens an ELF, Mach-O (thin or fat) or PE file. Null when the magic is none of them (and for
 * an MZ file without a PE header, or a 0xcafebabe Java class file); BinaryFormatError when the
 * magic matches but the file is malformed. Reads headers and tables only, never whole sections.
 */
export function openBinary(src: ByteSource, options: OpenOptions = {}): BinaryFile | null {
  const m = readUpTo(src, 0, 4);
  if (m.length >= 4 && m[0] === 0x7f && m[1] === 0x45 && m[2] === 0x4c && m[3] === 0x46) return openElf(src);
  if (m.length >= 4) {
    const magic = ((m[0]! << 24) | (m[1]! << 16) | (m[2]! << 8) | m[3]!) >>> 0;
    if (isMachOMagic(magic)) return openMachO(src, options);
  }
  if (m.length >= 2 && m[0] === 0x4d && m[1] === 0x5a) return openPE(src);
  return null;
}
