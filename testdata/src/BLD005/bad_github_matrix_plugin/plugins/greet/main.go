package main

import "fmt"

// Greet is looked up by the host.
func Greet() { fmt.Println("hello from greet") }

func main() {}
