#include "relax.h"

void spin_until_set(volatile int *flag) {
	while (!*flag) {
		CPU_RELAX();
	}
}
