package buf

/*
#include <stddef.h>
#include <string.h>
static size_t count_zero(const unsigned char *p, size_t n) {
	size_t z = 0;
	for (size_t i = 0; i < n; i++) z += p[i] == 0;
	return z;
}
*/
import "C"

import (
	"log"
	"runtime"
	"unsafe"
)

type Buffer struct {
	data []byte
	id   int
}

// The finalizer only logs: no C resource is released.
func New(n int) *Buffer {
	b := &Buffer{data: make([]byte, n)}
	runtime.SetFinalizer(b, func(b *Buffer) { log.Printf("buffer %d collected", b.id) })
	return b
}

// Go memory passed as an argument is kept alive by cgo for the call.
func (b *Buffer) Zeros() int {
	if len(b.data) == 0 {
		return 0
	}
	return int(C.count_zero((*C.uchar)(unsafe.Pointer(&b.data[0])), C.size_t(len(b.data))))
}

type Handle struct {
	fd C.int
}

// A value receiver works on a copy; the finalizer watches the pointer elsewhere.
func (h Handle) Check() int {
	return int(C.count_zero(nil, C.size_t(h.fd)))
}
