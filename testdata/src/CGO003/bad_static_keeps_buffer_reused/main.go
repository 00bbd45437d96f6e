// Command stale shows C reading a Go buffer it kept after the call: the garbage collector has
// long since handed that memory to other allocations.
package main

/*
static const unsigned char *kept;

static void keep_buffer(const unsigned char *p) { kept = p; }

static int first_byte(void) { return kept[0]; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

var sink [][]byte

func register() {
	buf := make([]byte, 8192)
	for i := range buf {
		buf[i] = 'A'
	}
	C.keep_buffer((*C.uchar)(unsafe.Pointer(&buf[0]))) // want CGO003
}

func main() {
	register()
	// Later allocations of the same size reuse the memory once the collector has freed it.
	for round := 0; round < 50; round++ {
		sink = nil
		for i := 0; i < 200; i++ {
			b := make([]byte, 8192)
			for j := range b {
				b[j] = 'B'
			}
			sink = append(sink, b)
		}
	}
	fmt.Printf("C reads %q where Go wrote 'A'\n", rune(C.first_byte()))
}
