// Command report prints a checksum.
package main

import (
	"fmt"

	"example.com/bad_program_without_the_library/native"
)

func main() { fmt.Println(native.Checksum("hello")) }
