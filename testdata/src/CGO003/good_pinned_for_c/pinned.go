// Package pinned keeps Go memory in place while C holds it (Go 1.21+).
package pinned

/*
static double *samples;

static void set_samples(double *p) { samples = p; }

static double first_sample(void) { return samples ? samples[0] : 0; }
*/
import "C"

import "runtime"

var (
	pin  runtime.Pinner
	data = make([]C.double, 1024)
)

// Share lets C read data until Unshare is called.
func Share() {
	pin.Pin(&data[0])
	C.set_samples(&data[0])
}

// First returns what C sees first.
func First() float64 { return float64(C.first_sample()) }

// Unshare tells C to let go, then unpins.
func Unshare() {
	C.set_samples(nil)
	pin.Unpin()
}
