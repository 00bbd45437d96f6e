package main

import (
	"fmt"
	"os"

	"example.com/indexer/internal/crc"
)

func main() {
	for _, name := range os.Args[1:] {
		b, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		fmt.Printf("%08x  %s\n", crc.Sum(b), name)
	}
}
