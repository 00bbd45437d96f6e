package waiter

import (
	"runtime"
	_ "unsafe" // for go:linkname
)

// sync declares runtime_Semacquire without a body, but the runtime
// defines it with a push of its own: this is a second definition.
// want-below LN002
//go:linkname acquire sync.runtime_Semacquire
func acquire(addr *uint32) {
	calls.Add(1)
	for *addr == 0 {
		runtime.Gosched()
	}
	*addr--
}
