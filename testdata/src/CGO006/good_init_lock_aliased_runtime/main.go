package main

/*
#cgo LDFLAGS: -lglfw -lGL
#include <GLFW/glfw3.h>
*/
import "C"

import rt "runtime"

func init() {
	// GLFW windows and the GL context stay on the main thread.
	rt.LockOSThread()
}

func main() {
	C.glfwInit()
	defer C.glfwTerminate()
	win := C.glfwCreateWindow(640, 480, nil, nil, nil)
	C.glfwMakeContextCurrent(win)
	for C.glfwWindowShouldClose(win) == 0 {
		C.glClear(C.GL_COLOR_BUFFER_BIT)
		C.glfwSwapBuffers(win)
		C.glfwPollEvents()
	}
}
