package main

import "fmt"

var first int

func init() { first = <-feed }

func main() { fmt.Println(first) }
