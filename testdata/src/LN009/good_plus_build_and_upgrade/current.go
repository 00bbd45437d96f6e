//go:build go1.22

package mixed

// Same version as go.mod: nothing is lowered.
func Current() int { return 2 }
