package main

import (
	"fmt"
	"os"

	"example.com/fasthash/hash"
)

func main() {
	fmt.Printf("%08x\n", hash.Sum([]byte(os.Args[len(os.Args)-1])))
}
