// Command host loads the greeter plugin.
package main

import (
	"fmt"
	"os"
	"plugin"
)

func main() {
	p, err := plugin.Open("greeter.so")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	sym, err := p.Lookup("Greet")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println(sym.(func() string)())
}
