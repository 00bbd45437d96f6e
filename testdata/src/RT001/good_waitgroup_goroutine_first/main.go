package main

import (
	"fmt"
	"sync"
)

var catalog map[string]int

func load() map[string]int { return map[string]int{"a": 1} }

func init() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		catalog = load()
	}()
	wg.Wait()
}

func main() { fmt.Println(len(catalog)) }
