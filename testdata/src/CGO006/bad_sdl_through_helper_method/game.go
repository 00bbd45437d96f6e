package main

/*
#cgo pkg-config: sdl2
#include <SDL2/SDL.h>
*/
import "C"

type game struct{ win *C.SDL_Window }

func (g *game) open() {
	C.SDL_Init(C.SDL_INIT_VIDEO) // want CGO006
	g.win = C.SDL_CreateWindow(nil, 0, 0, 640, 480, 0)
}

func (g *game) loop() {
	var ev C.SDL_Event
	for C.SDL_WaitEvent(&ev) != 0 {
	}
}
