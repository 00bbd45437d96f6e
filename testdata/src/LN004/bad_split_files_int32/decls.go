package clock

import "unsafe"

// runtime.nanotime returns int64: half of the result is lost.
func mono() int32

// This one matches: to, from unsafe.Pointer, n uintptr.
func move(to, from unsafe.Pointer, n uintptr)

// Now returns a truncated monotonic reading.
func Now() int32 { return mono() }

// Copy copies n bytes.
func Copy(dst, src unsafe.Pointer, n uintptr) { move(dst, src, n) }
