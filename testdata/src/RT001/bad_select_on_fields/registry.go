package main

import (
	"errors"
	"fmt"
)

type registry struct {
	ready  chan struct{}
	failed chan error
}

var defaultRegistry = &registry{ready: make(chan struct{}), failed: make(chan error)}

func (r *registry) waitReady() error {
	select { // want RT001
	case <-r.ready:
		return nil
	case err := <-r.failed:
		return err
	}
}

func init() {
	if err := defaultRegistry.waitReady(); err != nil {
		panic(err)
	}
}

func main() {
	defaultRegistry.failed <- errors.New("never")
	fmt.Println("started")
}
