// Package buildinfo leaves its stamp to the program.
package buildinfo

func stamp() string

// Stamp returns what the program pushed.
func Stamp() string { return stamp() }
