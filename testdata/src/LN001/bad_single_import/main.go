package main

import "fmt"

// want-below LN001
//go:linkname nanotime runtime.nanotime
func nanotime() int64

func main() { fmt.Println(nanotime() > 0) }
