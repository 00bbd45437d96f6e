package main

import (
	"fmt"

	"example.com/r2gg/internal/cinfo"
)

func main() {
	fmt.Println(cinfo.Answer())
}
