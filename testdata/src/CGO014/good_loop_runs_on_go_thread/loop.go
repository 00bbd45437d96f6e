// Package loop runs a C event loop from a goroutine; callbacks come back on that goroutine's thread.
package loop

// void event_loop(int rounds);
import "C"

import "sync/atomic"

var handled int64

//export goHandleEvent
func goHandleEvent(n C.int) { atomic.AddInt64(&handled, 1) }

// Run runs the loop in the background and returns when it is done.
func Run(rounds int) int64 {
	done := make(chan struct{})
	go func() {
		C.event_loop(C.int(rounds))
		close(done)
	}()
	<-done
	return atomic.LoadInt64(&handled)
}
