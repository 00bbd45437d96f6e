package owner

/*
#include <stdlib.h>
*/
import "C"

import (
	"sync"
	"unsafe"
)

type Handle struct {
	name *C.char
	bufs []unsafe.Pointer
}

var (
	registry = map[string]*C.char{}
	mu       sync.Mutex
	last     *C.char
)

// Returned to the caller, who frees it.
func Make(s string) *C.char {
	return C.CString(s)
}

// Named result.
func MakeNamed(s string) (out unsafe.Pointer) {
	out = C.malloc(C.size_t(len(s) + 1))
	return
}

// Stored in a field, a slice, a map and a global.
func (h *Handle) Keep(s string) {
	h.name = C.CString(s)
	h.bufs = append(h.bufs, C.malloc(32))
	cs := C.CString(s)
	mu.Lock()
	registry[s] = cs
	mu.Unlock()
	last = C.CString(s)
}

// Handed to Go code that owns it from then on.
func Pass(s string, sink chan<- *C.char) {
	cs := C.CString(s)
	adopt(cs)
	sink <- C.CString(s)
	buf := C.malloc(8)
	h := &Handle{bufs: []unsafe.Pointer{buf}}
	h.Close()
}

func adopt(p *C.char) { C.free(unsafe.Pointer(p)) }

func (h *Handle) Close() {
	for _, b := range h.bufs {
		C.free(b)
	}
}
