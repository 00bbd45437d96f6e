// Package clock reads a cheap per-CPU cycle counter where there is one.
package clock

/*
#include <stdint.h>
#include <time.h>

static uint64_t raw_cycles(void) {
#if defined(__x86_64__) || defined(__i386__)
	uint32_t lo, hi;
	__asm__ volatile("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
#elif defined(__aarch64__)
	uint64_t v;
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
#else
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}
*/
import "C"

// Cycles returns a monotonically increasing count.
func Cycles() uint64 { return uint64(C.raw_cycles()) }
