package main

import (
	"fmt"
	_ "unsafe"

	w "example.com/good_unknown_types/word"
)

// The parameter and result types live in another package of the module;
// gotrap does not resolve them across packages, so it stays silent
// rather than guess (they do match: W is a uint32).
//
//go:linkname randn runtime.fastrandn
func randn(n w.W) w.W

func main() { fmt.Println(randn(10) < 10) }
