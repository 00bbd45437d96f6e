//go:build !cgo

// Package digest sums bytes, in C when it can.
package digest

// Impl names the implementation in use.
const Impl = "pure-go"

// Sum returns the digest of b.
func Sum(b []byte) uint32 {
	var s uint32
	for _, c := range b {
		s = s*31 + uint32(c)
	}
	return s
}
