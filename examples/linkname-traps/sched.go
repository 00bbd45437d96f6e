package ticker

import "unsafe"

// fastrandu was removed in Go 1.22 (LN005), and acquirem has no linkname marker,
// so every Go 1.23+ linker refuses it (LN006).
//
//go:linkname fastrandu runtime.fastrandu
func fastrandu() uint

//go:linkname acquirem runtime.acquirem
func acquirem() unsafe.Pointer

// Jitter returns a pseudo-random spread for retry timers.
func Jitter() uint { return fastrandu() % 1000 }

// Pin disables preemption of the current goroutine (do not do this).
func Pin() unsafe.Pointer { return acquirem() }
