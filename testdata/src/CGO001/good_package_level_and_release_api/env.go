package env

/*
#include <stdlib.h>
#include <string.h>
static void obj_unref(void *p) { free(p); }
static void thing_release(char *p) { free(p); }
*/
import "C"

import "sync"

// Lives for the whole program: nothing to free.
var banner = C.CString("ready")

var envMu sync.Mutex

// putenv keeps the pointer: freeing it would be the bug.
func Set(kv string) {
	envMu.Lock()
	defer envMu.Unlock()
	C.putenv(C.CString(kv))
}

// Released through functions named like releases.
func Drop(s string) {
	C.obj_unref(C.malloc(16))
	C.thing_release(C.strdup(banner))
	p := C.CString(s)
	C.thing_release(p)
}
