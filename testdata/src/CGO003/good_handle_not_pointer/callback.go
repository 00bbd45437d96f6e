// Package callback lets C refer to a Go value through a cgo.Handle, an integer.
package callback

/*
#include <stdint.h>

static uintptr_t saved_handle;

static void remember_handle(uintptr_t h) { saved_handle = h; }

static uintptr_t recall_handle(void) { return saved_handle; }
*/
import "C"

import "runtime/cgo"

// Listener receives events.
type Listener struct{ Name string }

// Register lets C hold on to l through a handle.
func Register(l *Listener) cgo.Handle {
	h := cgo.NewHandle(l)
	C.remember_handle(C.uintptr_t(h))
	return h
}

// Current returns the listener C holds.
func Current() *Listener {
	return cgo.Handle(C.recall_handle()).Value().(*Listener)
}
