//go:build !go1.22

package main

import _ "unsafe"

// Only built before Go 1.22, where fastrandu still exists.
//
//go:linkname randUint runtime.fastrandu
func randUint() uint
