package arena

/*
#include <stdlib.h>
*/
import "C"

import (
	"sync"
	"unsafe"
)

// Stress has a fixed crew of goroutines hammer the C allocator: the crew size is a local set
// once from a constant, so no more than that many goroutines are ever in C at once.
func Stress(rounds int) {
	crew := 8
	var (
		wg    sync.WaitGroup
		total = 4
	)
	for i := 0; i < crew; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < rounds; j++ {
				C.free(C.malloc(64))
			}
		}()
	}
	for i := 0; i < total; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			p := C.calloc(C.size_t(n+1), 8)
			C.free(unsafe.Pointer(p))
		}(i)
	}
	wg.Wait()
}
