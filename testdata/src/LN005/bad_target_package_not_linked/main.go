package main

import (
	"fmt"
	_ "unsafe"
)

// metrics.record exists, but nothing in this program imports metrics.
// want-below LN005
//go:linkname record example.com/bad_target_package_not_linked/metrics.record
func record() int

func main() { fmt.Println(record()) }
