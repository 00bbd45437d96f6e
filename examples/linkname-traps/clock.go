// Package ticker measures intervals with the runtime's monotonic clock.
package ticker

import "time"

// The directive works only in files that import "unsafe" (LN001).
//
//go:linkname monoNow runtime.nanotime
func monoNow() int64

// Elapsed reports the time since start, a value returned by Start.
func Elapsed(start int64) time.Duration { return time.Duration(monoNow() - start) }
