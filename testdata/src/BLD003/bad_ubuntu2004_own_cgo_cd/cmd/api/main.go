// Command api prints a checksum.
package main

import (
	"fmt"

	"example.com/api/internal/crc"
)

func main() { fmt.Println(crc.Of(1)) }
