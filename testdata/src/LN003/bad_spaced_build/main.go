package main

import "fmt"

//go:generate go run ./gen.go

func main() { fmt.Println(greeting) }
