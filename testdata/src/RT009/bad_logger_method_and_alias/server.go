package main

import (
	"context"
	stdlog "log"
	"net/http"
	"os"
	"runtime/pprof"
	"syscall"
	"time"
)

type app struct {
	logger *stdlog.Logger
	srv    *http.Server
}

func (a *app) serve() {
	defer a.srv.Shutdown(context.Background())
	if err := a.srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		a.logger.Fatalf("serve: %v", err) // want RT009
	}
}

func profile(path string) {
	f, err := os.Create(path)
	if err != nil {
		stdlog.Fatal(err)
	}
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	logger := stdlog.New(os.Stderr, "profile: ", 0)
	time.Sleep(10 * time.Millisecond)
	logger.Fatalln("giving up") // want RT009
}

func restart(tmp string) {
	defer os.Remove(tmp)
	syscall.Exec("/proc/self/exe", os.Args, os.Environ()) // want RT009
}

func main() {
	a := &app{logger: stdlog.Default(), srv: &http.Server{Addr: ":0"}}
	go a.serve()
	profile(os.DevNull)
	restart("/tmp/x")
}
