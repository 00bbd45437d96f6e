package main

import (
	"fmt"
	"unsafe"
)

// A Go 1.23 link fails on both pulls (LN006 reports them); LN007 has
// nothing to add.
// want-below LN006
//go:linkname acquire runtime.acquirem
func acquire() unsafe.Pointer

// want-below LN006
//go:linkname release runtime.releasem
func release(mp unsafe.Pointer)

func main() {
	mp := acquire()
	release(mp)
	fmt.Println(mp != nil)
}
