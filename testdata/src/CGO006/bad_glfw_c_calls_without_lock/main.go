package main

/*
#cgo LDFLAGS: -lglfw -lGL
#include <stdlib.h>
#include <GLFW/glfw3.h>
*/
import "C"

import "unsafe"

func drawFrame() {
	C.glClearColor(0.2, 0.3, 0.3, 1)
	C.glClear(C.GL_COLOR_BUFFER_BIT)
}

func main() {
	if C.glfwInit() == 0 { // want CGO006
		panic("glfw init failed")
	}
	defer C.glfwTerminate()
	title := C.CString("viewer")
	defer C.free(unsafe.Pointer(title))
	win := C.glfwCreateWindow(800, 600, title, nil, nil)
	C.glfwMakeContextCurrent(win)
	for C.glfwWindowShouldClose(win) == 0 {
		drawFrame()
		C.glfwSwapBuffers(win)
		C.glfwPollEvents()
	}
}
