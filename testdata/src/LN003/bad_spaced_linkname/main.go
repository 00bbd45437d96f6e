package main

import "fmt"

func main() {
	start := monoNow()
	fmt.Println(monoNow() >= start)
}
