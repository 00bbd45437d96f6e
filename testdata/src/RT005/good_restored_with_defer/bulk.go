package bulk

import "runtime/debug"

func Import(rows [][]string) int {
	old := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(old)
	return len(rows)
}

func Replay(rows [][]string) int {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	return len(rows)
}
