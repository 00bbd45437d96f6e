package ptr

/*
#include <stdlib.h>
typedef struct item { int id; double weight; } item;
static item *items_new(int n) { return calloc(n, sizeof(item)); }
*/
import "C"

import "unsafe"

type node struct {
	val  int32
	next *node
}

// Elements of a C array: the extent is n items, not one struct.
func Sum(n int) (total float64) {
	base := C.items_new(C.int(n))
	defer C.free(unsafe.Pointer(base))
	for i := 0; i < n; i++ {
		it := (*C.item)(unsafe.Add(unsafe.Pointer(base), uintptr(i)*unsafe.Sizeof(*base)))
		total += float64(it.weight)
	}
	second := (*C.item)(unsafe.Add(unsafe.Pointer(base), unsafe.Sizeof(*base)))
	return total + float64(second.weight)
}

// Through a pointer parameter the object may be one of many in an array.
func Next(n *node) *node {
	return (*node)(unsafe.Add(unsafe.Pointer(n), unsafe.Sizeof(*n)))
}

// Slices have no static size here.
func Tail(b []byte) byte {
	return *(*byte)(unsafe.Add(unsafe.Pointer(&b[0]), 64))
}
