// Package crc checksums payloads in C.
package crc

/*
static unsigned crc(unsigned x) { return x ^ 0xEDB88320u; }
*/
import "C"

// Of returns the checksum of x.
func Of(x uint32) uint32 { return uint32(C.crc(C.unsigned(x))) }
