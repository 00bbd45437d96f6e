// Command blend mixes two colours.
package main

/*
#include <stdint.h>

uint32_t blend_colors(uint32_t a, uint32_t b, int percent);
*/
import "C"

import "fmt"

func main() {
	fmt.Printf("%06x\n", uint32(C.blend_colors(0xff0000, 0x0000ff, 50)))
}
