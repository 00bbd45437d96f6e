// Command sensor prints a reading from the C driver.
package main

import "fmt"

func main() {
	fmt.Println("reading:", readSensor())
}
