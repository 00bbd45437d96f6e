package longs

/*
#include <stdlib.h>
*/
import "C"

import "unsafe"

// On Windows C.long is 4 bytes: the four longs take 16 bytes, so offset 16 is past the end.
func Last() C.long {
	var vals [4]C.long
	return *(*C.long)(unsafe.Add(unsafe.Pointer(&vals[0]), 16)) // want CGO011
}
