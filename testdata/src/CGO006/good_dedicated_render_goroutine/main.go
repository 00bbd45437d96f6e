package main

/*
#cgo LDFLAGS: -lEGL -lGLESv2
#include <EGL/egl.h>
#include <GLES2/gl2.h>
*/
import "C"

import (
	"fmt"
	"runtime"
)

// renderer owns one OS thread: it locks first, creates the context, and then runs every
// GL call it is handed.
func renderer(jobs <-chan func(), ready chan<- bool) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	display := C.eglGetDisplay(nil)
	ready <- C.eglInitialize(display, nil, nil) != 0
	for job := range jobs {
		job()
	}
}

func main() {
	jobs := make(chan func())
	ready := make(chan bool)
	go renderer(jobs, ready)
	fmt.Println("context ready:", <-ready)
	done := make(chan struct{})
	jobs <- func() {
		C.glClearColor(1, 0, 0, 1)
		C.glClear(C.GL_COLOR_BUFFER_BIT)
		close(done)
	}
	<-done
	close(jobs)
}
