// Package waiters wakes C-side waiters; its `signal` is a condition-variable helper, not the libc call.
package waiters

/*
#include <pthread.h>

struct waiter {
	pthread_mutex_t mu;
	pthread_cond_t cond;
	int ready;
};

static struct waiter shared = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 };

static void signal(struct waiter *w) {
	pthread_mutex_lock(&w->mu);
	w->ready = 1;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->mu);
}

static void wake_all(void) { signal(&shared); }
*/
import "C"

// Wake releases whoever waits in C.
func Wake() { C.wake_all() }
