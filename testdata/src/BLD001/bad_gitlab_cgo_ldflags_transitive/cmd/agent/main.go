// Command agent reports to a collector found by name.
package main

import (
	"fmt"
	"net"

	"example.com/agent/internal/probe"
)

func main() {
	addrs, err := net.LookupHost("collector.internal")
	fmt.Println(addrs, err, probe.Ticks())
}
