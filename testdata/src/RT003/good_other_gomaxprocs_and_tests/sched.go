package sched

type Config struct{ GOMAXPROCS int }

// GOMAXPROCS of a remote worker: a field and a method, not the runtime call.
func (c Config) Apply(w interface{ GOMAXPROCS(int) }) { w.GOMAXPROCS(c.GOMAXPROCS) }
