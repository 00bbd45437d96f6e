// Leaks a C copy of a 1 MiB string per iteration and shows where the memory goes: the process
// grows by roughly 100 MiB while the Go heap does not move.
package main

/*
static int first_byte(const char *s) { return s[0]; }
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// rssBytes reads the resident set size from /proc/self/statm (Linux).
func rssBytes() uint64 {
	raw, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		panic(err)
	}
	fields := strings.Fields(string(raw))
	pages, _ := strconv.ParseUint(fields[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}

func heapBytes() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func touch(s string) int {
	return int(C.first_byte(C.CString(s))) // want CGO001
}

func main() {
	payload := strings.Repeat("x", 1<<20)
	rss0, heap0 := rssBytes(), heapBytes()
	sum := 0
	for i := 0; i < 100; i++ {
		sum += touch(payload)
	}
	rss1, heap1 := rssBytes(), heapBytes()
	rssMB := (float64(rss1) - float64(rss0)) / (1 << 20)
	heapMB := (float64(heap1) - float64(heap0)) / (1 << 20)
	fmt.Printf("LEAK rss_growth_mb=%.1f heap_growth_mb=%.1f (sum %d)\n", rssMB, heapMB, sum)
	if rssMB < 50 || heapMB > 5 {
		fmt.Println("no leak visible")
		os.Exit(1)
	}
}
