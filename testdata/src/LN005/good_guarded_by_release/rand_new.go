//go:build go1.22

package main

import _ "unsafe"

// cheaprand appeared in Go 1.22; this file is only built from then on.
//
//go:linkname cheap runtime.cheaprand
func cheap() uint32

func randUint() uint { return uint(cheap()) }
