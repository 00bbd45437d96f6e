package main

import "fmt"

func worker(jobs <-chan int, done chan<- struct{}) {
	for j := range jobs {
		if j == 0 {
			panic(fmt.Sprintf("job %d: division by zero", j))
		}
		fmt.Println(12 / j)
	}
	close(done)
}
