package ring

// Buffer is a fixed-size ring of bytes.
type Buffer struct {
	data []byte
	head int
}

// Put stores c, overwriting the oldest byte.
//
// want-below LN003
//go:noescape
func (b *Buffer) Put(c byte) {
	b.data[b.head] = c
	b.head = (b.head + 1) % len(b.data)
}

// sum is implemented in assembly elsewhere on some ports; here it is Go.
//
// want-below LN003
//go:noescape
//go:nosplit
func sum(p *[16]byte) (s int) {
	for _, v := range p {
		s += int(v)
	}
	return s
}
