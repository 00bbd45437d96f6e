package crc

func Sum(p []byte) uint32 {
	var s uint32
	for _, b := range p {
		s = s*31 + uint32(b)
	}
	return s
}
