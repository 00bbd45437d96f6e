// Command capture prints the packet count.
package main

import (
	"fmt"

	"example.com/capture/internal/sniff"
)

func main() { fmt.Println(sniff.Packets()) }
