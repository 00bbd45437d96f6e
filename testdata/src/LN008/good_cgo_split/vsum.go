package vsum

// Total adds three numbers.
func Total(a, b, c int) int { return sum3(a, b, c) }
