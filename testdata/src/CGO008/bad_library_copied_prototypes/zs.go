// Package zs wraps a compression library, but never links it.
package zs

// #include <stddef.h>
//
// int zs_compress(void *dst, size_t cap, const void *src, size_t n); // want CGO008
// size_t zs_bound(size_t n); // want CGO008
import "C"

import "unsafe"

// Compress compresses src.
func Compress(src []byte) []byte {
	if len(src) == 0 {
		return nil
	}
	dst := make([]byte, int(C.zs_bound(C.size_t(len(src)))))
	n := C.zs_compress(unsafe.Pointer(&dst[0]), C.size_t(len(dst)), unsafe.Pointer(&src[0]), C.size_t(len(src)))
	return dst[:n]
}
