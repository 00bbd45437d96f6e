package crawler

import "runtime"

var fetchers int

// Configure is called by main, after any GOMAXPROCS adjustment; each call reads the value anew.
func Configure() {
	fetchers = runtime.GOMAXPROCS(0) * 4
}

func Slots() int { return fetchers }
