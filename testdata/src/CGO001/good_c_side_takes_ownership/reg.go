package reg

/*
#include <stdlib.h>
#include "reg.h"

typedef void (*destructor)(void *);

static void hold(const char *s, int n, destructor d) { (void)s; (void)n; if (d) d((void *)s); }

// Hands the buffer on together with free as its destructor.
static void set_result(char *s, int n) { hold(s, n, free); }

struct label { char *text; };
static struct label last;

// Keeps the pointer in a static struct.
static void keep_label(char *text) { last.text = text; }

// Calls the destructor it is given when done.
static void with_destructor(char *s, destructor d) { d(s); }

// Consumes and frees its argument.
static int consume(char *s) { int n = s[0]; free(s); return n; }
*/
import "C"

// Every C function here ends up owning the memory it is given.
func Publish(name string) int {
	C.reg_adopt(C.CString(name))
	C.set_result(C.CString(name), C.int(len(name)))
	label := C.CString(name)
	C.keep_label(label)
	owned := C.CString(name)
	C.with_destructor(owned, (*[0]byte)(C.free))
	return int(C.consume(C.CString(name)))
}
