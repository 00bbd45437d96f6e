package tsc

/*
#ifdef __x86_64__
#include "x86_tsc.h"
#else
static inline unsigned long long read_tsc(void) { return 0; }
#endif
*/
import "C"

// Read returns the serialized time-stamp counter, or 0 where there is none.
func Read() uint64 { return uint64(C.read_tsc()) }
