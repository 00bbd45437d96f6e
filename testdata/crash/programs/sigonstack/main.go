package main

/*
#include <signal.h>
#include <string.h>

// A library that "wraps" the runtime's SIGURG handler but re-installs it
// without SA_ONSTACK.
static void drop_onstack(void) {
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigaction(SIGURG, NULL, &sa);
	sa.sa_flags &= ~SA_ONSTACK;
	sigaction(SIGURG, &sa, NULL);
}
*/
import "C"

import "time"

func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}

func main() {
	C.drop_onstack()
	for i := 0; i < 4; i++ {
		go func() {
			for {
				spin(1 << 20)
			}
		}()
	}
	time.Sleep(3 * time.Second)
}
