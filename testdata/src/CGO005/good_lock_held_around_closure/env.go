package env

/*
#include <stdlib.h>
*/
import "C"

import (
	"sync"
	"unsafe"
)

var envLock sync.Mutex

func withLock(f func()) { f() }

// Set changes the C environment while holding the package lock, through a synchronous closure.
func Set(key, value string) {
	k, v := C.CString(key), C.CString(value)
	defer C.free(unsafe.Pointer(k))
	defer C.free(unsafe.Pointer(v))
	envLock.Lock()
	defer envLock.Unlock()
	withLock(func() {
		C.setenv(k, v, 1)
	})
}
