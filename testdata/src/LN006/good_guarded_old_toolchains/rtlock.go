// Package rtlock serializes callbacks.
package rtlock

import "unsafe"

// Do runs f under the lock at l.
func Do(l unsafe.Pointer, f func()) { with(l, f) }
