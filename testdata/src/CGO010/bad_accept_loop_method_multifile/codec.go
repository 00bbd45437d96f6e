package server

/*
#include <stdlib.h>
#include <string.h>
static int checksum(const char *p, int n) {
	int s = 0;
	for (int i = 0; i < n; i++) s += p[i];
	return s;
}
*/
import "C"

import "unsafe"

func sum(msg string) int {
	p := C.CString(msg)
	defer C.free(unsafe.Pointer(p))
	return int(C.checksum(p, C.int(len(msg))))
}
