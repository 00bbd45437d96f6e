package main

import (
	"fmt"
	"os"

	"example.com/indexer/internal/crc"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	fmt.Printf("%08x\n", crc.Sum(b))
}
