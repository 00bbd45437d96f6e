package hash

/*
#include <stdint.h>
static uint64_t slow_hash(uint64_t x) {
	for (int i = 0; i < 1000000; i++) x = x * 6364136223846793005ULL + 1;
	return x;
}
*/
import "C"

import (
	eg "golang.org/x/sync/errgroup"
)

func HashAll(in []uint64) ([]uint64, error) {
	out := make([]uint64, len(in))
	var g eg.Group
	for i, v := range in {
		i, v := i, v
		g.Go(func() error { // want CGO010
			out[i] = uint64(C.slow_hash(C.uint64_t(v)))
			return nil
		})
	}
	return out, g.Wait()
}
