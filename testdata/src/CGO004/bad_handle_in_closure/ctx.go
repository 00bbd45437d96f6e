package ctx

// #include <stdlib.h>
// static void *ctx_create(void) { return malloc(64); }
// static void ctx_destroy(void *c) { free(c); }
// static int ctx_run(void *c, int steps) { return steps; }
import "C"

import (
	"runtime"
	"unsafe"
)

type Context struct {
	raw   unsafe.Pointer
	steps int
}

func finalize(c *Context) {
	C.ctx_destroy(c.raw)
}

func NewContext() *Context {
	c := &Context{raw: C.ctx_create()}
	runtime.SetFinalizer(c, finalize)
	return c
}

// Run's closure owns c; after loading the handle nothing refers to c any more.
func (c *Context) Run() int {
	work := func() int {
		c.steps++
		return int(C.ctx_run(c.raw, C.int(c.steps))) // want CGO004
	}
	return work()
}

// Step copies the handle into a local first; c is dead from then on.
func Step(c *Context, n int) int {
	raw := c.raw
	total := 0
	for i := 0; i < n; i++ {
		total += int(C.ctx_run(raw, C.int(i))) // want CGO004
	}
	return total
}
