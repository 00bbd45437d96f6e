package ingest

import dbg "runtime/debug"

const gcOff = -1

// Tune is called once at start-up by the ingest service.
func Tune(fast bool) {
	if fast {
		dbg.SetGCPercent(gcOff) // want RT005
	}
}
