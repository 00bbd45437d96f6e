// Command thumbs scales an image size with a C helper.
package main

import "fmt"

func main() {
	fmt.Println(scale(640, 2))
}
