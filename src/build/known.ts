// Facts about Go and cgo that the build rules judge with (which std packages link net, which
// platforms link cgo externally, compilers by name). Every entry says where it comes from. The
// third-party cgo packages are shared with the binary lens: src/core/cgo-packages.ts.

/**
 * Standard-library packages that link the `net` package (and with it the cgo DNS resolver)
 * when imported: net itself, its subpackages except the pure data ones, and the std packages
 * that import net (source: their import lists in Go 1.19–1.23 src/).
 */
export function linksNet(importPath: string): boolean {
  if (importPath === 'net') return true;
  if (importPath.startsWith('net/')) {
    return importPath !== 'net/url' && importPath !== 'net/netip' && importPath !== 'net/mail';
  }
  return (
    importPath === 'crypto/tls' ||
    importPath === 'crypto/x509' ||
    importPath === 'log/syslog' ||
    importPath === 'expvar'
  );
}

/** Links os/user (cgo getpwnam_r & co. unless `osusergo`). */
export function linksOsUser(importPath: string): boolean {
  return importPath === 'os/user';
}

/**
 * Platforms where cmd/link always links cgo programs externally (catalog BLD001: ppc64, mips*,
 * riscv64, loong64, android, dragonfly, windows/arm64).
 */
export function alwaysExternal(goos: string, goarch: string): boolean {
  if (goos === 'android' || goos === 'dragonfly') return true;
  if (goos === 'windows' && goarch === 'arm64') return true;
  return goarch === 'ppc64' || goarch.startsWith('mips') || goarch === 'riscv64' || goarch === 'loong64';
}

/**
 * `-buildmode=pie` links internally only where Go's linker supports internal PIE
 * (internal/platform InternalLinkPIESupported, Go 1.19–1.23): elsewhere it forces external linking.
 */
export function internalPieSupported(goos: string, goarch: string): boolean {
  const p = `${goos}/${goarch}`;
  return [
    'android/arm64',
    'darwin/amd64',
    'darwin/arm64',
    'linux/amd64',
    'linux/arm64',
    'linux/ppc64le',
    'windows/386',
    'windows/amd64',
    'windows/arm',
    'windows/arm64',
  ].includes(p);
}

/** Plugins exist only on these systems (catalog BLD005). */
export const PLUGIN_GOOS = new Set(['linux', 'freebsd', 'darwin']);

/**
 * Package names that put `gcc` on PATH in an image (apk, apt, yum/dnf) — the compiler cmd/go
 * looks for when CC is unset. clang, zig or musl-tools alone do not: they count only with CC set.
 */
export function isCompilerPackage(name: string): boolean {
  const n = name.replace(/[=<>].*$/, '');
  return /^(gcc|build-base|build-essential|g\+\+|gcc-c\+\+)$/.test(n);
}

/** A C compiler that targets musl: `musl-gcc`, `x86_64-linux-musl-gcc`, `zig cc -target x86_64-linux-musl`. */
export function isMuslCompiler(cc: string): boolean {
  return /(^|\/)musl-gcc\b|linux-musl[^\s]*-(gcc|cc|clang)\b|-target\s+\S*-musl/.test(cc);
}
