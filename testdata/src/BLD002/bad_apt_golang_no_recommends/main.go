// Command resize shrinks images through libvips.
package main

/*
#cgo pkg-config: vips
#include <vips/vips.h>
*/
import "C"

import "fmt"

func main() {
	fmt.Println(C.vips_version(0))
}
