// Command greeter resolves a name and greets the current user.
package main

import (
	"fmt"
	"net"
	"os/user"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	u, uerr := user.Current()
	name := "?"
	if uerr == nil {
		name = u.Username
	}
	fmt.Println(len(addrs) > 0, err, name)
}
