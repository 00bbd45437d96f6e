package main

import (
	"flag"
	"log"
	sched "runtime"
)

var procs = flag.Int("procs", 4, "number of Ps")

func main() {
	flag.Parse()
	prev := sched.GOMAXPROCS(*procs) // want RT003
	log.Printf("GOMAXPROCS %d -> %d", prev, *procs)
}
