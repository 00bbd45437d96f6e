package magic

/*
// want-below CGO007
#cgo darwin CFLAGS: -I/opt/homebrew/include
// want-below CGO007
#cgo darwin LDFLAGS: -L/opt/homebrew/lib -lmagic
// want-below CGO007
#cgo linux LDFLAGS: -L/home/ci/magic/lib -lmagic
#cgo linux LDFLAGS: -lmagic
#include <magic.h>
*/
import "C"

func Version() int { return int(C.magic_version()) }
