package main

import "fmt"

var total int

func consume(in chan int) {
	for v := range in {
		total += v
	}
}

func init() {
	values := make(chan int)
	values <- 42 // want RT001
	go consume(values)
	close(values)
}

func main() {
	fmt.Println(total)
}
