package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(runtime.NumCPU()) // want RT003
	fmt.Println("procs:", runtime.GOMAXPROCS(0))
}
