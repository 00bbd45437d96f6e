package main

import (
	"fmt"
	"sync"
)

var (
	mu      sync.Mutex
	started = sync.NewCond(&mu)
	up      bool
)

func init() {
	mu.Lock()
	for !up {
		started.Wait() // want RT001
	}
	mu.Unlock()
}

func main() {
	mu.Lock()
	up = true
	started.Broadcast()
	mu.Unlock()
	fmt.Println("up")
}
