package main

import (
	"fmt"
	"os/user"
)

func main() {
	u, err := user.Lookup("no-such-user-gotrap")
	fmt.Println(u, err)
}
