package walk

// Count counts entries.
func Count(dir string) int {
	n, _ := Names(dir)
	return len(n)
}
