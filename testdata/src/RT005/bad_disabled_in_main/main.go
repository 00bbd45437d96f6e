package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

var sink []byte

func main() {
	debug.SetGCPercent(-1) // want RT005
	for i := 0; i < 64; i++ {
		sink = make([]byte, 1<<20) // 64 MiB of garbage in total
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("numgc=%d heapMiB=%d\n", ms.NumGC, ms.HeapAlloc>>20)
	if ms.NumGC == 0 && ms.HeapAlloc >= 60<<20 {
		fmt.Println("NO-COLLECTION")
	}
}
