package metrics

var hits int

func record() int {
	hits++
	return hits
}
