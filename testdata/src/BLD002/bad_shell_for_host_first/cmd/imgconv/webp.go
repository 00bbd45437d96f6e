package main

/*
#cgo pkg-config: libwebp
#include <stdlib.h>
#include <webp/encode.h>
*/
import "C"

import "unsafe"

func encodeWebP(rgba []byte, quality int) []byte {
	var out *C.uint8_t
	side := C.int(64)
	n := C.WebPEncodeRGBA((*C.uint8_t)(unsafe.Pointer(&rgba[0])), side, side, side*4, C.float(quality), &out)
	defer C.WebPFree(unsafe.Pointer(out))
	return C.GoBytes(unsafe.Pointer(out), C.int(n))
}
