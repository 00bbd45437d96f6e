package main

import (
	"fmt"

	"example.com/bad_two_pushes/api"
	_ "example.com/bad_two_pushes/en"
	_ "example.com/bad_two_pushes/fr"
)

func main() { fmt.Println(api.Greet()) }
