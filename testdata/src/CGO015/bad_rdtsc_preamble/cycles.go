// Package cycles reads the CPU's time-stamp counter.
package cycles

/*
static inline unsigned long long tick_count(void) {
	unsigned int lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); // want CGO015
	return ((unsigned long long)hi << 32) | lo;
}
*/
import "C"

// Ticks returns the raw counter value.
func Ticks() uint64 {
	return uint64(C.tick_count())
}
