//go:build go1.19 && (linux || darwin)

package lru

// Trim keeps the first n keys; meant for new releases, but the compat file still builds on 1.19 and 1.20.
func (c *Cache) Trim(n int) { // want LN008
	c.keys = append([]string(nil), c.keys[:min(n, len(c.keys))]...)
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
