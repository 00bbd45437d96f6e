// Package extras links the math library; the report command does not import it.
package extras

// #cgo LDFLAGS: -lm
// #include <math.h>
import "C"

// Hypot returns sqrt(x*x+y*y).
func Hypot(x, y float64) float64 { return float64(C.hypot(C.double(x), C.double(y))) }
