package main

import (
	"log"

	"github.com/go-gl/glfw/v3.3/glfw" // want CGO006
)

func main() {
	if err := glfw.Init(); err != nil {
		log.Fatal(err)
	}
	defer glfw.Terminate()
	win, err := glfw.CreateWindow(640, 480, "binding", nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	win.MakeContextCurrent()
	for !win.ShouldClose() {
		win.SwapBuffers()
		glfw.PollEvents()
	}
}
