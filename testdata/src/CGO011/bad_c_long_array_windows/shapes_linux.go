package longs

/*
#include <stdint.h>
#define SLOTS 4
struct pt { int32_t x; int32_t y; long z; };
*/
import "C"

import "unsafe"

// The preamble's struct is 16 bytes on linux/amd64: offset 16 is past it.
func After() C.long {
	var p C.struct_pt
	return *(*C.long)(unsafe.Add(unsafe.Pointer(&p.y), 12)) // want CGO011
}

// Four C ints from a macro-sized array: 16 bytes.
func Beyond() C.int {
	var s [C.SLOTS]C.int
	return *(*C.int)(unsafe.Add(unsafe.Pointer(&s[2]), 8)) // want CGO011
}
