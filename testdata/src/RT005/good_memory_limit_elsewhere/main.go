package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

var sink []byte

func main() {
	configureMemory()
	debug.SetGCPercent(-1)
	for i := 0; i < 64; i++ {
		sink = make([]byte, 1<<20)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.NumGC > 0 {
		fmt.Println("COLLECTED")
	}
}
