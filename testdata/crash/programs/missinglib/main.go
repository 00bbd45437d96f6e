package main

/*
#cgo LDFLAGS: -L${SRCDIR}/lib -lgreet
int greet(void);
*/
import "C"

func main() { println(C.greet()) }
