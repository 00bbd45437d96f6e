// +build go1.18

package mixed

// Only a //go:build line sets a file version; the old +build syntax is not read for that.
func Legacy() int { return 1 }
