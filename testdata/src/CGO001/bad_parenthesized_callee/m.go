package m

// #include <stdlib.h>
// static long epoch(const char *k) { (void)k; return 0; }
import "C"

// Epoch reads a counter.
func Epoch() int64 { return int64(C.epoch((C.CString)("epoch"))) } // want CGO001
