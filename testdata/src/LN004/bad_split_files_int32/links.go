package clock

import (
	u "unsafe"
)

// The directives live here, the declarations in decls.go.

// want-below LN004
//go:linkname mono runtime.nanotime

//go:linkname move runtime.memmove

var _ u.Pointer
