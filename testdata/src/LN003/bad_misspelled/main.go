package main

import (
	"fmt"
	"os"
)

// want-below LN003
//go:noinlne
func square(x int) int { return x * x }

type counter struct{ n int }

// want-below LN003
//go:nosplitt
func (c *counter) bump() { c.n++ }

// want-below LN003
//go:generat echo never runs
func main() {
	c := &counter{}
	c.bump()
	fmt.Fprintln(os.Stdout, square(3), c.n)
}
