// Package hashing hashes byte slices with the runtime's hash.
package hashing

import "unsafe"

// want-below LN007
//go:linkname memhash runtime.memhash
func memhash(p unsafe.Pointer, seed, n uintptr) uintptr

// Bytes hashes b.
func Bytes(b []byte) uint64 {
	if len(b) == 0 {
		return 0
	}
	return uint64(memhash(unsafe.Pointer(&b[0]), 0, uintptr(len(b))))
}
