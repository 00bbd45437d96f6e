package tokens

// #include <stdlib.h>
// #include <string.h>
import "C"

import (
	"sync"
	"unsafe"
)

type Splitter struct {
	mu  sync.Mutex
	sep *C.char
}

func New(sep string) *Splitter { return &Splitter{sep: C.CString(sep)} }

// Fields holds the mutex only while it copies the separator, then tokenizes unlocked.
func (s *Splitter) Fields(line string) []string {
	s.mu.Lock()
	sep := s.sep
	s.mu.Unlock()

	buf := C.CString(line)
	defer C.free(unsafe.Pointer(buf))
	var out []string
	for tok := C.strtok(buf, sep); tok != nil; tok = C.strtok(nil, sep) { // want CGO005 CGO005
		out = append(out, C.GoString(tok))
	}
	return out
}
