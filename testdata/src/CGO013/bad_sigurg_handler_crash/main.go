// Command urgent counts out-of-band data notifications in C. Go's scheduler sends the same
// signal to preempt goroutines, and the handler runs on their stacks.
package main

/*
#include <signal.h>

static volatile int urgent_seen;

static void on_urgent(int sig) { urgent_seen++; }

static void watch_urgent_data(void) {
	signal(SIGURG, on_urgent); // want CGO013
}
*/
import "C"

import "fmt"

var garbage []byte

func churn(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i ^ (s >> 3)
	}
	return s
}

func main() {
	C.watch_urgent_data()
	results := make(chan int, 4)
	for w := 0; w < 4; w++ {
		go func() { results <- churn(3e8) }()
	}
	// Allocation starts garbage collections, which must stop the spinning goroutines.
	for i := 0; i < 400; i++ {
		garbage = make([]byte, 1<<20)
	}
	total := 0
	for w := 0; w < 4; w++ {
		total += <-results
	}
	fmt.Println("finished", total != 0)
}
