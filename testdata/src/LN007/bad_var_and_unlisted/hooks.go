package hooks

import "unsafe"

// A variable linknamed into the runtime: its meaning is private to
// the release.
// want-below LN007
//go:linkname writeHook runtime.overrideWrite
var writeHook func(fd uintptr, p unsafe.Pointer, n int32) int32

// gotrap's table does not know systemstack, but the name alone says it
// is a runtime scheduler internal.
// want-below LN007
//go:linkname onSystemStack runtime.systemstack
func onSystemStack(fn func())

// Install redirects the runtime's writes.
func Install(f func(fd uintptr, p unsafe.Pointer, n int32) int32) { writeHook = f }

// Run runs fn on the system stack.
func Run(fn func()) { onSystemStack(fn) }
