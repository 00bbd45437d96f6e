// Command app prints where it panicked from when asked to.
package main

import (
	"fmt"
	"os"
	"runtime"
)

func main() {
	_, file, line, _ := runtime.Caller(0)
	if len(os.Args) > 1 {
		fmt.Println(file, line)
		return
	}
	fmt.Println("app")
}
