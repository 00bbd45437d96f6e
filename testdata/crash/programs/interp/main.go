package main

import "C"

func main() { println("hello") }
