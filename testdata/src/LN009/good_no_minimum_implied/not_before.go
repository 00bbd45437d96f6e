//go:build !go1.21 || purego

package either

// A negated release term never sets a minimum.
func Pure() bool { return true }
