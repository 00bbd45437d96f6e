package main

// #cgo LDFLAGS: -lglut -lGL
// #include <GL/glut.h>
import "C"

import "example.com/good_mainthread_package_in_program/internal/mainthread"

func main() {
	mainthread.Run(func() {
		mainthread.Call(func() {
			C.glutInitDisplayMode(C.GLUT_RGBA)
			C.glClearColor(0, 0, 0, 1)
		})
	})
}
