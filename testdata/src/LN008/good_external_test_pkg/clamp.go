//go:build go1.18

package clamp

func limit(v, hi int) int {
	if v > hi {
		return hi
	}
	return v
}

// To clamps v to [0, hi].
func To(v, hi int) int {
	if v < 0 {
		return 0
	}
	return limit(v, hi)
}
