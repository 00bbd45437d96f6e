//go:build go1.17

package batch

const maxBatch = 64

// Split cuts items into batches of at most maxBatch.
func Split(items []int) [][]int {
	var out [][]int
	for len(items) > maxBatch {
		out = append(out, items[:maxBatch])
		items = items[maxBatch:]
	}
	return append(out, items)
}
