//go:build go1.24 || purego

package checksum

// Add sums bytes.
func Add(b []byte) (s uint32) {
	for _, c := range b {
		s += uint32(c)
	}
	return s
}
