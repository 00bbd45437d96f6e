// go-sdl2's sdl package calls runtime.LockOSThread in its own init, so main already runs
// on the main thread.
package main

import "github.com/veandco/go-sdl2/sdl"

func main() {
	if err := sdl.Init(sdl.INIT_VIDEO); err != nil {
		panic(err)
	}
	defer sdl.Quit()
	win, err := sdl.CreateWindow("sdl", 0, 0, 320, 200, sdl.WINDOW_SHOWN)
	if err != nil {
		panic(err)
	}
	defer win.Destroy()
}
