package main

import "fmt"

var first string
var rest []string

func init() {
	names := make(chan string, 3)
	names <- "a"
	names <- "b"
	names <- "c"
	close(names)
	first = <-names
	for n := range names {
		rest = append(rest, n)
	}
}

func main() { fmt.Println(first, rest) }
