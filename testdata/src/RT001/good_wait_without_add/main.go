package main

import (
	"fmt"
	"sync"
)

var pending sync.WaitGroup

func init() {
	// Nothing was added: Wait returns at once.
	pending.Wait()
}

func main() {
	pending.Add(1)
	go pending.Done()
	pending.Wait()
	fmt.Println("ok")
}
