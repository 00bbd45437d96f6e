package main

import (
	"fmt"
	"unsafe"
)

// acquirem has no marker: a Go 1.23 linker refuses the pull.
// want-below LN006
//go:linkname pinM runtime.acquirem
func pinM() unsafe.Pointer

func main() {
	fmt.Println(pinM() != nil)
}
