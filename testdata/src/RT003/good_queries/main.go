package main

import (
	"fmt"
	"runtime"
)

const query = 0

func main() {
	fmt.Println(runtime.GOMAXPROCS(0), runtime.GOMAXPROCS(query), runtime.GOMAXPROCS(-1))
}
