package main

import (
	"fmt"
	"sync"
)

var (
	loadWG sync.WaitGroup
	tables map[string]int
)

func init() {
	prepare()
}

func main() {
	go func() {
		defer loadWG.Done()
		tables["users"] = 1
	}()
	fmt.Println(len(tables))
}
