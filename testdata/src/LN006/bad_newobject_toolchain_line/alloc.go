package alloc

import (
	"unsafe"
)

// Go 1.23 still lets this through (a gap in its check), Go 1.24
// refuses it: a warning naming 1.24.
// want-below LN006
//go:linkname newObject runtime.newobject
func newObject(typ unsafe.Pointer) unsafe.Pointer

// New allocates one zeroed object of the given runtime type.
func New(typ unsafe.Pointer) unsafe.Pointer { return newObject(typ) }
