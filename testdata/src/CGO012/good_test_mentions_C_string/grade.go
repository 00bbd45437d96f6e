package grade

func Letter(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 70:
		return "C"
	}
	return "F"
}
