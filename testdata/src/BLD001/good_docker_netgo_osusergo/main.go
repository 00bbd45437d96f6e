// Command whoami looks a user up by name (NSS: getpwnam_r) and calls a little C of its own.
package main

/*
static int answer(void) { return 42; }
*/
import "C"

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
	fmt.Println(u, err, int(C.answer()))
}
