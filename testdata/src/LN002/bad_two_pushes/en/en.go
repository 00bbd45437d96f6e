// Package en provides an English greeting.
package en

import _ "unsafe"

// want-below LN002
//go:linkname hello example.com/bad_two_pushes/api.greeting
func hello() string { return "hello" }
