package hooks

import "unsafe"

// A variable linknamed into the runtime, with an initializer: the
// initializer runs at start-up and overwrites the runtime's own variable.
// want-below LN007
//go:linkname writeHook runtime.overrideWrite
var writeHook = func(fd uintptr, p unsafe.Pointer, n int32) int32 { return n }

// gotrap's table does not know systemstack, but the name alone says it
// is a runtime scheduler internal.
// want-below LN007
//go:linkname onSystemStack runtime.systemstack
func onSystemStack(fn func())

// Run runs fn on the system stack.
func Run(fn func()) { onSystemStack(fn) }

// Enabled reports whether the hook is installed.
func Enabled() bool { return writeHook != nil }
