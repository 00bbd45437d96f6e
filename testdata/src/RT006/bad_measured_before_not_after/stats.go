package stats

import (
	"log"
	"runtime"
)

type Tracker struct{ last uint64 }

func (t *Tracker) Trim() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > 1<<30 {
		log.Printf("heap at %d bytes, collecting", ms.HeapAlloc)
		runtime.GC() // want RT006
	}
	t.last = ms.HeapAlloc
}
