package hooks

import _ "unsafe"

// A variable of another std package: read-only here, still private to
// the release that declares it.
// want-below LN007
//go:linkname processStart time.startNano
var processStart int64

// Start reports the monotonic reading taken when package time started.
func Start() int64 { return processStart }
