//go:build go1.18 && !go1.22

package shim

// Only toolchains older than go.mod allows would build this file, so its go1.18 never applies.
func Clear(m map[string]int) {
	for k := range m {
		delete(m, k)
	}
}
