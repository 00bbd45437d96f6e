// Command crccheck runs the C checksum once (a build-time self-test).
package main

import (
	"fmt"

	"example.com/api/internal/crc"
)

func main() { fmt.Println(crc.Of(1)) }
