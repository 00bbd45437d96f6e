// Command whoami looks a user up by name. No C code of its own: Go links it internally.
package main

import (
	"fmt"
	"os"
	"os/user"
)

func main() {
	name := "nosuchuser"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	u, err := user.Lookup(name)
	fmt.Println(u, err)
}
