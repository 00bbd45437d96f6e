//go:build linux || darwin

package longs

// #include <stdint.h>
// #define SLOTS 4
// struct pt { int32_t x; int32_t y; long z; };
import "C"

import "unsafe"

// On LP64 systems C.long is 8 bytes: offset 16 is the third of four longs.
func Third() C.long {
	var vals [4]C.long
	return *(*C.long)(unsafe.Add(unsafe.Pointer(&vals[0]), 16))
}

// The preamble's struct is 16 bytes: z sits at 8.
func Z() C.long {
	var p C.struct_pt
	return *(*C.long)(unsafe.Add(unsafe.Pointer(&p), 8))
}

// An array sized by a C macro.
func LastSlot() C.int {
	var s [C.SLOTS]C.int
	return *(*C.int)(unsafe.Add(unsafe.Pointer(&s[0]), 12))
}
