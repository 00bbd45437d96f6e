package words

import "unsafe"

type block struct {
	words [4]uint64
	count int
}

var table block

// Count steps over the 40-byte global with uintptr arithmetic.
func Count() int {
	base := uintptr(unsafe.Pointer(&table))
	p := unsafe.Pointer(base + 5*8) // want CGO011
	return *(*int)(p)
}

// Word reaches through a named offset that is one element too far.
const wordAfterCount = unsafe.Offsetof(block{}.count) + unsafe.Sizeof(block{}.count)

func Word() uint64 {
	var b block
	return *(*uint64)(unsafe.Pointer(uintptr(unsafe.Pointer(&b.words[0])) + wordAfterCount)) // want CGO011
}
