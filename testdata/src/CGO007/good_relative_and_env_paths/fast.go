package fast

// The library location comes from CGO_CFLAGS/CGO_LDFLAGS in the build environment.

// #cgo CFLAGS: -std=c11 -Iinclude
// #cgo LDFLAGS: -lfastmath
// #cgo windows LDFLAGS: -lws2_32
// double fm_sqrt(double);
import "C"

func Sqrt(x float64) float64 { return float64(C.fm_sqrt(C.double(x))) }
