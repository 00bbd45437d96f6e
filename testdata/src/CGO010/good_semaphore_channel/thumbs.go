package thumbs

/*
#include <unistd.h>
static void resize(int id) { usleep(1000); }
*/
import "C"

import (
	"runtime"
	"sync"
)

func ResizeAll(ids []int) {
	var wg sync.WaitGroup
	tokens := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, id := range ids {
		tokens <- struct{}{}
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			defer func() { <-tokens }()
			C.resize(C.int(id))
		}(id)
	}
	wg.Wait()
}
