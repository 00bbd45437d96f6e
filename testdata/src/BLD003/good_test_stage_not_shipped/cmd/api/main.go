// Command api prints a greeting; the C checksum is only exercised by the test stage's tool.
package main

import "fmt"

func main() { fmt.Println("api") }
