package fastcrc

// #include "crc.h"
import "C"

import "unsafe"

// Sum computes a CRC-32C over b in C.
func Sum(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	return uint32(C.crc32c((*C.uchar)(unsafe.Pointer(&b[0])), C.size_t(len(b))))
}
