// Each job blocks in C for a moment. With the thread limit lowered to 60 (instead of the
// default 10000) the one-goroutine-per-job loop below runs out of threads in a fraction of
// a second.
package main

/*
#include <unistd.h>
static void slow_job(void) { usleep(300000); }
*/
import "C"

import (
	"fmt"
	"runtime/debug"
	"sync"
)

func main() {
	debug.SetMaxThreads(60)
	jobs := make([]int, 200)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() { // want CGO010
			defer wg.Done()
			C.slow_job()
		}()
	}
	wg.Wait()
	fmt.Println("all jobs done")
}
