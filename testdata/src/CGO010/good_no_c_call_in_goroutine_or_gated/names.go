package names

/*
#include <stdlib.h>
static const char *label(int i) { return i % 2 ? "odd" : "even"; }
*/
import "C"

import "sync"

// Upper runs Go-only work per item; C is called once, before the loop.
func Upper(items []string, out chan<- string) {
	prefix := C.GoString(C.label(1))
	for _, it := range items {
		go func(it string) {
			out <- prefix + it
		}(it)
	}
}

var cMu sync.Mutex

// Labels starts a goroutine per item, but each takes the mutex before it enters C,
// so at most one goroutine is in C at any time.
func Labels(n []int, out chan<- string) {
	for _, i := range n {
		go func(i int) {
			cMu.Lock()
			defer cMu.Unlock()
			out <- C.GoString(C.label(C.int(i)))
		}(i)
	}
}
