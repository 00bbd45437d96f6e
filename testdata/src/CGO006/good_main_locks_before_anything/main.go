package main

import (
	"flag"
	"runtime"

	"github.com/go-gl/gl/v4.1-core/gl"
	"github.com/go-gl/glfw/v3.3/glfw"
)

var width = flag.Int("width", 800, "window width")

func setup() *glfw.Window {
	runtime.LockOSThread()
	if err := glfw.Init(); err != nil {
		panic(err)
	}
	win, err := glfw.CreateWindow(*width, 600, "locked", nil, nil)
	if err != nil {
		panic(err)
	}
	win.MakeContextCurrent()
	if err := gl.Init(); err != nil {
		panic(err)
	}
	return win
}

func main() {
	flag.Parse()
	win := setup()
	for !win.ShouldClose() {
		gl.Clear(gl.COLOR_BUFFER_BIT)
		win.SwapBuffers()
		glfw.PollEvents()
	}
}
