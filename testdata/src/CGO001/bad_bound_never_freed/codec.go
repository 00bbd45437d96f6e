package codec

/*
#include <stdlib.h>
#include <string.h>

static int codec_encode(void *dst, size_t cap, const char *src) {
	size_t n = strlen(src);
	if (n > cap) n = cap;
	memcpy(dst, src, n);
	return (int)n;
}
*/
import "C"

import u "unsafe"

type Encoder struct {
	capacity int
}

// Encode copies the result back into Go memory but forgets the two C buffers.
func (e *Encoder) Encode(s string) []byte {
	src := C.CString(s)                // want CGO001
	dst := C.malloc(C.size_t(e.capacity)) // want CGO001
	n := C.codec_encode(dst, C.size_t(e.capacity), src)
	return C.GoBytes(dst, n)
}

// Scratch converts the buffer to a typed pointer; the conversion is not a free.
func (e *Encoder) Scratch() int {
	var buf *C.char = (*C.char)(C.calloc(1, 64)) // want CGO001
	view := u.Pointer(buf)
	n := C.codec_encode(view, 64, buf)
	return int(n)
}
