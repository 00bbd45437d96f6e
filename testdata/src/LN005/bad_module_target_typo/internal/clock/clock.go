// Package clock keeps the program's notion of time.
package clock

var offset int64

func monotonic() int64 { return offset + 1 }

// Offset returns the configured offset.
func Offset() int64 { return offset }
