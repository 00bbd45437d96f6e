package store

// #include <stdlib.h>
// #include "store.h"
import "C"

// Warm allocates and drops the pointer on the floor.
func Warm() {
	C.malloc(4096) // want CGO001
	_ = C.CString("warm") // want CGO001
}

// Lookup copies the C string into Go; the key copy itself is never released.
func Lookup(key string) string {
	ckey := C.CString(key) // want CGO001
	val := C.store_lookup(ckey)
	defer C.free(unsafe_ptr(val))
	return C.GoString(ckey) + C.GoString(val)
}
