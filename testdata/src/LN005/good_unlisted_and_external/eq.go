// Package eq compares memory.
package eq

import "unsafe"

// memequal is not in gotrap's table: without facts it says nothing.
//
//go:linkname memequal runtime.memequal
func memequal(a, b unsafe.Pointer, size uintptr) bool

// Equal reports whether two buffers of n bytes are equal.
func Equal(a, b unsafe.Pointer, n uintptr) bool { return memequal(a, b, n) }
