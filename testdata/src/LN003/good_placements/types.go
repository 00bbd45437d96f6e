package hot

import _ "unsafe" // for go:linkname

type (
	// node lives off the Go heap in the runtime; user code may mark types the same way before Go 1.20.
	//go:notinheap
	node struct{ next *node }

	ring []node
)

func ringLen(r ring) int { return len(r) }

//go:linkname Elapsed
func Elapsed(since int64) int64 { return clockFn() - since }
