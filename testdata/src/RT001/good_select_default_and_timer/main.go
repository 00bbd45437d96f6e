package main

import (
	"fmt"
	"time"
)

var updates = make(chan string)
var mode = "default"

func init() {
	select {
	case m := <-updates:
		mode = m
	default:
	}
	select {
	case m := <-updates:
		mode = m
	case <-time.After(10 * time.Millisecond):
	}
}

func main() {
	go func() { updates <- "x" }()
	fmt.Println(mode)
}
