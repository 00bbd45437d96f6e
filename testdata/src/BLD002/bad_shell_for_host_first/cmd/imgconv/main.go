package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	q := flag.Int("q", 80, "quality")
	flag.Parse()
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(encodeWebP(data, *q))
}
