package io

// #include <unistd.h>
import "C"

import "unsafe"

// Drain ignores close's result and only uses read's count; neither is a failure test.
func Drain(fd C.int, buf []byte) int {
	defer C.close(fd)
	total := 0
	for {
		n := C.read(fd, unsafe.Pointer(&buf[0]), C.size_t(len(buf)))
		if n > 0 {
			total += int(n)
			continue
		}
		return total
	}
}
