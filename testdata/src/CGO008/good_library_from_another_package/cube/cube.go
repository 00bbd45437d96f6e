// Package cube calls the C math library that package mathlink links.
package cube

// double cbrt(double x);
import "C"

// Root returns the cube root of x.
func Root(x float64) float64 { return float64(C.cbrt(C.double(x))) }
