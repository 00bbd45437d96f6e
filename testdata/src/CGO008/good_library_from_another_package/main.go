// Command cube prints a cube root.
package main

import (
	"fmt"

	"example.com/good_library_from_another_package/cube"
	_ "example.com/good_library_from_another_package/mathlink"
)

func main() { fmt.Println(cube.Root(27)) }
