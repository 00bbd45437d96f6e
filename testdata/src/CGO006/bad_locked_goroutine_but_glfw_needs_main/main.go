package main

/*
#cgo LDFLAGS: -lglfw
#include <GLFW/glfw3.h>
*/
import "C"

import "runtime"

// ui locks its own thread, but GLFW's window and event functions need the process's
// main thread, which only an init-time lock gives to main.
func ui(done chan<- struct{}) {
	runtime.LockOSThread()
	C.glfwInit() // want CGO006
	win := C.glfwCreateWindow(320, 240, nil, nil, nil)
	for C.glfwWindowShouldClose(win) == 0 {
		C.glfwWaitEvents()
	}
	close(done)
}

func main() {
	done := make(chan struct{})
	go ui(done)
	<-done
}
