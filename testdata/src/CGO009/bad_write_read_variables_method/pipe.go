package pipe

/*
#include <unistd.h>
*/
import "C"

import (
	"errors"
	"unsafe"
)

type End struct{ fd C.int }

func (e *End) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n := C.write(e.fd, unsafe.Pointer(&p[0]), C.size_t(len(p))) // want CGO009
	if n == -1 {
		return 0, errors.New("write failed")
	}
	return int(n), nil
}

func (e *End) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if int((C.read(e.fd, unsafe.Pointer(&p[0]), C.size_t(len(p))))) < 0 { // want CGO009
		return 0, errors.New("read failed")
	}
	return len(p), nil
}
