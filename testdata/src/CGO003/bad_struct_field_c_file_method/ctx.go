package ctx

/*
struct ctx;
struct ctx *ctx_new(int fd);
void ctx_set_user(struct ctx *c, void *user);
void ctx_free(struct ctx *c);
*/
import "C"

import "unsafe"

// Stats counts what happens on one native context.
type Stats struct {
	Reads  int64
	Writes int64
}

// Attach makes s the user data of the native context.
func (s *Stats) Attach(c *C.struct_ctx) {
	C.ctx_set_user(c, unsafe.Pointer(s)) // want CGO003
}

// Open creates a native context with fresh statistics.
func Open(fd int) (*C.struct_ctx, *Stats) {
	c := C.ctx_new(C.int(fd))
	st := &Stats{}
	st.Attach(c)
	return c, st
}

// Close releases the native context.
func Close(c *C.struct_ctx) { C.ctx_free(c) }
