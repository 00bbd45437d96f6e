// A program with its own C code that also looks up a user and a host name: linked with
// `-extldflags -static` against glibc it is the static-glibc NSS trap (BLD001/BIN001).
package main

/*
#include <stdlib.h>

static int add(int a, int b) { return a + b; }
*/
import "C"

import (
	"fmt"
	"net"
	"os/user"
)

func main() {
	fmt.Println(C.add(1, 2))
	u, err := user.Lookup("root")
	if err == nil {
		fmt.Println(u.HomeDir)
	}
	addrs, err := net.LookupHost("localhost")
	fmt.Println(addrs, err)
}
