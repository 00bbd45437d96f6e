// Command server has its handlers compiled in: no plugins.
package main

import (
	"fmt"
	"os"
)

var handlers = map[string]func() string{
	"greet": func() string { return "hello" },
}

func main() {
	name := "greet"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	if h, ok := handlers[name]; ok {
		fmt.Println(h())
	}
}
