package main

import (
	"fmt"
	_ "unsafe"
)

// want-below LN003
//go:linkname tick runtime.nanotime // monotonic clock
func tick() int64

// want-below LN003
//go:linkname
func label() string { return "ticks" }

func main() { fmt.Println(label(), tick() > 0) }
