package main

import "fmt"

func main() {
	jobs := make(chan int)
	done := make(chan struct{})
	go worker(jobs, done) // want RT004
	for i := 3; i >= 0; i-- {
		jobs <- i
	}
	close(jobs)
	<-done
	fmt.Println("finished")
}
