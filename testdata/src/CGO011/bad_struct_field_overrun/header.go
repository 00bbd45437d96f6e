package header

import (
	"encoding/binary"
	u "unsafe"
)

type header struct {
	magic uint32
	flags uint16
	kind  uint8
	// padding to 8
	length uint64
	tag    [6]byte
	// padding to 24
}

// Tail reads past the struct: the tag array field is bounded by the whole header (24 bytes).
func Tail() uint64 {
	var h header
	h.length = 3
	p := u.Add(u.Pointer(&h.tag[0]), 8) // want CGO011
	return binary.LittleEndian.Uint64((*[8]byte)(p)[:])
}

// Inside reads the length through the flags field: still within h, so fine.
func Inside() uint64 {
	var h header
	return *(*uint64)(u.Add(u.Pointer(&h.flags), 6))
}

type pair struct {
	a, b int32
}

// Next treats a single struct value as if an array of them followed it.
func Next(v pair) int32 {
	second := u.Add(u.Pointer(&v), u.Sizeof(v)) // want CGO011
	return *(*int32)(second)
}
