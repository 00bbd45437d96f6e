package main

// #cgo LDFLAGS: -lEGL -lGLESv2
// #include <EGL/egl.h>
// #include <GLES2/gl2.h>
import "C"

import (
	"net/http"
	"runtime"
)

func serveMetrics() { _ = http.ListenAndServe("localhost:9100", nil) }

func main() {
	go serveMetrics()
	// Too late: another goroutine is already running, and main may have moved.
	runtime.LockOSThread()
	display := C.eglGetDisplay(nil) // want CGO006
	C.eglInitialize(display, nil, nil)
	C.glClear(C.GL_COLOR_BUFFER_BIT)
}
