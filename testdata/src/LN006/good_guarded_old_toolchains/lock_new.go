//go:build go1.23

package rtlock

import (
	"sync"
	"unsafe"
)

var mu sync.Mutex

func with(_ unsafe.Pointer, f func()) {
	mu.Lock()
	defer mu.Unlock()
	f()
}
