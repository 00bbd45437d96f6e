package sched

// want-below LN003
//go:systemstack
func drain(q []func()) {
	for _, f := range q {
		f()
	}
}

// want-below LN003
//go:nowritebarrierrec
func reset(q *[]func()) { *q = (*q)[:0] }

// want-below LN003
//go:cgo_ldflag "-lpthread"

// Run runs and clears the queue.
func Run(q *[]func()) {
	drain(*q)
	reset(q)
}
