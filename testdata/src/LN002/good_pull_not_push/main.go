package main

import (
	"fmt"
	"sync"
	_ "unsafe"
)

// Both declarations are pulls: no body, so nothing is defined twice.
var (
	_ sync.Mutex
)

//go:linkname monotonic runtime.nanotime
func monotonic() int64

//go:linkname semacquire sync.runtime_Semacquire
func semacquire(addr *uint32)

func main() {
	n := uint32(1)
	semacquire(&n)
	fmt.Println(monotonic() > 0, n)
}
