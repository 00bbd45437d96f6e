// Command agent resolves its collector and reads a C counter.
package main

import (
	"fmt"
	"net"

	"example.com/agent/internal/probe"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	fmt.Println(len(addrs) > 0, err, probe.Ticks())
}
