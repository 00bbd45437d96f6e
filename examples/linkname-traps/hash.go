package ticker

import "unsafe"

// runtime.memhash takes (p unsafe.Pointer, seed, length uintptr): this declaration drops the
// length, links without a word, and hashes garbage (LN004).
//
//go:linkname memhash runtime.memhash
func memhash(p unsafe.Pointer, seed uintptr) uintptr

// Key hashes a string for the sharded maps.
func Key(s string) uintptr {
	return memhash(unsafe.Pointer(unsafe.StringData(s)), 0)
}
