package main

import "example.com/bad_nested_package_breaks_importer/ring"

func main() {
	var r ring.Ring
	r.Push(1)
}
