package hash

/*
#include <stdint.h>
static uint64_t mix(uint64_t x) { return x * 0x9E3779B97F4A7C15ULL; }
*/
import "C"

import (
	"golang.org/x/sync/errgroup"
)

func HashAll(in []uint64) ([]uint64, error) {
	out := make([]uint64, len(in))
	var g errgroup.Group
	g.SetLimit(8)
	for i, v := range in {
		i, v := i, v
		g.Go(func() error {
			out[i] = uint64(C.mix(C.uint64_t(v)))
			return nil
		})
	}
	return out, g.Wait()
}

// OneAtATime waits for each goroutine before starting the next.
func OneAtATime(in []uint64) {
	for _, v := range in {
		done := make(chan struct{})
		go func(v uint64) {
			C.mix(C.uint64_t(v))
			close(done)
		}(v)
		<-done
	}
}
