package main

import (
	"fmt"
	_ "unsafe"

	_ "example.com/bad_module_target_typo/internal/clock"
)

// The package defines monotonic, not monotonc.
// want-below LN005
//go:linkname mono example.com/bad_module_target_typo/internal/clock.monotonc
func mono() int64

func main() { fmt.Println(mono()) }
