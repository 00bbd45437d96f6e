package main

import (
	"fmt"
	rt "runtime"
)

// Two directives, both reported.
// want-below LN001
//go:linkname procYield runtime.procyield
func procYield(cycles uint32)

// want-below LN001
//go:linkname fastRand runtime.fastrand
func fastRand() uint32

func main() {
	procYield(10)
	fmt.Println(fastRand(), rt.NumCPU())
}
