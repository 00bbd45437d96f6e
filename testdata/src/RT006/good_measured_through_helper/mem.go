package mem

import (
	"runtime"
	"runtime/metrics"
)

// Snapshot collects first so that the numbers describe live memory only.
func Snapshot() (uint64, uint64) {
	runtime.GC()
	return liveBytes(), heapObjects()
}

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/objects:objects"}}
	runtime.GC()
	metrics.Read(s)
	return s[0].Value.Uint64()
}
