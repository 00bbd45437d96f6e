package sched

import "unsafe"

type (
	waitReason       uint8
	traceBlockReason uint8
)

// Go 1.24 still accepts this pull (gopark carries a marker), but it
// remains a scheduler internal.
// want-below LN007
//go:linkname park runtime.gopark
func park(unlock func(gp, lock unsafe.Pointer) bool, lock unsafe.Pointer, reason waitReason, trace traceBlockReason, skip int)

// want-below LN007
//go:linkname ready runtime.goready
func ready(gp unsafe.Pointer, skip int)

// Sleep parks the calling goroutine until Wake.
func Sleep(lock unsafe.Pointer) { park(nil, lock, 0, 0, 1) }

// Wake readies a parked goroutine.
func Wake(gp unsafe.Pointer) { ready(gp, 1) }
