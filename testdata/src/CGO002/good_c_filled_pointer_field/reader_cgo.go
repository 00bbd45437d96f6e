//go:build !windows

package capture

/*
#include <stdint.h>

static unsigned char ring[64] = "pkt!";

// Hands out a pointer into the library's buffer through an out-parameter passed as an integer.
static int next_packet(uintptr_t data_out) {
	*(unsigned char **)data_out = ring;
	return 4;
}
*/
import "C"

import "unsafe"

// Next asks the library for the next packet; C stores a C pointer into r.data.
func (r *Reader) Next() int {
	r.n = int(C.next_packet(C.uintptr_t(uintptr(unsafe.Pointer(&r.data)))))
	return r.n
}
