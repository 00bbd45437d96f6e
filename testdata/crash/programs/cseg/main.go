package main

/*
static int deref(int *p) { return *p; }
*/
import "C"

import "fmt"

func main() {
	fmt.Println(C.deref(nil))
}
