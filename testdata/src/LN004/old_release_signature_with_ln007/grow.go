package grow

import "unsafe"

type slice struct {
	array unsafe.Pointer
	len   int
	cap   int
}

// The Go 1.19 form of growslice: right for the release this module is
// linked with (the 1.20 rewrite does not apply here).

// want-below LN007
//go:linkname growslice runtime.growslice
func growslice(et unsafe.Pointer, old slice, cap int) slice

// Grow grows old to at least n elements.
func Grow(et unsafe.Pointer, old slice, n int) slice { return growslice(et, old, n) }
