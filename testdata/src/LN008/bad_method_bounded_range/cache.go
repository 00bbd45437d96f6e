package lru

// Cache keeps the most recent keys.
type Cache struct {
	keys []string
}

func (c *Cache) Add(k string) { c.keys = append(c.keys, k) }
