// A pure-Go program: no cgo, no net, no os/user.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hello from", os.Args[0])
}
