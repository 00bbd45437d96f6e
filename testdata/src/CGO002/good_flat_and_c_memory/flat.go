package flat

/*
#include <stddef.h>
#include <stdlib.h>

struct point { int x, y; };

static void use(void *p, size_t n) { (void)p; (void)n; }
static int run_argv(char **argv) { return argv[0] != NULL; }
static void move(struct point *pt) { pt->x++; }
*/
import "C"

import "unsafe"

type stats struct {
	count int64
	hist  [16]uint32
	pos   C.struct_point
	mean  float64
}

type node struct {
	next *node
	name string
}

// Pointers to pointer-free Go memory.
func Flat(buf []byte) {
	var s stats
	n := 3
	C.use(unsafe.Pointer(&s), C.size_t(unsafe.Sizeof(s)))
	C.use(unsafe.Pointer(&n), 8)
	if len(buf) > 0 {
		C.use(unsafe.Pointer(&buf[0]), C.size_t(len(buf)))
	}
	C.move(&s.pos)
}

// An argv of C strings lives in Go memory but holds only C pointers.
func Argv(args []string) int {
	argv := make([]*C.char, len(args)+1)
	for i, a := range args {
		argv[i] = C.CString(a)
	}
	defer func() {
		for _, p := range argv {
			C.free(unsafe.Pointer(p))
		}
	}()
	return int(C.run_argv(&argv[0]))
}

// A Go struct type with pointers, but allocated in C memory.
func InC() {
	p := (*node)(C.calloc(1, C.size_t(unsafe.Sizeof(node{}))))
	defer C.free(unsafe.Pointer(p))
	C.use(unsafe.Pointer(p), C.size_t(unsafe.Sizeof(*p)))
}
