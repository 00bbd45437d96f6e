// Command reader prints the serial line speed.
package main

import (
	"fmt"

	"example.com/reader/internal/serial"
)

func main() { fmt.Println(serial.Baud()) }
