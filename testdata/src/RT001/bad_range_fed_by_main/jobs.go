package main

import (
	"fmt"
	"strings"
)

var jobs = make(chan string)
var seen []string

func drain() {
	for j := range jobs { // want RT001
		seen = append(seen, strings.ToUpper(j))
	}
}

func init() { drain() }

func main() {
	go func() {
		jobs <- "a"
		close(jobs)
	}()
	fmt.Println(seen)
}
