package pin

/*
#include <stddef.h>
struct msg { void *body; size_t n; };
static size_t msg_len(struct msg *m) { return m->n; }
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// The inner pointer is pinned for the duration of the call (Go 1.21+).
func Len(body []byte) int {
	var p runtime.Pinner
	defer p.Unpin()
	p.Pin(&body[0])
	m := C.struct_msg{body: unsafe.Pointer(&body[0]), n: C.size_t(len(body))}
	return int(C.msg_len(&m))
}
