//go:build !go1.21

package lru

// Trim keeps the first n keys (old releases).
func (c *Cache) Trim(n int) {
	if n < len(c.keys) {
		c.keys = c.keys[:n]
	}
}
