package main

import (
	"os"
	"runtime"
	"strconv"
)

func main() {
	if v, err := strconv.Atoi(os.Getenv("APP_CPUS")); err == nil {
		runtime.GOMAXPROCS(v) // want RT003
	}
	serve()
}

func serve() {}
