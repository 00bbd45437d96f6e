package main

/*
#include <stddef.h>
static size_t first(void **p) { return p[0] != NULL; }
*/
import "C"

import "unsafe"

type node struct {
	next *int
}

func main() {
	v := 7
	n := &node{next: &v}
	C.first((*unsafe.Pointer)(unsafe.Pointer(n)))
}
