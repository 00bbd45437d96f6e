// Command cube prints a cube root computed by the C math library, which is never linked.
package main

/*
double cbrt(double x); // want CGO008
*/
import "C"

import "fmt"

func main() {
	fmt.Println(float64(C.cbrt(27)))
}
