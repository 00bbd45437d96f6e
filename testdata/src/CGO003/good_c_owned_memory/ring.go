// Package ring gives C a buffer that C owns, so it may keep it.
package ring

/*
#include <stddef.h>
#include <stdlib.h>

static char *ring_base;
static size_t ring_size;

static void ring_attach(char *base, size_t n) {
	ring_base = base;
	ring_size = n;
}
*/
import "C"

import "unsafe"

var base unsafe.Pointer

// Attach allocates n bytes in C memory and makes them the ring.
func Attach(n int) {
	base = C.malloc(C.size_t(n))
	mem := (*C.char)(base)
	C.ring_attach(mem, C.size_t(n))
}

// Detach releases the ring.
func Detach() {
	C.ring_attach(nil, 0)
	C.free(base)
}
