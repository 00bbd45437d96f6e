package freed

/*
#include <stdlib.h>
#include <string.h>

typedef struct widget { char *name; } widget;

static widget *widget_new(const char *name) {
	widget *w = malloc(sizeof *w);
	w->name = strdup(name);
	return w;
}
static void widget_destroy(widget *w) { free(w->name); free(w); }
static void my_lib_free(void *p) { free(p); }
static size_t span(const char *s) { return strlen(s); }
*/
import "C"

import (
	"unsafe"
)

// Deferred free through unsafe.Pointer.
func Deferred(s string) int {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return int(C.span(cs))
}

// Freed by a deferred closure, in a loop.
func InLoop(list []string) (n int) {
	for _, s := range list {
		cs := C.CString(s)
		defer func() { C.free(unsafe.Pointer(cs)) }()
		n += int(C.span(cs))
	}
	return n
}

// Freed directly (C.malloc already returns unsafe.Pointer) and through an alias.
func Direct(size int) {
	buf := C.malloc(C.size_t(size))
	C.memset(buf, 0, C.size_t(size))
	C.free(buf)

	raw := (*C.char)(C.calloc(1, 16))
	p := unsafe.Pointer(raw)
	C.free(p)
}

// Released by library functions whose names say so.
func Library(s string) {
	cs := C.CString(s)
	w := C.widget_new(cs)
	C.widget_destroy(w)
	C.my_lib_free(unsafe.Pointer(cs))

	bytes := C.CBytes([]byte(s))
	C.my_lib_free(bytes)
}

// A slice view over C memory, freed through its first element.
func View(n int) byte {
	arr := unsafe.Slice((*byte)(C.malloc(C.size_t(n))), n)
	defer C.free(unsafe.Pointer(&arr[0]))
	arr[0] = 7
	return arr[0]
}
