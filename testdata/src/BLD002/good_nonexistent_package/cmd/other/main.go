package main

import (
	"example.com/m/c"
)

func main() {
	_ = c.Twice(1)
}
