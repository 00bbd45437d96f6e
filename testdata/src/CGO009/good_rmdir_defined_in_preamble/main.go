package main

/*
// A package-local rmdir that refuses to remove the root.
#include <stdlib.h>
#include <string.h>
static int rmdir(const char *p) {
	if (strcmp(p, "/") == 0) return -1;
	return 0;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// C.rmdir is the preamble function above, which never sets errno.
func main() {
	p := C.CString("/")
	defer C.free(unsafe.Pointer(p))
	fmt.Println(C.rmdir(p) != 0)
}
