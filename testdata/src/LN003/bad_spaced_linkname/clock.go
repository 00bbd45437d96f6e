package main

import _ "unsafe" // for go:linkname

// monoNow reads the runtime's monotonic clock.
//
// want-below LN003
// go:linkname monoNow runtime.nanotime
func monoNow() int64
