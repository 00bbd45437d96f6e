package spin

import "sync/atomic"

// Until spins until f is set.
func Until(f *int32) {
	for atomic.LoadInt32(f) == 0 {
		relax()
	}
}
