package main

import (
	"fmt"
	_ "unsafe"
)

// The compiler expands getcallersp inline in the runtime; there is no
// symbol a pull could bind to.
// want-below LN005
//go:linkname callerSP runtime.getcallersp
func callerSP() uintptr

// Nothing calls this one yet: it links today, and breaks with the
// first call.
// want-below LN005
//go:linkname callerPC runtime.getcallerpc
func callerPC() uintptr

func main() {
	fmt.Println(callerSP() != 0)
}
