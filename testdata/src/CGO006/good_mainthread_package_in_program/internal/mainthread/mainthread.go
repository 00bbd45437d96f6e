// Package mainthread pins package main to the process's first thread and runs queued
// functions there.
package mainthread

import "runtime"

var queue = make(chan func())

func init() { pin() }

func pin() { runtime.LockOSThread() }

// Run executes queued functions on the main thread until work returns.
func Run(work func()) {
	done := make(chan struct{})
	go func() {
		work()
		close(done)
	}()
	for {
		select {
		case f := <-queue:
			f()
		case <-done:
			return
		}
	}
}

// Call runs f on the main thread and waits for it.
func Call(f func()) {
	finished := make(chan struct{})
	queue <- func() {
		f()
		close(finished)
	}
	<-finished
}
