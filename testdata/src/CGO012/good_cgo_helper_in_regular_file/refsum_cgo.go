//go:build cgo

package crc

/*
static unsigned int ref_sum(const unsigned char *p, int n) {
	unsigned int s = 0;
	for (int i = 0; i < n; i++) s = s * 31 + p[i];
	return s;
}
*/
import "C"

import "unsafe"

func refSum(p []byte) uint32 {
	return uint32(C.ref_sum((*C.uchar)(unsafe.Pointer(&p[0])), C.int(len(p))))
}
