package main

import "fmt"

var answer, other int

func compute() int { return 6 * 7 }

func produce(out chan<- int) { out <- compute() }

func init() {
	ch := make(chan int)
	go func() { ch <- compute() }()
	answer = <-ch
}

func init() {
	results := make(chan int)
	go produce(results)
	select {
	case other = <-results:
	}
}

func main() { fmt.Println(answer, other) }
