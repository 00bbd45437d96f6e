package park

import "unsafe"

// Local stand-ins with the same shapes as the runtime's types.
type (
	waitReason uint8
	blockTag   = uint8
)

type header struct {
	data     unsafe.Pointer
	len, cap int
}

//go:linkname gopark runtime.gopark
func gopark(unlock func(unsafe.Pointer, unsafe.Pointer) bool, lock unsafe.Pointer, reason waitReason, trace blockTag, skip int)

//go:linkname growslice runtime.growslice
func growslice(oldPtr unsafe.Pointer, newLen, oldCap, num int, et unsafe.Pointer) header

//go:linkname rnd runtime.fastrand
func rnd() uint32

// Park parks the goroutine (never called here).
func Park(lock unsafe.Pointer) { gopark(nil, lock, 0, 0, 1) }

// Grow grows a slice header.
func Grow(p unsafe.Pointer, n, c, k int, et unsafe.Pointer) header { return growslice(p, n, c, k, et) }

// Rand returns a runtime random number.
func Rand() uint32 { return rnd() }
