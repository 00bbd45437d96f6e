package ring

import "unsafe"

const slots = 8

type Ring struct {
	head int
}

// End forms a pointer one past the last sample to compare against.
func (r *Ring) End() bool {
	var samples [slots]int32
	start := unsafe.Pointer(&samples[0])
	end := unsafe.Add(start, slots*unsafe.Sizeof(samples[0])) // want CGO011
	cur := unsafe.Add(start, 4*r.head)
	return cur == end
}

// Peek reads the element after the last one.
func Peek() int64 {
	var vals [4]int64
	return *(*int64)(unsafe.Add(unsafe.Pointer(&vals[3]), 8)) // want CGO011
}

// Back steps in front of the array.
func Back() byte {
	var b [16]byte
	return *(*byte)(unsafe.Add(unsafe.Pointer(&b[1]), -2)) // want CGO011
}
