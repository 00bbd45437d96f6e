package main

import (
	"fmt"
	"log"
	"sync"
)

func logPanic(name string) {
	if r := recover(); r != nil {
		log.Printf("%s: recovered: %v", name, r)
	}
}

func risky(wg *sync.WaitGroup) {
	defer wg.Done()
	defer logPanic("risky")
	panic("boom")
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go risky(&wg)
	go func() {
		defer wg.Done()
		defer func() {
			if r := recover(); r != nil {
				log.Printf("literal: recovered: %v", r)
			}
		}()
		panic("bang")
	}()
	wg.Wait()
	fmt.Println("still running")
}
