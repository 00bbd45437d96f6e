package fill

// #include <stddef.h>
// static void fill_bytes(void *p, size_t n) { (void)p; (void)n; }
import "C"

import "unsafe"

// Fill passes the address of the slice header, not of its first byte.
func Fill(n int) []byte {
	buf := make([]byte, n)
	C.fill_bytes(unsafe.Pointer(&buf), C.size_t(n)) // want CGO002
	return buf
}

// Window passes an array of structs whose Label fields are Go pointers.
func Window() {
	var w window
	label := "first"
	w[0].Label = &label
	C.fill_bytes(unsafe.Pointer(&w[0]), C.size_t(unsafe.Sizeof(w))) // want CGO002
}
