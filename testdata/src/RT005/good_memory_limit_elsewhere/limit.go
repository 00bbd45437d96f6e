package main

import "runtime/debug"

func configureMemory() {
	debug.SetMemoryLimit(16 << 20)
}
