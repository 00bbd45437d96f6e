package main

import (
	"fmt"

	st "example.com/bad_debug_misplaced/store"
)

// want-below LN003
//go:debug panicnil=1

func main() { fmt.Println(st.Open("a.zip")) }
