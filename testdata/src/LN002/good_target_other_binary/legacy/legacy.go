// Package legacy is not imported by the tool below.
package legacy

func checksum(b []byte) uint32 {
	var s uint32
	for _, c := range b {
		s = s*31 + uint32(c)
	}
	return s
}

// Sum exposes checksum.
func Sum(b []byte) uint32 { return checksum(b) }
