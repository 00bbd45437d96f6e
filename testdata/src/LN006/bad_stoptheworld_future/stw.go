// Package stw pauses the world around a snapshot.
package stw

import _ "unsafe"

// Links with Go 1.21 and 1.22; Go 1.23 and newer linkers refuse it.
// want-below LN006
//go:linkname stopTheWorld runtime.stopTheWorld

type reason uint8

// Pause stops every goroutine.
func Pause() { stopTheWorld(0) }

func stopTheWorld(r reason)
