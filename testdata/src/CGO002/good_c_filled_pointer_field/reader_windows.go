package capture

import (
	"syscall"
	"unsafe"
)

var nextPacket = syscall.NewLazyDLL("capture.dll").NewProc("next_packet")

// Next calls the DLL build of the library, which fills r.data the same way.
func (r *Reader) Next() int {
	n, _, _ := nextPacket.Call(uintptr(unsafe.Pointer(&r.data)))
	r.n = int(n)
	return r.n
}
