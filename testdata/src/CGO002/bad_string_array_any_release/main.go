// Two heap strings travel to C inside a Go array. Every release with the default cgo check
// panics; Go 1.21 and later say "unpinned" in the message.
package main

// static int count_words(void *words, int n) { return n; }
import "C"

import (
	"fmt"
	"strings"
	"unsafe"
)

func count(a, b string) int {
	words := [2]string{strings.ToUpper(a), strings.ToUpper(b)}
	return int(C.count_words(unsafe.Pointer(&words), 2)) // want CGO002
}

func main() {
	fmt.Println(count("alpha", "beta"))
}
