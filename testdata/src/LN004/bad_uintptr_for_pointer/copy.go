package typed

import _ "unsafe"

// The runtime takes pointers; uintptr has the same size, but the GC
// does not see what it points to (a warning, not an error).
// want-below LN004
//go:linkname typedmemmove runtime.typedmemmove
func typedmemmove(typ, dst, src uintptr)

// Move copies one value of the given type.
func Move(typ, dst, src uintptr) { typedmemmove(typ, dst, src) }
