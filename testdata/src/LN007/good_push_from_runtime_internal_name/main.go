package main

import (
	"fmt"
	_ "unsafe"

	"example.com/good_push_from_runtime_internal_name/alloc"
)

//go:linkname getBytes example.com/good_push_from_runtime_internal_name/alloc.mallocgc
func getBytes(n int) []byte

func main() { fmt.Println(len(getBytes(3)), len(alloc.Get(2))) }
