// The C function below stands in for a thread-bound API call: it reports whether it runs on
// the process's first thread. With the init lock, main stays there even after it blocks in C
// and in the scheduler while other goroutines keep the processors busy.
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
	"runtime"
	"sync"
	"time"
)

func init() { runtime.LockOSThread() }

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
		C.glWaitIdle()
		wg.Wait()
		time.Sleep(time.Millisecond)
		if C.glOnMainThread() == 0 {
			onMain = false
		}
	}
	fmt.Println("all calls on the main thread:", onMain)
}
