#include <pthread.h>
#include <stdlib.h>
#include "_cgo_export.h"

struct source {
	int id;
	int events;
};

static void deliver(struct source *s, int n) {
	goEvent(s->id, n);
}

static void *pump(void *arg) {
	struct source *s = arg;
	for (int i = 0; i < s->events; i++) deliver(s, i);
	free(s);
	return NULL;
}

int events_start(int id, int events) {
	pthread_t t;
	struct source *s = malloc(sizeof *s);
	if (!s) return -1;
	s->id = id;
	s->events = events;
	if (pthread_create(&t, NULL, pump, s) != 0) { /* want CGO014 */
		free(s);
		return -1;
	}
	return pthread_detach(t);
}
