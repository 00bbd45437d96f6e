package codec

/*
// want-below CGO007
#cgo CFLAGS: -O2 -I/home/dev/build/libsnappy/include
#include <snappy-c.h>
*/
import "C"

func MaxLen(n int) int { return int(C.snappy_max_compressed_length(C.size_t(n))) }
