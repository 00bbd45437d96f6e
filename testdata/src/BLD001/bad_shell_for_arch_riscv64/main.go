package main

import (
	"fmt"
	"os"

	"example.com/edge-probe/internal/probe"
)

func main() {
	for _, h := range os.Args[1:] {
		fmt.Println(h, probe.Resolve(h))
	}
}
