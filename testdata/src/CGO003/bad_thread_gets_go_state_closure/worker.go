package worker

/*
#include <pthread.h>

struct progress { long done; long total; };

static void *crunch(void *arg) {
	struct progress *p = arg;
	for (p->done = 0; p->done < p->total; p->done++) {
	}
	return NULL;
}

static int start_crunch(void *state) {
	pthread_t t;
	int rc = pthread_create(&t, NULL, crunch, state);
	if (rc == 0) pthread_detach(t);
	return rc;
}
*/
import "C"

import "unsafe"

// Progress mirrors struct progress.
type Progress struct {
	Done, Total int64
}

// Start runs the native worker in the background and returns its progress record.
func Start(total int64) *Progress {
	p := &Progress{Total: total}
	launch := func() {
		C.start_crunch(unsafe.Pointer(p)) // want CGO003
	}
	launch()
	return p
}
