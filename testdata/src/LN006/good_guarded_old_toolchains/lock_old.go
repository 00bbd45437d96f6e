//go:build !go1.23

package rtlock

import "unsafe"

// Only built by toolchains that do not check linknames.
//
//go:linkname lock runtime.lock
func lock(l unsafe.Pointer)

//go:linkname unlock runtime.unlock
func unlock(l unsafe.Pointer)

func with(l unsafe.Pointer, f func()) {
	lock(l)
	defer unlock(l)
	f()
}
