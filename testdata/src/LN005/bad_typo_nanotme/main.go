package main

import (
	"fmt"
	_ "unsafe"
)

// One letter is missing from the runtime function's name.
// want-below LN005
//go:linkname monoClock runtime.nanotme
func monoClock() int64

func main() {
	fmt.Println(monoClock())
}
