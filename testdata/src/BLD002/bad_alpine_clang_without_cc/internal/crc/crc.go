package crc

/*
#include <stddef.h>
#include <stdint.h>

uint32_t crc32c_sw(const unsigned char *p, size_t n);
*/
import "C"

import "unsafe"

// Sum returns the CRC-32C (Castagnoli) checksum of b.
func Sum(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	return uint32(C.crc32c_sw((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))))
}
