package main

import (
	"errors"
	"fmt"
	"time"
)

type cache struct{ entries map[string]string }

var errCorrupt = errors.New("cache: corrupt entry")

// refresh defers recover() itself, which does not stop a panic: recover only works when a
// deferred function calls it.
func (c *cache) refresh() {
	defer recover()
	for k, v := range c.entries {
		if v == "" {
			panic(fmt.Errorf("%w: %s", errCorrupt, k))
		}
	}
}

func main() {
	c := &cache{entries: map[string]string{"a": ""}}
	go c.refresh() // want RT004
	time.Sleep(200 * time.Millisecond)
	fmt.Println("survived")
}
