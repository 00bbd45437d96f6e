package pool

import "runtime"

// cpus is the function itself, called each time a pool starts.
var cpus = runtime.NumCPU

var makeWorkers = func() int { return runtime.GOMAXPROCS(0) }

func Workers() int {
	if n := runtime.GOMAXPROCS(0); n > 1 {
		return n
	}
	return cpus() + makeWorkers()
}
