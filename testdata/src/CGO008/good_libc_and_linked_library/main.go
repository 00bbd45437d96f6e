// Command roots prints a cube root; libc and the -lm library provide what the prototypes promise.
package main

/*
#cgo LDFLAGS: -lm
int puts(const char *s);
double cbrt(double x);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	msg := []byte("cube root of 27:\x00")
	C.puts((*C.char)(unsafe.Pointer(&msg[0])))
	fmt.Println(float64(C.cbrt(27)))
}
