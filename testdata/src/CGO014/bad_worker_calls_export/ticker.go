// Package ticker gets ticks from a native thread.
package ticker

/*
#include <pthread.h>
#include <unistd.h>

extern void goTick(int n);

static void *tick_loop(void *arg) {
	int count = *(int *)arg;
	for (int i = 0; i < count; i++) {
		usleep(1000);
		goTick(i);
	}
	return NULL;
}

static int tick_count = 5;

static int start_ticking(void) {
	pthread_t t;
	return pthread_create(&t, NULL, tick_loop, &tick_count); // want CGO014
}
*/
import "C"

var ticks = make(chan int, 8)

//export goTick
func goTick(n C.int) { ticks <- int(n) }

// Start begins ticking and returns the channel that receives the ticks.
func Start() <-chan int {
	C.start_ticking()
	return ticks
}
