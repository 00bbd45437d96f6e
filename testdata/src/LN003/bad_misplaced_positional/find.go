package lookup

// Find returns the value stored under key.
func (t table) Find(key string) (string, bool) {
	k := lower(key)
	// want-below LN003
	//go:noinline
	for _, e := range t {
		if e.key == k {
			return upper(e.val), true
		}
	}
	return "", false
}

// want-below LN003
//go:noinline
