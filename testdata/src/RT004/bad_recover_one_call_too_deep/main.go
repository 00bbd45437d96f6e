package main

import (
	"fmt"
	"time"
)

type poller struct{ name string }

// report calls recover, but it is not the deferred function itself, so recover returns nil.
func report() {
	if r := recover(); r != nil {
		fmt.Println("recovered", r)
	}
}

func (p *poller) loop() {
	defer func() {
		report()
	}()
	panic(p.name + ": poll loop stopped")
}

func main() {
	p := &poller{name: "inbox"}
	go p.loop() // want RT004
	time.Sleep(200 * time.Millisecond)
	fmt.Println("survived")
}
