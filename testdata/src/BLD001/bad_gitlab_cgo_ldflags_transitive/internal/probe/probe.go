// Package probe reads a counter through C.
package probe

/*
static long ticks(void) { return 7; }
*/
import "C"

// Ticks returns the C counter.
func Ticks() int64 { return int64(C.ticks()) }
