package conn

/*
#include <stddef.h>
static void conn_flush(void *c) { (void)c; }
static void join_all(void *items, size_t n) { (void)items; (void)n; }
*/
import "C"

import u "unsafe"

type Conn struct {
	fd      int
	headers map[string]string
}

// Flush hands the receiver (a Go struct with a map field) to C.
func (c *Conn) Flush() {
	C.conn_flush(u.Pointer(c)) // want CGO002
}

// Join passes the first string header: every element holds a pointer to Go bytes.
func Join(names []string) {
	if len(names) == 0 {
		return
	}
	C.join_all(u.Pointer(&names[0]), C.size_t(len(names))) // want CGO002
}

// Batch passes a pointer to an array of pointers to Go structs.
func Batch(a, b *Conn) {
	pair := [2]*Conn{a, b}
	p := &pair
	C.join_all(u.Pointer(p), 2) // want CGO002
}
