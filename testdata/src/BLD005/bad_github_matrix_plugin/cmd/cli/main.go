package main

import (
	"flag"
	"fmt"
)

func main() {
	name := flag.String("name", "world", "who")
	flag.Parse()
	fmt.Printf("hi %s\n", *name)
}
