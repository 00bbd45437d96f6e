package main

import (
	"fmt"
	"time"
)

var warm = make(chan struct{})

func markWarm() { close(warm) }

func init() {
	time.AfterFunc(5*time.Millisecond, markWarm)
	<-warm
}

func main() { fmt.Println("warm") }
