package crc

/*
static unsigned int ref_sum(const unsigned char *p, int n) {
	unsigned int s = 0;
	for (int i = 0; i < n; i++) s = s * 31 + p[i];
	return s;
}
*/
import "C" // want CGO012

import (
	"testing"
	"unsafe"
)

func TestSumMatchesC(t *testing.T) {
	in := []byte("hello")
	if got, want := Sum(in), uint32(C.ref_sum((*C.uchar)(unsafe.Pointer(&in[0])), C.int(len(in)))); got != want {
		t.Fatalf("got %d want %d", got, want)
	}
}
