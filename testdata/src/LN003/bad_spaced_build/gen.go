// want-below LN003
// go:build ignore

// This program writes greeting.go; it is meant to run only through go generate.
package main

import "os"

func main() {
	os.WriteFile("greeting.go", []byte("package main\n\nconst greeting = \"hello\"\n"), 0o644)
}
