package main

/*
#include <unistd.h>
static void block(void) { sleep(30); }
*/
import "C"

import (
	"runtime/debug"
	"sync"
)

func main() {
	debug.SetMaxThreads(12)
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			C.block()
		}()
	}
	wg.Wait()
}
