#include <stdlib.h>

struct ctx {
	int fd;
	void *user;
};

struct ctx *ctx_new(int fd) {
	struct ctx *c = calloc(1, sizeof *c);
	if (c) c->fd = fd;
	return c;
}

void ctx_set_user(struct ctx *c, void *user) {
	c->user = user; /* the Go pointer now lives in C memory */
}

void ctx_free(struct ctx *c) { free(c); }
