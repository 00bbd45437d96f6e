package ids

// Next returns n+1.
func Next(n int) int { return n + 1 }
