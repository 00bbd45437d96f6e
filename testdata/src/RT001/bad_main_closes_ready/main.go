package main

import "fmt"

// ready is closed once main has parsed its flags.
var ready = make(chan struct{})

var banner string

func init() {
	<-ready // want RT001
	banner = "configured"
}

func main() {
	close(ready)
	fmt.Println(banner)
}
