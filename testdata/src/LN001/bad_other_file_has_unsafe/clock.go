package main

import "time"

// The unsafe import in util.go does not count: the check is per file.
// want-below LN001
//go:linkname runtimeNano runtime.nanotime
func runtimeNano() int64

func elapsed(start int64) time.Duration { return time.Duration(runtimeNano() - start) }
