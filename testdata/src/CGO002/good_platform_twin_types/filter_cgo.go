//go:build !windows

package filter

/*
#include <stdlib.h>

struct op { unsigned short code; unsigned int k; };
struct program { unsigned int len; struct op *ops; };

static int compile(struct program *p, unsigned int n) {
	p->ops = calloc(n, sizeof(struct op));
	p->len = p->ops ? n : 0;
	return p->ops ? 0 : -1;
}
static void release(struct program *p) { free(p->ops); p->ops = NULL; p->len = 0; }
static int run(const struct program *p, unsigned int v) { return p->len > 0 && p->ops[0].k == v; }
*/
import "C"

// On cgo platforms the program is the C struct itself: its ops pointer is C memory.
type program C.struct_program

// Compile fills the program in C memory.
func (f *Filter) Compile(n uint32) bool {
	return C.compile((*C.struct_program)(&f.prog), C.uint(n)) == 0
}

// Match runs the compiled program.
func (f *Filter) Match(v uint32) bool {
	return C.run((*C.struct_program)(&f.prog), C.uint(v)) != 0
}

// Release frees the C side.
func (f *Filter) Release() {
	C.release((*C.struct_program)(&f.prog))
}

func programLen(p *program) uint32 { return uint32(p.len) }
