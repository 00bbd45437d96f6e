package main

import (
	"fmt"
	_ "unsafe"
)

//go:linkname now runtime.nanotime
func now() int64

func main() { fmt.Println(randUint()%2 < 2, now() > 0) }
