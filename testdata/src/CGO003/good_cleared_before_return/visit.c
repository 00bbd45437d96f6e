#include <stddef.h>

struct item { int key; int value; };

static struct item *current;

static int weigh(void) { return current->key * 31 + current->value; }

int visit_all(struct item *items, size_t n) {
	int total = 0;
	for (size_t i = 0; i < n; i++) {
		current = &items[i];
		total += weigh();
	}
	current = NULL;
	return total;
}
