package main

import (
	"fmt"

	_ "example.com/bad_push_time_now"
)

func main() { fmt.Println("linked") }
