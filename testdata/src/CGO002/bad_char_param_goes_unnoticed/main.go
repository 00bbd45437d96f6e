// The same mistake as a void* argument, but the C parameter is char*: cgo's run-time check does
// not look inside a char, so the program runs and prints its result. The Go pointer inside the
// record still reaches C unprotected.
package main

/*
#include <string.h>

static int label_len(char *rec) {
	int n;
	memcpy(&n, rec, sizeof n);
	return n;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

type record struct {
	size  int32
	label *string
}

func main() {
	name := fmt.Sprint("disk", 0)
	rec := record{size: int32(len(name)), label: &name}
	n := C.label_len((*C.char)(unsafe.Pointer(&rec))) // want CGO002
	fmt.Println("no panic, length", n)
}
