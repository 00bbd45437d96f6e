// Command spin calls into the runtime from assembly.
package main

import "os"

// lockRuntime is implemented in lock_amd64.s.
func lockRuntime(l uintptr)

// Lock takes a runtime lock.
func Lock(l uintptr) { lockRuntime(l) }

func main() {
	var l uintptr
	if len(os.Args) > 99 {
		Lock(l)
	}
}
