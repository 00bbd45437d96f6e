package random

/*
// A thread-local generator under the name rand: this package's own function, not libc's.
static __thread unsigned int state = 2463534242u;

static int rand(void) {
	state ^= state << 13;
	state ^= state >> 17;
	state ^= state << 5;
	return (int)(state & 0x7fffffff);
}
*/
import "C"

func Next() int { return int(C.rand()) }
