// Package serial talks to the port through C.
package serial

/*
static int baud(void) { return 115200; }
*/
import "C"

// Baud returns the line speed.
func Baud() int { return int(C.baud()) }
