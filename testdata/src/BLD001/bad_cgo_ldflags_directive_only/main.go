// Command idcheck prints whether the current user is known.
//
// It has no build file: it is built with a plain `go build -o idcheck .`, and the preamble
// below asks the external linker for a static binary.
package main

/*
// want-below BLD001
#cgo LDFLAGS: -static
static int answer(void) { return 42; }
*/
import "C"

import (
	"fmt"
	"os/user"
)

func main() {
	u, err := user.Current()
	fmt.Println(u != nil, err, int(C.answer()))
}
