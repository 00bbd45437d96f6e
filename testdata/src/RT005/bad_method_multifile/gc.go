package loader

import "runtime/debug"

func (l *Loader) prepare() {
	// Loading allocates a lot; skip collections.
	debug.SetGCPercent(-100) // want RT005
}
