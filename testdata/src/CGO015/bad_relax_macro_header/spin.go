package spin

/*
#include "relax.h"

void spin_until_set(volatile int *flag);

static void set_flag(volatile int *flag) { *flag = 1; }
*/
import "C"

// WaitDemo sets a flag and spins on it (it returns at once).
func WaitDemo() {
	var flag C.int
	C.set_flag(&flag)
	C.spin_until_set(&flag)
}
