package ticker

import _ "unsafe"

// The space after the slashes turns the directive into a plain comment: the body-less
// declaration no longer links to anything (LN003).
//
// go:linkname procyield runtime.procyield
func procyield(cycles uint32)

// Spin busy-waits a little before blocking.
func Spin() { procyield(30) }
