// Package alloc names its own helper like a runtime internal; a target
// in this module is not the runtime's.
package alloc

func mallocgc(n int) []byte { return make([]byte, n) }

// Get returns n bytes.
func Get(n int) []byte { return mallocgc(n) }
