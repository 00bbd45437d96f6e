package main

import (
	"fmt"
	_ "unsafe"
)

// legacy is never linked into this binary, so the push is the only
// definition of the symbol in it.
//
//go:linkname checksum example.com/good_target_other_binary/legacy.checksum
func checksum(b []byte) uint32 { return uint32(len(b)) }

func main() {
	fmt.Println(checksum([]byte("abc")))
}
