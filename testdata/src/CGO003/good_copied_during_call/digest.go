// Package digest hands Go bytes to C, which only reads them during the call.
package digest

/*
#include <stddef.h>
#include <string.h>

static unsigned char last_block[64];
static size_t last_len;

static unsigned int digest_update(const unsigned char *p, size_t n, unsigned int h) {
	for (size_t i = 0; i < n; i++) h = h * 16777619u ^ p[i];
	last_len = n < sizeof last_block ? n : sizeof last_block;
	memcpy(last_block, p, last_len);
	return h;
}
*/
import "C"

import "unsafe"

// Sum hashes b.
func Sum(b []byte) uint32 {
	if len(b) == 0 {
		return 2166136261
	}
	return uint32(C.digest_update((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b)), 2166136261))
}
