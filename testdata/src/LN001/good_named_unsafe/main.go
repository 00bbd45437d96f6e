package main

import (
	"fmt"
	u "unsafe"
)

//go:linkname fastrand runtime.fastrand
func fastrand() uint32

func main() {
	var x int
	fmt.Println(fastrand(), u.Sizeof(x))
}
