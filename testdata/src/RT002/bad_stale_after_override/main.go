package main

import (
	"fmt"
	"runtime"
)

// Sized once, before main can adjust GOMAXPROCS (as automaxprocs or an operator would).
var lanes = runtime.GOMAXPROCS(0) // want RT002

func main() {
	runtime.GOMAXPROCS(lanes + 3) // want RT003
	done := make(chan int, lanes)
	for i := 0; i < lanes; i++ {
		go func(i int) { done <- i }(i)
	}
	for i := 0; i < lanes; i++ {
		<-done
	}
	if now := runtime.GOMAXPROCS(0); now != lanes {
		fmt.Printf("STALE lanes=%d gomaxprocs=%d\n", lanes, now)
	}
}
