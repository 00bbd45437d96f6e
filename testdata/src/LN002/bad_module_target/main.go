package main

import (
	"fmt"
	_ "unsafe"

	"example.com/bad_module_target/hooks"
)

// hooks.onStart already has a body in package hooks.
// want-below LN002
//go:linkname replaceStart example.com/bad_module_target/hooks.onStart
func replaceStart() { fmt.Println("replaced") }

func main() {
	fmt.Println(hooks.Started())
}
