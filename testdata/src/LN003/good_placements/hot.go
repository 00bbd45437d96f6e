//go:build linux || darwin || windows

// Package hot has small functions whose compilation is pinned down by directives.
package hot

import (
	_ "unsafe" // for go:linkname

	"sync/atomic"
)

//go:noinline

// Add is kept out of line; a blank line and a comment may separate the directive from it.
func Add(a, b int) int { return a + b }

/* A block comment in between is fine too. */
//go:nosplit
/*
   ...even over several lines.
*/
func leaf(x uint32) uint32 { return x ^ (x >> 7) }

// Max works for any ordered numeric type.
//
//go:noinline
func Max[T int | int64 | float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

// Counter counts events.
type Counter struct{ n atomic.Int64 }

//go:norace
//go:nocheckptr
func (c *Counter) Inc() { c.n.Add(1) }

func init() {
	//go:generate echo generators may sit anywhere
	_ = leaf(1)
}

// A linkname is not positional: it may name a declaration anywhere in the file.
var clockFn = now

func now() int64 { return runtimeNano() }

//go:linkname runtimeNano runtime.nanotime
func runtimeNano() int64
