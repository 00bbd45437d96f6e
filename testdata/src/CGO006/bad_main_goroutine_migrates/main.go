// Without runtime.LockOSThread the main goroutine changes threads: after it blocks in C while
// other goroutines are runnable, the runtime hands its processor to another thread, and the
// stand-ins for thread-bound API calls below find themselves off the process's first thread.
package main

/*
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <unistd.h>
static int glOnMainThread(void) { return syscall(SYS_gettid) == getpid(); }
static void glWaitIdle(void) { usleep(5000); }
*/
import "C"

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	onMain := true
	for round := 0; round < 20; round++ {
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				end := time.Now().Add(10 * time.Millisecond)
				for time.Now().Before(end) {
				}
			}()
		}
		C.glWaitIdle() // want CGO006
		wg.Wait()
		time.Sleep(time.Millisecond)
		if C.glOnMainThread() == 0 {
			onMain = false
		}
	}
	fmt.Println("all calls on the main thread:", onMain)
}
