//go:build go1.19

package hashmix

import "math/bits"

var (
	seedA uint64 = 0x94d049bb133111eb // want LN008
)

// mix was rewritten for Go 1.19, but the go1.18 file was never given an upper bound.
func mix(a, b uint64) uint64 { // want LN008
	return bits.RotateLeft64(a^seedA, 31) * b
}

// Sum is the package API.
func Sum(words []uint64) uint64 {
	var h uint64
	for _, w := range words {
		h = mix(h, w)
	}
	return h
}
