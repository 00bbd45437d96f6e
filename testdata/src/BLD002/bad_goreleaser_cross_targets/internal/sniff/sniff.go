// Package sniff counts packets through a C helper.
package sniff

/*
static int packets(void) { return 3; }
*/
import "C"

// Packets returns the packet count.
func Packets() int { return int(C.packets()) }
