package janitor

import (
	rt "runtime"
	"time"
)

// Run forces a collection every minute to keep the container under its limit.
func Run(stop <-chan struct{}) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			rt.GC() // want RT006
		case <-stop:
			return
		}
	}
}
