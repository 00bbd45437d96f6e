// want-below LN009
//go:build go1.21 && !go1.24 && !purego

package checksum

// Add sums bytes; the upper bound does not lower the file, the go1.21 lower bound does.
func Add(b []byte) (s uint32) {
	for _, c := range b {
		s += uint32(c)
	}
	return s
}
