package out

/*
#include <stdlib.h>
#include <string.h>

struct entry { char *key; int value; };

static void get_name(char **out) { *out = strdup("hi"); }
static void open_handle(void **h) { *h = malloc(1); }
static void lookup(struct entry **e) { *e = NULL; }
*/
import "C"

import "unsafe"

// C fills in pointers the Go variables start out without.
func Names() string {
	var name *C.char
	C.get_name(&name)
	defer C.free(unsafe.Pointer(name))

	var h unsafe.Pointer
	C.open_handle(&h)
	C.free(h)

	var e *C.struct_entry
	C.lookup(&e)
	if e != nil {
		return C.GoString(e.key)
	}
	return C.GoString(name)
}
