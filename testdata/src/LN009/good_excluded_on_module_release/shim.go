//go:build go1.22

package shim

// Clear empties m.
func Clear(m map[string]int) { clear(m) }
