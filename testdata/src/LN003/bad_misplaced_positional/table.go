package lookup

import "strings"

// want-below LN003
//go:nosplit
var (
	upper = strings.ToUpper
	lower = strings.ToLower
)

type entry struct {
	key, val string
}

// want-below LN003
//go:norace
type table []entry
