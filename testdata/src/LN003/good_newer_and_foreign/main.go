//go:debug panicnil=1
//go:debug httpmuxgo121=0

package main

import (
	"embed"
	"fmt"
)

//go:embed assets/banner.txt
var banner string

// The generator directive may stand on its own, anywhere.
//go:generate go run golang.org/x/tools/cmd/stringer -type=level

//go:embed assets
var files embed.FS

type level int

// Deprecated: use limit.
//
//go:fix inline
const maxLevel = limit

const limit level = 3

func main() {
	entries, _ := files.ReadDir("assets")
	fmt.Print(banner, len(entries), maxLevel)
}
