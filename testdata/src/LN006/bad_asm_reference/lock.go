// Command spin calls into the runtime from assembly.
package main

// lockRuntime is implemented in lock_amd64.s.
func lockRuntime(l uintptr)

// Lock takes a runtime lock.
func Lock(l uintptr) { lockRuntime(l) }

func main() {
	var l uintptr
	if l != 0 {
		Lock(l)
	}
}
