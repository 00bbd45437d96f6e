package main

import "runtime"

func main() {
	g := &game{}
	g.open()
	// Locking after the first SDL call does not move the calls made so far.
	runtime.LockOSThread()
	g.loop()
}
