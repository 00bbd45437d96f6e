#include <stdlib.h>
#include <string.h>

#define KEEP_BY_REF 1
#define KEEP_BY_COPY 2

struct cursor {
	const char *pos;
	const char *end;
};

/* The cursor lives on the caller's stack: storing into it keeps nothing after the call. */
static void cursor_init(struct cursor *c, const char *text, size_t n) {
	c->pos = text;
	c->end = text + n;
}

int count_lines(const char *text, size_t n) {
	struct cursor cur;
	int lines = 0;
	cursor_init(&cur, text, n);
	for (; cur.pos < cur.end; cur.pos++)
		if (*cur.pos == '\n') lines++;
	return lines;
}

struct doc {
	const char *body;
	char *owned;
};

/* Keeps the caller's pointer only when asked to; the Go side always asks for a copy. */
int doc_load(struct doc *d, const char *body, size_t n, int mode) {
	if (mode == KEEP_BY_REF) {
		d->body = body;
		d->owned = NULL;
		return 0;
	}
	d->owned = malloc(n);
	if (!d->owned) return -1;
	memcpy(d->owned, body, n);
	d->body = d->owned;
	return 0;
}

int doc_load_copy(struct doc *d, const char *body, size_t n) {
	return doc_load(d, body, n, KEEP_BY_COPY);
}
