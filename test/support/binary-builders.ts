// Tiny writers of synthetic ELF, Mach-O and PE files for the binary-format tests. They lay out
// just the structures the readers parse, with the same field layouts the formats define, and
// report where each structure landed so tests can corrupt it on purpose.

/** Byte writer with a fixed byte order and word size. */
export class Writer {
  private bytes: number[] = [];

  constructor(
    readonly little: boolean,
    readonly is64 = true,
  ) {}

  get length(): number {
    return this.bytes.length;
  }

  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff];
    this.bytes.push(...(this.little ? b : b.reverse()));
    return this;
  }

  u32(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.bytes.push(...(this.little ? b : b.reverse()));
    return this;
  }

  u64(v: number | bigint): this {
    const big = BigInt(v);
    const lo = Number(big & 0xffffffffn);
    const hi = Number((big >> 32n) & 0xffffffffn);
    return this.little ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }

  /** A 32- or 64-bit word by class. */
  word(v: number | bigint): this {
    return this.is64 ? this.u64(v) : this.u32(Number(v));
  }

  raw(b: Uint8Array | number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }

  /** `s` in exactly `n` bytes, NUL-padded. */
  fixed(s: string, n: number): this {
    const b = new TextEncoder().encode(s);
    for (let i = 0; i < n; i++) this.bytes.push(b[i] ?? 0);
    return this;
  }

  cstr(s: string): this {
    return this.raw(new TextEncoder().encode(s)).u8(0);
  }

  align(n: number): this {
    while (this.bytes.length % n !== 0) this.bytes.push(0);
    return this;
  }

  pad(to: number): this {
    while (this.bytes.length < to) this.bytes.push(0);
    return this;
  }

  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** A string table under construction: returns each string's index. */
class Strtab {
  private w = new Writer(true);
  private seen = new Map<string, number>();

  constructor() {
    this.w.u8(0);
    this.seen.set('', 0);
  }

  add(s: string): number {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    const at = this.w.length;
    this.w.cstr(s);
    this.seen.set(s, at);
    return at;
  }

  done(): Uint8Array {
    return this.w.done();
  }
}

// ---- ELF -------------------------------------------------------------------------------------

export interface ElfSpec {
  bits: 32 | 64;
  endian: 'little' | 'big';
  machine: number;
  /** e_type (default 2, ET_EXEC). */
  type?: number;
  osabi?: number;
  interp?: string;
  needed?: string[];
  runpath?: string;
  rpath?: string;
  flags?: number;
  flags1?: number;
  bindNow?: boolean;
  verneed?: { file: string; versions: { name: string; index: number; weak?: boolean }[] }[];
  /** Dynamic symbols after the null one; `version` is the raw .gnu.version entry. */
  dynsyms?: { name: string; version?: number; weak?: boolean; defined?: boolean; value?: number }[];
  symtab?: { name: string; value: number; size?: number; weak?: boolean; defined?: boolean }[];
  notes?: { owner: string; type: number; desc: Uint8Array }[];
  /** Write a section header table (default true); false gives e_shoff = 0 like sstrip. */
  sections?: boolean;
  relro?: boolean;
  /** PT_GNU_STACK flags (default RW, 6); null for none. */
  gnuStack?: number | null;
}

export interface ElfLayout {
  bytes: Uint8Array;
  phoff: number;
  phnum: number;
  shoff: number;
  shnum: number;
  base: number;
  /** File offset of each named blob (.interp, .dynamic, .gnu.version_r, notes...). */
  at: Record<string, { offset: number; size: number }>;
}

const ELF_BASE = 0x400000;

/**
 * Lays out: header, program headers, then the blobs (8-aligned), then the section headers.
 * One PT_LOAD maps the whole file at ELF_BASE, so every blob's address is ELF_BASE + offset.
 */
export function buildElf(spec: ElfSpec): ElfLayout {
  const little = spec.endian === 'little';
  const is64 = spec.bits === 64;
  const w = (): Writer => new Writer(little, is64);
  const dynstr = new Strtab();
  const blobs: {
    name: string;
    type: number;
    data: Uint8Array;
    flags: number;
    link?: string;
    info?: number;
    entsize?: number;
    align?: number;
  }[] = [];

  const needed = (spec.needed ?? []).map((n) => dynstr.add(n));
  const runpath = spec.runpath === undefined ? undefined : dynstr.add(spec.runpath);
  const rpath = spec.rpath === undefined ? undefined : dynstr.add(spec.rpath);

  if (spec.interp !== undefined)
    blobs.push({ name: '.interp', type: 1, flags: 2, data: w().cstr(spec.interp).done() });

  if (spec.notes?.length) {
    const n = w();
    for (const note of spec.notes) {
      const owner = new TextEncoder().encode(note.owner);
      n.u32(owner.length + 1)
        .u32(note.desc.length)
        .u32(note.type)
        .raw(owner)
        .u8(0)
        .align(4);
      n.raw(note.desc).align(4);
    }
    blobs.push({ name: '.note', type: 7, flags: 2, data: n.done(), align: 4 });
  }

  const dynsyms = spec.dynsyms ?? [];
  const hasDynamic =
    needed.length > 0 || dynsyms.length > 0 || spec.verneed !== undefined || runpath !== undefined;
  if (dynsyms.length > 0) {
    const names = dynsyms.map((s) => dynstr.add(s.name));
    const sym = w();
    const symbol = (name: number, value: number, info: number, shndx: number): void => {
      if (is64) sym.u32(name).u8(info).u8(0).u16(shndx).u64(value).u64(0);
      else sym.u32(name).u32(value).u32(0).u8(info).u8(0).u16(shndx);
    };
    symbol(0, 0, 0, 0);
    dynsyms.forEach((s, i) => {
      symbol(names[i]!, s.value ?? 0, ((s.weak ? 2 : 1) << 4) | 2, s.defined ? 1 : 0);
    });
    blobs.push({
      name: '.dynsym',
      type: 11,
      flags: 2,
      data: sym.done(),
      link: '.dynstr',
      info: 1,
      entsize: is64 ? 24 : 16,
    });
    const vs = w().u16(0);
    for (const s of dynsyms) vs.u16(s.version ?? 1);
    blobs.push({
      name: '.gnu.version',
      type: 0x6fffffff,
      flags: 2,
      data: vs.done(),
      link: '.dynsym',
      entsize: 2,
      align: 2,
    });
    // SysV hash: nbucket, nchain (= symbol count), buckets, chains (all empty: never looked up).
    const hash = w()
      .u32(4)
      .u32(dynsyms.length + 1);
    for (let i = 0; i < 4 + dynsyms.length + 1; i++) hash.u32(0);
    blobs.push({ name: '.hash', type: 5, flags: 2, data: hash.done(), link: '.dynsym', entsize: 4 });
  }
  if (spec.verneed?.length) {
    const v = w();
    spec.verneed.forEach((need, i) => {
      const last = i === spec.verneed!.length - 1;
      const file = dynstr.add(need.file);
      v.u16(1)
        .u16(need.versions.length)
        .u32(file)
        .u32(16)
        .u32(last ? 0 : 16 + 16 * need.versions.length);
      need.versions.forEach((ver, j) => {
        const name = dynstr.add(ver.name);
        v.u32(0)
          .u16(ver.weak ? 2 : 0)
          .u16(ver.index)
          .u32(name)
          .u32(j === need.versions.length - 1 ? 0 : 16);
      });
    });
    blobs.push({
      name: '.gnu.version_r',
      type: 0x6ffffffe,
      flags: 2,
      data: v.done(),
      link: '.dynstr',
      info: spec.verneed.length,
      align: 4,
    });
  }
  if (hasDynamic) blobs.push({ name: '.dynstr', type: 3, flags: 2, data: dynstr.done() });

  // The dynamic table's size is known before the addresses it holds.
  const dynTags: [number, string | number][] = [];
  if (hasDynamic) {
    for (const n of needed) dynTags.push([1, n]);
    if (rpath !== undefined) dynTags.push([15, rpath]);
    if (runpath !== undefined) dynTags.push([29, runpath]);
    dynTags.push([5, '@.dynstr'], [10, '#.dynstr']);
    if (dynsyms.length > 0)
      dynTags.push([6, '@.dynsym'], [11, is64 ? 24 : 16], [4, '@.hash'], [0x6ffffff0, '@.gnu.version']);
    if (spec.verneed?.length)
      dynTags.push([0x6ffffffe, '@.gnu.version_r'], [0x6fffffff, spec.verneed.length]);
    if (spec.flags !== undefined) dynTags.push([30, spec.flags]);
    if (spec.flags1 !== undefined) dynTags.push([0x6ffffffb, spec.flags1]);
    if (spec.bindNow) dynTags.push([24, 0]);
    dynTags.push([0, 0]);
    const entsize = is64 ? 16 : 8;
    blobs.push({
      name: '.dynamic',
      type: 6,
      flags: 3,
      data: new Uint8Array(dynTags.length * entsize),
      link: '.dynstr',
      entsize,
    });
  }

  const symtab = spec.symtab ?? [];
  if (symtab.length > 0) {
    const strtab = new Strtab();
    const sym = w();
    const symbol = (name: number, value: number, size: number, info: number, shndx: number): void => {
      if (is64) sym.u32(name).u8(info).u8(0).u16(shndx).u64(value).u64(size);
      else sym.u32(name).u32(value).u32(size).u8(info).u8(0).u16(shndx);
    };
    symbol(0, 0, 0, 0, 0);
    for (const s of symtab)
      symbol(
        strtab.add(s.name),
        s.value,
        s.size ?? 0,
        ((s.weak ? 2 : 1) << 4) | 2,
        s.defined === false ? 0 : 1,
      );
    blobs.push({
      name: '.symtab',
      type: 2,
      flags: 0,
      data: sym.done(),
      link: '.strtab',
      info: 1,
      entsize: is64 ? 24 : 16,
    });
    blobs.push({ name: '.strtab', type: 3, flags: 0, data: strtab.done() });
  }

  const withSections = spec.sections !== false;
  const shstrtab = new Strtab();
  const shNames = blobs.map((b) => shstrtab.add(b.name));
  const shstrName = shstrtab.add('.shstrtab');
  const shstrData = shstrtab.done();

  // Program headers.
  const phdrs: { type: number; flags: number; blob?: string; whole?: boolean }[] = [];
  phdrs.push({ type: 1, flags: 5, whole: true });
  if (spec.interp !== undefined) phdrs.push({ type: 3, flags: 4, blob: '.interp' });
  if (hasDynamic) phdrs.push({ type: 2, flags: 6, blob: '.dynamic' });
  if (spec.notes?.length) phdrs.push({ type: 4, flags: 4, blob: '.note' });
  if (spec.gnuStack !== null) phdrs.push({ type: 0x6474e551, flags: spec.gnuStack ?? 6 });
  if (spec.relro) phdrs.push({ type: 0x6474e552, flags: 4, blob: hasDynamic ? '.dynamic' : undefined });

  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const shentsize = is64 ? 64 : 40;
  const phoff = ehsize;
  let cursor = phoff + phdrs.length * phentsize;
  const at: ElfLayout['at'] = {};
  for (const b of blobs) {
    cursor = Math.ceil(cursor / 8) * 8;
    at[b.name] = { offset: cursor, size: b.data.length };
    cursor += b.data.length;
  }
  at['.shstrtab'] = { offset: cursor, size: shstrData.length };
  cursor += shstrData.length;
  const shoff = withSections ? Math.ceil(cursor / 8) * 8 : 0;
  const shnum = withSections ? blobs.length + 2 : 0;
  const fileSize = withSections ? shoff + shnum * shentsize : cursor;

  // Fill the dynamic table now that addresses are known.
  if (hasDynamic) {
    const d = w();
    for (const [tag, v] of dynTags) {
      let val: number;
      if (typeof v === 'number') val = v;
      else if (v.startsWith('@')) val = ELF_BASE + at[v.slice(1)]!.offset;
      else val = at[v.slice(1)]!.size;
      d.word(tag).word(val);
    }
    blobs.find((b) => b.name === '.dynamic')!.data = d.done();
  }

  const f = w();
  // ELF header.
  f.raw([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, little ? 1 : 2, 1, spec.osabi ?? 0]).pad(16);
  f.u16(spec.type ?? 2)
    .u16(spec.machine)
    .u32(1)
    .word(ELF_BASE + 0x1000)
    .word(phoff)
    .word(shoff);
  f.u32(0)
    .u16(ehsize)
    .u16(phentsize)
    .u16(phdrs.length)
    .u16(shentsize)
    .u16(shnum)
    .u16(withSections ? shnum - 1 : 0);
  for (const p of phdrs) {
    const region = p.whole ? { offset: 0, size: fileSize } : p.blob ? at[p.blob]! : { offset: 0, size: 0 };
    const vaddr = p.whole || p.blob ? ELF_BASE + region.offset : 0;
    if (is64) {
      f.u32(p.type).u32(p.flags).u64(region.offset).u64(vaddr).u64(vaddr).u64(region.size).u64(region.size);
      f.u64(p.type === 1 ? 0x1000 : 8);
    } else {
      f.u32(p.type).u32(region.offset).u32(vaddr).u32(vaddr).u32(region.size).u32(region.size).u32(p.flags);
      f.u32(p.type === 1 ? 0x1000 : 4);
    }
  }
  for (const b of blobs) {
    f.pad(at[b.name]!.offset);
    f.raw(b.data);
  }
  f.raw(shstrData);
  if (withSections) {
    f.pad(shoff);
    const index = (name: string | undefined): number =>
      name ? blobs.findIndex((b) => b.name === name) + 1 : 0;
    const shdr = (
      name: number,
      type: number,
      flags: number,
      offset: number,
      size: number,
      link: number,
      info: number,
      align: number,
      entsize: number,
    ): void => {
      const addr = flags & 2 ? ELF_BASE + offset : 0;
      if (is64)
        f.u32(name)
          .u32(type)
          .u64(flags)
          .u64(addr)
          .u64(offset)
          .u64(size)
          .u32(link)
          .u32(info)
          .u64(align)
          .u64(entsize);
      else
        f.u32(name)
          .u32(type)
          .u32(flags)
          .u32(addr)
          .u32(offset)
          .u32(size)
          .u32(link)
          .u32(info)
          .u32(align)
          .u32(entsize);
    };
    shdr(0, 0, 0, 0, 0, 0, 0, 0, 0);
    blobs.forEach((b, i) => {
      shdr(
        shNames[i]!,
        b.type,
        b.flags,
        at[b.name]!.offset,
        b.data.length,
        index(b.link),
        b.info ?? 0,
        b.align ?? 8,
        b.entsize ?? 0,
      );
    });
    shdr(shstrName, 3, 0, at['.shstrtab']!.offset, shstrData.length, 0, 0, 1, 0);
  }
  return { bytes: f.done(), phoff, phnum: phdrs.length, shoff, shnum, base: ELF_BASE, at };
}

/** The test ELF of the brief: 64-bit LE, PT_INTERP, libc needs GLIBC_2.2.5 and (weak) GLIBC_2.34. */
export function sampleElf64(sections = true): ElfLayout {
  return buildElf({
    bits: 64,
    endian: 'little',
    machine: 62,
    type: 3,
    interp: '/lib64/ld-linux-x86-64.so.2',
    needed: ['libc.so.6', 'libpthread.so.0'],
    runpath: '$ORIGIN/../lib:/opt/lib',
    flags: 0x8,
    flags1: 0x08000001,
    verneed: [
      {
        file: 'libc.so.6',
        versions: [
          { name: 'GLIBC_2.2.5', index: 2 },
          { name: 'GLIBC_2.34', index: 3, weak: true },
        ],
      },
      { file: 'libpthread.so.0', versions: [{ name: 'GLIBC_2.3.2', index: 4 }] },
    ],
    dynsyms: [
      { name: 'malloc', version: 2 },
      { name: '__libc_start_main', version: 3 },
      { name: 'pthread_cond_wait', version: 4 | 0x8000 },
      { name: '__gmon_start__', weak: true, version: 0 },
      { name: 'crosscall2', defined: true, value: 0x401000, version: 1 },
    ],
    symtab: [
      { name: 'main.main', value: 0x401100, size: 32 },
      { name: 'x_cgo_init', value: 0x401200, size: 16 },
      { name: 'weak_thing', value: 0, weak: true, defined: false },
    ],
    notes: [
      { owner: 'GNU', type: 1, desc: u32s(true, [0, 3, 2, 0]) },
      { owner: 'Go', type: 4, desc: new TextEncoder().encode('buildid/abc') },
    ],
    relro: true,
    sections,
  });
}

/** One byte per character (code points below 256). */
export function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function u32s(little: boolean, words: number[]): Uint8Array {
  const w = new Writer(little);
  for (const x of words) w.u32(x);
  return w.done();
}

// ---- Mach-O ----------------------------------------------------------------------------------

export interface MachOSpec {
  bits: 32 | 64;
  endian: 'little' | 'big';
  cputype: number;
  flags?: number;
  /** Adds LC_BUILD_VERSION (platform, minos) — e.g. [1, 0x000b0000] for macOS 11.0. */
  buildVersion?: [number, number];
  dylibs?: string[];
  symbols?: { name: string; value: number; type?: number; desc?: number }[];
}

export interface MachOLayout {
  bytes: Uint8Array;
  /** File offset of the __go_buildinfo contents, and its address. */
  buildinfo: { offset: number; addr: number };
  textAddr: number;
}

/** A Mach-O executable: __PAGEZERO, __TEXT (__text, __gopclntab), __DATA (__go_buildinfo, __bss). */
export function buildMachO(spec: MachOSpec): MachOLayout {
  const little = spec.endian === 'little';
  const is64 = spec.bits === 64;
  const w = (): Writer => new Writer(little, is64);
  const hdrSize = is64 ? 32 : 28;
  const segHdr = is64 ? 72 : 56;
  const sectSize = is64 ? 80 : 68;
  const cmds: Uint8Array[] = [];
  const textAddr = is64 ? 0x100000000 : 0x1000;
  const dataAddr = textAddr + 0x1000;
  // Contents go after a 0x400-byte header area: text at 0x400, pclntab at 0x500, data at 0x600.
  const segment = (
    name: string,
    vmaddr: number,
    fileoff: number,
    filesize: number,
    prot: number,
    sects: [string, number, number, number, number][],
  ): Uint8Array => {
    const c = w()
      .u32(is64 ? 0x19 : 0x1)
      .u32(segHdr + sects.length * sectSize)
      .fixed(name, 16)
      .word(vmaddr)
      .word(0x1000)
      .word(fileoff)
      .word(filesize)
      .u32(prot)
      .u32(prot)
      .u32(sects.length)
      .u32(0);
    for (const [sect, addr, size, offset, flags] of sects) {
      c.fixed(sect, 16)
        .fixed(name, 16)
        .word(addr)
        .word(size)
        .u32(offset)
        .u32(3)
        .u32(0)
        .u32(0)
        .u32(flags)
        .u32(0)
        .u32(0);
      if (is64) c.u32(0);
    }
    return c.done();
  };
  cmds.push(segment('__PAGEZERO', 0, 0, 0, 0, []));
  cmds.push(
    segment('__TEXT', textAddr, 0, 0x600, 5, [
      ['__text', textAddr + 0x400, 0x100, 0x400, 0x80000400],
      ['__gopclntab', textAddr + 0x500, 0x100, 0x500, 0],
    ]),
  );
  cmds.push(
    segment('__DATA', dataAddr, 0x600, 0x100, 3, [
      ['__go_buildinfo', dataAddr, 0x40, 0x600, 0],
      ['__bss', dataAddr + 0x100, 0x200, 0, 1],
    ]),
  );
  for (const lib of spec.dylibs ?? []) {
    const nameBytes = new TextEncoder().encode(lib);
    const size = Math.ceil((24 + nameBytes.length + 1) / 8) * 8;
    cmds.push(
      w().u32(0xc).u32(size).u32(24).u32(2).u32(0x10000).u32(0x10000).raw(nameBytes).u8(0).pad(size).done(),
    );
  }
  if (spec.buildVersion) {
    cmds.push(
      w()
        .u32(0x32)
        .u32(24)
        .u32(spec.buildVersion[0])
        .u32(spec.buildVersion[1])
        .u32(spec.buildVersion[1])
        .u32(0)
        .done(),
    );
  }
  const syms = spec.symbols ?? [];
  const symoff = 0x700;
  const nlistSize = is64 ? 16 : 12;
  const stroff = symoff + syms.length * nlistSize;
  const strtab = new Strtab();
  const nlist = w();
  for (const s of syms) {
    nlist
      .u32(strtab.add(s.name))
      .u8(s.type ?? 0x0f)
      .u8(1)
      .u16(s.desc ?? 0)
      .word(s.value);
  }
  const strData = strtab.done();
  if (syms.length > 0)
    cmds.push(w().u32(0x2).u32(24).u32(symoff).u32(syms.length).u32(stroff).u32(strData.length).done());

  const sizeofcmds = cmds.reduce((n, c) => n + c.length, 0);
  if (hdrSize + sizeofcmds > 0x400) throw new Error('load commands overflow the header area');
  const f = w()
    .u32(is64 ? 0xfeedfacf : 0xfeedface)
    .u32(spec.cputype)
    .u32(0)
    .u32(2)
    .u32(cmds.length)
    .u32(sizeofcmds)
    .u32(spec.flags ?? 0x200085);
  if (is64) f.u32(0);
  for (const c of cmds) f.raw(c);
  f.pad(0x400).raw(Array.from({ length: 0x100 }, () => 0xc3));
  f.pad(0x500).raw([0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8]);
  f.pad(0x600).raw(latin1('\xff Go buildinf:'));
  f.pad(0x700).raw(nlist.done()).raw(strData);
  return { bytes: f.done(), buildinfo: { offset: 0x600, addr: dataAddr }, textAddr: textAddr + 0x400 };
}

/** A fat file holding the given thin slices (4 KiB aligned). `is64` writes FAT_MAGIC_64. */
export function buildFat(slices: { cputype: number; bytes: Uint8Array }[], is64 = false): Uint8Array {
  const f = new Writer(false, true).u32(is64 ? 0xcafebabf : 0xcafebabe).u32(slices.length);
  let offset = 0x1000;
  const offsets: number[] = [];
  for (const s of slices) {
    offsets.push(offset);
    if (is64) f.u32(s.cputype).u32(0).u64(offset).u64(s.bytes.length).u32(12).u32(0);
    else f.u32(s.cputype).u32(0).u32(offset).u32(s.bytes.length).u32(12);
    offset += Math.ceil(s.bytes.length / 0x1000) * 0x1000;
  }
  slices.forEach((s, i) => {
    f.pad(offsets[i]!).raw(s.bytes);
  });
  return f.done();
}

// ---- PE --------------------------------------------------------------------------------------

export interface PeSpec {
  /** PE32+ (amd64) or PE32 (386). */
  plus: boolean;
  dllCharacteristics?: number;
  imports?: string[];
  /** COFF symbols (section-relative to .text); names longer than 8 go to the string table. */
  symbols?: { name: string; value: number; section?: number; storageClass?: number }[];
}

export interface PeLayout {
  bytes: Uint8Array;
  imageBase: number;
  textRva: number;
}

/** A minimal image: DOS stub, PE header, optional header, .text, .data, .idata, COFF symbols. */
export function buildPe(spec: PeSpec): PeLayout {
  const imageBase = spec.plus ? 0x140000000 : 0x400000;
  const machine = spec.plus ? 0x8664 : 0x14c;
  const f = new Writer(true, spec.plus);
  f.u16(0x5a4d).pad(0x3c).u32(0x80).pad(0x80);
  f.raw([0x50, 0x45, 0, 0]);
  const sections = [
    { name: '.text', rva: 0x1000, raw: 0x400, size: 0x200, chars: 0x60000020 },
    { name: '.data', rva: 0x2000, raw: 0x600, size: 0x200, chars: 0xc0000040 },
    { name: '.idata', rva: 0x3000, raw: 0x800, size: 0x200, chars: 0xc0000040 },
    { name: '.bss', rva: 0x4000, raw: 0, size: 0, chars: 0xc0000080 },
  ];
  const symbols = spec.symbols ?? [];
  const symOff = 0xa00;
  const optSize = spec.plus ? 240 : 224;
  f.u16(machine)
    .u16(sections.length)
    .u32(0)
    .u32(symbols.length ? symOff : 0)
    .u32(symbols.length)
    .u16(optSize)
    .u16(0x22);
  const optStart = f.length;
  f.u16(spec.plus ? 0x20b : 0x10b)
    .u8(1)
    .u8(0)
    .u32(0x200)
    .u32(0x400)
    .u32(0)
    .u32(0x1000)
    .u32(0x1000);
  if (spec.plus) f.u64(imageBase);
  else f.u32(0x2000).u32(imageBase);
  f.u32(0x1000).u32(0x200).u16(6).u16(0).u16(0).u16(0).u16(6).u16(0).u32(0).u32(0x5000).u32(0x400).u32(0);
  f.u16(3).u16(spec.dllCharacteristics ?? 0x160);
  for (let i = 0; i < 4; i++) f.word(0x100000);
  f.u32(0).u32(16);
  const imports = spec.imports ?? [];
  for (let i = 0; i < 16; i++) {
    if (i === 1 && imports.length > 0) f.u32(0x3000).u32((imports.length + 1) * 20);
    else f.u32(0).u32(0);
  }
  if (f.length - optStart !== optSize) throw new Error(`optional header is ${f.length - optStart} bytes`);
  for (const s of sections)
    f.fixed(s.name, 8)
      .u32(s.size || 0x100)
      .u32(s.rva)
      .u32(s.size)
      .u32(s.raw)
      .u32(0)
      .u32(0)
      .u16(0)
      .u16(0)
      .u32(s.chars);
  f.pad(0x400).raw(Array.from({ length: 0x200 }, () => 0xcc));
  f.pad(0x600).raw(latin1('\xff Go buildinf:'));
  // .idata: descriptors, then the names at +0x100.
  f.pad(0x800);
  let nameRva = 0x3100;
  const names = new Writer(true);
  for (const lib of imports) {
    f.u32(0x3180).u32(0).u32(0).u32(nameRva).u32(0x3180);
    names.cstr(lib);
    nameRva = 0x3100 + names.length;
  }
  f.raw(new Uint8Array(20));
  f.pad(0x900).raw(names.done());
  f.pad(symOff);
  const strtab = new Writer(true);
  for (const s of symbols) {
    if (s.name.length > 8) {
      f.u32(0).u32(4 + strtab.length);
      strtab.cstr(s.name);
    } else {
      f.fixed(s.name, 8);
    }
    f.u32(s.value)
      .u16(s.section ?? 1)
      .u16(0x20)
      .u8(s.storageClass ?? 2)
      .u8(0);
  }
  if (symbols.length) f.u32(4 + strtab.length).raw(strtab.done());
  return { bytes: f.done(), imageBase, textRva: 0x1000 };
}
