package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
)

var batch [][]byte

func process() {
	for i := 0; i < 128; i++ {
		b := make([]byte, 1<<20)
		for j := range b {
			b[j] = byte(j)
		}
		batch = append(batch, b)
	}
	batch = nil
}

// release is meant to give the batch's memory back to the system.
func release() {
	runtime.GC() // want RT006
}

func residentMiB() int {
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range bytes.Split(status, []byte("\n")) {
		if f := bytes.Fields(line); len(f) > 1 && string(f[0]) == "VmRSS:" {
			kb, _ := strconv.Atoi(string(f[1]))
			return kb >> 10
		}
	}
	return -1
}

func main() {
	process()
	release()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap, rss := int(ms.HeapAlloc>>20), residentMiB()
	fmt.Printf("heap=%dMiB rss=%dMiB\n", heap, rss)
	if heap < 16 && rss > 64 {
		fmt.Println("STILL-RESIDENT")
	}
}
