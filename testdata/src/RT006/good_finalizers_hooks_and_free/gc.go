package hooks

import (
	"runtime"
	"runtime/debug"
	"time"
)

// debugGC makes every Call collect first, to shake out liveness bugs in tests.
var debugGC = false

type handle struct{ fd int }

// WaitReleased collects until the finalizer of h has run.
func WaitReleased(h *handle) bool {
	done := make(chan struct{})
	runtime.SetFinalizer(h, func(*handle) { close(done) })
	h = nil
	for i := 0; i < 5; i++ {
		runtime.GC()
		select {
		case <-done:
			return true
		case <-time.After(10 * time.Millisecond):
		}
	}
	return false
}

func Call(fn func()) {
	if debugGC {
		runtime.GC()
	}
	fn()
}

// Shrink collects and returns the freed pages to the OS in the same breath.
func Shrink() {
	runtime.GC()
	debug.FreeOSMemory()
}
