//go:build go1.18

package vsum

/*
static long add3(long a, long b, long c) { return a + b + c; }
*/
import "C"

func sum3(a, b, c int) int { return int(C.add3(C.long(a), C.long(b), C.long(c))) }
