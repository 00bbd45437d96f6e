package main

import (
	"fmt"
	"sync"
)

var (
	events = make(chan string)
	wg     sync.WaitGroup
)

func listen() {
	defer wg.Done()
	for e := range events {
		fmt.Println("event", e)
	}
}

func init() {
	wg.Add(1)
	go listen()
	go func() {
		<-events
	}()
}

func main() {
	close(events)
	wg.Wait()
	fmt.Println("done")
}
