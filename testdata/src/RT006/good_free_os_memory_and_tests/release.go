package release

import "runtime/debug"

// Release returns freed memory to the operating system right away.
func Release() { debug.FreeOSMemory() }
