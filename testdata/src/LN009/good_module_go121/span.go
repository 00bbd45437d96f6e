//go:build go1.18

package span

// Widest returns the larger width; the module is at go 1.21, which is also the floor a
// go1.18 tag gets, so nothing changes for this file.
func Widest(a, b int) int { return max(a, b) }
