package main

import (
	"fmt"
	_ "unsafe"

	"example.com/good_push_unclaimed/plugin"
)

// Nobody else defines plugin.greeting: this push is its only definition.
//
//go:linkname greeting example.com/good_push_unclaimed/plugin.greeting
func greeting() string { return "hello from main" }

func main() {
	fmt.Println(plugin.Greet())
}
