#include <stdlib.h>
#include "reg.h"

static char *current;

/* Takes the string over: the previous one is released here. */
void reg_adopt(char *name) {
	free(current);
	current = name;
}
