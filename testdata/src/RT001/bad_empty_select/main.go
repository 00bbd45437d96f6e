package main

import "fmt"

func keepAlive() {
	select {} // want RT001
}

func init() {
	fmt.Println("starting")
	keepAlive()
}

func main() {}
