package main

import (
	"fmt"

	"example.com/bad_push_semacquire_lib/waiter"
)

func main() {
	fmt.Println(waiter.Calls())
}
