package buffers

import (
	"log"
	"runtime"
)

// Per-P scratch space: a size, not a limit on concurrency.
var scratch = make([][]byte, 0, runtime.GOMAXPROCS(0))

var results = make(chan []byte, runtime.NumCPU())

var slots = runtime.NumCPU()

func Init() {
	index := make(map[int]string, slots)
	shards := make([]int, slots*4)
	log.Printf("prepared %d slots (%d shards, %d keys)", slots, len(shards), len(index))
	scratch = append(scratch, nil)
	results <- nil
}
