// Package sampler samples a counter from a C thread; Go reads the result when it wants it.
package sampler

/*
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

static atomic_long samples;

extern void goNotify(long n);

static void *sample_loop(void *arg) {
	(void)arg;
	for (int i = 0; i < 100; i++) {
		atomic_fetch_add(&samples, 1);
		usleep(100);
	}
	return NULL;
}

static int start_sampling(void) {
	pthread_t t;
	return pthread_create(&t, NULL, sample_loop, NULL);
}

static long sample_count(void) { return atomic_load(&samples); }

// Called from Go's own goroutine, not from the sampling thread.
static void notify_now(void) { goNotify(sample_count()); }
*/
import "C"

var notified int64

//export goNotify
func goNotify(n C.long) { notified = int64(n) }

// Start starts sampling.
func Start() { C.start_sampling() }

// Count returns the samples so far.
func Count() int64 { return int64(C.sample_count()) }

// Notify reports the count through the exported callback, on the calling goroutine.
func Notify() { C.notify_now() }
