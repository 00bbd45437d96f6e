// Package parse runs a C parser that reports errors through an exported Go function.
package parse

/*
#include <setjmp.h>

extern void goParseError(int pos);

static jmp_buf bail;

static void fail_at(int pos) {
	goParseError(pos);
	longjmp(bail, 1);
}

static int parse_digits(const char *s) {
	if (setjmp(bail)) return -1;
	int n = 0;
	for (int i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9') fail_at(i);
		n = n * 10 + (s[i] - '0');
	}
	return n;
}

static int parse_fixed(void) { return parse_digits("12x4"); }
*/
import "C"

var errPos = -1

//export goParseError
func goParseError(pos C.int) { errPos = int(pos) }

// Fixed parses a fixed sample and returns the value and the error position.
func Fixed() (int, int) {
	v := int(C.parse_fixed())
	return v, errPos
}
