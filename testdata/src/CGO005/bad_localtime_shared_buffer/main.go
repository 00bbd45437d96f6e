// Shows that localtime's result lives in one buffer for the whole process: a call made by
// another goroutine, on another thread, rewrites the struct tm the first call returned.
package main

/*
#include <time.h>
*/
import "C"

import (
	"fmt"
	"runtime"
)

func yearOf(tm *C.struct_tm) int { return int(tm.tm_year) + 1900 }

func main() {
	runtime.LockOSThread() // keep main on its thread so the goroutine below runs on another one
	summer70 := C.time_t(15000000)
	summer23 := C.time_t(1690000000)

	tm := C.localtime(&summer70) // want CGO005
	before := yearOf(tm)

	done := make(chan struct{})
	go func() {
		C.localtime(&summer23) // want CGO005
		close(done)
	}()
	<-done

	after := yearOf(tm)
	fmt.Printf("first result read before=%d after=%d\n", before, after)
	if before != after {
		fmt.Println("SHARED: the other goroutine's localtime overwrote this one's result")
	}
}
