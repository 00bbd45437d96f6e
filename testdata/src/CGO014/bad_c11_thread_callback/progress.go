package progress

/*
#include <threads.h>

extern void reportProgress(int percent);

static int work(void *arg) {
	(void)arg;
	for (int p = 0; p <= 100; p += 25) reportProgress(p);
	return 0;
}

static int run_job(void) {
	thrd_t t;
	int res;
	if (thrd_create(&t, work, NULL) != thrd_success) return -1; // want CGO014
	thrd_join(t, &res);
	return res;
}
*/
import "C"

import "sync/atomic"

var last int32

//export reportProgress
func reportProgress(percent C.int) { atomic.StoreInt32(&last, int32(percent)) }

// Run runs the native job and returns the last progress it reported.
func Run() int {
	C.run_job()
	return int(atomic.LoadInt32(&last))
}
