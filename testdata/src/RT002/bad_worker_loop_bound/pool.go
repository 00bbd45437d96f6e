package pool

import (
	"runtime"
	"sync"
)

var workerCount = runtime.NumCPU() // want RT002

// Process runs fn over every item with a fixed number of workers.
func Process(items []string, fn func(string)) {
	queue := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < workerCount; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range queue {
				fn(it)
			}
		}()
	}
	for _, it := range items {
		queue <- it
	}
	close(queue)
	wg.Wait()
}
