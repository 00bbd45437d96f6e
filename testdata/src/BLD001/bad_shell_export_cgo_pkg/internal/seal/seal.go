// Package seal mixes a key in C.
package seal

/*
static unsigned mix(unsigned k) { return k * 2654435761u; }
*/
import "C"

// Mix scrambles k.
func Mix(k uint32) uint32 { return uint32(C.mix(C.unsigned(k))) }
