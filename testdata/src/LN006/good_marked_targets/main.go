package main

import (
	"fmt"
	_ "unsafe"
)

// All three carry markers (or legacy push shims) that Go 1.23+ linkers
// accept from outside the standard library.

//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname fastrand runtime.fastrand
func fastrand() uint32

//go:linkname procyield runtime.procyield
func procyield(cycles uint32)

func main() {
	procyield(10)
	fmt.Println(nanotime() > 0, fastrand()%2 < 2)
}
