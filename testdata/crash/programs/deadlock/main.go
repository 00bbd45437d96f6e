package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	results := make(chan int)
	go func() {
		defer wg.Done()
		results <- 42
	}()
	wg.Wait()
	<-results
}
