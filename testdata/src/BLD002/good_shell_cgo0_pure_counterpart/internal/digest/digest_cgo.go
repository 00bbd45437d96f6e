// Package digest sums bytes, in C when it can.
package digest

/*
static unsigned sum(const unsigned char *p, int n) {
	unsigned s = 0;
	for (int i = 0; i < n; i++) s = s * 31 + p[i];
	return s;
}
*/
import "C"

import "unsafe"

// Impl names the implementation in use.
const Impl = "c"

// Sum returns the digest of b.
func Sum(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	return uint32(C.sum((*C.uchar)(unsafe.Pointer(&b[0])), C.int(len(b))))
}
