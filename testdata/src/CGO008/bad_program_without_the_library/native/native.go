// Package native declares a C routine that no package of the program provides.
package native

/*
long native_checksum(const char *s); // want CGO008
*/
import "C"

import "unsafe"

// Checksum returns the native checksum of s.
func Checksum(s string) int64 {
	b := append([]byte(s), 0)
	return int64(C.native_checksum((*C.char)(unsafe.Pointer(&b[0]))))
}
