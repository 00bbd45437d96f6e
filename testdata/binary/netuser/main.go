// Uses the resolver and os/user: with cgo on (and no netgo/osusergo tags) Go links its own cgo
// wrappers around getaddrinfo and getpwnam_r, so the binary needs libc at run time.
package main

import (
	"fmt"
	"net"
	"os/user"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	fmt.Println(addrs, err)
	u, err := user.Lookup("root")
	if err == nil {
		fmt.Println(u.Uid, u.HomeDir)
	}
}
