package c

/*
#include <stdlib.h>
static int twice(int x) { return 2 * x; }
*/
import "C"

func Twice(x int) int { return int(C.twice(C.int(x))) }
