package main

import (
	"log"
	"os"
	"plugin"
)

func main() {
	p, err := plugin.Open(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	sym, err := p.Lookup("Greet")
	if err != nil {
		log.Fatal(err)
	}
	sym.(func())()
}
