package burst

/*
#include <unistd.h>
*/
import "C"

// Nap starts a C sleep per second requested, directly with go.
func Nap(seconds []uint) {
	for _, s := range seconds {
		go C.sleep(C.uint(s)) // want CGO010
	}
}

func worker(n int) { C.usleep(C.useconds_t(n)) }

// Flood starts far more goroutines than any thread limit allows.
func Flood() {
	for i := 0; i < 50000; i++ {
		go worker(i) // want CGO010
	}
}
