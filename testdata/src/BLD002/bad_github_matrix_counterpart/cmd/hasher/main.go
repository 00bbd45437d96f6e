// Command hasher prints the digest of its argument and which implementation made it.
package main

import (
	"fmt"
	"os"

	"example.com/hasher/internal/digest"
)

func main() {
	in := "hello"
	if len(os.Args) > 1 {
		in = os.Args[1]
	}
	fmt.Println(digest.Impl, digest.Sum([]byte(in)))
}
