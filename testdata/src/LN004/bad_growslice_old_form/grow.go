// Package grow copies the pre-1.20 growslice declaration.
package grow

import "unsafe"

type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

// growslice changed in Go 1.20: the module says 1.21, so the old form
// no longer matches.
// want-below LN004 LN007
//go:linkname growslice runtime.growslice
func growslice(et unsafe.Pointer, old sliceHeader, capacity int) sliceHeader

// Grow asks the runtime for a bigger backing array.
func Grow(et unsafe.Pointer, old sliceHeader, n int) sliceHeader {
	return growslice(et, old, n)
}
