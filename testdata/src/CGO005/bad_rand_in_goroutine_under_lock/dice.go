package dice

/*
#include <stdlib.h>
*/
import "C"

import "sync"

var mu sync.Mutex

// Roll takes the lock, but the C call happens in a goroutine that does not hold it.
func Roll(n int, out chan<- int) {
	mu.Lock()
	defer mu.Unlock()
	for i := 0; i < n; i++ {
		go func() { // want CGO010
			out <- int(C.rand() % 6) // want CGO005
		}()
	}
}
