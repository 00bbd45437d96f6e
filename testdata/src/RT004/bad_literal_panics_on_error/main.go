package main

import (
	"fmt"
	"strconv"
	"sync"
)

func main() {
	defer fmt.Println("main's defer never prints")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want RT004
		defer wg.Done()
		for _, s := range []string{"7", "seven"} {
			n, err := strconv.Atoi(s)
			if err != nil {
				panic(err)
			}
			fmt.Println("parsed", n)
		}
	}()
	wg.Wait()
}
