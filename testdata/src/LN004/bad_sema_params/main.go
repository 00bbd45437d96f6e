package main

import (
	"fmt"
	_ "unsafe"
)

// The target takes a *uint32; this declaration passes nothing and
// expects a result the runtime never writes.
// want-below LN004
//go:linkname semaWait sync.runtime_Semacquire
func semaWait() int

func main() {
	if len(fmt.Sprint()) > 0 {
		fmt.Println(semaWait())
	}
	fmt.Println("built")
}
