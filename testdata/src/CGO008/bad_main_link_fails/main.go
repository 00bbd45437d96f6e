// Command blend mixes two colours with a C routine nobody wrote.
package main

/*
#include <stdint.h>

uint32_t blend_colors(uint32_t a, uint32_t b, int percent); // want CGO008
*/
import "C"

import "fmt"

func main() {
	mixed := C.blend_colors(0xff0000, 0x0000ff, 50)
	fmt.Printf("%06x\n", uint32(mixed))
}
